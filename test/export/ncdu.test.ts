/**
The ncdu export (export/ncdu.ts with the CLI's names, cli/ncdu-names.ts), written by the real
streamed writer from real trees: the bundled demo data, and trees made from events where a
case needs a particular shape (same-second calls, hostile text, an unpriced model).
*/
import path from 'node:path';
import {Writable} from 'node:stream';
import {describe, expect, it} from 'vitest';
import {ncduNames} from '../../source/cli/ncdu-names.js';
import type {UsageEvent} from '../../source/core/events.js';
import type {ExportDepth} from '../../source/export/json-depth.js';
import {maxNameLength, uniqueNames, writeNcduExport} from '../../source/export/ncdu.js';
import type {NcduSize} from '../../source/export/ncdu-size.js';
import {buildTree} from '../../source/model/build.js';
import {nodesOfKind} from '../../source/model/query.js';
import type {TreeModel} from '../../source/model/types.js';
import {loadUsage} from '../../source/pipeline/load.js';
import {modelOf, sessionEvents} from '../insights/fixtures.js';
import {call, session, tokens, tool, turn} from '../support/events.js';
import {pricer} from '../support/pricer.js';

const demoDir = path.resolve(import.meta.dirname, '../../fixtures/demo');

type NcduFile = {name: string; asize: number; dsize: number; mtime?: number};
type NcduDir = [{name: string; mtime?: number}, ...NcduEntry[]];
type NcduEntry = NcduFile | NcduDir;

async function ncduText(
	model: TreeModel,
	options: {size?: NcduSize; depth?: ExportDepth; prompts?: boolean} = {},
): Promise<string> {
	let text = '';
	const stream = new Writable({
		write(chunk: Buffer, _encoding, done) {
			text += chunk.toString();
			done();
		},
	});
	await writeNcduExport(model, stream, {
		generator: {name: 'agent-ncdu', version: '0.0.0-test'},
		size: options.size ?? 'tokens',
		depth: options.depth ?? 'call',
		nameOf: ncduNames({timeZone: model.timezone, prompts: options.prompts ?? true}),
		generatedAt: new Date('2026-03-04T00:00:00Z'),
	});
	return text;
}

async function ncduRoot(model: TreeModel, options?: Parameters<typeof ncduText>[1]): Promise<NcduDir> {
	const document = JSON.parse(await ncduText(model, options)) as [number, number, Record<string, unknown>, NcduDir];
	expect(document.slice(0, 2)).toEqual([1, 2]);
	return document[3];
}

/** What ncdu shows for an entry: a folder adds up its files (folders have no size of their own). */
function sizeOf(entry: NcduEntry): number {
	return Array.isArray(entry)
		? entry.slice(1).reduce<number>((sum, child) => sum + sizeOf(child as NcduEntry), 0)
		: entry.dsize;
}

const nameOf = (entry: NcduEntry) => (Array.isArray(entry) ? entry[0].name : entry.name);
const entriesOf = (dir: NcduDir) => dir.slice(1) as NcduEntry[];

function* walk(entry: NcduEntry): Generator<NcduEntry> {
	yield entry;
	if (Array.isArray(entry)) {
		for (const child of entriesOf(entry)) {
			yield* walk(child);
		}
	}
}

async function demoModel(): Promise<TreeModel> {
	const result = await loadUsage({dataDirs: [demoDir], env: {}, home: '/nonexistent'});
	return buildTree(result.store, {timezone: 'UTC', pricer, filter: {}});
}

describe('ncdu export of the demo data', () => {
	it('is the tree with token sizes that add up to every node’s total, names unique in each folder', async () => {
		const model = await demoModel();
		expect(model.root.totals.calls).toBeGreaterThan(100);
		const root = await ncduRoot(model);
		expect(root[0].name).toBe('agent-ncdu (1 B = 1 token)');
		expect(sizeOf(root)).toBe(model.root.totals.total);

		const weeks = entriesOf(root);
		expect(weeks.map(nameOf)).toEqual(model.root.children.map(week => week.key));
		for (const [index, week] of model.root.children.entries()) {
			expect(sizeOf(weeks[index]!)).toBe(week.totals.total);
		}

		const days = weeks.flatMap(week => entriesOf(week as NcduDir));
		expect(days.map(nameOf)).toEqual(nodesOfKind(model.root, 'day').map(day => day.label));
		expect(days.map(nameOf)[0]).toMatch(/^\d{4}-\d{2}-\d{2} (Mon|Tue|Wed|Thu|Fri|Sat|Sun)$/);

		let files = 0;
		for (const entry of walk(root)) {
			if (Array.isArray(entry)) {
				const names = entriesOf(entry).map(nameOf);
				expect(new Set(names).size).toBe(names.length);
			} else {
				files++;
				expect(entry.asize).toBe(entry.dsize);
			}
		}

		// The whole tree: one file per API call.
		expect(files).toBe(model.root.totals.calls);
	});

	it('with --size cost, sizes are whole micro-dollars that add up to the priced cost', async () => {
		const model = await demoModel();
		const root = await ncduRoot(model, {size: 'cost'});
		expect(root[0].name).toContain('micro-dollar');
		const sizes = [...walk(root)].filter(entry => !Array.isArray(entry)).map(entry => (entry as NcduFile).dsize);
		expect(sizes.every(size => Number.isInteger(size) && size >= 0)).toBe(true);
		// Each call is rounded to a micro-dollar on its own: at most half of one off per call.
		expect(Math.abs(sizeOf(root) - model.root.totals.pricedCostUSD * 1e6)).toBeLessThanOrEqual(sizes.length / 2);
		expect(sizeOf(root)).toBeGreaterThan(1_000_000);
	});

	it('stops at --depth: the sessions are the files and still carry every token', async () => {
		const model = await demoModel();
		const root = await ncduRoot(model, {depth: 'session'});
		const files = [...walk(root)].filter(entry => !Array.isArray(entry));
		expect(files).toHaveLength(nodesOfKind(model.root, 'session').length);
		expect(sizeOf(root)).toBe(model.root.totals.total);
	});
});

