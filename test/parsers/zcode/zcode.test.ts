/**
Z Code on ccusage's own test database (fixtures/agents/zcode, see fixtures/agents/PROVENANCE.md) and on
databases written here with the columns newer ZCode builds add (turn ids, completion times,
reasoning): roots, discovery, one call per completed request with the cache carved out of the
inclusive input, turns by turn id, dedup of a copied database, and bad input.
*/
import {copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {totalOf} from '../../../source/core/tokens.js';
import {zcodeParser} from '../../../source/parsers/zcode/index.js';
import {agentFixtures} from '../../support/agents-oracle.js';
import {writeDatabase} from '../../support/write-sqlite.js';
import {dedupe, parseWith} from '../gemini/helpers.js';

const fixture = path.join(agentFixtures, 'zcode');
const fixtureDatabase = path.join(fixture, 'cli', 'db', 'db.sqlite');
const context = (env: Record<string, string>) => ({env, home: '/home/u', report: () => {}});
const temp = () => mkdtempSync(path.join(tmpdir(), 'agent-ncdu-zcode-'));

/** `model_usage` and `session` with the columns of newer ZCode builds (read by tokscale). */
const newerSchema = `CREATE TABLE model_usage (id TEXT PRIMARY KEY, session_id TEXT, turn_id TEXT, model_id TEXT,
	status TEXT, started_at INTEGER, completed_at INTEGER, duration_ms INTEGER, input_tokens INTEGER,
	output_tokens INTEGER, reasoning_tokens INTEGER, cache_read_input_tokens INTEGER,
	cache_creation_input_tokens INTEGER, computed_total_tokens INTEGER, agent TEXT, mode TEXT);
	CREATE TABLE session (id TEXT PRIMARY KEY, directory TEXT, path TEXT)`;

type Request = {
	id: string;
	turn?: string;
	started?: number | string | null;
	completed?: number;
	input?: number;
	output?: number;
	reasoning?: number;
	cacheRead?: number;
	total?: number;
	status?: string;
};

function insert(request: Request): readonly [string, Array<string | number | null>] {
	const input = request.input ?? 1000;
	const output = request.output ?? 100;
	return [
		`INSERT INTO model_usage (id, session_id, turn_id, model_id, status, started_at, completed_at, input_tokens,
			output_tokens, reasoning_tokens, cache_read_input_tokens, cache_creation_input_tokens, computed_total_tokens)
			VALUES (?, 'ses_1', ?, 'GLM-5.1', ?, ?, ?, ?, ?, ?, ?, 0, ?)`,
		[
			request.id,
			request.turn ?? null,
			request.status ?? 'completed',
			request.started === undefined ? 1_786_909_042_666 : request.started,
			request.completed ?? null,
			input,
			output,
			request.reasoning ?? 0,
			request.cacheRead ?? 0,
			request.total ?? input + output,
		],
	];
}

function newerHome(requests: readonly Request[]): string {
	const home = temp();
	writeDatabase(path.join(home, 'cli', 'db', 'db.sqlite'), newerSchema, [
		["INSERT INTO session (id, directory, path) VALUES ('ses_1', NULL, '/home/dev/webapp')", []],
		...requests.map(insert),
	]);
	return home;
}

describe('Z Code roots and discovery', () => {
	it('ZCODE_HOME is a comma list, else ~/.zcode; the database is cli/db/db.sqlite', async () => {
		expect(zcodeParser.roots(context({ZCODE_HOME: ' /a , ~/b,/a/'}))).toEqual(['/a', '/home/u/b']);
		expect(zcodeParser.roots(context({}))).toEqual(['/home/u/.zcode']);
		const parsed = await parseWith(zcodeParser, {ZCODE_HOME: fixture});
		expect(parsed.files.map(file => [path.relative(fixture, file.path), file.kind])).toEqual([
			['cli/db/db.sqlite', 'sqlite'],
		]);
	});
});

describe('Z Code db.sqlite (ccusage’s test rows)', async () => {
	const parsed = await parseWith(zcodeParser, {ZCODE_HOME: fixture});
	const ccusage = JSON.parse(
		readFileSync(path.join(agentFixtures, 'expected-ccusage-20.0.24', 'zcode-session.json'), 'utf8'),
	) as {sessions: Array<Record<string, number | string>>};

	it('a call per completed request; the error and cancelled rows are not calls', () => {
		expect(parsed.diagnostics).toEqual([]);
		expect(parsed.calls.map(call => [call.callId, call.sessionId, call.model, call.time])).toEqual([
			['usage-1', 'session-a', 'GLM-5.3', 1_786_909_042_666],
			['usage-carve', 'session-b', 'GLM-5.3', 1_786_909_042_666],
			['usage-clamp', 'session-c', 'GLM-5.3', 1_786_909_042_666],
		]);
	});

	it('cache reads and writes are carved out of the inclusive input, per session as ccusage', () => {
		for (const call of parsed.calls) {
			const theirs = ccusage.sessions.find(session => session['sessionId'] === call.sessionId)!;
			expect([call.tokens.input, call.tokens.output, call.tokens.cacheRead, call.tokens.cacheWrite5m]).toEqual([
				theirs['inputTokens'],
				theirs['outputTokens'],
				theirs['cacheReadTokens'],
				theirs['cacheCreationTokens'],
			]);
			expect(totalOf(call.tokens)).toBe(theirs['totalTokens']);
		}

		// usage-clamp claims 40 cache reads of an input of 10: only 10 can be cache reads.
		expect(parsed.calls[2]?.tokens).toMatchObject({input: 0, cacheRead: 10});
	});

	it('the session table names the folder', () => {
		expect(parsed.sessions).toEqual([
			{type: 'session', agent: 'zcode', sessionId: 'session-a', cwd: '/Users/aaron/code/proj', project: 'proj'},
		]);
	});

	it('the same database under two homes counts once', async () => {
		const copy = temp();
		mkdirSync(path.join(copy, 'cli', 'db'), {recursive: true});
		copyFileSync(fixtureDatabase, path.join(copy, 'cli', 'db', 'db.sqlite'));
		const twice = await parseWith(zcodeParser, {ZCODE_HOME: `${fixture},${copy}`});
		expect(twice.calls).toHaveLength(6);
		expect(dedupe(twice.calls).map(call => call.callId)).toEqual(['usage-1', 'usage-carve', 'usage-clamp']);
	});

	it('reading leaves the ZCode folder as it was', async () => {
		const home = temp();
		const folder = path.join(home, 'cli', 'db');
		mkdirSync(folder, {recursive: true});
		copyFileSync(fixtureDatabase, path.join(folder, 'db.sqlite'));
		const before = statSync(path.join(folder, 'db.sqlite')).mtimeMs;
		await parseWith(zcodeParser, {ZCODE_HOME: home});
		expect(readdirSync(folder)).toEqual(['db.sqlite']);
		expect(statSync(path.join(folder, 'db.sqlite')).mtimeMs).toBe(before);
	});
});

describe('Z Code db.sqlite (newer columns)', () => {
	it('requests of one turn id form one turn (no prompt text is stored); the session path is the folder', async () => {
		const parsed = await parseWith(zcodeParser, {
			ZCODE_HOME: newerHome([
				{id: 'u1', turn: 't1', started: 1_786_909_000_000},
				{id: 'u2', turn: 't1', started: 1_786_909_010_000},
				{id: 'u3', turn: 't2', started: 1_786_909_020_000},
			]),
		});
		expect(parsed.turns.map(turn => [turn.turnId, turn.time, turn.prompt])).toEqual([
			['t1', 1_786_909_000_000, ''],
			['t2', 1_786_909_020_000, ''],
		]);
		expect(parsed.calls.map(call => call.turnId)).toEqual(['t1', 't1', 't2']);
		expect(parsed.sessions[0]).toMatchObject({cwd: '/home/dev/webapp', project: 'webapp'});
	});

	it('reasoning is the part of output it names; a computed total beyond input + output is more output', async () => {
		const parsed = await parseWith(zcodeParser, {
			ZCODE_HOME: newerHome([
				{id: 'inside', output: 100, reasoning: 40},
				{id: 'apart', input: 1000, output: 100, total: 1150, started: 1_786_909_050_000},
			]),
		});
		expect(parsed.calls.map(call => [call.callId, call.tokens.output, call.tokens.reasoning])).toEqual([
			['inside', 100, 40],
			['apart', 150, 50],
		]);
	});

	it('a request without a start time is dated by its completion', async () => {
		const parsed = await parseWith(zcodeParser, {
			ZCODE_HOME: newerHome([{id: 'late', started: null, completed: 1_786_909_099_000}]),
		});
		expect(parsed.calls.map(call => call.time)).toEqual([1_786_909_099_000]);
	});
});

describe('Z Code bad input', () => {
	it('a request without any time is reported and skipped; the others count', async () => {
		const parsed = await parseWith(zcodeParser, {
			ZCODE_HOME: newerHome([{id: 'never', started: 'later'}, {id: 'fine'}]),
		});
		expect(parsed.calls.map(call => call.callId)).toEqual(['fine']);
		expect(parsed.diagnostics.map(d => [d.kind, d.message])).toEqual([
			['missing-field', 'request never: started_at is not a time'],
		]);
	});

	it('no model_usage table is an unknown schema; a file that is not a database is a database-error', async () => {
		const unrelated = temp();
		writeDatabase(path.join(unrelated, 'cli', 'db', 'db.sqlite'), 'CREATE TABLE unrelated (id TEXT)');
		const garbage = temp();
		mkdirSync(path.join(garbage, 'cli', 'db'), {recursive: true});
		writeFileSync(path.join(garbage, 'cli', 'db', 'db.sqlite'), 'not SQLite '.repeat(500));
		const parsed = await parseWith(zcodeParser, {ZCODE_HOME: `${unrelated},${garbage}`});
		expect(parsed.calls).toEqual([]);
		expect(parsed.diagnostics.map(d => [d.kind, d.agent])).toEqual([
			['unknown-schema', 'zcode'],
			['database-error', 'zcode'],
		]);
	});
});
