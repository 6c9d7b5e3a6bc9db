/**
Grok Build CLI on ccusage's own test files (fixtures/agents/grok, see fixtures/agents/PROVENANCE.md)
and on made-up files in its update format: roots and discovery, turn_completed rows per model,
cache carved out of input, the two clocks, Grok's own cost, dedup of an event exported twice,
prompts and tools from Agent Client Protocol updates, and bad input.
*/
import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {totalOf} from '../../../source/core/tokens.js';
import {grokParser} from '../../../source/parsers/grok/index.js';
import {agentFixtures, scratchFolder} from '../../support/agents-oracle.js';
import {dedupe, parseWith} from '../gemini/helpers.js';

const home = path.join(agentFixtures, 'grok');
const context = (env: Record<string, string>) => ({env, home: '/home/u', report: () => {}});

/** A Grok home with these files (path under sessions/ → JSONL records or raw text). */
function grokHome(files: Record<string, unknown[] | string>): string {
	const root = scratchFolder('grok');
	for (const [name, content] of Object.entries(files)) {
		const file = path.join(root, 'sessions', name);
		mkdirSync(path.dirname(file), {recursive: true});
		writeFileSync(file, typeof content === 'string' ? content : `${content.map(r => JSON.stringify(r)).join('\n')}\n`);
	}

	return root;
}

const update = (sessionUpdate: string, fields: Record<string, unknown>, meta: Record<string, unknown> = {}) => ({
	jsonrpc: '2.0',
	method: '_x.ai/session/update',
	timestamp: 1_780_000_000,
	params: {sessionId: 's1', update: {sessionUpdate, ...fields}, _meta: meta},
});

describe('Grok roots and discovery', () => {
	it('GROK_HOME, else ~/.grok; every sessions/**/updates.jsonl', async () => {
		expect(grokParser.roots(context({GROK_HOME: '/data/grok'}))).toEqual(['/data/grok']);
		expect(grokParser.roots(context({}))).toEqual(['/home/u/.grok']);
		const parsed = await parseWith(grokParser, {GROK_HOME: home});
		expect(parsed.files).toHaveLength(12);
		expect(parsed.files.every(file => file.path.endsWith(`${path.sep}updates.jsonl`))).toBe(true);
	});
});

describe('Grok on ccusage’s test files', async () => {
	const parsed = await parseWith(grokParser, {GROK_HOME: home});
	const calls = dedupe(parsed.calls);
	const byEvent = (id: string) => calls.filter(call => call.callId === id);

	it('input leaves out the cached reads; reasoning is part of output; modelUsage beats the turn total', () => {
		expect(byEvent('evt-1')).toMatchObject([
			{
				sessionId: 'sess-1',
				model: 'grok-4.5-build',
				time: 1_750_000_000_000,
				tokens: {input: 60, cacheRead: 40, cacheWrite5m: 0, output: 20, reasoning: 10},
			},
		]);
	});

	it('without modelUsage the turn’s own usage counts, under summary.json’s current model', () => {
		expect(byEvent('evt-top')).toMatchObject([
			{model: 'grok-4.5-build', tokens: {input: 40, cacheRead: 10, output: 5}},
		]);
	});

	it('_meta.agentTimestampMs (ms) wins over the envelope’s timestamp (s)', () => {
		expect(byEvent('evt-ts')[0]?.time).toBe(1_785_328_986_355);
	});

	it('one event exported into two session files counts once', () => {
		expect(parsed.calls.filter(call => call.callId === 'evt-shared')).toHaveLength(2);
		expect(byEvent('evt-shared')).toHaveLength(1);
	});

	it('sessions: params.sessionId, else summary.json’s id, else the folder; project from the cwd or the decoded folder', () => {
		const project = (sessionId: string) => parsed.sessions.find(s => s.sessionId === sessionId)?.project;
		expect(project('019fa1b1-0000-7000-8000-000000000001')).toBe('proj');
		expect(parsed.sessions.find(s => s.sessionId === '019fa1b1-0000-7000-8000-000000000001')?.cwd).toBe(
			'D:\\work\\proj',
		);
		expect(project('sess-top')).toBe('proj');
		expect([...new Set(calls.map(call => call.sessionId))].sort()).toEqual([
			'019fa1b1-0000-7000-8000-000000000001',
			'sess',
			'sess-1',
			'sess-top',
		]);
	});

	it('totals equal ccusage’s (input 533, output 86, cache read 90, total 709); the corrupt file adds nothing', () => {
		const sum = (pick: (call: (typeof calls)[number]) => number) =>
			calls.reduce((total, call) => total + pick(call), 0);
		expect([
			sum(c => c.tokens.input),
			sum(c => c.tokens.output),
			sum(c => c.tokens.cacheRead),
			sum(c => totalOf(c.tokens)),
		]).toEqual([533, 86, 90, 709]);
		expect(parsed.diagnostics).toEqual([]);
	});
});

