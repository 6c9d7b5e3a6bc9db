/**
The usage history's file format (store/history/file.ts): a first run migrates this host's
`<host>.ledger.jsonl.gz` of the previous format (its calls all kept, said once, the old file
removed); a newer version is never overwritten; another device's file is data like any
transcript (hostile values dropped, content fields never read in).
*/
import {createHash} from 'node:crypto';
import {cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {gzipSync} from 'node:zlib';
import {describe, expect, it} from 'vitest';
import type {UsageEvent} from '../../source/core/events.js';
import {zeroTokens} from '../../source/core/tokens.js';
import {UsageStore} from '../../source/model/store.js';
import {readHistoryFile} from '../../source/store/history/file.js';
import {runLedger} from '../../source/store/history/index.js';
import {PackEncoder} from '../../source/store/pack/codec.js';
import {publicFixtures, runCli, runJson} from '../support/cli.js';

/** The records the previous format wrote for these events (its documented line kinds). */
function legacyRecords(events: readonly UsageEvent[]): unknown[] {
	return events.map((event): unknown => {
		switch (event.type) {
			case 'session': {
				return {k: 's', a: event.agent, s: event.sessionId, d: event.device, p: event.project, gb: event.gitBranch};
			}

			case 'turn': {
				return {k: 't', a: event.agent, s: event.sessionId, id: event.turnId, t: event.time};
			}

			case 'call': {
				const {tokens: t} = event;
				return {
					k: 'c',
					a: event.agent,
					s: event.sessionId,
					u: event.turnId,
					t: event.time,
					m: event.model,
					key: event.dedupKey,
					tk: [t.input, t.cacheRead, t.cacheWrite5m, t.cacheWrite1h, t.output, t.reasoning],
					to: event.tools.map(tool => [tool.name, tool.activity]),
				};
			}

			default: {
				return event satisfies never;
			}
		}
	});
}

function writeLegacyLedger(file: string, host: string, events: readonly UsageEvent[]): void {
	const header = {k: 'h', format: 'agent-ncdu-ledger', version: 1, host, writtenAt: new Date().toISOString()};
	const lines = [header, ...legacyRecords(events)].map(record => JSON.stringify(record)).join('\n');
	writeFileSync(file, gzipSync(`${lines}\n`));
}

/** A history file of `host` as another program could write it: the documented layout, any values. */
function writeRawHistory(file: string, host: string, events: readonly UsageEvent[]): void {
	const encoder = new PackEncoder(1024);
	encoder.add(events);
	const {strings, ints, floats} = encoder.finish();
	const text = Buffer.from(JSON.stringify(strings));
	const counts = Buffer.from(new Uint32Array([events.length, text.length, ints.length, floats.length]).buffer);
	const payload = Buffer.concat([counts, text, Buffer.from(ints.buffer), Buffer.from(floats.buffer)]);
	const length = Buffer.alloc(4);
	length.writeUInt32LE(payload.length);
	const header = JSON.stringify({format: 'agent-ncdu-history', version: 1, host, writtenAt: '2026-03-02T10:00:00Z'});
	writeFileSync(
		file,
		Buffer.concat([Buffer.from(`${header}\n`), length, createHash('sha1').update(payload).digest(), payload]),
	);
}

const t0 = Date.UTC(2026, 2, 2, 10);

describe('usage history format', () => {
	it('migrates a ledger of the previous format on the first run: every call kept, said once, the old file removed', async () => {
		const root = mkdtempSync(path.join(tmpdir(), 'agent-ncdu-history-migrate-'));
		const claudeDir = path.join(root, 'claude');
		cpSync(path.join(publicFixtures, 'claude-code', 'spotter'), claudeDir, {recursive: true});
		const env = {HOME: root, AGENT_NCDU_HOST: 'hostA', CLAUDE_CONFIG_DIR: claudeDir};
		const ledgers = path.join(root, '.local', 'share', 'agent-ncdu');
		const first = await runJson([], env);
		// Turn this run's history into the previous format, as an older release left it.
		const history = await readHistoryFile(path.join(ledgers, 'hostA.history'));
		expect(history?.events.some(event => event.type === 'call')).toBe(true);
		rmSync(path.join(ledgers, 'hostA.history'));
		writeLegacyLedger(path.join(ledgers, 'hostA.ledger.jsonl.gz'), 'hostA', history!.events);
		// The agent cleaned up its transcripts: the calls now live only in the old ledger.
		rmSync(path.join(claudeDir, 'projects'), {recursive: true});

		const migrated = await runCli(['--json', '--timezone', 'UTC'], env);
		expect(migrated.code).toBe(0);
		expect(migrated.stderr).toMatch(
			/usage history moved to .*hostA\.history \(\d+ calls\); the old file .* was removed/,
		);
		expect(JSON.parse(migrated.stdout).totals).toEqual(first.totals);
		expect(readdirSync(ledgers).filter(name => !name.endsWith('.lock'))).toEqual(['hostA.history']);

		const after = await runCli(['--json', '--timezone', 'UTC'], env);
		expect(after.stderr).not.toMatch(/moved|ledger/);
		expect(JSON.parse(after.stdout).totals).toEqual(first.totals);
	});

	it('never overwrites a history of a newer version, and says why', async () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'agent-ncdu-history-newer-'));
		const file = path.join(dir, 'hostA.history');
		const newer = `${JSON.stringify({format: 'agent-ncdu-history', version: 2, host: 'hostA'})}\nfuture bytes`;
		writeFileSync(file, newer);
		const store = new UsageStore().addAll([
			{
				type: 'call',
				agent: 'codex',
				sessionId: 's1',
				time: t0,
				model: 'gpt-5',
				tokens: {...zeroTokens(), input: 5},
				tools: [],
			},
		]);
		const stats = await runLedger(store, {host: 'hostA', env: {}, dir, report: () => undefined});
		expect(stats.written).toBe(false);
		expect(stats.warnings.join('\n')).toMatch(/newer agent-ncdu \(history version 2\).*left as it is/);
		expect(readFileSync(file, 'utf8')).toBe(newer);
	});

	it("reads another device's history as data: hostile values dropped, content never read in", async () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'agent-ncdu-history-hostile-'));
		mkdirSync(dir, {recursive: true});
		const sound = {type: 'call', agent: 'claude', sessionId: 'b1', time: t0, model: 'claude-sonnet-4-5'} as const;
		writeRawHistory(path.join(dir, 'hostB.history'), 'hostB', [
			{type: 'session', agent: 'claude', sessionId: 'b1', cwd: '/home/b/secret-repo', title: 'leaked title'},
			{type: 'turn', agent: 'claude', sessionId: 'b1', turnId: 'u1', time: t0, prompt: 'my password is hunter2'},
			{
				...sound,
				tokens: {...zeroTokens(), input: 7},
				tools: [{name: 'Read', activity: 'reading', file: '/etc/shadow'}],
			},
			{...sound, time: 1e20, tokens: {...zeroTokens(), input: 8}, tools: []},
			{...sound, time: t0 + 1, tokens: {...zeroTokens(), input: 2e13}, tools: []},
		]);
		const store = new UsageStore();
		const stats = await runLedger(store, {host: 'hostA', env: {}, dir, report: () => undefined});
		expect(stats.restoredCalls).toBe(1);
		const [call] = store.allCalls();
		expect(call?.tokens.input).toBe(7);
		expect(call?.tools).toEqual([{name: 'Read', activity: 'reading'}]);
		expect(store.sessions.get('claude:b1')).toMatchObject({project: 'secret-repo', device: 'hostB'});
		expect(store.sessions.get('claude:b1')?.cwd).toBeUndefined();
		expect(store.sessions.get('claude:b1')?.title).toBeUndefined();
		expect(store.turns.get('claude:b1')?.get('u1')?.prompt).toBe('');
		expect(existsSync(path.join(dir, 'hostA.history'))).toBe(false);
	});

	it("merges this host's old ledger even beside a new history (an older release still writing it), then removes it once", async () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'agent-ncdu-history-both-'));
		const keyed = (key: string, input: number) => ({
			type: 'call' as const,
			agent: 'claude' as const,
			sessionId: 's1',
			time: t0 + input,
			model: 'claude-sonnet-4-5',
			dedupKey: key,
			tokens: {...zeroTokens(), input},
			tools: [],
		});
		await runLedger(new UsageStore().addAll([keyed('k1', 1)]), {host: 'hostA', env: {}, dir, report: () => undefined});
		writeLegacyLedger(path.join(dir, 'hostA.ledger.jsonl.gz'), 'hostA', [keyed('k2', 2)]);
		const store = new UsageStore();
		const stats = await runLedger(store, {host: 'hostA', env: {}, dir, report: () => undefined});
		expect([...store.allCalls()].map(call => call.dedupKey).sort()).toEqual(['k1', 'k2']);
		expect(stats.warnings).toEqual([
			expect.stringMatching(/usage history moved to .*\(1 call\); the old file .* was removed/),
		]);
		expect(readdirSync(dir).filter(name => !name.endsWith('.lock'))).toEqual(['hostA.history']);
		const again = new UsageStore();
		const quiet = await runLedger(again, {host: 'hostA', env: {}, dir, report: () => undefined});
		expect(quiet.warnings).toEqual([]);
		expect(again.callCount).toBe(2);
	});

	it('a history copy that is better than the live one wins, as between two live copies', async () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'agent-ncdu-history-better-'));
		const copy = (input: number, sidechain?: boolean) => ({
			type: 'call' as const,
			agent: 'claude' as const,
			sessionId: 's1',
			time: t0,
			model: 'claude-sonnet-4-5',
			dedupKey: 'k1',
			tokens: {...zeroTokens(), input},
			tools: [],
			...(sidechain === undefined ? {} : {sidechain}),
		});
		// The first run saw the complete main-chain copy; now only a shorter sidechain copy is live.
		await runLedger(new UsageStore().addAll([copy(500)]), {host: 'hostA', env: {}, dir, report: () => undefined});
		const sidechainLive = new UsageStore().addAll([copy(900, true)]);
		await runLedger(sidechainLive, {host: 'hostA', env: {}, dir, report: () => undefined});
		expect([...sidechainLive.allCalls()].map(call => [call.tokens.input, call.sidechain === true])).toEqual([
			[500, false],
		]);
		// A transcript briefly shorter: the larger remembered copy counts.
		const shorter = new UsageStore().addAll([copy(100)]);
		await runLedger(shorter, {host: 'hostA', env: {}, dir, report: () => undefined});
		expect([...shorter.allCalls()].map(call => call.tokens.input)).toEqual([500]);
		// And a larger live copy is not replaced by the remembered one.
		const larger = new UsageStore().addAll([copy(700)]);
		await runLedger(larger, {host: 'hostA', env: {}, dir, report: () => undefined});
		expect([...larger.allCalls()].map(call => call.tokens.input)).toEqual([700]);
	});

	it('never replaces a file that starts like a history but whose header this release cannot read', async () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'agent-ncdu-history-header-'));
		const file = path.join(dir, 'hostA.history');
		const unknown = `{"format":"agent-ncdu-history","version":"2.0","padding":"${'x'.repeat(70_000)}"}\n`;
		writeFileSync(file, unknown);
		const store = new UsageStore().addAll([
			{type: 'call', agent: 'codex', sessionId: 's1', time: t0, tokens: {...zeroTokens(), input: 5}, tools: []},
		]);
		const stats = await runLedger(store, {host: 'hostA', env: {}, dir, report: () => undefined});
		expect(stats.written).toBe(false);
		expect(stats.warnings.join('\n')).toMatch(/history header this release cannot read.*left as it is/);
		expect(readFileSync(file, 'utf8')).toBe(unknown);
		expect(readdirSync(dir).filter(name => name.includes('.corrupt-'))).toEqual([]);
	});
});
