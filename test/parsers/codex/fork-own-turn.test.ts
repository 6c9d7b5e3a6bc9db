/**
A fork whose own turn starts inside its creation burst: the `task_started` of a replayed turn keeps
its original `started_at`, the child's own one is stamped at or after the child's session_meta, so
it ends the replay and the child's first call counts (ccusage's fixture
fork-local-same-second-modern.jsonl in fixtures/agents/codex; parsers/FORMATS.md §2.3).
*/
import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {codexParser} from '../../../source/parsers/codex/index.js';
import {agentFixtures, scratchFolder} from '../../support/agents-oracle.js';
import {parseWith} from '../gemini/helpers.js';

const tokenCount = (time: string, input: number, cached: number, output: number, total: number) =>
	JSON.stringify({
		timestamp: time,
		type: 'event_msg',
		payload: {
			type: 'token_count',
			info: {
				last_token_usage: {
					input_tokens: input,
					cached_input_tokens: cached,
					output_tokens: output,
					total_tokens: input + output,
				},
				total_token_usage: {
					input_tokens: total,
					cached_input_tokens: cached,
					output_tokens: output,
					total_tokens: total + output,
				},
			},
		},
	});

describe('Codex fork: the child’s own turn inside the creation burst', () => {
	it('counts every call of fork-local-same-second-modern.jsonl (its totals start at its own first call)', async () => {
		const {calls} = await parseWith(codexParser, {CODEX_HOME: path.join(agentFixtures, 'codex')});
		const fork = calls.filter(call => call.sessionId === 'fresh-thread');
		expect(
			fork.map(call => [
				new Date(call.time).toISOString(),
				call.tokens.input,
				call.tokens.cacheRead,
				call.tokens.output,
			]),
		).toEqual([
			['2026-06-08T11:39:04.300Z', 400, 600, 50],
			['2026-06-08T11:39:04.900Z', 200, 800, 40],
			['2026-06-08T11:40:10.000Z', 0, 1000, 30],
		]);
	});

	it('a replayed task_started (started before the fork) keeps the burst a replay; the own one releases the child’s prompt', async () => {
		const root = scratchFolder('codex');
		const folder = path.join(root, 'sessions', '2026', '06', '08');
		mkdirSync(folder, {recursive: true});
		const lines = [
			{timestamp: '2026-06-08T12:00:00.000Z', type: 'session_meta', payload: {id: 'child', forked_from_id: 'parent'}},
			{
				timestamp: '2026-06-08T12:00:00.050Z',
				type: 'event_msg',
				payload: {type: 'task_started', turn_id: 'old', started_at: 1775001600},
			},
		].map(line => JSON.stringify(line));
		lines.push(tokenCount('2026-06-08T12:00:00.100Z', 500, 0, 5, 500));
		lines.push(
			JSON.stringify({
				timestamp: '2026-06-08T12:00:00.120Z',
				type: 'event_msg',
				payload: {type: 'user_message', message: 'my own prompt'},
			}),
		);
		lines.push(
			JSON.stringify({
				timestamp: '2026-06-08T12:00:00.150Z',
				type: 'event_msg',
				payload: {type: 'task_started', turn_id: 'own', started_at: Date.parse('2026-06-08T12:00:00Z') / 1000},
			}),
		);
		lines.push(tokenCount('2026-06-08T12:00:00.400Z', 700, 0, 7, 1200));
		writeFileSync(path.join(folder, 'rollout-child.jsonl'), `${lines.join('\n')}\n`);
		const {calls, turns} = await parseWith(codexParser, {CODEX_HOME: root});
		expect(calls.map(call => [call.tokens.input, call.tokens.output])).toEqual([[700, 7]]);
		// The prompt written in the burst after the last replayed usage is the child's first turn.
		expect(turns.map(turn => turn.time)).toEqual([Date.parse('2026-06-08T12:00:00.120Z')]);
		expect(calls[0]?.turnId).toBe('1');
	});

	it('a replayed turn (task_started before the fork) stays replay past a gap: replay-multisecond-modern.jsonl', async () => {
		const {calls} = await parseWith(codexParser, {CODEX_HOME: path.join(agentFixtures, 'codex')});
		const fork = calls.filter(call => call.sessionId === 'multi-leaf');
		// old-turn-one / old-turn-two (started_at 2026-04-01) are the parent's history; only
		// multi-live-turn (started_at 12:00:00, after the fork's creation) is the fork's own.
		expect(
			fork.map(call => [
				new Date(call.time).toISOString(),
				call.tokens.input,
				call.tokens.cacheRead,
				call.tokens.output,
			]),
		).toEqual([['2026-06-08T12:01:00.000Z', 2000, 3000, 500]]);
	});
});
