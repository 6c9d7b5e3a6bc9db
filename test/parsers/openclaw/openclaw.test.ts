/**
OpenClaw on the oracle data (fixtures/agents/openclaw: a real, redacted session and ccusage's test
records, see fixtures/agents/PROVENANCE.md) and on made-up homes: roots, discovery of transcripts,
their reset/deleted copies and agent databases, model changes, turns and tools, zero-usage
messages, dedup of repeated records and of a session moved into SQLite, and bad input.
*/
import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {totalOf} from '../../../source/core/tokens.js';
import {openclawParser, transcriptSession} from '../../../source/parsers/openclaw/index.js';
import {agentFixtures, scratchFolder} from '../../support/agents-oracle.js';
import {writeDatabase} from '../../support/write-sqlite.js';
import {dedupe, parseWith} from '../gemini/helpers.js';

const home = path.join(agentFixtures, 'openclaw');
const context = (env: Record<string, string>) => ({env, home: '/home/u', report: () => {}});
const realSession = '8555a0a4-0b79-459d-939c-e17cdbbf4fe2';

function openclawHome(files: Record<string, unknown[] | string>): string {
	const root = scratchFolder('openclaw');
	for (const [name, content] of Object.entries(files)) {
		mkdirSync(path.dirname(path.join(root, name)), {recursive: true});
		writeFileSync(
			path.join(root, name),
			typeof content === 'string' ? content : `${content.map(r => JSON.stringify(r)).join('\n')}\n`,
		);
	}

	return root;
}

const transcriptSchema =
	'CREATE TABLE transcript_events (session_id TEXT NOT NULL, seq INTEGER NOT NULL, event_json TEXT NOT NULL, created_at INTEGER NOT NULL, PRIMARY KEY (session_id, seq))';

const assistant = (usage: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
	type: 'message',
	message: {role: 'assistant', model: 'gpt-5.2', usage, timestamp: 1_769_753_935_279, ...extra},
});

describe('OpenClaw roots and discovery', () => {
	it('OPENCLAW_DIR is a comma list; else ~/.openclaw and its earlier names', () => {
		expect(openclawParser.roots(context({OPENCLAW_DIR: '/a,/b'}))).toEqual(['/a', '/b']);
		expect(openclawParser.roots(context({}))).toEqual([
			'/home/u/.openclaw',
			'/home/u/.clawdbot',
			'/home/u/.moltbot',
			'/home/u/.moldbot',
		]);
	});

	it('transcripts (with their reset and deleted copies) anywhere, and each agent’s database', async () => {
		expect(
			['a.jsonl', 'a.jsonl.reset.2026-01-01', 'a.jsonl.deleted.1', 'a.jsonl.bak', 'a.json', '.jsonl'].map(
				transcriptSession,
			),
		).toEqual(['a', 'a', 'a', undefined, undefined, undefined]);
		const parsed = await parseWith(openclawParser, {OPENCLAW_DIR: home});
		expect(parsed.files.map(file => [path.relative(home, file.path), file.kind])).toEqual([
			['agents/worker/agent/openclaw-agent.sqlite', 'sqlite'],
			[`agents/main/sessions/${realSession}.jsonl`, 'jsonl'],
			['agents/main/sessions/abc-cost.jsonl', 'jsonl'],
			['agents/main/sessions/abc.jsonl', 'jsonl'],
			['agents/main/sessions/session.jsonl', 'jsonl'],
		]);
	});
});

