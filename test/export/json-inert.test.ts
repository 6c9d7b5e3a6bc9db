/**
The export escapes each string as it serialises it (core/inert-text.ts `jsonString`, and
`inertJson` over the text of small objects), not the document as it leaves: a `--depth call`
document of a tree whose project, prompt, model, tool and file names, call id and a diagnostic's
file carry C1 controls (U+009B, the one-character CSI), DEL, U+2028/U+2029 and bidi controls
writes none of them raw, writes each as a `\u009b`-style escape, and parses to the very strings
the agent wrote. Then the same for random strings of those characters and ordinary text.
*/
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import type {UsageEvent} from '../../source/core/events.js';
import {buildTree} from '../../source/model/build.js';
import {UsageStore} from '../../source/model/store.js';
import type {TreeModel} from '../../source/model/types.js';
import {call, session, tokens, tool, turn} from '../support/events.js';
import {exportText} from '../support/export.js';
import {pricer} from '../support/pricer.js';

/** What a terminal could act on, plus U+2028/U+2029 (the document's own newline at the end is allowed). */
const rawInDocument = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/;

const hostile = {
	project: 'shop\u009B2J\u2028\u202E',
	prompt: 'Fix \u009B31mRED\u009B0m the\u2029cart\u2066page\u2069\u007F',
	model: 'claude-opus-4-6\u0085\u202A\u007F',
	tool: 'Read\u009B31m\u202D',
	file: 'src/cart\u2028\u0090\u007F.ts',
	callId: 'msg\u009C\u2067',
	diagnosticFile: 'broken\u009B2J\u202E.jsonl',
} as const;

type Strings = {
	project: string;
	prompt: string;
	model: string;
	tool: string;
	file: string;
	callId: string;
};

type JsonNode = {
	kind: string;
	session?: {project: string};
	turn?: {prompt: string | null};
	call?: {model: string; tools: Array<{name: string}>; files: string[]; callId: string | null};
	totals: {models: string[]};
	children?: JsonNode[];
};

type JsonDocument = {
	byModel: Record<string, unknown>;
	sessions: Array<{project: string}>;
	diagnostics: {entries: Array<{file: string | null}>};
	depth: string;
	tree: JsonNode;
};

function modelOf(strings: Strings): TreeModel {
	const events: UsageEvent[] = [
		session('claude', 's1', {project: strings.project}),
		turn('claude', 's1', 't1', '2026-02-12T10:00:00Z', strings.prompt),
		call('claude', 's1', '2026-02-12T10:00:05Z', {
			model: strings.model,
			tokens: tokens({input: 1200, cacheRead: 30_000, output: 400}),
			tools: [tool(strings.tool, 'reading', strings.file), tool('Edit', 'writing')],
			callId: strings.callId,
		}),
		call('claude', 's1', '2026-02-12T10:00:09Z', {model: strings.model, callId: 'plain'}),
	];
	return buildTree(new UsageStore().addAll(events), {timezone: 'UTC', pricer});
}

function exportWithDiagnostic(model: TreeModel, diagnosticFile: string): Promise<string> {
	return exportText(model, {
		diagnostics: {
			total: 1,
			counts: new Map([['malformed-line', 1]]),
			entries: [{kind: 'malformed-line', agent: 'claude', file: diagnosticFile, line: 3, message: 'bad JSON'}],
		},
		depth: 'call',
	});
}

function nodesOf(node: JsonNode, kind: string): JsonNode[] {
	return [...(node.kind === kind ? [node] : []), ...(node.children ?? []).flatMap(child => nodesOf(child, kind))];
}

/** The document parses to the strings the agent wrote, in every place they appear. */
function expectSameStrings(document: JsonDocument, strings: Strings, diagnosticFile: string): void {
	expect(document.depth).toBe('call');
	expect(document.sessions.map(entry => entry.project)).toEqual([strings.project]);
	expect(Object.keys(document.byModel)).toEqual([strings.model]);
	expect(document.diagnostics.entries[0]!.file).toBe(diagnosticFile);
	expect(nodesOf(document.tree, 'session').map(node => node.session!.project)).toEqual([strings.project]);
	expect(nodesOf(document.tree, 'turn').map(node => node.turn!.prompt)).toEqual([strings.prompt]);
	const calls = nodesOf(document.tree, 'call');
	expect(calls).toHaveLength(2);
	for (const node of calls) {
		expect(node.call!.model).toBe(strings.model);
		expect(node.totals.models).toEqual([strings.model]);
	}

	const first = calls.find(node => node.call!.callId === strings.callId)!;
	expect(first.call!.tools.map(entry => entry.name)).toEqual([strings.tool, 'Edit']);
	expect(first.call!.files).toEqual([strings.file]);
}

describe('the export writes strings from data inert', () => {
	it('escapes C1, DEL, U+2028/U+2029 and bidi controls in a --depth call document, which parses to the same strings', async () => {
		const model = modelOf(hostile);
		const text = await exportWithDiagnostic(model, hostile.diagnosticFile);
		expect(text.endsWith('}\n')).toBe(true);
		expect(text).not.toMatch(rawInDocument);
		expect(text).toContain('"project":"shop\\u009b2J\\u2028\\u202e"');
		expect(text).toContain('"prompt":"Fix \\u009b31mRED\\u009b0m the\\u2029cart\\u2066page\\u2069\\u007f"');
		expect(text).toContain('"model":"claude-opus-4-6\\u0085\\u202a\\u007f"');
		expect(text).toContain('"models":["claude-opus-4-6\\u0085\\u202a\\u007f"]');
		expect(text).toContain('{"name":"Read\\u009b31m\\u202d","activity":"reading"}');
		expect(text).toContain('"files":["src/cart\\u2028\\u0090\\u007f.ts"]');
		expect(text).toContain('"callId":"msg\\u009c\\u2067"');
		expect(text).toContain('"file":"broken\\u009b2J\\u202e.jsonl"');
		expectSameStrings(JSON.parse(text) as JsonDocument, hostile, hostile.diagnosticFile);
	});

	it('does so for any mix of those characters and ordinary text', async () => {
		const piece = fc.constantFrom(
			'\u007F',
			'\u0080',
			'\u0085',
			'\u009B',
			'\u009F',
			'\u2028',
			'\u2029',
			'\u202A',
			'\u202E',
			'\u2066',
			'\u2069',
			'\u001B',
			'"',
			'\\',
			'é',
			'日',
			'😀',
			'a',
			'Z',
			'/',
			' ',
		);
		const text = fc.array(piece, {minLength: 1, maxLength: 8}).map(parts => `x${parts.join('')}`);
		await fc.assert(
			fc.asyncProperty(
				fc.record({project: text, prompt: text, model: text, tool: text, file: text, callId: text}),
				text,
				async (strings, diagnosticFile) => {
					const document = await exportWithDiagnostic(modelOf(strings), diagnosticFile);
					expect(document).not.toMatch(rawInDocument);
					expectSameStrings(JSON.parse(document) as JsonDocument, strings, diagnosticFile);
				},
			),
			{numRuns: 60},
		);
	});
});
