/**
Layer rules of source/ARCHITECTURE.md §4, enforced: scans every import in source/ and checks it
against the allow-list of its folder. Type-only imports may cross into any layer except
that `core` imports nothing and parsers never see model/pricing/ui.
*/
import {readdirSync, readFileSync, statSync} from 'node:fs';
import path from 'node:path';
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

/** Packages only some layers may use. */
const uiPackages = [
	'ink',
	'react',
	'ink-select-input',
	'ink-testing-library',
	'@alcalzone/ink-table',
	'asciichart',
	'chalk',
];

function files(dir: string): string[] {
	return readdirSync(dir).flatMap(name => {
		const full = path.join(dir, name);
		return statSync(full).isDirectory() ? files(full) : /\.tsx?$/.test(name) ? [full] : [];
	});
}

type Import = {specifier: string; typeOnly: boolean};

function importsOf(file: string): Import[] {
	const text = readFileSync(file, 'utf8');
	const result: Import[] = [];
	for (const match of text.matchAll(/^\s*(import|export)\s+(type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]/gm)) {
		result.push({specifier: match[3]!, typeOnly: match[2] !== undefined});
	}

	for (const match of text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
		result.push({specifier: match[1]!, typeOnly: false});
	}

	return result;
}

function layerOf(file: string): string {
	const relative = path.relative(sourceRoot, file);
	return relative.includes(path.sep) ? relative.split(path.sep)[0]! : 'cli';
}

describe('architecture', () => {
	const violations: string[] = [];
	for (const file of files(sourceRoot)) {
		const layer = layerOf(file);
		const rules = allowed[layer];
		for (const {specifier, typeOnly} of importsOf(file)) {
			const where = `${path.relative(sourceRoot, file)} imports ${specifier}`;
			if (specifier.startsWith('.')) {
				const target = layerOf(path.resolve(path.dirname(file), specifier));
				if (!rules) {
					violations.push(`${where}: unknown layer ${layer}`);
				} else if (
					!rules.includes('*') &&
					!rules.includes(target) &&
					!(typeOnly && layer !== 'core' && layer !== 'parsers')
				) {
					violations.push(`${where}: ${layer} may not import ${target}`);
				}
			} else if (
				uiPackages.some(name => specifier === name || specifier.startsWith(`${name}/`)) &&
				layer !== 'ui' &&
				layer !== 'cli'
			) {
				violations.push(`${where}: only ui/ may use ${specifier}`);
			} else if (
				specifier.startsWith('node:fs') &&
				(layer === 'model' || layer === 'pricing' || layer === 'core' || layer === 'insights' || layer === 'browser')
			) {
				violations.push(`${where}: ${layer} must stay pure (no file system)`);
			}
		}
	}

	it('every import respects the layer rules', () => {
		expect(violations).toEqual([]);
	});

	it('source files stay short', () => {
		const long = files(sourceRoot)
			.map(file => ({file: path.relative(sourceRoot, file), lines: readFileSync(file, 'utf8').split('\n').length}))
			.filter(entry => entry.lines > 500);
		expect(long).toEqual([]);
	});
});
