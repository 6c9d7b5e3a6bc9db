/**
Kilo CLI on ccusage's own test database (fixtures/agents/kilo, see fixtures/agents/PROVENANCE.md) and on
databases written here in OpenCode's schema, which Kilo keeps: roots, discovery of every channel's
database, calls read by the OpenCode reader but carrying the Kilo agent, the stored cost as reported,
sessions, turns and tools, dedup of a copied database, and bad input.
*/
import {copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {totalOf} from '../../../source/core/tokens.js';
import {isKiloDatabase, kiloParser} from '../../../source/parsers/kilo/index.js';
import {
	assistantData,
	createOpenCodeDatabase,
	insertMessage,
	insertPart,
	insertSession,
} from '../../generate/opencode.js';
import {agentFixtures} from '../../support/agents-oracle.js';
import {writeDatabase} from '../../support/write-sqlite.js';
import {dedupe, parseWith} from '../gemini/helpers.js';

const fixture = path.join(agentFixtures, 'kilo');
const context = (env: Record<string, string>) => ({env, home: '/home/u', report: () => {}});
const temp = () => mkdtempSync(path.join(tmpdir(), 'agent-ncdu-kilo-'));

describe('Kilo roots and discovery', () => {
	it('KILO_DATA_DIR is a comma list, else the XDG data folder’s kilo and %APPDATA%\\kilo', () => {
		expect(kiloParser.roots(context({KILO_DATA_DIR: ' /a , ~/b,/a/'}))).toEqual(['/a', '/home/u/b']);
		expect(kiloParser.roots(context({}))).toEqual(['/home/u/.local/share/kilo', '/home/u/AppData/Roaming/kilo']);
		expect(kiloParser.roots(context({XDG_DATA_HOME: '/xdg', APPDATA: '/c/Users/u/AppData/Roaming'}))).toEqual([
			'/xdg/kilo',
			'/c/Users/u/AppData/Roaming/kilo',
		]);
	});

	it('reads kilo.db, every kilo-<channel>.db and a dev channel’s opencode-<channel>.db, nothing else', async () => {
		expect(['kilo.db', 'kilo-beta.db', 'opencode-dev.db'].every(isKiloDatabase)).toBe(true);
		expect(['opencode.db', 'kilo.db-wal', 'kilo.db-shm', 'other.db', 'kilo.sqlite'].some(isKiloDatabase)).toBe(false);
		const root = temp();
		for (const name of ['kilo.db', 'kilo-beta.db', 'opencode-dev.db', 'opencode.db', 'notes.db']) {
			copyFileSync(path.join(fixture, 'kilo.db'), path.join(root, name));
		}

		const parsed = await parseWith(kiloParser, {KILO_DATA_DIR: root});
		expect(parsed.files.map(file => [path.basename(file.path), file.kind, file.agent])).toEqual([
			['kilo-beta.db', 'sqlite', 'kilo'],
			['kilo.db', 'sqlite', 'kilo'],
			['opencode-dev.db', 'sqlite', 'kilo'],
		]);
	});
});

describe('Kilo kilo.db (ccusage’s test rows)', async () => {
	const parsed = await parseWith(kiloParser, {KILO_DATA_DIR: fixture});
	const ccusage = JSON.parse(
		readFileSync(path.join(agentFixtures, 'expected-ccusage-20.0.24', 'kilo-session.json'), 'utf8'),
	) as {sessions: Array<Record<string, number | string>>};

	it('an assistant message with a creation time is a call; one without (row-2) is not', () => {
		expect(parsed.diagnostics).toEqual([]);
		expect(parsed.calls.map(call => [call.agent, call.sessionId, call.callId, call.model])).toEqual([
			['kilo', 'session-a', 'msg-1', 'claude-sonnet-4-20250514'],
			['kilo', 'session-c', 'embedded-msg-1', 'gpt-5'],
		]);
	});

	it('input, cache read and cache write equal ccusage’s; output holds the reasoning ccusage keeps apart', () => {
		for (const call of parsed.calls) {
			const theirs = ccusage.sessions.find(session => session['sessionId'] === call.sessionId)!;
			expect([call.tokens.input, call.tokens.cacheRead, call.tokens.cacheWrite5m]).toEqual([
				theirs['inputTokens'],
				theirs['cacheReadTokens'],
				theirs['cacheCreationTokens'],
			]);
			expect(call.tokens.output - call.tokens.reasoning).toBe(theirs['outputTokens']);
			expect(totalOf(call.tokens)).toBe(theirs['totalTokens']);
		}
	});

	it('the stored cost is reported (msg-1: 0.02); a message without one is estimated', () => {
		expect(parsed.calls.map(call => call.reportedCostUSD)).toEqual([0.02, undefined]);
	});

	it('the same database under two roots counts once', async () => {
		const copy = temp();
		copyFileSync(path.join(fixture, 'kilo.db'), path.join(copy, 'kilo.db'));
		const twice = await parseWith(kiloParser, {KILO_DATA_DIR: `${fixture},${copy}`});
		expect(twice.calls).toHaveLength(4);
		expect(dedupe(twice.calls).map(call => call.callId)).toEqual(['msg-1', 'embedded-msg-1']);
	});

	it('reading leaves the Kilo folder as it was', async () => {
		const root = temp();
		copyFileSync(path.join(fixture, 'kilo.db'), path.join(root, 'kilo.db'));
		const before = statSync(path.join(root, 'kilo.db')).mtimeMs;
		await parseWith(kiloParser, {KILO_DATA_DIR: root});
		expect(readdirSync(root)).toEqual(['kilo.db']);
		expect(statSync(path.join(root, 'kilo.db')).mtimeMs).toBe(before);
	});
});

describe('Kilo kilo.db (OpenCode’s schema, as Kilo writes it)', () => {
	it('sessions, turns and tools come out as the OpenCode reader makes them, for the Kilo agent', async () => {
		const root = temp();
		const t0 = Date.parse('2026-03-02T10:00:00Z');
		const database = createOpenCodeDatabase(path.join(root, 'kilo.db'));
		insertSession(database, {id: 'ses_k', directory: '/home/dev/webapp', title: 'Fix login', created: t0});
		insertMessage(database, {
			id: 'msg_u',
			sessionId: 'ses_k',
			created: t0,
			data: {id: 'msg_u', sessionID: 'ses_k', role: 'user', time: {created: t0}},
		});
		insertPart(database, {
			id: 'prt_1',
			messageId: 'msg_u',
			sessionId: 'ses_k',
			created: t0,
			data: {type: 'text', text: 'Fix it'},
		});
		const answer = assistantData({
			id: 'msg_a',
			sessionId: 'ses_k',
			parentId: 'msg_u',
			created: t0 + 5000,
			model: 'anthropic/claude-sonnet-4.5',
			provider: 'kilo',
			input: 120,
			output: 300,
			reasoning: 40,
			cacheRead: 5000,
			cacheWrite: 800,
			cost: 0.0123,
			cwd: '/home/dev/webapp',
		});
		insertMessage(database, {id: 'msg_a', sessionId: 'ses_k', created: t0 + 5000, data: answer});
		insertPart(database, {
			id: 'prt_2',
			messageId: 'msg_a',
			sessionId: 'ses_k',
			created: t0 + 5000,
			data: {type: 'tool', tool: 'bash', state: {input: {command: 'git diff'}}},
		});
		database.close();

		const parsed = await parseWith(kiloParser, {KILO_DATA_DIR: root});
		expect(parsed.sessions).toEqual([
			{
				type: 'session',
				agent: 'kilo',
				sessionId: 'ses_k',
				cwd: '/home/dev/webapp',
				project: 'webapp',
				title: 'Fix login',
			},
		]);
		expect(parsed.turns.map(turn => [turn.agent, turn.turnId, turn.prompt])).toEqual([['kilo', 'msg_u', 'Fix it']]);
		expect(parsed.calls).toMatchObject([
			{
				agent: 'kilo',
				turnId: 'msg_u',
				model: 'anthropic/claude-sonnet-4.5',
				tokens: {input: 120, output: 340, reasoning: 40, cacheRead: 5000, cacheWrite5m: 800},
				reportedCostUSD: 0.0123,
				tools: [{name: 'bash', activity: 'git'}],
			},
		]);
		expect(parsed.calls[0]?.dedupKey?.startsWith('kilo:')).toBe(true);
	});
});

describe('Kilo bad input', () => {
	it('a message table without a data column is an unknown schema; a row that is not JSON is reported', async () => {
		const noData = temp();
		writeDatabase(path.join(noData, 'kilo.db'), 'CREATE TABLE message (id TEXT, session_id TEXT)');
		const badRow = temp();
		writeDatabase(path.join(badRow, 'kilo.db'), 'CREATE TABLE message (id TEXT, session_id TEXT, data TEXT)', [
			["INSERT INTO message VALUES ('row-x', 's', '{\"role\":\"assist')", []],
		]);
		const parsed = await parseWith(kiloParser, {KILO_DATA_DIR: `${noData},${badRow}`});
		expect(parsed.calls).toEqual([]);
		expect(parsed.diagnostics.map(d => [d.kind, d.agent])).toEqual([
			['unknown-schema', 'kilo'],
			['malformed-line', 'kilo'],
		]);
	});

	it('a kilo.db that is not a database is one database-error', async () => {
		const root = temp();
		mkdirSync(root, {recursive: true});
		writeFileSync(path.join(root, 'kilo.db'), 'not SQLite at all '.repeat(300));
		const parsed = await parseWith(kiloParser, {KILO_DATA_DIR: root});
		expect(parsed.diagnostics.map(d => [d.kind, d.agent])).toEqual([['database-error', 'kilo']]);
	});
});