describe('OpenClaw on the oracle data', async () => {
	const parsed = await parseWith(openclawParser, {OPENCLAW_DIR: home});
	const calls = dedupe(parsed.calls);

	it('the real session: 10 priced gpt-5.4 responses with OpenClaw’s own cost; 33 zero-usage messages are no calls', () => {
		const real = calls.filter(call => call.sessionId === realSession);
		expect(real).toHaveLength(10);
		expect(new Set(real.map(call => call.model))).toEqual(new Set(['gpt-5.4']));
		expect(real.reduce((sum, call) => sum + (call.reportedCostUSD ?? 0), 0)).toBeCloseTo(0.1879332, 9);
		expect(parsed.sessions.find(s => s.sessionId === realSession && s.cwd)).toMatchObject({
			cwd: 'C:\\Users\\user\\Desktop\\clawdbot-main3\\clawdbot-main',
			project: 'clawdbot-main',
		});
	});

	it('turns are the user messages; a call belongs to the turn before it and carries its toolCall blocks', () => {
		const turns = parsed.turns.filter(turn => turn.sessionId === realSession);
		expect(turns).toHaveLength(16);
		const withTools = calls.find(call => call.tools.length === 5);
		expect(withTools?.tools.every(tool => tool.name === 'read' && tool.activity === 'reading')).toBe(true);
		expect(turns.map(turn => turn.turnId)).toContain(withTools?.turnId);
	});

	it('model_change sets the model of the messages after it; cost.total is the reported cost', () => {
		expect(calls.find(call => call.sessionId === 'abc')).toMatchObject({
			model: 'gpt-5.2',
			time: 1_769_753_935_279,
			tokens: {input: 1660, output: 55, cacheRead: 108_928, cacheWrite5m: 0},
			reportedCostUSD: 0.02,
		});
	});

	it('a line written twice counts once; the agent database’s sessions count, its bad row is one diagnostic', () => {
		expect(parsed.calls.filter(call => call.sessionId === 'session')).toHaveLength(2);
		expect(calls.filter(call => call.sessionId === 'session')).toHaveLength(1);
		expect(
			calls.filter(call => call.sessionId.startsWith('session-')).map(c => [c.sessionId, c.model, c.tokens.input]),
		).toEqual([
			['session-a', 'gpt-5.2', 1660],
			['session-b', 'gpt-5.2', 10],
			['session-b', 'gpt-5.2', 30],
		]);
		expect(parsed.diagnostics.map(d => [d.kind, d.message])).toEqual([
			['malformed-line', 'session session-b, event 1: event_json is not a JSON object'],
		]);
	});

	it('totals equal ccusage’s (input 86,401, output 2,291, cache read 341,760)', () => {
		const sum = (pick: (call: (typeof calls)[number]) => number) =>
			calls.reduce((total, call) => total + pick(call), 0);
		expect([
			sum(c => c.tokens.input),
			sum(c => c.tokens.output),
			sum(c => c.tokens.cacheRead),
			sum(c => totalOf(c.tokens)),
		]).toEqual([86_401, 2291, 341_760, 430_452]);
	});
});

describe('OpenClaw copies of one session', () => {
	it('a reset copy and a session moved into the agent database count once', async () => {
		const line = assistant({input: 10, output: 20, cost: {total: 0.5}});
		const root = openclawHome({
			'agents/main/sessions/s1.jsonl': [line],
			'agents/main/sessions/s1.jsonl.reset.2026-01-30T10-00-00': [
				line,
				assistant({input: 3, output: 4}, {timestamp: 1_769_753_999_000}),
			],
		});
		writeDatabase(path.join(root, 'agents/main/agent/openclaw-agent.sqlite'), transcriptSchema, [
			[
				'INSERT INTO transcript_events VALUES (?, ?, ?, ?)',
				['s1', 0, JSON.stringify({id: 'evt-1', ...line}), 1_769_753_935_279],
			],
		]);
		const parsed = await parseWith(openclawParser, {OPENCLAW_DIR: root});
		expect(parsed.calls).toHaveLength(4);
		expect(dedupe(parsed.calls).map(call => [call.sessionId, call.tokens.input, call.callId])).toEqual([
			['s1', 10, 'evt-1'],
			['s1', 3, undefined],
		]);
	});
});

describe('OpenClaw bad input', () => {
	it('broken lines and rows are diagnostics, a message without a time too; a database without the table is unknown-schema', async () => {
		const root = openclawHome({
			'agents/main/sessions/s.jsonl': `{"type":"message","message":{"role":"assistant"\n${JSON.stringify({
				type: 'message',
				message: {role: 'assistant', usage: {input: 5}},
			})}\n${JSON.stringify(assistant({input: 'many', output: null, cost: {total: -3}}))}\n`,
		});
		writeDatabase(path.join(root, 'agents/other/agent/openclaw-agent.sqlite'), 'CREATE TABLE other (id TEXT)');
		const parsed = await parseWith(openclawParser, {OPENCLAW_DIR: root});
		expect(parsed.calls).toEqual([]);
		expect(parsed.diagnostics.map(d => [d.kind, d.line])).toEqual([
			['unknown-schema', undefined],
			['malformed-line', 1],
			['missing-field', 2],
		]);
	});
});
