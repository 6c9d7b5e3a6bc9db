/**
Qwen Code parser rules, each on fixtures/qwen (hand-written in the real record format; see
its PROVENANCE.md).
*/
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {totalOf} from '../../../source/core/tokens.js';
import {qwenParser} from '../../../source/parsers/qwen/index.js';
import {qwenTokens} from '../../../source/parsers/qwen/tokens.js';
import {dedupe, fixtures, parseWith} from '../gemini/helpers.js';

const home = path.join(fixtures, 'qwen/qwen-home');
const webapp = '11111111-2222-4333-8444-555555555555';
const fork = '33333333-4444-4555-8666-777777777777';
const api = '22222222-3333-4444-8555-666666666666';
const parse = async () => parseWith(qwenParser, {QWEN_DATA_DIR: home});

describe('roots and discovery', () => {
	const context = (env: Record<string, string>) => ({env, home: '/home/u', report: () => {}});
	it('QWEN_DATA_DIR (comma list), else QWEN_RUNTIME_DIR, else ~/.qwen', () => {
		expect(qwenParser.roots(context({QWEN_DATA_DIR: '~/q1,/q2'}))).toEqual(['/home/u/q1', '/q2']);
		expect(qwenParser.roots(context({QWEN_RUNTIME_DIR: '/rt'}))).toEqual(['/rt']);
		expect(qwenParser.roots(context({}))).toEqual(['/home/u/.qwen']);
	});
	it('finds projects/*/chats/*.jsonl', async () => {
		const {files} = await parse();
		expect(files.map(file => path.basename(file.path)).sort()).toEqual(
			[`${webapp}.jsonl`, `${api}.jsonl`, `${fork}.jsonl`].sort(),
		);
	});
});

it('OpenAI-style usage: cached ⊂ prompt is subtracted, thoughts are already inside candidates', async () => {
	const {calls} = await parse();
	const a1 = calls.find(call => call.sessionId === webapp && call.callId === 'a-1')!;
	expect(a1.tokens).toEqual({
		input: 4000,
		cacheRead: 8000,
		cacheWrite5m: 0,
		cacheWrite1h: 0,
		output: 300,
		reasoning: 120,
	});
	// Our total equals Qwen's own totalTokenCount. ccusage (no subtraction) would bill
	// 12000 input + 8000 cache read = 20300 tokens: the cached part twice.
	expect(totalOf(a1.tokens)).toBe(12300);
});

it('native Gemini usage: thoughts separate (total = prompt + candidates + thoughts) are added', () => {
	const tokens = qwenTokens({
		promptTokenCount: 5000,
		candidatesTokenCount: 200,
		thoughtsTokenCount: 300,
		totalTokenCount: 5500,
		cachedContentTokenCount: 1000,
	});
	expect(tokens).toMatchObject({input: 4000, cacheRead: 1000, output: 500, reasoning: 300});
	expect(totalOf(tokens)).toBe(5500);
});

it('the native-Gemini fixture file parses to that mapping, on its own UTC day', async () => {
	const {calls} = await parse();
	const call = calls.find(c => c.sessionId === api)!;
	expect(call).toMatchObject({
		model: 'gemini-2.5-pro',
		turnId: 'g-u1',
		tokens: {input: 4000, cacheRead: 1000, output: 500, reasoning: 300},
	});
	expect(new Date(call.time).toISOString().slice(0, 10)).toBe('2026-05-06');
});

it('calls: model, tools from functionCall parts, git through run_shell_command, turns from user text', async () => {
	const {calls, turns} = await parse();
	const a1 = calls.find(call => call.sessionId === webapp && call.callId === 'a-1')!;
	expect(a1.model).toBe('qwen3-coder-plus');
	expect(a1.tools).toEqual([
		{name: 'read_file', activity: 'reading', file: '/home/dev/webapp/src/Header.tsx'},
		{name: 'run_shell_command', activity: 'git'},
	]);
	expect(a1.turnId).toBe('u-1');
	expect(turns.find(turn => turn.sessionId === webapp)).toMatchObject({
		turnId: 'u-1',
		prompt: 'Add a dark mode toggle to the header',
	});
	// The tool_result record (functionResponse) is not a turn.
	expect(turns.filter(turn => turn.sessionId === webapp)).toHaveLength(1);
});

it('sessions: project from cwd, branch, title, parent from parent_session', async () => {
	const {sessions} = await parse();
	expect(sessions.find(s => s.sessionId === webapp && s.project)).toMatchObject({
		project: 'webapp',
		cwd: '/home/dev/webapp',
		gitBranch: 'main',
	});
	expect(sessions.find(s => s.sessionId === webapp && s.title)?.title).toBe('Dark mode toggle');
	expect(sessions.find(s => s.sessionId === fork && s.parentSessionId)?.parentSessionId).toBe(webapp);
	expect(sessions.find(s => s.sessionId === api)).toMatchObject({project: 'api'});
});

it('a /branch fork counts its copied calls once (dedupKey on the source session); sidechain marked', async () => {
	const {calls} = await parse();
	const forked = calls.find(call => call.sessionId === fork && call.callId === 'a-1')!;
	expect(forked.dedupKey).toBe(`qwen:${webapp}:a-1`);
	expect(calls.find(call => call.callId === 'a-9')?.dedupKey).toBe(`qwen:${fork}:a-9`);
	expect(calls.find(call => call.callId === 'a-3')?.sidechain).toBe(true);
	const kept = dedupe(calls);
	expect(calls).toHaveLength(6);
	expect(kept).toHaveLength(5);
	expect(kept.find(call => call.callId === 'a-1')?.sessionId).toBe(webapp); // first seen
});

it('bad lines are diagnostics; unknown record types are ignored; other files still load', async () => {
	const {diagnostics, calls} = await parse();
	expect(diagnostics.map(d => `${d.kind}:${d.line}`).sort()).toEqual(['malformed-line:7', 'partial-line:10']);
	expect(calls.filter(call => call.sessionId === api)).toHaveLength(1);
});

it('records without a valid timestamp are skipped and reported, never crash', async () => {
	const {mkdtempSync, mkdirSync, writeFileSync} = await import('node:fs');
	const {tmpdir} = await import('node:os');
	const root = mkdtempSync(path.join(tmpdir(), 'qwen-undated-'));
	const chats = path.join(root, 'projects', '-x', 'chats');
	mkdirSync(chats, {recursive: true});
	const line = {
		uuid: 'a',
		sessionId: 's',
		timestamp: 'not a date',
		type: 'assistant',
		cwd: '/x',
		usageMetadata: {promptTokenCount: 5},
	};
	writeFileSync(path.join(chats, 's.jsonl'), `${JSON.stringify(line)}\n`);
	const {calls, diagnostics} = await parseWith(qwenParser, {QWEN_DATA_DIR: root});
	expect(calls).toEqual([]);
	expect(diagnostics.map(d => d.kind)).toEqual(['missing-field']);
});
