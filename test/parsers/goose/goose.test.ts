/**
Goose on ccusage's own test database (fixtures/agents/goose, see fixtures/agents/PROVENANCE.md) and on
databases written here in the current `sessions` schema: roots, discovery, one call per session from
the accumulated counters, cache carved out of input, Goose's own cost, dedup of a copied database,
and bad input.
*/
import {copyFileSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {totalOf} from '../../../source/core/tokens.js';
import {gooseParser} from '../../../source/parsers/goose/index.js';
import {gooseTime} from '../../../source/parsers/goose/sessions.js';
import {agentFixtures} from '../../support/agents-oracle.js';
import {writeDatabase} from '../../support/write-sqlite.js';
import {dedupe, parseWith} from '../gemini/helpers.js';

const fixture = path.join(agentFixtures, 'goose');
const fixtureDatabase = path.join(fixture, 'data', 'sessions', 'sessions.db');
const context = (env: Record<string, string>) => ({env, home: '/home/u', report: () => {}});
const temp = () => mkdtempSync(path.join(tmpdir(), 'agent-ncdu-goose-'));

/** The `sessions` columns of a current Goose (1.5x) that a parser may read. */
const currentSchema = `CREATE TABLE sessions (id TEXT PRIMARY KEY, name TEXT NOT NULL DEFAULT '',
	session_type TEXT NOT NULL DEFAULT 'user', working_dir TEXT NOT NULL, created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
	updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP, total_tokens INTEGER, input_tokens INTEGER, output_tokens INTEGER,
	cache_read_tokens INTEGER, cache_write_tokens INTEGER, accumulated_total_tokens INTEGER,
	accumulated_input_tokens INTEGER, accumulated_output_tokens INTEGER, accumulated_cache_read_tokens INTEGER,
	accumulated_cache_write_tokens INTEGER, accumulated_cost REAL, provider_name TEXT, model_config_json TEXT,
	parent_session_id TEXT)`;

type Row = {
	id: string;
	created?: string | number;
	input?: number;
	output?: number;
	total?: number;
	cacheRead?: number;
	cacheWrite?: number;
	cost?: number;
	parent?: string;
	model?: string;
	/** The latest request's input and output (the plain columns). */
	latest?: number;
};

function insert(row: Row): readonly [string, Array<string | number | null>] {
	return [
		`INSERT INTO sessions (id, name, working_dir, created_at, accumulated_input_tokens, accumulated_output_tokens,
			accumulated_total_tokens, accumulated_cache_read_tokens, accumulated_cache_write_tokens, accumulated_cost,
			provider_name, model_config_json, parent_session_id, input_tokens, output_tokens, total_tokens)
			VALUES (?, ?, '/home/dev/webapp', ?, ?, ?, ?, ?, ?, ?, 'anthropic', ?, ?, ?, ?, ?)`,
		[
			row.id,
			`name of ${row.id}`,
			row.created ?? '2026-05-01 01:02:03',
			row.input ?? 1000,
			row.output ?? 100,
			row.total ?? (row.input ?? 1000) + (row.output ?? 100),
			row.cacheRead ?? null,
			row.cacheWrite ?? null,
			row.cost ?? null,
			JSON.stringify({model_name: row.model ?? 'claude-sonnet-4-5', temperature: null}),
			row.parent ?? null,
			row.latest ?? 9,
			row.latest ?? 9,
			2 * (row.latest ?? 9),
		],
	];
}

/** A GOOSE_PATH_ROOT whose `data/sessions/sessions.db` holds `rows` in the current schema. */
function currentRoot(rows: readonly Row[]): string {
	const root = temp();
	writeDatabase(path.join(root, 'data', 'sessions', 'sessions.db'), currentSchema, rows.map(insert));
	return root;
}

describe('Goose roots and discovery', () => {
	it('GOOSE_PATH_ROOT (comma list), else XDG data, the places ccusage looks and %APPDATA%\\Block\\goose', () => {
		expect(gooseParser.roots(context({GOOSE_PATH_ROOT: ' /a , ~/b,/a/'}))).toEqual(['/a', '/home/u/b']);
		expect(gooseParser.roots(context({}))).toEqual([
			'/home/u/.local/share/goose',
			'/home/u/.local/share/Block/goose',
			'/home/u/Library/Application Support/goose',
			'/home/u/AppData/Roaming/Block/goose',
		]);
		expect(gooseParser.roots(context({XDG_DATA_HOME: '/xdg', APPDATA: '/c/Users/u/AppData/Roaming'}))).toEqual([
			'/xdg/goose',
			'/home/u/.local/share/Block/goose',
			'/home/u/Library/Application Support/goose',
			'/c/Users/u/AppData/Roaming/Block/goose',
		]);
	});

	it('finds data/sessions/sessions.db under a path root and sessions/sessions.db under a data folder', async () => {
		const root = temp();
		for (const folder of ['data/sessions', 'sessions', 'other']) {
			mkdirSync(path.join(root, folder), {recursive: true});
			copyFileSync(fixtureDatabase, path.join(root, folder, 'sessions.db'));
		}

		const parsed = await parseWith(gooseParser, {GOOSE_PATH_ROOT: root});
		expect(parsed.files.map(file => [path.relative(root, file.path), file.kind])).toEqual([
			['data/sessions/sessions.db', 'sqlite'],
			['sessions/sessions.db', 'sqlite'],
		]);
	});
});

describe('Goose sessions.db (ccusage’s test row)', async () => {
	const parsed = await parseWith(gooseParser, {GOOSE_PATH_ROOT: fixture});

	it('one call per session from the accumulated counters, dated by created_at (UTC)', () => {
		expect(parsed.diagnostics).toEqual([]);
		expect(parsed.calls).toEqual([
			{
				type: 'call',
				agent: 'goose',
				sessionId: 'session-a',
				time: Date.parse('2026-05-01T01:02:03Z'),
				model: 'claude-sonnet-4-20250514',
				// accumulated_total_tokens 180 = input 100 + output 50 + 30 the provider counted apart.
				tokens: {input: 100, output: 80, cacheRead: 0, cacheWrite5m: 0, cacheWrite1h: 0, reasoning: 30},
				dedupKey: `goose:session-a:${Date.parse('2026-05-01T01:02:03Z')}`,
				tools: [],
				callId: 'session-a',
			},
		]);
		expect(totalOf(parsed.calls[0]!.tokens)).toBe(180); // ccusage's totalTokens
	});

	it('the same database under two roots counts once', async () => {
		const copy = temp();
		mkdirSync(path.join(copy, 'data', 'sessions'), {recursive: true});
		copyFileSync(fixtureDatabase, path.join(copy, 'data', 'sessions', 'sessions.db'));
		const twice = await parseWith(gooseParser, {GOOSE_PATH_ROOT: `${fixture},${copy}`});
		expect(twice.calls).toHaveLength(2);
		expect(dedupe(twice.calls)).toHaveLength(1);
	});

	it('reading leaves the Goose folder as it was', async () => {
		const root = temp();
		const folder = path.join(root, 'data', 'sessions');
		mkdirSync(folder, {recursive: true});
		copyFileSync(fixtureDatabase, path.join(folder, 'sessions.db'));
		const before = statSync(path.join(folder, 'sessions.db')).mtimeMs;
		await parseWith(gooseParser, {GOOSE_PATH_ROOT: root});
		expect(readdirSync(folder)).toEqual(['sessions.db']);
		expect(statSync(path.join(folder, 'sessions.db')).mtimeMs).toBe(before);
	});
});

describe('Goose sessions.db (current schema)', () => {
	it('carves the cache counts out of input (Goose folds them in) and takes accumulated_cost as reported', async () => {
		const parsed = await parseWith(gooseParser, {
			GOOSE_PATH_ROOT: currentRoot([{id: '20260501_1', input: 10_000, cacheRead: 8000, cacheWrite: 1500, cost: 0.25}]),
		});
		expect(parsed.calls[0]).toMatchObject({
			tokens: {input: 500, cacheRead: 8000, cacheWrite5m: 1500, output: 100, reasoning: 0},
			reportedCostUSD: 0.25,
		});
	});

	it('names, folders and sub-agent parents; a session without usage is a session without a call', async () => {
		const parsed = await parseWith(gooseParser, {
			GOOSE_PATH_ROOT: currentRoot([
				{id: '20260501_1'},
				{id: '20260501_2', parent: '20260501_1'},
				{id: '20260501_3', input: 0, output: 0, total: 0, latest: 0},
			]),
		});
		expect(
			parsed.sessions.map(session => [session.sessionId, session.title, session.project, session.parentSessionId]),
		).toEqual([
			['20260501_1', 'name of 20260501_1', 'webapp', undefined],
			['20260501_2', 'name of 20260501_2', 'webapp', '20260501_1'],
			['20260501_3', 'name of 20260501_3', 'webapp', undefined],
		]);
		expect(parsed.calls.map(call => call.sessionId)).toEqual(['20260501_1', '20260501_2']);
	});

	it('two databases with one session id each are two calls (ids are a day and a counter)', async () => {
		const first = currentRoot([{id: '20260501_1', created: '2026-05-01 09:00:00'}]);
		const second = currentRoot([{id: '20260501_1', created: '2026-05-01 17:30:00'}]);
		const parsed = await parseWith(gooseParser, {GOOSE_PATH_ROOT: `${first},${second}`});
		expect(dedupe(parsed.calls)).toHaveLength(2);
	});

	it('reads created_at as SQLite, ISO, date-only and epoch text', () => {
		expect(gooseTime('2026-05-01 01:02:03')).toBe(Date.parse('2026-05-01T01:02:03Z'));
		expect(gooseTime('2026-05-01T01:02:03+02:00')).toBe(Date.parse('2026-04-30T23:02:03Z'));
		expect(gooseTime('2026-05-01')).toBe(Date.parse('2026-05-01T00:00:00Z'));
		expect(gooseTime('1777597323')).toBe(1_777_597_323_000);
		expect(gooseTime(1_777_597_323_000)).toBe(1_777_597_323_000);
		expect(gooseTime('soon')).toBeUndefined();
	});
});

describe('Goose bad input', () => {
	it('a session whose created_at is not a time is reported and skipped; the others count', async () => {
		const parsed = await parseWith(gooseParser, {
			GOOSE_PATH_ROOT: currentRoot([{id: 'bad', created: 'yesterday'}, {id: 'good'}]),
		});
		expect(parsed.calls.map(call => call.sessionId)).toEqual(['good']);
		expect(parsed.diagnostics.map(d => [d.kind, d.message])).toEqual([
			['missing-field', 'session bad: created_at is not a time'],
		]);
	});

	it('an unreadable model config leaves the call without a model (unpriced), never dropped', async () => {
		const root = temp();
		writeDatabase(path.join(root, 'data', 'sessions', 'sessions.db'), currentSchema, [
			[
				"INSERT INTO sessions (id, working_dir, created_at, accumulated_input_tokens, accumulated_output_tokens, model_config_json) VALUES ('s', '/p', '2026-05-01 00:00:00', 10, 5, 'not json')",
				[],
			],
		]);
		const parsed = await parseWith(gooseParser, {GOOSE_PATH_ROOT: root});
		expect(parsed.calls.map(call => [call.model, call.tokens.input, call.tokens.output])).toEqual([[undefined, 10, 5]]);
	});

	it('no sessions table is an unknown schema; a file that is not a database is a database-error', async () => {
		const root = temp();
		writeDatabase(path.join(root, 'data', 'sessions', 'sessions.db'), 'CREATE TABLE messages (id INTEGER)');
		const other = temp();
		mkdirSync(path.join(other, 'data', 'sessions'), {recursive: true});
		writeFileSync(path.join(other, 'data', 'sessions', 'sessions.db'), 'plain text, not SQLite '.repeat(300));
		const parsed = await parseWith(gooseParser, {GOOSE_PATH_ROOT: `${root},${other}`});
		expect(parsed.calls).toEqual([]);
		expect(parsed.diagnostics.map(d => [d.kind, d.agent])).toEqual([
			['unknown-schema', 'goose'],
			['database-error', 'goose'],
		]);
	});
});