describe('Grok updates in the CLI’s shape', () => {
	it('costUsdTicks is Grok’s own cost (1e-10 USD); models of one turn are calls of their own', async () => {
		const root = grokHome({
			'proj/s1/updates.jsonl': [
				update(
					'turn_completed',
					{
						usage: {
							modelUsage: {
								'grok-4.5-build': {
									inputTokens: 2000,
									cachedReadTokens: 1500,
									outputTokens: 100,
									costUsdTicks: 21_500_000,
								},
								'grok-code-fast-1': {inputTokens: 300, outputTokens: 30},
							},
						},
					},
					{eventId: 'e1'},
				),
			],
		});
		const parsed = await parseWith(grokParser, {GROK_HOME: root});
		expect(
			parsed.calls.map(call => [
				call.model,
				call.tokens.input,
				call.tokens.cacheRead,
				call.reportedCostUSD,
				call.dedupKey,
			]),
		).toEqual([
			['grok-4.5-build', 500, 1500, 0.00215, 'grok:e1|grok-4.5-build'],
			['grok-code-fast-1', 300, 0, undefined, 'grok:e1|grok-code-fast-1'],
		]);
	});

	it('a prompt in several user_message_chunk updates is one turn; tool calls go with the turn’s call', async () => {
		const root = grokHome({
			'proj/s1/updates.jsonl': [
				update('user_message_chunk', {content: {type: 'text', text: 'fix the '}}),
				update('user_message_chunk', {content: {type: 'text', text: 'login bug'}}),
				update('agent_message_chunk', {content: {type: 'text', text: 'Looking.'}}),
				update('tool_call', {
					toolCallId: 't1',
					title: 'Read src/login.ts',
					kind: 'read',
					locations: [{path: 'src/login.ts'}],
				}),
				update('tool_call', {toolCallId: 't2', title: 'git diff', kind: 'execute', rawInput: {command: 'git diff'}}),
				update('turn_completed', {usage: {inputTokens: 10, outputTokens: 2}}, {eventId: 'e1'}),
			],
		});
		const parsed = await parseWith(grokParser, {GROK_HOME: root});
		expect(parsed.turns.map(turn => [turn.turnId, turn.prompt])).toEqual([['line-1', 'fix the login bug']]);
		expect(parsed.calls[0]?.tools).toEqual([
			{name: 'Read src/login.ts', activity: 'reading', file: 'src/login.ts'},
			{name: 'git diff', activity: 'git'},
		]);
		expect(parsed.calls[0]?.model).toBeUndefined(); // no modelUsage and no summary.json
	});

	it('bad lines are diagnostics; a turn without any time is a missing-field diagnostic; nothing throws', async () => {
		const noTime = {params: {update: {sessionUpdate: 'turn_completed', usage: {inputTokens: 5}}}};
		const root = grokHome({
			'proj/s1/updates.jsonl': `\0\0\0not-jsonl\n{"params":{"update":{"sessionUpdate":"turn_completed"\n${JSON.stringify(noTime)}\n${JSON.stringify(
				update('turn_completed', {usage: {modelUsage: {'': {inputTokens: 1}, m: 'x'}, inputTokens: 'many'}}),
			)}\n`,
			'proj/s1/summary.json': '{"info": ',
		});
		const parsed = await parseWith(grokParser, {GROK_HOME: root});
		expect(parsed.calls).toEqual([]);
		expect(parsed.diagnostics.map(d => [d.kind, d.line ?? path.basename(d.file ?? '')])).toEqual([
			['malformed-line', 'summary.json'],
			['malformed-line', 2],
			['missing-field', 3],
		]);
	});
});
