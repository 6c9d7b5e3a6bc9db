/**
Layer rules of source/ARCHITECTURE.md §4, enforced: scans every import in source/ and checks it
against the allow-list of its folder. Type-only imports may cross into any layer except
that `core` imports nothing and parsers never see model/pricing/ui. Then the I/O rules: which
places may use the file system, the network, child processes, threads, SQLite and the terminal
UI packages (`restrictedModules`, `restrictedGlobals`).
*/
import {readdirSync, readFileSync, statSync} from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import {describe, expect, it} from 'vitest';

const sourceRoot = path.resolve(import.meta.dirname, '../source');

/** Layer → project layers it may import at runtime. */
const allowed: Record<string, readonly string[]> = {
	core: ['core'],
	parsers: ['core', 'parsers'],
	pricing: ['core', 'pricing'],
	model: ['core', 'pricing', 'model'],
	insights: ['core', 'pricing', 'model', 'insights'],
	export: ['core', 'pricing', 'model', 'insights', 'export'],
	store: ['core', 'parsers', 'model', 'store'],
	pipeline: ['core', 'parsers', 'model', 'store', 'pipeline'],
	browser: ['core', 'model', 'insights', 'browser'],
	ui: ['core', 'model', 'insights', 'browser', 'ui', 'export'],
	cli: ['*'],
};

/**
A place is a layer (`cli`: `cli.tsx` and `cli/`) or a folder inside one (`export/otlp`).
These may talk to the network: the OTLP exporter and the CLI that wires it.
*/
const networkPlaces = ['export/otlp', 'cli'];

type ModuleRule = {
	/** What the modules give access to (for the failure message). */
	readonly what: string;
	/**
	Node built-ins without `node:` (a name covers its subpaths: `fs` is also `node:fs/promises`),
	packages, a package scope ending in `/`, or files of source/ (`export/otlp/validate.ts`).
	*/
	readonly modules: readonly string[];
	/** The only places that may import them (none: nowhere). */
	readonly only: readonly string[];
	/** Places that may also import them for types only (a type import runs none of their code). */
	readonly typesIn?: readonly string[];
};

/** Modules only some places may import, at runtime or as types. ARCHITECTURE.md §4 lists the same. */
const restrictedModules: readonly ModuleRule[] = [
	{what: 'the network', modules: ['http', 'https', 'http2', 'net', 'tls', 'dgram', 'dns'], only: networkPlaces},
	// The endpoint test POSTs to the collector: the OTLP pane shows its result type, the CLI runs it.
	{what: 'the network', modules: ['export/otlp/validate.ts'], only: networkPlaces, typesIn: ['ui']},
	{what: 'the OTLP exporter', modules: ['@opentelemetry/'], only: networkPlaces},
	{what: 'child processes', modules: ['child_process', 'cluster'], only: []},
	{what: 'worker threads', modules: ['worker_threads'], only: ['pipeline/workers']},
	{what: 'SQLite', modules: ['sqlite', 'node-sqlite3-wasm'], only: ['parsers']},
	// The pure layers (core, pricing, model, insights, browser) never touch the file system.
	{what: 'the file system', modules: ['fs'], only: ['parsers', 'store', 'pipeline', 'export', 'ui', 'cli']},
	{
		what: 'the terminal UI',
		modules: ['ink', 'react', 'ink-select-input', 'ink-testing-library', '@alcalzone/ink-table', 'asciichart', 'chalk'],
		only: ['ui', 'cli'],
	},
];

/** Globals that reach the network without an import: called or constructed only in these places. */
const restrictedGlobals: readonly {what: string; names: readonly string[]; only: readonly string[]}[] = [
	{what: 'the network', names: ['fetch', 'WebSocket', 'EventSource'], only: networkPlaces},
];

function files(dir: string): string[] {
	return readdirSync(dir).flatMap(name => {
		const full = path.join(dir, name);
		return statSync(full).isDirectory() ? files(full) : /\.tsx?$/.test(name) ? [full] : [];
	});
}

type Import = {specifier: string; typeOnly: boolean};

