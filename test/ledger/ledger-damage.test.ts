/**
A damaged own history file (cut short or garbled near its end, as a full disk or a bad sector
leaves it): the calls of the blocks before the damage are kept and written to a new file, the
damaged file is kept aside byte for byte, and one warning says so. The next run is quiet.
*/
import {copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import type {CallEvent} from '../../source/core/events.js';
import {zeroTokens} from '../../source/core/tokens.js';
import {UsageStore} from '../../source/model/store.js';
import {historyFileName, readHistoryFile} from '../../source/store/history/file.js';
import {runLedger} from '../../source/store/history/index.js';

const t0 = Date.UTC(2026, 1, 10, 12);
const callCount = 3000;

/** A realistic history: Claude calls in sessions of 30, with keys, models and cache use. */
function history(): CallEvent[] {
	return Array.from({length: callCount}, (_, index) => ({
		type: 'call',
		agent: 'claude',
		sessionId: `session-${Math.floor(index / 30)}`,
		time: t0 + index * 61_000,
		model: index % 3 ? 'claude-sonnet-4-5' : 'claude-opus-4-6',
		dedupKey: `claude:msg_${index.toString(36).padStart(8, '0')}:req_${index}`,
		tokens: {...zeroTokens(), input: 10 + (index % 7), cacheRead: 20_000 + index * 13, output: 200 + (index % 50)},
		tools: [{name: 'Read', activity: 'reading'}],
	}));
}

async function writeHistory(dir: string): Promise<string> {
	const stats = await runLedger(new UsageStore().addAll(history()), {
		host: 'hostA',
		env: {},
		dir,
		report: () => undefined,
	});
	return stats.file!;
}

const damages: Array<[string, (good: Buffer) => Buffer]> = [
	['cut short', good => good.subarray(0, Math.floor(good.length * 0.7))],
	[
		'garbled near the end',
		good => {
			const bad = Buffer.from(good);
			for (let index = Math.floor(good.length * 0.7); index < good.length - 8; index++) {
				bad[index] = (index * 131) & 0xff;
			}

			return bad;
		},
	],
];

describe('a damaged own ledger', () => {
	it.each(damages)('%s: keeps the calls before the damage, the damaged copy, and warns once', async (_, damage) => {
		const dir = mkdtempSync(path.join(tmpdir(), 'agent-ncdu-ledger-damage-'));
		const file = await writeHistory(dir);
		const damaged = damage(readFileSync(file));
		writeFileSync(file, damaged);

		const diagnostics: string[] = [];
		const live = new UsageStore();
		const stats = await runLedger(live, {host: 'hostA', env: {}, dir, report: d => diagnostics.push(d.message)});
		expect(stats.warnings).toHaveLength(1);
		expect(stats.warnings[0]).toMatch(/was damaged .*kept its \d+ calls that could be read.*\.corrupt-\d+/);
		expect(stats.warnings[0]).toContain(`kept its ${live.callCount} calls`);
		expect(diagnostics).toEqual(stats.warnings);
		// Most of the history survives, and what survives is exactly the start of it.
		expect(live.callCount).toBeGreaterThan(callCount * 0.5);
		expect(live.callCount).toBeLessThan(callCount);
		const originals = new Map(history().map(call => [call.dedupKey, call]));
		for (const call of live.allCalls()) {
			expect(call.tokens).toEqual(originals.get(call.dedupKey)?.tokens);
		}

		// The damaged file is kept as it was; the new ledger is whole and holds the survivors.
		const copies = readdirSync(dir).filter(name => name.includes('.corrupt-'));
		expect(copies).toHaveLength(1);
		expect(readFileSync(path.join(dir, copies[0]!))).toEqual(damaged);
		expect(stats.written).toBe(true);
		const rewritten = await readHistoryFile(path.join(dir, historyFileName('hostA')));
		expect(rewritten?.damage).toBeUndefined();
		expect(rewritten?.events.filter(event => event.type === 'call')).toHaveLength(live.callCount);

		// The next run finds a sound ledger: no warning, no new copy.
		const again = await runLedger(new UsageStore(), {host: 'hostA', env: {}, dir, report: () => undefined});
		expect(again.warnings).toEqual([]);
		expect(again.restoredCalls).toBe(live.callCount);
		expect(readdirSync(dir).filter(name => name.includes('.corrupt-'))).toHaveLength(1);
	});

	it('a damaged ledger of another host is read as far as it goes and never touched', async () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'agent-ncdu-ledger-damage-'));
		const file = await writeHistory(dir);
		const other = path.join(dir, historyFileName('hostB'));
		copyFileSync(file, other);
		const damaged = readFileSync(file).subarray(0, 20_000);
		writeFileSync(other, damaged);
		const diagnostics: string[] = [];
		const store = new UsageStore();
		await runLedger(store, {host: 'hostC', env: {}, dir, report: d => diagnostics.push(d.message)});
		expect(diagnostics.join('\n')).toMatch(/usage history damaged/);
		// hostA's ledger in full, plus hostB's readable part (the same calls: counted once).
		expect(store.callCount).toBe(callCount);
		expect(readFileSync(other)).toEqual(damaged);
	});
});
