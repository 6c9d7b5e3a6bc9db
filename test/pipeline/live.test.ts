/**
Live loading (pipeline/live.ts): lines an agent appends and sessions it starts after the load
reach the same store, and the grown store makes the same tree as loading everything afresh,
whether the folders are watched or walked.
*/
import {
	appendFileSync,
	copyFileSync,
	cpSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	writeFileSync,
} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {buildTree} from '../../source/model/build.js';
import {LiveLoad, type LiveUpdate} from '../../source/pipeline/live.js';
import {stampDevice} from '../../source/store/history/merge.js';
import {loadUsage, type LoadResult} from '../../source/pipeline/load.js';
import {assistantData, createOpenCodeDatabase, insertMessage, insertSession} from '../generate/opencode.js';
import {writeWalPair} from '../parsers/opencode/wal.js';
import {ClaudeSessionWriter} from '../support/claude-session.js';
import {repoRoot} from '../support/cli.js';
import {pricer} from '../support/pricer.js';
import {waitFor} from '../support/wait-for.js';

const running: LiveLoad[] = [];
afterEach(() => {
	for (const live of running.splice(0)) live.stop();
});

/** The demo data in a scratch folder, with the second half of one transcript held back. */
function demoWithHeldBackLines(): {dataDir: string; transcript: string; heldBack: string} {
	const dataDir = mkdtempSync(path.join(tmpdir(), 'agent-ncdu-live-'));
	cpSync(path.join(repoRoot, 'fixtures', 'demo'), dataDir, {recursive: true});
	const folder = path.join(dataDir, 'claude', 'projects', '-home-dev-src-payments-api');
	const transcript = path.join(folder, readdirSync(folder).find(name => name.endsWith('.jsonl'))!);
	const lines = readFileSync(transcript, 'utf8').split(/(?<=\n)/);
	const half = Math.floor(lines.length / 2);
	writeFileSync(transcript, lines.slice(0, half).join(''));
	return {dataDir, transcript, heldBack: lines.slice(half).join('')};
}

function dailyTotals(load: Pick<LoadResult, 'store'>) {
	const tree = buildTree(load.store, {timezone: 'UTC', pricer});
	return tree.root.children.flatMap(week =>
		week.children.map(day => ({
			day: day.key,
			calls: day.totals.calls,
			tokens: day.totals.total,
			cost: day.totals.costUSD,
			sessions: day.children.length,
		})),
	);
}

async function startLive(dataDir: string, options: {watch: boolean}) {
	const load = await loadUsage({dataDirs: [dataDir], agents: ['claude']});
	const updates: LiveUpdate[] = [];
	const live = new LiveLoad(load, {...options, settleMs: 20, minIntervalMs: 50, pollMs: 100});
	live.onUpdate = update => updates.push(update);
	live.start();
	running.push(live);
	return {load, live, updates};
}

