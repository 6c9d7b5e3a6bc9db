/**
An OpenCode database that OpenCode is using while agent-ncdu loads, through the real pipeline
(loadUsage): a writer holding an exclusive lock with an uncommitted row, and a WAL that gains
a committed transaction between discovery and reading. Results are a consistent committed
state, nothing waits on the lock, nothing is written next to the database. (The parser-level
cases — torn/uncommitted WAL frames, corrupt databases — are in test/parsers/opencode.)
*/
import {copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, expect, it} from 'vitest';
import {type LoadResult, loadUsage} from '../../source/pipeline/load.js';
import {opencodeParser} from '../../source/parsers/opencode/index.js';
import {assistantData, createOpenCodeDatabase, insertMessage, insertSession} from '../generate/opencode.js';
import {writeWalPair} from '../parsers/opencode/wal.js';

const temp = mkdtempSync(path.join(tmpdir(), 'agent-ncdu-opencode-live-'));
afterAll(() => rmSync(temp, {recursive: true, force: true}));
const t0 = Date.parse('2026-03-02T10:00:00Z');
const message = (id: string, created: number) =>
	assistantData({
		id,
		sessionId: 'ses_main',
		parentId: 'msg_u1',
		created,
		model: 'claude-sonnet-4-5',
		provider: 'anthropic',
		input: 100,
		output: 50,
		reasoning: 0,
		cacheRead: 1000,
		cacheWrite: 0,
		cost: 0.01,
		cwd: '/home/dev/app',
	});

/** `<dir>/opencode/opencode.db` with one session and one committed call. */
function dataDir(name: string): {dir: string; database: string} {
	const dir = path.join(temp, name);
	mkdirSync(path.join(dir, 'opencode'), {recursive: true});
	const database = path.join(dir, 'opencode', 'opencode.db');
	const db = createOpenCodeDatabase(database);
	insertSession(db, {id: 'ses_main', directory: '/home/dev/app', title: 'live', created: t0});
	insertMessage(db, {id: 'msg_a1', sessionId: 'ses_main', created: t0 + 5000, data: message('msg_a1', t0 + 5000)});
	db.close();
	return {dir, database};
}

function snapshotOf(folder: string): Record<string, string> {
	// The WASM writer's lock is a folder (`<db>.lock`): record folders by name only.
	return Object.fromEntries(
		readdirSync(folder, {withFileTypes: true}).map(entry => [
			entry.name,
			entry.isDirectory() ? 'folder' : readFileSync(path.join(folder, entry.name)).toString('base64'),
		]),
	);
}

async function load(dir: string, afterDiscover?: () => void): Promise<LoadResult> {
	const parser = {
		...opencodeParser,
		async discover(root: string, context: Parameters<typeof opencodeParser.discover>[1]) {
			const files = await opencodeParser.discover(root, context);
			afterDiscover?.();
			return files;
		},
	};
	return loadUsage({dataDirs: [dir], agents: ['opencode'], parsers: [parser], env: {}, home: '/nonexistent'});
}

const callIds = (result: LoadResult) => [...result.store.allCalls()].map(call => call.callId).sort();

it('a writer holding an exclusive lock: the committed rows load at once, the uncommitted one does not', async () => {
	const {dir, database} = dataDir('locked');
	const {Database} = await import('node-sqlite3-wasm');
	const writer = new Database(database);
	try {
		writer.exec('BEGIN EXCLUSIVE');
		insertMessage(writer, {
			id: 'msg_pending',
			sessionId: 'ses_main',
			created: t0 + 9000,
			data: message('msg_pending', t0 + 9000),
		});
		const before = snapshotOf(path.dirname(database));
		const result = await load(dir);
		expect(callIds(result)).toEqual(['msg_a1']);
		expect(result.diagnostics.total).toBe(0);
		expect(snapshotOf(path.dirname(database))).toEqual(before);
	} finally {
		writer.exec('ROLLBACK');
		writer.close();
	}
});

it('a WAL commit landing between discovery and reading is seen whole (never half)', async () => {
	const {dir, database} = dataDir('wal');
	const after = path.join(temp, 'wal-after.db');
	copyFileSync(database, after);
	const {Database} = await import('node-sqlite3-wasm');
	const late = new Database(after);
	insertMessage(late, {id: 'msg_a2', sessionId: 'ses_main', created: t0 + 7000, data: message('msg_a2', t0 + 7000)});
	late.close();
	const result = await load(dir, () => writeWalPair(database, after, 'uncommitted'));
	expect(callIds(result)).toEqual(['msg_a1', 'msg_a2']);
	expect(result.diagnostics.total).toBe(0);
	expect(readdirSync(path.dirname(database)).sort()).toEqual(['opencode.db', 'opencode.db-wal']);
});
