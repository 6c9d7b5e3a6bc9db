/**
Codebuff on ccusage's own test data (fixtures/agents/codebuff, see fixtures/agents/PROVENANCE.md)
and on chats in Codebuff's own message shape: roots, discovery, the two usage spellings (OpenAI's
cached tokens inside the prompt), the run-state fallback, turns, tools, dedup and bad input.
*/
import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {totalOf} from '../../../source/core/tokens.js';
import {codebuffParser} from '../../../source/parsers/codebuff/index.js';
import {chatIdTime, usageTokens} from '../../../source/parsers/codebuff/usage.js';
import {agentFixtures, scratchFolder} from '../../support/agents-oracle.js';
import {dedupe, parseWith} from '../gemini/helpers.js';

const channel = path.join(agentFixtures, 'codebuff', 'manicode');
const context = (env: Record<string, string>) => ({env, home: '/home/u', report: () => {}});

/** A channel folder holding one chat per entry of `chats` (`<project>/<chat id>` → messages). */
function channelWith(chats: Record<string, unknown>): string {
	const root = path.join(scratchFolder('codebuff'), 'manicode');
	for (const [where, messages] of Object.entries(chats)) {
		const [project, chatId] = where.split('/');
		const folder = path.join(root, 'projects', project!, 'chats', chatId!);
		mkdirSync(folder, {recursive: true});
		writeFileSync(
			path.join(folder, 'chat-messages.json'),
			typeof messages === 'string' ? messages : JSON.stringify(messages, null, 2),
		);
	}

	return root;
}

describe('Codebuff roots and discovery', () => {
	it('CODEBUFF_DATA_DIR is a comma list; else the three channels under ~/.config', () => {
		expect(codebuffParser.roots(context({CODEBUFF_DATA_DIR: '/a, /b/projects'}))).toEqual(['/a', '/b/projects']);
		expect(codebuffParser.roots(context({}))).toEqual([
			'/home/u/.config/manicode',
			'/home/u/.config/manicode-dev',
			'/home/u/.config/manicode-staging',
		]);
	});

	it('finds chat-messages.json under projects/, from a channel folder or from its projects folder', async () => {
		for (const root of [channel, path.join(channel, 'projects')]) {
			const parsed = await parseWith(codebuffParser, {CODEBUFF_DATA_DIR: root});
			expect(parsed.files.map(file => path.relative(channel, file.path))).toEqual([
				'projects/project-a/chats/2026-01-02T03-04-05.000Z/chat-messages.json',
				'projects/project-b/chats/2026-01-02T03-04-05.000Z/chat-messages.json',
			]);
		}
	});
});

describe('Codebuff chats (ccusage test data)', async () => {
	const parsed = await parseWith(codebuffParser, {CODEBUFF_DATA_DIR: channel});

	it('sessions are <project>/<chat id> (ccusage puts the channel folder in front)', () => {
		expect(parsed.sessions.map(session => [session.sessionId, session.project])).toEqual([
			['project-a/2026-01-02T03-04-05.000Z', 'project-a'],
			['project-b/2026-01-02T03-04-05.000Z', 'project-b'],
		]);
	});

	it('metadata.usage (Anthropic spelling): the four counters as they are, the message time, a turn per prompt', () => {
		const call = parsed.calls[0]!;
		expect(call).toMatchObject({
			model: 'claude-sonnet-4-20250514',
			time: Date.parse('2026-01-02T03:04:06.000Z'),
			turnId: '#0',
			dedupKey: 'codebuff:project-a/2026-01-02T03-04-05.000Z:assistant-message',
			tokens: {input: 100, output: 50, cacheRead: 10, cacheWrite5m: 20, cacheWrite1h: 0, reasoning: 0},
		});
		expect(parsed.turns.map(turn => [turn.turnId, turn.prompt])).toEqual([['#0', 'hello']]);
	});

	it('run-state usage (OpenAI spelling): cached tokens come out of prompt_tokens; no time → the chat folder’s', () => {
		const call = parsed.calls[1]!;
		expect(call).toMatchObject({
			model: 'openai/gpt-5',
			time: Date.parse('2026-01-02T03:04:05.000Z'),
			tokens: {input: 90, output: 50, cacheRead: 10, cacheWrite5m: 0},
		});
		expect(totalOf(call.tokens)).toBe(150); // prompt 100 (10 of them cached) + 50 out
	});

	it('totals: input 190, cache read 20, cache write 20, output 100; no diagnostics', () => {
		const calls = dedupe(parsed.calls);
		expect(calls.reduce((sum, call) => sum + totalOf(call.tokens), 0)).toBe(330);
		expect(calls.reduce((sum, call) => sum + call.tokens.input, 0)).toBe(190);
		expect(parsed.diagnostics).toEqual([]);
	});
});

