/**
Hermes Agent on ccusage's own test database (fixtures/agents/hermes, see fixtures/agents/PROVENANCE.md)
and on databases written here in the newer `sessions` schema: roots, discovery (profiles too), one call
per session row, dedup of a copied database, totals against ccusage's session report, session
lineage, and bad input.
*/
import {copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {hermesParser} from '../../../source/parsers/hermes/index.js';
import {agentFixtures} from '../../support/agents-oracle.js';
import {writeDatabase} from '../../support/write-sqlite.js';
import {dedupe, parseWith} from '../gemini/helpers.js';

const fixture = path.join(agentFixtures, 'hermes');
const context = (env: Record<string, string>) => ({env, home: '/home/u', report: () => {}});
const temp = () => mkdtempSync(path.join(tmpdir(), 'agent-ncdu-hermes-'));

/** The `sessions` columns of a current Hermes (hermes_state_common.py), those a parser may read. */
const modernSchema = `CREATE TABLE sessions (id TEXT PRIMARY KEY, source TEXT NOT NULL, model TEXT, model_config TEXT,
	parent_session_id TEXT, started_at REAL NOT NULL, ended_at REAL, end_reason TEXT, message_count INTEGER DEFAULT 0,
	input_tokens INTEGER DEFAULT 0, output_tokens INTEGER DEFAULT 0, cache_read_tokens INTEGER DEFAULT 0,
	cache_write_tokens INTEGER DEFAULT 0, reasoning_tokens INTEGER DEFAULT 0, cwd TEXT, git_branch TEXT,
	billing_provider TEXT, estimated_cost_usd REAL, actual_cost_usd REAL, cost_status TEXT, title TEXT,
	api_call_count INTEGER DEFAULT 0)`;

type Row = {
	id: string;
	started?: number | string | null;
	parent?: string;
	endReason?: string;
	config?: Record<string, string>;
	input?: number | string;
	output?: number;
	reasoning?: number;
	estimated?: number;
	actual?: number;
};

function insert(row: Row): readonly [string, Array<string | number | null>] {
	return [
		`INSERT INTO sessions (id, source, model, model_config, parent_session_id, started_at, end_reason, input_tokens,
			output_tokens, reasoning_tokens, cwd, git_branch, estimated_cost_usd, actual_cost_usd, title)
			VALUES (?, 'telegram', ' claude-sonnet-4-5 ', ?, ?, ?, ?, ?, ?, ?, '/home/dev/webapp', 'main', ?, ?, ?)`,
		[
			row.id,
			row.config ? JSON.stringify(row.config) : null,
			row.parent ?? null,
			row.started === undefined ? 1_780_000_000 : row.started,
			row.endReason ?? null,
			row.input ?? 100,
			row.output ?? 10,
			row.reasoning ?? 0,
			row.estimated ?? null,
			row.actual ?? null,
			`title of ${row.id}`,
		],
	];
}

function modernHome(rows: readonly Row[]): string {
	const home = temp();
	writeDatabase(path.join(home, 'state.db'), modernSchema, rows.map(insert));
	return home;
}

describe('Hermes roots and discovery', () => {
	it('HERMES_HOME is a comma list (trimmed, ~ expanded), else ~/.hermes and %LOCALAPPDATA%\\hermes', () => {
		expect(hermesParser.roots(context({HERMES_HOME: ' /a , ~/b,/a/'}))).toEqual(['/a', '/home/u/b']);
		expect(hermesParser.roots(context({}))).toEqual(['/home/u/.hermes', '/home/u/AppData/Local/hermes']);
		expect(hermesParser.roots(context({LOCALAPPDATA: '/c/Users/u/AppData/Local'}))).toEqual([
			'/home/u/.hermes',
			'/c/Users/u/AppData/Local/hermes',
		]);
	});

	it('finds <home>/state.db and each named profile’s state.db, nothing else', async () => {
		const home = temp();
		for (const folder of ['', 'profiles/work', 'profiles/.deleted/old', 'logs']) {
			mkdirSync(path.join(home, folder), {recursive: true});
			copyFileSync(path.join(fixture, 'state.db'), path.join(home, folder, 'state.db'));
		}

		const parsed = await parseWith(hermesParser, {HERMES_HOME: home});
		expect(parsed.files.map(file => [path.relative(home, file.path), file.kind])).toEqual([
			['state.db', 'sqlite'],
			['profiles/work/state.db', 'sqlite'],
		]);
	});

	it('a folder named state.db is reported, a missing home is quiet', async () => {
		const home = temp();
		mkdirSync(path.join(home, 'state.db'));
		const parsed = await parseWith(hermesParser, {HERMES_HOME: `${home},${path.join(home, 'missing')}`});
		expect(parsed.files).toEqual([]);
		expect(parsed.diagnostics.map(d => d.kind)).toEqual(['not-a-file']);
	});
});

describe('Hermes state.db (ccusage’s test rows)', async () => {
	const parsed = await parseWith(hermesParser, {HERMES_HOME: fixture});
	const ccusage = JSON.parse(
		readFileSync(path.join(agentFixtures, 'expected-ccusage-20.0.24', 'hermes-session.json'), 'utf8'),
	) as {sessions: Array<Record<string, number | string>>};

	it('one call per session row, dated by started_at (epoch seconds)', () => {
		expect(parsed.diagnostics).toEqual([]);
		expect(parsed.calls.map(call => [call.sessionId, new Date(call.time).toISOString()])).toEqual([
			['session-1', '2025-06-15T15:06:40.250Z'],
			['metered', '2026-05-19T00:00:00.000Z'],
			['session-gpt-5.5', '2026-05-19T00:00:00.000Z'],
			['session-grok-4.3', '2026-05-19T00:00:00.000Z'],
			['subscription-included', '2026-05-19T00:00:00.000Z'],
		]);
		expect(parsed.sessions.map(session => session.surface)).toEqual(['cli', 'cli', 'cli', 'cli', 'cli']);
	});

	it('the four token buckets equal ccusage’s per session; reasoning is the part of output Hermes reports', () => {
		for (const call of parsed.calls) {
			const theirs = ccusage.sessions.find(session => session['sessionId'] === call.sessionId)!;
			expect([call.tokens.input, call.tokens.output, call.tokens.cacheRead, call.tokens.cacheWrite5m]).toEqual([
				theirs['inputTokens'],
				theirs['outputTokens'],
				theirs['cacheReadTokens'],
				theirs['cacheCreationTokens'],
			]);
		}

		// subscription-included: output_tokens 10,019 of which reasoning_tokens 3,216.
		expect(parsed.calls.at(-1)!.tokens).toMatchObject({output: 10_019, reasoning: 3216});
	});

	it('a positive actual cost, else a positive estimate, is reported; a recorded 0 (subscription) is not', () => {
		expect(Object.fromEntries(parsed.calls.map(call => [call.sessionId, call.reportedCostUSD]))).toEqual({
			'session-1': 0.34, // actual 0.34 beats the estimate 0.12
			metered: 0.42,
			'session-gpt-5.5': undefined,
			'session-grok-4.3': undefined,
			'subscription-included': undefined, // actual_cost_usd 0.0, as ccusage: priced from the table
		});
	});

	it('the same database under two HERMES_HOME entries counts once', async () => {
		const copy = temp();
		copyFileSync(path.join(fixture, 'state.db'), path.join(copy, 'state.db'));
		const twice = await parseWith(hermesParser, {HERMES_HOME: `${fixture},${copy}`});
		expect(twice.calls).toHaveLength(10);
		expect(dedupe(twice.calls).map(call => call.dedupKey)).toEqual(parsed.calls.map(call => call.dedupKey));
	});

	it('reading leaves the Hermes folder as it was (no -wal, -shm or journal, same mtime)', async () => {
		const home = temp();
		copyFileSync(path.join(fixture, 'state.db'), path.join(home, 'state.db'));
		const before = statSync(path.join(home, 'state.db')).mtimeMs;
		await parseWith(hermesParser, {HERMES_HOME: home});
		expect(readdirSync(home)).toEqual(['state.db']);
		expect(statSync(path.join(home, 'state.db')).mtimeMs).toBe(before);
	});
});

describe('Hermes state.db (current schema)', () => {
	it('reads folder, branch, title and source; the model id is trimmed', async () => {
		const parsed = await parseWith(hermesParser, {HERMES_HOME: modernHome([{id: 's'}])});
		expect(parsed.sessions).toEqual([
			{
				type: 'session',
				agent: 'hermes',
				sessionId: 's',
				cwd: '/home/dev/webapp',
				project: 'webapp',
				title: 'title of s',
				surface: 'telegram',
				gitBranch: 'main',
			},
		]);
		expect(parsed.calls[0]?.model).toBe('claude-sonnet-4-5');
	});

	it('compression continuations and sub-agent runs fold into their parent; branches and resets stay apart', async () => {
		const parsed = await parseWith(hermesParser, {
			HERMES_HOME: modernHome([
				{id: 'main', endReason: 'compression'},
				{id: 'main-2', parent: 'main'},
				{id: 'sub', parent: 'main-2', config: {_delegate_from: 'main-2'}},
				{id: 'fork', parent: 'main', config: {_branched_from: 'main'}},
				// A continuation of a branch inherits its marker, which names another row: still a continuation.
				{id: 'fork-2', parent: 'sub', config: {_branched_from: 'fork'}},
				{id: 'yesterday', endReason: 'daily'},
				{id: 'today', parent: 'yesterday'},
				{id: 'orphan', parent: 'deleted-parent'},
			]),
		});
		expect(Object.fromEntries(parsed.sessions.map(session => [session.sessionId, session.parentSessionId]))).toEqual({
			main: undefined,
			'main-2': 'main',
			sub: 'main-2',
			fork: undefined,
			'fork-2': 'sub',
			yesterday: undefined,
			today: undefined,
			orphan: undefined,
		});
	});

	it('a row without usage or cost is a session without a call; a cost alone is a call', async () => {
		const parsed = await parseWith(hermesParser, {
			HERMES_HOME: modernHome([
				{id: 'idle', input: 0, output: 0},
				{id: 'paid', input: 0, output: 0, estimated: 0.05},
			]),
		});
		expect(parsed.sessions.map(session => session.sessionId)).toEqual(['idle', 'paid']);
		expect(parsed.calls.map(call => [call.sessionId, call.reportedCostUSD])).toEqual([['paid', 0.05]]);
	});

	it('started_at in milliseconds is read as milliseconds; reasoning never exceeds output', async () => {
		const parsed = await parseWith(hermesParser, {
			HERMES_HOME: modernHome([{id: 'ms', started: 1_780_000_000_123, output: 10, reasoning: 50}]),
		});
		expect(parsed.calls[0]).toMatchObject({time: 1_780_000_000_123, tokens: {output: 10, reasoning: 10}});
	});
});

describe('Hermes bad input', () => {
	it('a row whose started_at is not a time is reported and skipped; the others count', async () => {
		const parsed = await parseWith(hermesParser, {
			HERMES_HOME: modernHome([{id: 'bad', started: 'soon'}, {id: 'good'}]),
		});
		expect(parsed.calls.map(call => call.sessionId)).toEqual(['good']);
		expect(parsed.diagnostics.map(d => [d.kind, d.message])).toEqual([
			['missing-field', 'session bad: started_at is not a time'],
		]);
	});

	it('a counter stored as text counts 0', async () => {
		const parsed = await parseWith(hermesParser, {HERMES_HOME: modernHome([{id: 'text', input: 'many'}])});
		expect(parsed.calls[0]?.tokens.input).toBe(0);
	});

	it('a sessions table without started_at, or none at all, is an unknown schema', async () => {
		for (const schema of ['CREATE TABLE sessions (id TEXT, input_tokens INTEGER)', 'CREATE TABLE other (x)']) {
			const home = temp();
			writeDatabase(path.join(home, 'state.db'), schema);
			const parsed = await parseWith(hermesParser, {HERMES_HOME: home});
			expect(parsed.calls).toEqual([]);
			expect(parsed.diagnostics.map(d => d.kind)).toEqual(['unknown-schema']);
		}
	});

	it('a state.db that is not a database is one database-error, never a throw', async () => {
		const home = temp();
		writeFileSync(path.join(home, 'state.db'), 'not a database at all, just text '.repeat(200));
		const parsed = await parseWith(hermesParser, {HERMES_HOME: home});
		expect(parsed.calls).toEqual([]);
		expect(parsed.diagnostics.map(d => [d.kind, d.agent])).toEqual([['database-error', 'hermes']]);
	});
});