describe.each([{watch: true}, {watch: false}])('a live load (watch: $watch)', ({watch}) => {
	it('takes in appended lines and a new session, and then equals a fresh load', async () => {
		const {dataDir, transcript, heldBack} = demoWithHeldBackLines();
		const {load, live, updates} = await startLive(dataDir, {watch});
		expect(live.mode).toBe(watch ? 'watching' : 'polling');
		const callsAtStart = load.store.callCount;

		appendFileSync(transcript, heldBack);
		const session = new ClaudeSessionWriter(path.join(dataDir, 'claude'), '/home/dev/src/brand-new-project');
		session.prompt('Add a health check endpoint', new Date('2026-11-20T10:00:00Z'));
		session.respond({input: 1200, output: 340, cacheRead: 5000}, new Date('2026-11-20T10:00:05Z'));

		const fresh = await loadUsage({dataDirs: [dataDir], agents: ['claude']});
		await waitFor(() => load.store.callCount === fresh.store.callCount && live.fileCount === fresh.files.length, {
			message: () => `${load.store.callCount} of ${fresh.store.callCount} calls`,
		});
		await waitFor(() => JSON.stringify(dailyTotals(load)) === JSON.stringify(dailyTotals(fresh)));
		expect(dailyTotals(load)).toEqual(dailyTotals(fresh));
		expect(load.store.callCount).toBeGreaterThan(callsAtStart);
		const read = new Set(updates.flatMap(update => update.files.map(file => file.path)));
		expect(read).toContain(transcript);
		expect(read).toContain(session.file);
		// Only what changed was read again, never the whole history.
		expect(read.size).toBeLessThanOrEqual(2);
	});

	it('waits for a line being written to end before it counts, and says nothing about it meanwhile', async () => {
		const {dataDir} = demoWithHeldBackLines();
		const root = path.join(dataDir, 'claude');
		const session = new ClaudeSessionWriter(root);
		session.prompt('Rename the config loader', new Date('2026-11-21T09:00:00Z'));
		const {load, updates} = await startLive(dataDir, {watch});
		const before = load.store.callCount;

		const probe = new ClaudeSessionWriter(path.join(dataDir, 'scratch'));
		probe.respond({input: 10, output: 20}, new Date('2026-11-21T09:00:03Z'));
		const line = readFileSync(probe.file, 'utf8').replace(probe.sessionId, session.sessionId);
		appendFileSync(session.file, line.slice(0, 80));
		await waitFor(() => updates.length > 0);
		expect(load.store.callCount).toBe(before);

		appendFileSync(session.file, line.slice(80));
		await waitFor(() => load.store.callCount === before + 1);
		expect(load.diagnostics.counts.get('partial-line') ?? 0).toBe(0);
	});
});

it('refresh() reads what changed without watching (--no-watch: before each OTLP export)', async () => {
	const {dataDir, transcript, heldBack} = demoWithHeldBackLines();
	const load = await loadUsage({dataDirs: [dataDir], agents: ['claude']});
	const live = new LiveLoad(load);
	appendFileSync(transcript, heldBack);
	const update = await live.refresh();
	expect(update.files.map(file => file.path)).toEqual([transcript]);
	expect(update.callsAdded).toBeGreaterThan(0);
	expect(live.mode).toBe('stopped');
	expect(await live.refresh()).toEqual({files: [], callsAdded: 0});
});

it('an OpenCode database that gains a WAL commit is read again (SQLite, not cacheable)', async () => {
	const dir = mkdtempSync(path.join(tmpdir(), 'agent-ncdu-live-sqlite-'));
	const database = path.join(dir, 'opencode', 'opencode.db');
	const t0 = Date.parse('2026-03-02T10:00:00Z');
	mkdirSync(path.dirname(database), {recursive: true});
	const message = (id: string, created: number) =>
		assistantData({
			...{id, sessionId: 'ses_main', parentId: 'msg_u1', created, model: 'claude-sonnet-4-5', provider: 'anthropic'},
			...{input: 100, output: 50, reasoning: 0, cacheRead: 1000, cacheWrite: 0, cost: 0.01, cwd: '/home/dev/app'},
		});
	const db = createOpenCodeDatabase(database);
	insertSession(db, {id: 'ses_main', directory: '/home/dev/app', title: 'live', created: t0});
	insertMessage(db, {id: 'msg_a1', sessionId: 'ses_main', created: t0 + 5000, data: message('msg_a1', t0 + 5000)});
	db.close();
	const after = path.join(dir, 'after.db');
	copyFileSync(database, after);
	const {Database} = await import('node-sqlite3-wasm');
	const late = new Database(after);
	insertMessage(late, {id: 'msg_a2', sessionId: 'ses_main', created: t0 + 7000, data: message('msg_a2', t0 + 7000)});
	late.close();

	const load = await loadUsage({dataDirs: [dir], agents: ['opencode']});
	expect(load.store.callCount).toBe(1);
	const live = new LiveLoad(load, {settleMs: 20, minIntervalMs: 50});
	running.push(live);
	live.start();
	writeWalPair(database, after);
	await waitFor(() => load.store.callCount === 2);
	expect([...load.store.allCalls()].map(call => call.callId).sort()).toEqual(['msg_a1', 'msg_a2']);
});