describe('Codebuff usage spellings', () => {
	it('prompt_tokens includes the cached tokens; inputTokens does not include cacheReadInputTokens', () => {
		expect(
			usageTokens({
				prompt_tokens: 750,
				completion_tokens: 80,
				prompt_tokens_details: {cached_tokens: 100},
				completion_tokens_details: {reasoning_tokens: 30},
			}),
		).toEqual({input: 650, cacheRead: 100, cacheWrite5m: 0, cacheWrite1h: 0, output: 80, reasoning: 30});
		expect(
			usageTokens({inputTokens: 500, outputTokens: 200, cacheCreationInputTokens: 300, cacheReadInputTokens: 100}),
		).toEqual({input: 500, cacheRead: 100, cacheWrite5m: 300, cacheWrite1h: 0, output: 200, reasoning: 0});
	});

	it('chat folder names are ISO times with dashes for colons', () => {
		expect(chatIdTime('2025-12-14T10-00-00.000Z')).toBe(Date.parse('2025-12-14T10:00:00.000Z'));
		expect(chatIdTime('my-chat')).toBeUndefined();
	});
});

describe('Codebuff chats in the CLI’s own message shape', () => {
	it('variant ai messages are calls with the tools of their blocks (sub-agents’ too); user messages start turns', async () => {
		const root = channelWith({
			'webapp/2026-03-01T09-00-00.000Z': [
				{id: 'u1', variant: 'user', content: 'add a login page', timestamp: '2026-03-01T09:00:01.000Z'},
				{
					id: 'a1',
					variant: 'ai',
					content: '',
					timestamp: '2026-03-01T09:00:30.000Z',
					credits: 12,
					blocks: [
						{type: 'text', content: 'Reading the router'},
						{type: 'tool', toolCallId: 't1', toolName: 'read_files', input: {paths: ['src/app.ts']}},
						{
							type: 'agent',
							agentId: 'g1',
							agentName: 'Editor',
							agentType: 'inline',
							content: '',
							status: 'complete',
							blocks: [
								{type: 'tool', toolCallId: 't2', toolName: 'write_file', input: {path: 'src/login.ts'}},
								{type: 'tool', toolCallId: 't3', toolName: 'run_terminal_command', input: {command: 'git add -A'}},
							],
						},
					],
					metadata: {model: 'anthropic/claude-sonnet-4.5', usage: {inputTokens: 1200, outputTokens: 340}},
				},
				{id: 'e1', variant: 'error', content: 'network error', timestamp: '2026-03-01T09:01:00.000Z'},
				{id: 'a2', variant: 'ai', content: 'done', timestamp: '2026-03-01T09:02:00.000Z', credits: 2},
			],
		});
		const parsed = await parseWith(codebuffParser, {CODEBUFF_DATA_DIR: root});
		expect(parsed.turns).toEqual([
			{
				type: 'turn',
				agent: 'codebuff',
				sessionId: 'webapp/2026-03-01T09-00-00.000Z',
				turnId: 'u1',
				time: Date.parse('2026-03-01T09:00:01.000Z'),
				prompt: 'add a login page',
			},
		]);
		// a2 has credits but no token counts: nothing to count.
		expect(parsed.calls.map(call => [call.callId, call.turnId, call.model, call.tokens.input])).toEqual([
			['a1', 'u1', 'anthropic/claude-sonnet-4.5', 1200],
		]);
		expect(parsed.calls[0]?.tools).toEqual([
			{name: 'read_files', activity: 'reading'},
			{name: 'write_file', activity: 'writing', file: 'src/login.ts'},
			{name: 'run_terminal_command', activity: 'git'},
		]);
	});

	it('the newest assistant entry of the run state with counts; a newer entry without counts lends only its model', async () => {
		const history = [
			{role: 'assistant', providerOptions: {codebuff: {usage: {inputTokens: 4242, outputTokens: 99}}}},
			{role: 'user', providerOptions: {}},
			{role: 'assistant', providerOptions: {codebuff: {model: 'openai/gpt-5.1', usage: {cost: 0.01}}}},
		];
		const root = channelWith({
			'p/2026-03-02T10-00-00.000Z': [
				{id: 'a', variant: 'ai', metadata: {runState: {sessionState: {mainAgentState: {messageHistory: history}}}}},
			],
		});
		const parsed = await parseWith(codebuffParser, {CODEBUFF_DATA_DIR: root});
		expect(parsed.calls.map(call => [call.model, call.tokens.input, call.tokens.output, call.time])).toEqual([
			['openai/gpt-5.1', 4242, 99, Date.parse('2026-03-02T10:00:00.000Z')],
		]);
	});

	it('a broken, empty or non-array chat is one diagnostic each, never a throw; junk messages are skipped', async () => {
		const root = channelWith({
			'p/broken': '[{"variant":"ai"',
			'p/empty': '',
			'p/object': '{"messages": []}',
			'p/junk': [null, 7, 'text', [], {variant: 42}, {variant: 'ai', metadata: {usage: 'lots'}}, {role: 'user'}],
		});
		const parsed = await parseWith(codebuffParser, {CODEBUFF_DATA_DIR: root});
		expect(parsed.diagnostics.map(d => [d.kind, path.basename(path.dirname(d.file ?? ''))])).toEqual([
			['malformed-line', 'broken'],
			['empty-file', 'empty'],
			['unknown-schema', 'object'],
		]);
		expect(parsed.calls).toEqual([]);
		expect(parsed.turns).toEqual([]);
	});
});
