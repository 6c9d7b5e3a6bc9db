/**
The pack codec must give back exactly the events the parsers produced — for every agent's
real samples and the demo data — and must refuse, not misread, a damaged range.
*/
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import type {UsageEvent} from '../../source/core/events.js';
import {
	decodeRange,
	eventsOf,
	PackCorrupt,
	PackEncoder,
	type PackColumns,
	type PackRange,
} from '../../source/store/pack/codec.js';
import {parsers} from '../../source/parsers/registry.js';
import {publicFixtures, repoRoot} from '../support/cli.js';

/** Every file's events, parsed by the real parsers from `<dir>/<agent>/` folders. */
async function eventsPerFile(dir: string): Promise<UsageEvent[][]> {
	const perFile: UsageEvent[][] = [];
	const context = {env: {}, home: dir, report: () => undefined};
	for (const parser of parsers) {
		for (const file of await parser.discover(path.join(dir, parser.id), context)) {
			const events: UsageEvent[] = [];
			for await (const event of parser.parse(file, {report: () => undefined})) {
				events.push(event);
			}

			perFile.push(events);
		}
	}

	return perFile;
}

/** The parsers sometimes write `key: undefined`; the codec leaves such keys out. */
/** Events as JSON, without undefined fields and without `line` (it names a diagnostic's line; the cache keeps the diagnostics themselves). */
const withoutUndefined = (events: UsageEvent[]) =>
	JSON.parse(JSON.stringify(events, (key, value: unknown) => (key === 'line' ? undefined : value))) as unknown;

describe('pack codec', () => {
	it('round-trips every event of the demo data and the public samples', async () => {
		const files = [
			...(await eventsPerFile(path.join(repoRoot, 'fixtures/demo'))),
			...(await eventsPerFile(publicFixtures)),
		];
		const kinds = new Set(files.flat().map(event => `${event.agent}:${event.type}`));
		// The demo holds the four main agents, OpenClaw and Kilo CLI: each event type of each must
		// have been exercised.
		for (const agent of ['claude', 'codex', 'gemini', 'opencode', 'openclaw', 'kilo']) {
			for (const type of ['session', 'turn', 'call']) {
				expect(kinds, `${agent}:${type}`).toContain(`${agent}:${type}`);
			}
		}

		const encoder = new PackEncoder();
		const ranges = files.map(events => encoder.add(events));
		const columns = encoder.finish();
		const decoded = ranges.map(range => eventsOf(decodeRange(columns, range)));
		// Deep equality (key order aside): flags such as `sidechain: false`, optional fields and
		// float values survive as they were. A range decodes its calls as columns, after its
		// sessions and turns (the store takes them in that order; their relative order is kept).
		const callsLast = (events: UsageEvent[]) => [
			...events.filter(event => event.type !== 'call'),
			...events.filter(event => event.type === 'call'),
		];
		expect(decoded.map(withoutUndefined)).toEqual(files.map(events => withoutUndefined(callsLast(events))));
		// Strings are stored once: far fewer than the string values written.
		const stringValues = JSON.stringify(files).match(/":"/g)!.length;
		expect(columns.strings.length).toBeLessThan(stringValues / 3);
	});

	it('keeps optional fields absent and odd values exact', () => {
		const events: UsageEvent[] = [
			{type: 'session', agent: 'pi', sessionId: 's', reportedCostUSD: 0},
			{type: 'turn', agent: 'pi', sessionId: 's', turnId: 't', time: 1_700_000_000_123.5, prompt: ''},
			{
				type: 'call',
				agent: 'pi',
				sessionId: 's',
				time: 1,
				tokens: {input: 0.5, cacheRead: 2 ** 40, cacheWrite5m: 0, cacheWrite1h: 1, output: 3, reasoning: 2},
				tools: [],
				sidechain: false,
				speed: 'fast',
				reportedCostUSD: 1e-9,
			},
			{
				type: 'call',
				agent: 'claude',
				sessionId: 's',
				time: 2,
				tokens: {input: 1, cacheRead: 0, cacheWrite5m: 0, cacheWrite1h: 0, output: 0, reasoning: 0},
				tools: [
					{name: 'Read', activity: 'reading', file: '/a'},
					{name: 'Bash', activity: 'executing'},
				],
			},
		];
		const encoder = new PackEncoder();
		const range = encoder.add(events);
		const decoded = eventsOf(decodeRange(encoder.finish(), range));
		expect(decoded).toStrictEqual(events);
		expect('turnId' in decoded[3]!).toBe(false);
		expect('reportedCostUSD' in decoded[0]!).toBe(true);
	});

	it('throws PackCorrupt on a range that does not fit, an unknown tag or a string index out of range', () => {
		const encoder = new PackEncoder();
		const range = encoder.add([{type: 'turn', agent: 'codex', sessionId: 's', turnId: 't', time: 5, prompt: 'hi'}]);
		const columns = encoder.finish();
		const damaged = (change: (ints: Uint32Array) => void): PackColumns => {
			const ints = columns.ints.slice();
			change(ints);
			return {...columns, ints};
		};

		const attempts: Array<[PackColumns, PackRange]> = [
			[columns, {...range, intEnd: range.intEnd + 5}],
			[columns, {...range, events: 2}],
			[columns, {...range, intEnd: range.intEnd - 1}],
			[damaged(ints => (ints[range.intStart] = 9)), range],
			[damaged(ints => (ints[range.intStart + 1] = 10_000)), range],
			[damaged(ints => (ints[range.intStart + 1] = 0)), range],
		];
		for (const [damagedColumns, damagedRange] of attempts) {
			expect(() => decodeRange(damagedColumns, damagedRange)).toThrow(PackCorrupt);
		}
	});
});
