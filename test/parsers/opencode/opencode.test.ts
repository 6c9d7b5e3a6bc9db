/**
OpenCode parser on real SQLite databases built in a temp folder from the schema of
parsers/FORMATS.md §4.1 (no real sample exists; see fixtures/opencode/PROVENANCE.md), plus the
public tokscale legacy JSON sample compared with ccusage 20.0.24's output.
*/
import {createHash} from 'node:crypto';
import {copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {totalOf} from '../../../source/core/tokens.js';
import {opencodeParser} from '../../../source/parsers/opencode/index.js';
import {
	assistantData,
	createOpenCodeDatabase,
	insertMessage,
	insertPart,
	insertSession,
} from '../../generate/opencode.js';
import {dedupe, fixtures, parseWith} from '../gemini/helpers.js';
import {writeWalPair} from './wal.js';

const temp = mkdtempSync(path.join(os.tmpdir(), 'opencode-test-'));
afterAll(() => rmSync(temp, {recursive: true, force: true}));
const t0 = Date.parse('2026-03-02T10:00:00Z');
const a1 = assistantData({
	id: 'msg_a1',
	sessionId: 'ses_main',
	parentId: 'msg_u1',
	created: t0 + 5000,
	model: 'claude-sonnet-4-5',
	provider: 'anthropic',
	input: 120,
	output: 300,
	reasoning: 40,
	cacheRead: 5000,
	cacheWrite: 800,
	cost: 0.0123,
	cwd: '/home/dev/webapp',
});

/** A root with `opencode.db` holding a main session, a fork copy, a sub-agent child and bad rows. */
function buildRoot(name: string, options: {v2?: boolean} = {}): string {
	const root = path.join(temp, name);
	mkdirSync(root, {recursive: true});
	const database = createOpenCodeDatabase(path.join(root, 'opencode.db'), options);
	insertSession(database, {id: 'ses_main', directory: '/home/dev/webapp', title: 'Fix login', created: t0});
	insertSession(database, {
		id: 'ses_fork',
		directory: '/home/dev/webapp',
		title: 'Fix login (fork)',
		created: t0 + 60_000,
	});
	insertSession(database, {
		id: 'ses_child',
		directory: '/home/dev/webapp',
		title: 'explore',
		parentId: 'ses_main',
		created: t0 + 7000,
	});
	insertMessage(database, {
		id: 'msg_u1',
		sessionId: 'ses_main',
		created: t0,
		data: {id: 'msg_u1', sessionID: 'ses_main', role: 'user', time: {created: t0}},
	});
	insertPart(database, {
		id: 'prt_1',
		messageId: 'msg_u1',
		sessionId: 'ses_main',
		created: t0,
		data: {type: 'text', text: 'Fix the  login\nbug'},
	});
	insertMessage(database, {id: 'msg_a1', sessionId: 'ses_main', created: t0 + 5000, data: a1});
	insertPart(database, {
		id: 'prt_2',
		messageId: 'msg_a1',
		sessionId: 'ses_main',
		created: t0 + 5000,
		data: {type: 'tool', tool: 'read', state: {input: {filePath: '/home/dev/webapp/src/login.ts'}}},
	});
	insertPart(database, {
		id: 'prt_3',
		messageId: 'msg_a1',
		sessionId: 'ses_main',
		created: t0 + 5000,
		data: {type: 'tool', tool: 'bash', state: {input: {command: 'git diff'}}},
	});
	const a2 = assistantData({
		id: 'msg_a2',
		sessionId: 'ses_child',
		parentId: 'msg_u1',
		created: t0 + 9000,
		model: 'gpt-5',
		provider: 'openai',
		input: 1000,
		output: 200,
		reasoning: 150,
		cacheRead: 0,
		cacheWrite: 0,
		cost: 0,
		cwd: '/home/dev/webapp',
	});
	insertMessage(database, {id: 'msg_a2', sessionId: 'ses_child', created: t0 + 9000, data: a2});
	const failed = {
		id: 'msg_err',
		sessionID: 'ses_main',
		role: 'assistant',
		modelID: 'gpt-5',
		providerID: 'openai',
		error: {name: 'APIError'},
		time: {created: t0 + 9500},
	};
	insertMessage(database, {id: 'msg_err', sessionId: 'ses_main', created: t0 + 9500, data: failed});
	database.run('INSERT INTO message (id, session_id, time_created, time_updated, data) VALUES (?, ?, ?, ?, ?)', [
		'msg_bad',
		'ses_main',
		t0 + 9600,
		t0,
		'{"role":"assist',
	]);
	// The fork copies msg_a1 under a new id into the fork session, content unchanged.
	insertMessage(database, {
		id: 'msg_zfork',
		sessionId: 'ses_fork',
		created: t0 + 60_000,
		data: {...a1, id: 'msg_zfork', sessionID: 'ses_fork'},
	});
	if (options.v2) {
		const v2 = {
			model: {id: 'claude-opus-4-1', providerID: 'anthropic'},
			tokens: {input: 10, output: 20, reasoning: 0, cache: {read: 30, write: 40}},
			cost: 0.5,
			time: {created: t0 + 20_000},
		};
		insertMessage(
			database,
			{id: 'smsg_1', sessionId: 'ses_main', created: t0 + 20_000, data: {...v2, role: 'assistant'}},
			'session_message',
		);
		database.run("UPDATE session_message SET data = json_remove(data, '$.role')");
	}

	database.close();
	return root;
}

const parseRoot = async (root: string) => parseWith(opencodeParser, {OPENCODE_DATA_DIR: root});

describe('roots', () => {
	const context = (env: Record<string, string>) => ({env, home: '/home/u', report: () => {}});
	it('OPENCODE_DATA_DIR comma list, else XDG_DATA_HOME/opencode, else ~/.local/share/opencode', () => {
		expect(opencodeParser.roots(context({OPENCODE_DATA_DIR: '/a, ~/b'}))).toEqual(['/a', '/home/u/b']);
		expect(opencodeParser.roots(context({XDG_DATA_HOME: '/xdg'}))).toEqual(['/xdg/opencode']);
		expect(opencodeParser.roots(context({}))).toEqual(['/home/u/.local/share/opencode']);
	});
});

describe('SQLite database', async () => {
	const root = buildRoot('main', {v2: true});
	copyFileSync(path.join(root, 'opencode.db'), path.join(root, 'opencode-beta.db'));
	const parsed = await parseRoot(root);

	it('discovers every channel database', () => {
		expect(parsed.files.map(file => [path.basename(file.path), file.kind])).toEqual([
			['opencode-beta.db', 'sqlite'],
			['opencode.db', 'sqlite'],
		]);
	});

	it('maps tokens: output includes reasoning, cache read/write, stored cost as reported', () => {
		const call = parsed.calls.find(c => c.callId === 'msg_a1');
		expect(call?.tokens).toEqual({
			input: 120,
			output: 340,
			reasoning: 40,
			cacheRead: 5000,
			cacheWrite5m: 800,
			cacheWrite1h: 0,
		});
		expect(totalOf(call!.tokens)).toBe(6260); // OpenCode's own tokens.total
		expect(call).toMatchObject({
			model: 'claude-sonnet-4-5',
			reportedCostUSD: 0.0123,
			turnId: 'msg_u1',
			sessionId: 'ses_main',
			time: t0 + 5000,
		});
		const free = parsed.calls.find(c => c.callId === 'msg_a2');
		expect(free?.reportedCostUSD).toBeUndefined();
		expect(free?.tokens.output).toBe(350);
	});

	it('attaches tool parts and reads prompts from user text parts', () => {
		const call = parsed.calls.find(c => c.callId === 'msg_a1');
		expect(call?.tools).toEqual([
			{name: 'read', activity: 'reading', file: '/home/dev/webapp/src/login.ts'},
			{name: 'bash', activity: 'git'},
		]);
		expect(parsed.turns.find(turn => turn.turnId === 'msg_u1')?.prompt).toBe('Fix the login bug');
	});

	it('reads sessions (project, title, sub-agent parent) and v2 session_message rows', () => {
		expect(parsed.sessions.find(s => s.sessionId === 'ses_child')).toMatchObject({
			project: 'webapp',
			parentSessionId: 'ses_main',
			title: 'explore',
		});
		const v2 = parsed.calls.find(c => c.callId === 'smsg_1');
		expect(v2).toMatchObject({
			model: 'claude-opus-4-1',
			reportedCostUSD: 0.5,
			tokens: {input: 10, output: 20, cacheRead: 30, cacheWrite5m: 40},
		});
	});

	it('skips error messages without tokens and reports undecodable rows', () => {
		expect(parsed.calls.some(c => c.callId === 'msg_err')).toBe(false);
		expect(parsed.diagnostics.filter(d => d.kind === 'malformed-line').map(d => d.message)).toEqual([
			'message msg_bad: data is not a JSON object',
			'message msg_bad: data is not a JSON object',
		]);
	});

	it('a fork copy and a second channel database collapse to one call per message', () => {
		// 2 databases × (a1, fork copy of a1, a2, v2 row) = 8 events; 3 distinct calls.
		expect(parsed.calls).toHaveLength(8);
		const unique = dedupe(parsed.calls);
		expect(unique.map(c => c.callId).sort()).toEqual(['msg_a1', 'msg_a2', 'smsg_1']);
	});
});

it('legacy JSON copy of a database message is the same call; the public tokscale sample matches ccusage', async () => {
	const root = buildRoot('mixed');
	mkdirSync(path.join(root, 'storage/message/ses_main'), {recursive: true});
	writeFileSync(path.join(root, 'storage/message/ses_main/msg_a1.json'), JSON.stringify(a1));
	const mixed = await parseRoot(root);
	expect(mixed.calls.filter(c => c.callId === 'msg_a1').map(c => c.dedupKey)).toHaveLength(2);
	expect(dedupe(mixed.calls)).toHaveLength(2);

	// ccusage 20.0.24: input 1000, output 500, cache create 100, cache read 200, total 1800.
	const sample = await parseRoot(path.join(fixtures, 'public/opencode/tokscale-synthetic'));
	expect(sample.calls).toHaveLength(1);
	const [call] = sample.calls;
	expect(call?.tokens).toEqual({
		input: 1000,
		output: 500,
		reasoning: 0,
		cacheRead: 200,
		cacheWrite5m: 100,
		cacheWrite1h: 0,
	});
	expect(totalOf(call!.tokens)).toBe(1800);
	expect(call).toMatchObject({sessionId: 'ses_test001', model: 'claude-3-5-sonnet-20241022', time: 1733011200000});
});

/** sha256 of every file under `folder` (recursive), by relative path. */
function folderHashes(folder: string): Record<string, string> {
	const files = readdirSync(folder, {recursive: true, withFileTypes: true}).filter(entry => entry.isFile());
	return Object.fromEntries(
		files
			.map(entry => path.join(entry.parentPath, entry.name))
			.sort()
			.map(file => [path.relative(folder, file), createHash('sha256').update(readFileSync(file)).digest('hex')]),
	);
}

describe('WAL, locks, corruption, read-only', () => {
	it('sees committed-but-uncheckpointed WAL writes, ignores uncommitted and torn frames, writes nothing', async () => {
		for (const trailing of ['none', 'uncommitted', 'torn'] as const) {
			const root = path.join(temp, `wal-${trailing}`);
			mkdirSync(root);
			const base = path.join(root, 'opencode.db');
			const database = createOpenCodeDatabase(base);
			insertSession(database, {id: 'ses_main', directory: '/p', title: 'x', created: t0});
			database.close();
			const after = path.join(temp, `after-${trailing}.db`);
			copyFileSync(base, after);
			const late = new (await import('node-sqlite3-wasm')).Database(after);
			insertMessage(late, {id: 'msg_a1', sessionId: 'ses_main', created: t0 + 5000, data: a1});
			late.close();
			writeWalPair(base, after, trailing);
			const before = folderHashes(root);
			const parsed = await parseRoot(root);
			expect(parsed.diagnostics).toEqual([]);
			expect(parsed.calls.map(c => c.callId)).toEqual(['msg_a1']);
			expect(folderHashes(root)).toEqual(before);
		}
	});

	it('a database under an open exclusive write transaction: committed rows, no wait, no write', async () => {
		const root = buildRoot('locked');
		const {Database} = await import('node-sqlite3-wasm');
		const writer = new Database(path.join(root, 'opencode.db'));
		writer.exec('BEGIN EXCLUSIVE');
		insertMessage(writer, {
			id: 'msg_uncommitted',
			sessionId: 'ses_main',
			created: t0 + 99_000,
			data: {...a1, id: 'msg_uncommitted', time: {created: t0 + 99_000}},
		});
		const before = folderHashes(root);
		const parsed = await parseRoot(root);
		expect(folderHashes(root)).toEqual(before);
		writer.exec('ROLLBACK');
		writer.close();
		expect(parsed.calls.map(c => c.callId).sort()).toEqual(['msg_a1', 'msg_a2', 'msg_zfork']);
	});

	it('a corrupt database is one database-error; legacy files in the same root still parse', async () => {
		const root = path.join(temp, 'corrupt');
		mkdirSync(path.join(root, 'storage/message/ses_main'), {recursive: true});
		writeFileSync(
			path.join(root, 'opencode.db'),
			Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(5000, 0x5a)]),
		);
		writeFileSync(path.join(root, 'opencode-dev.db'), 'not a database at all');
		writeFileSync(path.join(root, 'storage/message/ses_main/msg_a1.json'), JSON.stringify(a1));
		const before = folderHashes(root);
		const parsed = await parseRoot(root);
		expect(parsed.diagnostics.map(d => [d.kind, path.basename(d.file ?? '')])).toEqual([
			['database-error', 'opencode-dev.db'],
			['database-error', 'opencode.db'],
		]);
		expect(parsed.calls.map(c => c.callId)).toEqual(['msg_a1']);
		expect(folderHashes(root)).toEqual(before);
	});
});