it('calls without a dedup key are counted once however often their file is read again', async () => {
	const dataDir = mkdtempSync(path.join(tmpdir(), 'agent-ncdu-live-keyless-'));
	const session = new ClaudeSessionWriter(path.join(dataDir, 'claude'));
	session.prompt('Tidy the imports', new Date('2026-11-22T09:00:00Z'));
	session.respond({input: 500, output: 40}, new Date('2026-11-22T09:00:02Z'), false);
	const {load, live} = await startLive(dataDir, {watch: false});
	expect(load.store.callCount).toBe(1);
	for (const minute of [1, 2]) {
		session.respond({input: 600, output: 50}, new Date(`2026-11-22T09:0${minute}:00Z`), false);
		await live.refresh();
	}

	const fresh = await loadUsage({dataDirs: [dataDir], agents: ['claude']});
	expect(fresh.store.callCount).toBe(3);
	expect(dailyTotals(load)).toEqual(dailyTotals(fresh));
});

it('an OpenCode message updated in place (its tokens grow, and its dedup key with them) is counted once', async () => {
	const dir = mkdtempSync(path.join(tmpdir(), 'agent-ncdu-live-update-'));
	const database = path.join(dir, 'opencode', 'opencode.db');
	const t0 = Date.parse('2026-03-02T10:00:00Z');
	mkdirSync(path.dirname(database), {recursive: true});
	const message = (output: number) =>
		assistantData({
			...{id: 'msg_a1', sessionId: 'ses_main', parentId: 'msg_u1', created: t0, model: 'claude-sonnet-4-5'},
			...{
				provider: 'anthropic',
				input: 100,
				output,
				reasoning: 0,
				cacheRead: 1000,
				cacheWrite: 0,
				cost: 0,
				cwd: '/app',
			},
		});
	const db = createOpenCodeDatabase(database);
	insertSession(db, {id: 'ses_main', directory: '/app', title: 'live', created: t0});
	insertMessage(db, {id: 'msg_a1', sessionId: 'ses_main', created: t0, data: message(50)});
	db.close();
	const load = await loadUsage({dataDirs: [dir], agents: ['opencode']});
	const live = new LiveLoad(load);
	const {Database} = await import('node-sqlite3-wasm');
	for (const output of [80, 120]) {
		const writer = new Database(database);
		writer.run('UPDATE message SET data = ? WHERE id = ?', [JSON.stringify(message(output)), 'msg_a1']);
		writer.close();
		await live.refresh();
	}

	const fresh = await loadUsage({dataDirs: [dir], agents: ['opencode']});
	expect(dailyTotals(load)).toEqual(dailyTotals(fresh));
	expect(dailyTotals(load)[0]).toMatchObject({calls: 1, tokens: 100 + 120 + 1000});
	// Taken back, not saved: the history writes what the store lists.
	expect([...load.store.allCalls()].map(call => call.tokens.output)).toEqual([120]);
});

it('sessions that appear while watching get this machine’s device, as the load’s did', async () => {
	const dataDir = mkdtempSync(path.join(tmpdir(), 'agent-ncdu-live-device-'));
	const first = new ClaudeSessionWriter(path.join(dataDir, 'claude'));
	first.prompt('Start', new Date('2026-11-23T09:00:00Z'));
	first.respond({input: 10, output: 5}, new Date('2026-11-23T09:00:01Z'));
	const load = await loadUsage({dataDirs: [dataDir], agents: ['claude']});
	stampDevice(load.store, 'laptop'); // as the history step of a load does
	const live = new LiveLoad(load, {device: 'laptop'});
	const later = new ClaudeSessionWriter(path.join(dataDir, 'claude'), '/home/dev/src/other');
	later.prompt('Later', new Date('2026-11-23T10:00:00Z'));
	later.respond({input: 10, output: 5}, new Date('2026-11-23T10:00:01Z'));
	await live.refresh();
	expect(load.store.sessions.get(`claude:${later.sessionId}`)?.device).toBe('laptop');
	const onThisMachine = buildTree(load.store, {timezone: 'UTC', pricer, filter: {devices: ['laptop']}});
	expect(onThisMachine.root.totals.calls).toBe(2);
});