describe('ncdu names', () => {
	const secret = 'Qz7secretPrompt';
	const events: UsageEvent[] = [
		session('claude', 'twin', {project: 'twin-app'}),
		turn('claude', 'twin', 't1', '2026-03-02T09:00:00Z', `Fix the login bug ${secret}`),
		// Three calls in one second, same model and tools: the same label three times.
		...[0, 1, 2].map(index =>
			call('claude', 'twin', '2026-03-02T09:00:05Z', {
				turnId: 't1',
				dedupKey: `twin-${index}`,
				tools: [tool('Read', 'reading', 'a.ts')],
				tokens: tokens({input: 100 + index, output: 10}),
			}),
		),
	];

	it('makes equal labels unique (the second and third get (2) and (3)) and reads like the browser', async () => {
		const root = await ncduRoot(modelOf(events));
		const [week] = entriesOf(root) as NcduDir[];
		const [day] = entriesOf(week!) as NcduDir[];
		const [sessionDir] = entriesOf(day!) as NcduDir[];
		expect(nameOf(sessionDir!)).toMatch(/^09:00 twin-app - Claude Code - 0s - claude-sonnet-4-5$/);
		const [turnDir] = entriesOf(sessionDir!) as NcduDir[];
		expect(nameOf(turnDir!)).toBe(`turn 1 09:00 "Fix the login bug ${secret}"`);
		const calls = entriesOf(turnDir!).map(nameOf);
		const label = '09:00:05 - claude-sonnet-4-5 - Read - 1 file - cache 0.0%';
		expect(calls).toEqual([label, `${label} (2)`, `${label} (3)`]);
	});

	it('with --no-prompts carries no prompt text at all', async () => {
		const shown = await ncduText(modelOf(events), {prompts: true});
		expect(shown).toContain(secret);
		const hidden = await ncduText(modelOf(events), {prompts: false});
		expect(hidden).not.toContain(secret);
		expect(hidden).not.toContain('login');
		expect(hidden).toContain('"turn 1 09:00"');
	});

	it('are inert, one line, well-formed and bounded whatever the data holds', async () => {
		const hostile = `\u001B]52;c;cHduZWQ=\u0007\u001B[2J\nline two\u202Eevil\uD83D ${'long '.repeat(80)}`;
		const model = modelOf([
			session('claude', 'bad', {project: `proj\u001B[31m\u009Bred`}),
			turn('claude', 'bad', 't1', '2026-03-02T09:00:00Z', hostile),
			call('claude', 'bad', '2026-03-02T09:00:05Z', {turnId: 't1', tools: [tool('Bash\u0007', 'executing')]}),
		]);
		const text = await ncduText(model);
		const names = [...walk((JSON.parse(text) as [0, 0, 0, NcduDir])[3])].map(nameOf);
		for (const name of names) {
			expect(name).not.toMatch(/[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/);
			expect(name).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
			expect(name.length).toBeLessThanOrEqual(maxNameLength);
		}

		// Shown, not obeyed: the control pictures stand in for ESC and BEL.
		expect(names.join('\n')).toContain('proj␛[31m');
		// The file itself is inert too: no raw control character but its closing newline.
		expect(text.trimEnd()).not.toMatch(/[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/);
		expect(text.endsWith(']\n')).toBe(true);
	});

	it('sizes an unpriced call 0 with --size cost, and by its tokens by default', async () => {
		const model = modelOf([
			...sessionEvents('priced', '2026-03-02T09:00:00Z', 1, 1, () => 10_000),
			session('claude', 'odd', {project: 'odd-app'}),
			call('claude', 'odd', '2026-03-02T10:00:00Z', {model: 'mystery-model-x', tokens: tokens({input: 5000})}),
		]);
		expect(model.unpricedModels.has('mystery-model-x')).toBe(true);
		const sessionsOf = (root: NcduDir) => entriesOf(entriesOf(entriesOf(root)[0] as NcduDir)[0] as NcduDir);
		const byCost = sessionsOf(await ncduRoot(model, {size: 'cost'}));
		const odd = byCost.find(entry => nameOf(entry).includes('odd-app'))!;
		expect(sizeOf(odd)).toBe(0);
		expect(sizeOf(byCost.find(entry => nameOf(entry).includes('priced-app'))!)).toBeGreaterThan(0);
		const byTokens = sessionsOf(await ncduRoot(model));
		expect(sizeOf(byTokens.find(entry => nameOf(entry).includes('odd-app'))!)).toBe(5000);
	});
});

describe('uniqueNames', () => {
	it('never gives a repeat a name another entry already has', () => {
		expect(uniqueNames(['a', 'a (2)', 'a', 'a', 'b'])).toEqual(['a', 'a (2)', 'a (3)', 'a (4)', 'b']);
	});
});
