/**
`depth` in the export writer, in process on the bundled demo data (Claude, Codex, Gemini,
OpenCode, OpenClaw and Kilo CLI transcripts) loaded through the real pipeline: the whole tree (`call`, also what the
TUI's `e` export writes when it passes no depth) is byte for byte a plain JSON.stringify of
every node, i.e. the document as it was before `depth` existed; every cut depth is exactly
that tree with the levels below removed; and the writer still streams in bounded chunks.
*/
import path from 'node:path';
import {Writable} from 'node:stream';
import {beforeAll, describe, expect, it} from 'vitest';
import {writeExport, type ExportContext} from '../../source/export/json.js';
import {depthsOf, type ExportDepth, isCutAt} from '../../source/export/json-depth.js';
import {jsonNodeHead} from '../../source/export/json-values.js';
import {buildTree} from '../../source/model/build.js';
import type {TreeModel, TreeNode} from '../../source/model/types.js';
import {loadUsage} from '../../source/pipeline/load.js';
import {createPricer} from '../../source/pricing/index.js';
import {repoRoot} from '../support/cli.js';

const context: ExportContext = {
	generator: {name: 'agent-ncdu', version: '0.0.0-test'},
	pricing: {source: 'test', date: '2026-01-01'},
	diagnostics: {total: 0, counts: new Map(), entries: []},
	insights: [],
	generatedAt: new Date('2026-11-23T09:00:00.000Z'),
};

/** A stream that takes a while per chunk (so backpressure is real) and keeps what it got. */
function collector(): {stream: Writable; chunks: string[]} {
	const chunks: string[] = [];
	const stream = new Writable({
		highWaterMark: 1024,
		write(chunk: Buffer, _encoding, done) {
			chunks.push(chunk.toString());
			setImmediate(done);
		},
	});
	return {stream, chunks};
}

async function exportText(model: TreeModel, depth?: ExportDepth): Promise<{text: string; chunks: string[]}> {
	const {stream, chunks} = collector();
	await writeExport(model, stream, {...context, depth});
	return {text: chunks.join(''), chunks};
}

/** The pre-`depth` document's tree: every node, each with its children, in one stringify. */
type NodeJson = Record<string, unknown> & {kind: string; children?: NodeJson[]};
const wholeTree = (node: TreeNode): NodeJson => ({
	...(jsonNodeHead(node, {prompts: true}) as NodeJson),
	children: node.children.map(wholeTree),
});

/** A whole tree with everything below `depth` removed, `children` dropped where it was cut. */
function pruned(node: NodeJson, depth: ExportDepth): NodeJson {
	if (isCutAt(node.kind as TreeNode['kind'], depth)) {
		const {children: _cut, ...rest} = node;
		return rest as NodeJson;
	}

	return {...node, children: (node.children ?? []).map(child => pruned(child, depth))};
}

function kindsIn(node: NodeJson, kinds = new Set<string>()): Set<string> {
	kinds.add(node.kind);
	for (const child of node.children ?? []) {
		kindsIn(child, kinds);
	}

	return kinds;
}

let model: TreeModel;
beforeAll(async () => {
	const {store} = await loadUsage({dataDirs: [path.join(repoRoot, 'fixtures', 'demo')], env: {}, home: repoRoot});
	model = buildTree(store, {timezone: 'UTC', pricer: createPricer()});
	expect(model.root.totals.calls).toBeGreaterThan(1000);
});

describe('export depth', () => {
	it('call (and no depth at all, as the TUI export) writes the whole tree, byte for byte as before', async () => {
		const full = await exportText(model, 'call');
		expect((await exportText(model)).text).toBe(full.text);
		const marker = ',"depth":"call","tree":';
		const at = full.text.indexOf(marker);
		expect(at).toBeGreaterThan(0);
		// Everything before the tree is the same at every depth; the tree is one plain stringify.
		const session = (await exportText(model, 'session')).text;
		expect(session.slice(0, at)).toBe(full.text.slice(0, at));
		expect(full.text.slice(at + marker.length)).toBe(`${JSON.stringify(wholeTree(model.root))}}\n`);
		expect(JSON.parse(full.text).depth).toBe('call');
	});

	it.each(depthsOf('time').filter(depth => depth !== 'call'))(
		'%s: the whole tree cut below that level, with its totals',
		async depth => {
			const whole = wholeTree(model.root);
			const document = JSON.parse((await exportText(model, depth)).text) as {depth: string; tree: NodeJson};
			expect(document.depth).toBe(depth);
			expect(document.tree).toEqual(pruned(whole, depth));
			// The deepest level written is the limit itself, and it is there (the demo has every level).
			const levels = ['root', ...depthsOf('time')];
			expect([...kindsIn(document.tree)]).toEqual(levels.slice(0, levels.indexOf(depth) + 1));
			expect(document.tree).toMatchObject({kind: 'root', totals: {calls: model.root.totals.calls}});
		},
	);

	it('keeps streaming: many bounded chunks under backpressure, never the document at once', async () => {
		for (const depth of ['call', 'session'] as const) {
			const {text, chunks} = await exportText(model, depth);
			expect(chunks.length).toBeGreaterThan(2);
			// In the tree: the 64 KiB buffer plus at most one node's text beyond it.
			const tree = chunks.findIndex(chunk => chunk.includes(',"tree":'));
			expect(tree).toBeGreaterThan(0);
			expect(Math.max(...chunks.slice(tree + 1).map(chunk => chunk.length))).toBeLessThan(96 * 1024);
			// Before it, the top-level lists are written whole: the buffer plus the largest of them
			// (`sessions`, about 76 KB on the demo data, one summary per session).
			const document = JSON.parse(text) as Record<string, unknown>;
			const largest = Math.max(
				...['days', 'sessions', 'insights', 'diagnostics'].map(key => JSON.stringify(document[key]).length + 16),
			);
			expect(Math.max(...chunks.slice(0, tree + 1).map(chunk => chunk.length))).toBeLessThan(65_536 + largest);
			expect(chunks.join('')).toBe(text);
		}
	});
});
