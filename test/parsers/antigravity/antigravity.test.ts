/**
Antigravity on ccusage's own test databases (fixtures/agents/antigravity, one per ccusage loader test; see
fixtures/agents/PROVENANCE.md) and on conversation databases written here: roots, discovery, one call per
usage record (steps, generations, retries), model names, times, dedup by response id, and bad input.
*/
import {copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {antigravityParser} from '../../../source/parsers/antigravity/index.js';
import {modelFromEnum, modelFromName} from '../../../source/parsers/antigravity/models.js';
import {agentFixtures} from '../../support/agents-oracle.js';
import {writeDatabase} from '../../support/write-sqlite.js';
import {dedupe, parseWith} from '../gemini/helpers.js';
import {antigravitySchema, generationBlob, message, stepBlob, trajectoryBlob} from './blobs.js';

const fixture = path.join(agentFixtures, 'antigravity');
const context = (env: Record<string, string>) => ({env, home: '/home/u', report: () => {}});
const temp = () => mkdtempSync(path.join(tmpdir(), 'agent-ncdu-antigravity-'));
const t0 = Date.parse('2026-05-20T10:00:00.250Z');

type Rows = {generations?: Uint8Array[]; steps?: Uint8Array[]; trajectory?: Uint8Array[]};

/** `<root>/conversations/<name>.db` with the rows given, in Antigravity's three tables. */
function conversation(root: string, name: string, rows: Rows): string {
	const file = path.join(root, 'conversations', `${name}.db`);
	writeDatabase(file, antigravitySchema, [
		...(rows.generations ?? []).map((blob, index): readonly [string, [number, Uint8Array]] => [
			'INSERT INTO gen_metadata (idx, data) VALUES (?, ?)',
			[index + 1, blob],
		]),
		...(rows.steps ?? []).map((blob, index): readonly [string, [number, Uint8Array]] => [
			'INSERT INTO steps (idx, metadata) VALUES (?, ?)',
			[index + 1, blob],
		]),
		...(rows.trajectory ?? []).map((blob): readonly [string, [Uint8Array]] => [
			'INSERT INTO trajectory_metadata_blob (data) VALUES (?)',
			[blob],
		]),
	]);
	return file;
}

describe('Antigravity roots and discovery', () => {
	it('ANTIGRAVITY_DATA_DIR is a comma list, else the folders ccusage 20.0.24 looks in', () => {
		expect(antigravityParser.roots(context({ANTIGRAVITY_DATA_DIR: ' /a , ~/b,/a/'}))).toEqual(['/a', '/home/u/b']);
		expect(antigravityParser.roots(context({}))).toEqual([
			'/home/u/.gemini/antigravity-cli',
			'/home/u/.gemini/antigravity',
			'/home/u/.gemini/antigravity-ide',
			'/home/u/.gemini/antigravity-backup',
			'/home/u/.config/antigravity',
		]);
	});

	it('every non-empty *.db under conversations/, nested ones too; an empty file is not read', async () => {
		const root = temp();
		conversation(root, 'top', {generations: [generationBlob({usage: {input: 1, output: 1, responseId: 'r'}})]});
		mkdirSync(path.join(root, 'conversations', 'top'), {recursive: true});
		copyFileSync(path.join(root, 'conversations', 'top.db'), path.join(root, 'conversations', 'top', 'child.db'));
		writeFileSync(path.join(root, 'conversations', 'empty.db'), '');
		writeFileSync(path.join(root, 'conversations', 'notes.txt'), 'x');
		const parsed = await parseWith(antigravityParser, {ANTIGRAVITY_DATA_DIR: root});
		expect(parsed.files.map(file => [path.relative(root, file.path), file.kind])).toEqual([
			['conversations/top.db', 'sqlite'],
			['conversations/top/child.db', 'sqlite'],
		]);
		expect(parsed.diagnostics).toEqual([]);
	});
});

describe('Antigravity conversations (ccusage’s test databases)', async () => {
	const parsed = await parseWith(antigravityParser, {ANTIGRAVITY_DATA_DIR: fixture});
	const calls = dedupe(parsed.calls);
	const ccusage = JSON.parse(
		readFileSync(path.join(agentFixtures, 'expected-ccusage-20.0.24', 'antigravity-session.json'), 'utf8'),
	) as {sessions: Array<Record<string, number | string>>};
	const bySession = (sessionId: string) => calls.filter(call => call.sessionId === sessionId);
	const sum = (sessionId: string, pick: (call: (typeof calls)[number]) => number) =>
		bySession(sessionId).reduce((total, call) => total + pick(call), 0);

	it('reads every database without a diagnostic; a session per database', () => {
		expect(parsed.diagnostics).toEqual([]);
		expect(parsed.sessions.map(session => session.sessionId)).toEqual([
			'aliases',
			'first',
			'model-id',
			'one',
			'second',
			'session',
			'snapshot-first',
			'snapshot-second',
			'steps',
			'token-models',
			'trajectory',
			'two',
			'valid',
		]);
	});

	it('where ccusage counts each record once, input, cache and visible output equal its session report', () => {
		for (const sessionId of ['aliases', 'model-id', 'one', 'session', 'snapshot-first', 'snapshot-second']) {
			const theirs = ccusage.sessions.find(session => session['sessionId'] === sessionId)!;
			expect([
				sum(sessionId, call => call.tokens.input),
				sum(sessionId, call => call.tokens.output - call.tokens.reasoning),
				sum(sessionId, call => call.tokens.cacheRead),
				sum(sessionId, call => call.tokens.cacheWrite5m),
			]).toEqual([
				theirs['inputTokens'],
				theirs['outputTokens'],
				theirs['cacheReadTokens'],
				theirs['cacheCreationTokens'],
			]);
		}
	});

	it('output holds the thinking tokens (ModelUsageStats field 3), shown as reasoning (field 9)', () => {
		// session.db, response-1: output 200 = 150 visible + 50 thinking.
		expect(calls.find(call => call.callId === 'response-1')?.tokens).toMatchObject({
			input: 400,
			output: 200,
			reasoning: 50,
			cacheRead: 500,
			cacheWrite5m: 30,
		});
	});

	it('the same response in a step and in a generation counts once; a failed retry with its own response id counts', () => {
		// steps.db: response-1 is recorded by step 1 and by the generation (once); retry-response is a
		// retry info of that generation with its own response id (a failed attempt, its tokens spent).
		expect(bySession('steps').map(call => call.callId)).toEqual([
			'steps-response-1',
			'step-retry-response',
			'steps-retry-response',
		]);
		expect(parsed.calls.filter(call => call.callId === 'steps-response-1')).toHaveLength(2);
	});

	it('models: a display name as an id, an enum by Antigravity’s table, a continuation inheriting the last name', () => {
		const modelOf = (callId: string) => calls.find(call => call.callId === callId)?.model;
		expect(modelOf('response-1')).toBe('gemini-3-pro'); // "Gemini 3 Pro"
		expect(modelOf('response-2')).toBe('gemini-3-pro'); // the continuation row names none
		expect(modelOf('model-id-response')).toBe('gemini-2.5-pro'); // enum 246
		expect(modelOf('retry-opus')).toBe('claude-opus-4-20250514'); // enum 290
		expect(modelOf('step-retry-response')).toBe('gemini-3-flash-agent'); // the step's own model info
	});

	it('a record without its own time takes the conversation’s (trajectory.db)', () => {
		expect(bySession('trajectory').map(call => new Date(call.time).toISOString())).toEqual([
			'2026-05-09T04:13:20.456Z',
		]);
	});

	it('reading leaves the conversations folder as it was', async () => {
		const root = temp();
		mkdirSync(path.join(root, 'conversations'), {recursive: true});
		copyFileSync(path.join(fixture, 'conversations', 'session.db'), path.join(root, 'conversations', 'session.db'));
		const before = statSync(path.join(root, 'conversations', 'session.db')).mtimeMs;
		await parseWith(antigravityParser, {ANTIGRAVITY_DATA_DIR: root});
		expect(readdirSync(path.join(root, 'conversations'))).toEqual(['session.db']);
		expect(statSync(path.join(root, 'conversations', 'session.db')).mtimeMs).toBe(before);
	});
});

describe('Antigravity conversations written here', () => {
	it('steps, generations and retries: each usage record is a call, dated by its record', async () => {
		const root = temp();
		conversation(root, 'conv', {
			steps: [
				stepBlob({time: t0, usage: {input: 10, output: 4, responseId: 'a'}}),
				stepBlob({time: t0 + 1000, name: 'Gemini 3.6 Flash (High)', usage: {input: 20, output: 6, responseId: 'b'}}),
			],
			generations: [
				generationBlob({
					name: 'Gemini 2.5 Flash',
					time: t0 + 2000,
					usage: {input: 10, output: 4, responseId: 'a'},
					retries: [{input: 7, output: 1, responseId: 'failed'}],
				}),
			],
		});
		const parsed = await parseWith(antigravityParser, {ANTIGRAVITY_DATA_DIR: root});
		expect(dedupe(parsed.calls).map(call => [call.callId, call.model, call.time - t0])).toEqual([
			['a', 'gemini-2.5-flash', 0],
			['b', 'gemini-3.6-flash', 1000],
			['failed', 'gemini-2.5-flash', 2000],
		]);
	});

	it('a copy without a time takes the time of a copy that has one; without any, the conversation’s', async () => {
		const root = temp();
		conversation(root, 'conv', {
			generations: [
				generationBlob({usage: {input: 1, output: 1, responseId: 'timed'}}),
				generationBlob({usage: {input: 1, output: 1, responseId: 'untimed'}}),
			],
			steps: [stepBlob({time: t0, usage: {input: 1, output: 1, responseId: 'timed'}})],
			trajectory: [trajectoryBlob(t0 - 60_000)],
		});
		const parsed = await parseWith(antigravityParser, {ANTIGRAVITY_DATA_DIR: root});
		expect(Object.fromEntries(parsed.calls.map(call => [call.callId, call.time - t0]))).toEqual({
			timed: 0,
			untimed: -60_000,
		});
	});

	it('the response id, else the provider’s message id, else the message id is the dedup key', async () => {
		const root = temp();
		conversation(root, 'conv', {
			generations: [
				generationBlob({usage: {input: 1, output: 1, responseId: 'r', providerId: 'p', messageId: 'm'}}),
				generationBlob({usage: {input: 2, output: 1, providerId: 'p2', messageId: 'm2'}}),
				generationBlob({usage: {input: 3, output: 1, messageId: 'm3'}}),
				generationBlob({usage: {input: 4, output: 1}}),
			],
		});
		const parsed = await parseWith(antigravityParser, {ANTIGRAVITY_DATA_DIR: root});
		expect(parsed.calls.map(call => call.dedupKey)).toEqual([
			'antigravity:r',
			'antigravity:p2',
			'antigravity:m3',
			undefined,
		]);
	});
});

describe('Antigravity models', () => {
	it('display names become ids without the thinking level; unknown enums stay named by number', () => {
		expect(modelFromName('Gemini 3 Pro')).toBe('gemini-3-pro');
		expect(modelFromName('Gemini 3.6 Flash (High)')).toBe('gemini-3.6-flash');
		expect(modelFromName('Gemini 3 Pro Thinking')).toBe('gemini-3-pro');
		expect(modelFromName('gemini-2.5-flash')).toBe('gemini-2.5-flash');
		expect(modelFromName('  ')).toBeUndefined();
		expect(modelFromEnum(333)).toBe('claude-sonnet-4-5');
		expect(modelFromEnum(1072)).toBe('gemini-3.6-flash');
		expect(modelFromEnum(999)).toBe('antigravity-model-999');
	});
});

describe('Antigravity bad input', () => {
	it('a blob that is not protobuf is reported with its row; the other rows still count', async () => {
		const root = temp();
		conversation(root, 'conv', {
			generations: [
				Uint8Array.from([0x0a, 0x01, 0x80]),
				generationBlob({time: t0, usage: {input: 5, output: 2, responseId: 'ok'}}),
			],
		});
		const parsed = await parseWith(antigravityParser, {ANTIGRAVITY_DATA_DIR: root});
		expect(parsed.calls.map(call => call.callId)).toEqual(['ok']);
		expect(parsed.diagnostics.map(d => [d.kind, d.message])).toEqual([
			['malformed-line', 'gen_metadata row 1: truncated varint'],
		]);
	});

	it('a database without gen_metadata is an unknown schema; a database with no table at all is nothing', async () => {
		const root = temp();
		writeDatabase(path.join(root, 'conversations', 'other.db'), 'CREATE TABLE other (id INTEGER)');
		writeDatabase(path.join(root, 'conversations', 'fresh.db'), 'CREATE TABLE gone (id INTEGER); DROP TABLE gone');
		const parsed = await parseWith(antigravityParser, {ANTIGRAVITY_DATA_DIR: root});
		expect(parsed.calls).toEqual([]);
		expect(parsed.diagnostics.map(d => [d.kind, path.basename(d.file ?? '')])).toEqual([
			['unknown-schema', 'other.db'],
		]);
	});

	it('a .db that is not a database is one database-error; a steps table without its column is reported', async () => {
		const root = temp();
		mkdirSync(path.join(root, 'conversations'), {recursive: true});
		writeFileSync(path.join(root, 'conversations', 'junk.db'), 'not sqlite '.repeat(500));
		writeDatabase(
			path.join(root, 'conversations', 'odd.db'),
			'CREATE TABLE gen_metadata (idx INTEGER PRIMARY KEY, data BLOB); CREATE TABLE steps (idx INTEGER, wrong BLOB)',
			[
				[
					'INSERT INTO gen_metadata (idx, data) VALUES (1, ?)',
					[generationBlob({time: t0, usage: {input: 1, output: 1, responseId: 'x'}})],
				],
			],
		);
		const parsed = await parseWith(antigravityParser, {ANTIGRAVITY_DATA_DIR: root});
		expect(parsed.calls.map(call => call.callId)).toEqual(['x']);
		expect(parsed.diagnostics.map(d => [d.kind, path.basename(d.file ?? '')])).toEqual([
			['database-error', 'junk.db'],
			['unknown-schema', 'odd.db'],
		]);
	});

	it('a nested message of the wrong shape is a diagnostic, never a throw', async () => {
		const root = temp();
		conversation(root, 'conv', {generations: [message([1, message([4, Uint8Array.from([0xff])])])]});
		const parsed = await parseWith(antigravityParser, {ANTIGRAVITY_DATA_DIR: root});
		expect(parsed.calls).toEqual([]);
		expect(parsed.diagnostics.map(d => d.kind)).toEqual(['malformed-line']);
	});
});