function importsOf(text: string): Import[] {
	const result: Import[] = [];
	for (const match of text.matchAll(/^\s*(import|export)\s+(type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]/gm)) {
		result.push({specifier: match[3]!, typeOnly: match[2] !== undefined});
	}

	for (const match of text.matchAll(/import\(\s*['"]([^'"]+)['"]/g)) {
		result.push({specifier: match[1]!, typeOnly: false});
	}

	// A built-in named in a string is loaded some other way (`const name = 'node:sqlite'; import(name)`).
	for (const match of text.matchAll(/['"](node:[\w/]+)['"]/g)) {
		if (!result.some(found => found.specifier === match[1])) {
			result.push({specifier: match[1]!, typeOnly: false});
		}
	}

	return result;
}

/** The names of `names` that the file calls or constructs as globals (`fetch(…)`, `new WebSocket(…)`). */
function globalsUsed(relative: string, text: string, names: readonly string[]): string[] {
	if (!names.some(name => text.includes(name))) {
		return [];
	}

	const used = new Set<string>();
	const visit = (node: ts.Node): void => {
		if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
			const callee = node.expression;
			const name = ts.isIdentifier(callee)
				? callee.text
				: ts.isPropertyAccessExpression(callee) && callee.expression.getText() === 'globalThis'
					? callee.name.text
					: undefined;
			if (name !== undefined && names.includes(name)) {
				used.add(name);
			}
		}

		ts.forEachChild(node, visit);
	};

	visit(ts.createSourceFile(relative, text, ts.ScriptTarget.Latest, true));
	return [...used];
}

/** `relative` is a path under source/ with `/` separators. */
function layerOf(relative: string): string {
	return relative.includes('/') ? relative.split('/')[0]! : 'cli';
}

function isIn(relative: string, place: string): boolean {
	return layerOf(relative) === place || relative.startsWith(`${place}/`);
}

function moduleMatches(specifier: string, module: string): boolean {
	const name = specifier.replace(/^node:/, '');
	return module.endsWith('/') ? name.startsWith(module) : name === module || name.startsWith(`${module}/`);
}

function placesText(only: readonly string[], typesIn: readonly string[] = []): string {
	const places = only.length === 0 ? 'no place' : `only ${only.join(', ')}`;
	return typesIn.length === 0 ? places : `${places} (types only: ${typesIn.join(', ')})`;
}

/** A relative import's file under source/ as the rules name it: `export/otlp/validate.js` → `….ts`. */
function sourceFileOf(target: string): string {
	const stem = target.replace(/\.js$/, '');
	return [`${stem}.ts`, `${stem}.tsx`].find(file => sourceFiles.some(({relative}) => relative === file)) ?? target;
}

/** The restrictedModules rules that importing `module` (a package, built-in or source file) breaks. */
function moduleViolations(relative: string, where: string, module: string, typeOnly: boolean): string[] {
	return restrictedModules
		.filter(
			rule =>
				rule.modules.some(name => moduleMatches(module, name)) &&
				!rule.only.some(place => isIn(relative, place)) &&
				!(typeOnly && rule.typesIn?.some(place => isIn(relative, place))),
		)
		.map(rule => `${where}: ${rule.what} is for ${placesText(rule.only, rule.typesIn)}`);
}

/** Every rule the file at `relative` (under source/) breaks, given its text. */
function violationsOf(relative: string, text: string): string[] {
	const violations: string[] = [];
	const layer = layerOf(relative);
	const rules = allowed[layer];
	for (const {specifier, typeOnly} of importsOf(text)) {
		const where = `${relative} imports ${specifier}`;
		if (specifier.startsWith('.')) {
			const targetFile = path.posix.join(path.posix.dirname(relative), specifier);
			const target = layerOf(targetFile);
			violations.push(...moduleViolations(relative, where, sourceFileOf(targetFile), typeOnly));
			if (!rules) {
				violations.push(`${where}: unknown layer ${layer}`);
			} else if (
				!rules.includes('*') &&
				!rules.includes(target) &&
				!(typeOnly && layer !== 'core' && layer !== 'parsers')
			) {
				violations.push(`${where}: ${layer} may not import ${target}`);
			}

			continue;
		}

		violations.push(...moduleViolations(relative, where, specifier, typeOnly));
	}

	for (const rule of restrictedGlobals) {
		if (!rule.only.some(place => isIn(relative, place))) {
			for (const name of globalsUsed(relative, text, rule.names)) {
				violations.push(`${relative} uses ${name}: ${rule.what} is for ${placesText(rule.only)}`);
			}
		}
	}

	return violations;
}

const sourceFiles = files(sourceRoot).map(file => ({
	relative: path.relative(sourceRoot, file).split(path.sep).join('/'),
	text: readFileSync(file, 'utf8'),
}));

describe('architecture', () => {
	it('every import respects the layer rules', () => {
		expect(sourceFiles.flatMap(({relative, text}) => violationsOf(relative, text))).toEqual([]);
	});

	it('names only places that exist in its I/O rules', () => {
		const places = [
			...restrictedModules.flatMap(rule => [...rule.only, ...(rule.typesIn ?? [])]),
			...restrictedGlobals.flatMap(rule => rule.only),
		];
		const missing = places.filter(place => !sourceFiles.some(({relative}) => isIn(relative, place)));
		expect(missing).toEqual([]);
		// A source file a rule names must exist, or the rule guards nothing.
		const files = restrictedModules.flatMap(rule => rule.modules.filter(module => /\.tsx?$/.test(module)));
		expect(files.filter(file => !sourceFiles.some(({relative}) => relative === file))).toEqual([]);
	});

	it('catches a layer crossing and each kind of I/O outside its places', () => {
		const found = (relative: string, text: string) => violationsOf(relative, text).length;
		expect(found('model/x.ts', "import {a} from '../ui/a.js';")).toBe(1);
		expect(found('ui/x.ts', "import type {A} from '../pipeline/a.js';")).toBe(0);
		expect(found('model/x.ts', "import http from 'node:http';")).toBe(1);
		expect(found('export/json.ts', "import https from 'https';")).toBe(1);
		expect(found('export/otlp/x.ts', "import https from 'node:https';")).toBe(0);
		expect(found('cli/x.ts', "import {request} from 'node:http';")).toBe(0);
		expect(found('ui/x.ts', "import {metrics} from '@opentelemetry/api';")).toBe(1);
		expect(found('cli/x.ts', "const {spawn} = await import('node:child_process');")).toBe(1);
		expect(found('pipeline/load.ts', "import {Worker} from 'node:worker_threads';")).toBe(1);
		expect(found('pipeline/workers/x.ts', "import {Worker} from 'node:worker_threads';")).toBe(0);
		expect(found('store/x.ts', "const name = 'node:sqlite';")).toBe(1);
		expect(found('insights/x.ts', "import {readFile} from 'node:fs/promises';")).toBe(1);
		expect(found('browser/x.ts', "import {Text} from 'ink';")).toBe(1);
		expect(found('pipeline/x.ts', 'const answer = await fetch(url);')).toBe(1);
		expect(found('ui/x.ts', 'const socket = new globalThis.WebSocket(url);')).toBe(1);
		expect(found('export/otlp/x.ts', 'const answer = await fetch(url);')).toBe(0);
		// The endpoint test does network I/O: the UI may name its types, never run it; only cli and export/otlp may.
		expect(found('ui/x.ts', "import type {ValidationResult} from '../export/otlp/validate.js';")).toBe(0);
		expect(found('ui/x.ts', "import {validateEndpoint} from '../export/otlp/validate.js';")).toBe(1);
		expect(found('ui/hooks/x.ts', "import {validateEndpoint} from '../../export/otlp/validate.js';")).toBe(1);
		expect(found('browser/x.ts', "import type {ValidationResult} from '../export/otlp/validate.js';")).toBe(1);
		expect(found('export/json.ts', "import {validateEndpoint} from './otlp/validate.js';")).toBe(1);
		expect(found('cli/x.ts', "import {validateEndpoint} from '../export/otlp/validate.js';")).toBe(0);
		expect(found('export/otlp/index.ts', "export {validateEndpoint} from './validate.js';")).toBe(0);
		// Words in comments and strings are not calls.
		expect(found('ui/x.ts', '// fetch(url) would be wrong here\nconst text = "fetch(";')).toBe(0);
	});

	it('source files stay short', () => {
		const long = sourceFiles
			.map(({relative, text}) => ({file: relative, lines: text.split('\n').length}))
			.filter(entry => entry.lines > 500);
		expect(long).toEqual([]);
	});
});
