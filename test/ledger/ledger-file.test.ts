/**
The ledger file on its own: atomic replacement (an interrupted write leaves the old ledger),
corrupt and foreign files, content-free records, retention and the merge rules.
*/
import {mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import type {CallEvent, UsageEvent} from '../../source/core/events.js';
import {zeroTokens} from '../../source/core/tokens.js';
import {projectOf} from '../../source/model/labels.js';
import {UsageStore} from '../../source/model/store.js';
import {historyEventsOf} from '../../source/store/history/events.js';
import {historyFileName, readHistoryFile, writeHistoryFile} from '../../source/store/history/file.js';
import {runLedger} from '../../source/store/history/index.js';
import {mergeLedgers, stampDevice} from '../../source/store/history/merge.js';

const day = 86_400_000;
const t0 = Date.UTC(2026, 1, 10, 12);

function call(overrides: Partial<CallEvent> = {}): CallEvent {
	return {
		type: 'call',
		agent: 'codex',
		sessionId: 's1',
		time: t0,
		model: 'gpt-5',
		tokens: {...zeroTokens(), input: 100, output: 10},
		tools: [{name: 'shell', activity: 'executing', file: '/secret/path.txt'}],
		...overrides,
	};
}

function storeOf(events: UsageEvent[]): UsageStore {
	return new UsageStore().addAll(events);
}

function folder(): string {
	return mkdtempSync(path.join(tmpdir(), 'agent-ncdu-ledger-'));
}

const reportNothing = () => undefined;

describe('ledger file', () => {
	it('a failed write throws, leaves the previous ledger intact and no temporary file behind', async () => {
		const dir = folder();
		const first = storeOf([call()]);
		stampDevice(first, 'hostA');
		await writeHistoryFile(dir, 'hostA', historyEventsOf(first, new Set(['hostA'])));
		const before = readFileSync(path.join(dir, historyFileName('hostA')));
		// A folder where the file of host "hostB" would go: its rename fails for real.
		mkdirSync(path.join(dir, historyFileName('hostB'), 'in-the-way'), {recursive: true});
		await expect(writeHistoryFile(dir, 'hostB', historyEventsOf(first, new Set(['hostA'])))).rejects.toThrow();
		expect(readFileSync(path.join(dir, historyFileName('hostA')))).toEqual(before);
		expect(readdirSync(dir).sort()).toEqual([historyFileName('hostA'), historyFileName('hostB')]);
	});

	it('ignores a half-written temporary file left by a killed process', async () => {
		const dir = folder();
		const store = storeOf([call()]);
		const stats = await runLedger(store, {host: 'hostA', env: {}, dir, report: reportNothing});
		writeFileSync(`${stats.file}.999.1.tmp`, 'garbage, not gzip');
		const again = storeOf([]);
		expect((await runLedger(again, {host: 'hostA', env: {}, dir, report: reportNothing})).restoredCalls).toBe(1);
	});

	it('keeps a copy of a foreign or empty own ledger, reports it, and starts a new one', async () => {
		const dir = folder();
		const target = path.join(dir, historyFileName('hostA'));
		writeFileSync(target, Buffer.from([0x1f, 0x8b, 8, 0, 0, 0]));
		const diagnostics: string[] = [];
		const stats = await runLedger(storeOf([call()]), {
			host: 'hostA',
			env: {},
			dir,
			report: d => diagnostics.push(d.message),
		});
		expect(diagnostics.join('\n')).toMatch(/usage history .* was damaged/);
		expect(stats.warnings).toHaveLength(1);
		expect(stats.written).toBe(true);
		const copies = readdirSync(dir).filter(name => name.includes('.corrupt-'));
		expect(copies).toHaveLength(1);
		expect(readFileSync(path.join(dir, copies[0]!))).toEqual(Buffer.from([0x1f, 0x8b, 8, 0, 0, 0]));
	});

	it('stores no prompt, title, cwd or file path', async () => {
		const dir = folder();
		const store = storeOf([
			{
				type: 'session',
				agent: 'codex',
				sessionId: 's1',
				cwd: '/home/me/secret-project',
				title: 'Fix the password leak',
			},
			{type: 'turn', agent: 'codex', sessionId: 's1', turnId: 'u1', time: t0 - 10, prompt: 'my API key is sk-123'},
			call({turnId: 'u1'}),
			// A transcript without a cwd: the agent's encoded folder is the whole path.
			{type: 'session', agent: 'claude', sessionId: 's2', projectFolder: '-home-alice-clients-acme-merger'},
			call({agent: 'claude', sessionId: 's2'}),
		]);
		expect(projectOf(store.sessions.get('claude:s2')!)).toBe('-home-alice-clients-acme-merger');
		const stats = await runLedger(store, {host: 'hostA', env: {}, dir, report: reportNothing});
		const text = readFileSync(stats.file!).toString('utf8');
		expect(text).toContain('"secret-project"');
		for (const secret of ['/home/me', 'password', 'sk-123', '/secret/path.txt', 'alice', 'acme']) {
			expect(text).not.toContain(secret);
		}
	});

	it('is rewritten only when its content changed', async () => {
		const dir = folder();
		const first = await runLedger(storeOf([call()]), {host: 'hostA', env: {}, dir, report: reportNothing});
		expect(first.written).toBe(true);
		const again = await runLedger(storeOf([call()]), {host: 'hostA', env: {}, dir, report: reportNothing});
		expect(again).toMatchObject({written: false, restoredCalls: 0});
		const grown = await runLedger(storeOf([call(), call({time: t0 + 1})]), {
			host: 'hostA',
			env: {},
			dir,
			report: reportNothing,
		});
		expect(grown.written).toBe(true);
		expect(readdirSync(dir)).toEqual([historyFileName('hostA')]);
	});

	it('is not decoded when the live data has all it holds, and is when a call is missing from them', async () => {
		const dir = folder();
		const events = [call(), call({time: t0 + 1, dedupKey: 'codex:k1'})];
		await runLedger(storeOf(events), {host: 'hostA', env: {}, dir, report: reportNothing});
		const file = path.join(dir, historyFileName('hostA'));
		const written = await readHistoryFile(file);
		const liveSummary = written!.summary!;
		// The same calls live: the header's summary matches, so no block is read.
		expect((await readHistoryFile(file, undefined, liveSummary))!.events).toEqual([]);
		// One call deleted from the transcripts: the summary differs and the file gives its calls.
		const smaller = storeOf(events.slice(0, 1));
		stampDevice(smaller, 'hostA');
		const restored = await runLedger(smaller, {host: 'hostA', env: {}, dir, report: reportNothing});
		expect(restored.restoredCalls).toBe(1);
		expect(smaller.callCount).toBe(2);
	});

	it('--retention-days drops older calls from the file only', async () => {
		const dir = folder();
		const store = storeOf([call({time: t0 - 40 * day}), call({time: t0 - 1 * day})]);
		await runLedger(store, {host: 'hostA', env: {}, dir, retentionDays: 30, now: t0, report: reportNothing});
		const history = await readHistoryFile(path.join(dir, historyFileName('hostA')));
		expect(history!.events.flatMap(event => (event.type === 'call' ? [event.time] : []))).toEqual([t0 - 1 * day]);
	});
});

describe('ledger merge', () => {
	it('restores calls missing from the live data, never duplicates present ones', async () => {
		const dir = folder();
		const keyed = (n: number) => call({agent: 'claude', sessionId: 'c1', time: t0 + n, dedupKey: `claude:m${n}:r`});
		await runLedger(storeOf([call(), call(), keyed(1), keyed(2)]), {
			host: 'hostA',
			env: {},
			dir,
			report: reportNothing,
		});
		// Second run: one unkeyed copy and one keyed call are gone from the transcripts.
		const live = storeOf([call(), keyed(1)]);
		const stats = await runLedger(live, {host: 'hostA', env: {}, dir, report: reportNothing});
		expect(stats.restoredCalls).toBe(2);
		expect(live.callCount).toBe(4);
		// A keyed copy the transcript later completed (more tokens) wins over the ledger copy.
		const grown = storeOf([{...keyed(2), tokens: {...zeroTokens(), input: 500, output: 50}}]);
		await runLedger(grown, {host: 'hostA', env: {}, dir, report: reportNothing});
		const keyedCalls = [...grown.allCalls()].filter(item => item.dedupKey === 'claude:m2:r');
		expect(keyedCalls.map(item => item.tokens.input)).toEqual([500]);
	});

	it('two ledgers holding the same calls count them once', () => {
		const store = storeOf([]);
		const events = [...historyEventsOf(storeOf([call(), call({time: t0 + 5})]), new Set(['hostA']))];
		mergeLedgers(store, [
			{host: 'hostA', events},
			{host: 'hostB', events},
		]);
		expect(store.callCount).toBe(2);
	});
});
