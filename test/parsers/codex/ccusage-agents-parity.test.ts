/**
Codex through the built CLI (empty HOME, `CODEX_HOME` at fixtures/agents/codex) against ccusage
20.0.24's stored daily report on the same files (ccusage's fixture and fork/replay tests, its CLI
test's rollouts, two real Codex Desktop rollouts). Every day is equal but 2026-06-08, where ccusage
drops a fork's own calls as replay (readme "Differences from ccusage 20.0.24": fork / sub-agent
replays).
*/
import {describe, expect, it} from 'vitest';
import {ccusageDaily, daysOf, ourExport, tokenColumns} from '../../support/agents-oracle.js';

const forkDay = '2026-06-08';

describe('Codex: daily parity with ccusage 20.0.24 on fixtures/agents/codex', async () => {
	const ours = daysOf(await ourExport('CODEX_HOME', 'codex', 'codex'));
	const theirs = ccusageDaily('codex');

	it('the same days; input, output, cache read and cache write equal on every day but the fork day', () => {
		expect(ours.map(day => day.date)).toEqual(theirs.map(day => day.date));
		const others = (days: typeof ours) => tokenColumns(days.filter(day => day.date !== forkDay));
		expect(others(ours)).toEqual(others(theirs));
	});

	it('2026-06-08: ccusage drops the fork’s own two calls stamped in the fork’s first second', () => {
		// sessions/2026/06/08/fork-local-same-second-modern.jsonl, the token_count rows at
		// 2026-06-08T11:39:04.300Z (last_token_usage input 1000, cached 600, output 50) and
		// 11:39:04.900Z (input 1000, cached 800, output 40). The fork (`forked_from_id` parent-thread)
		// replays nothing: its total_token_usage starts at its own first call, and its task_started
		// (11:39:04.100, started_at = the fork's creation second) is a fresh turn. ccusage drops every
		// row of the rollout's first second as parent replay; our replay burst ends at that
		// task_started (parsers/codex/rollout.ts, FORMATS.md §2.3).
		const day = (days: typeof ours) => tokenColumns(days).find(each => each.date === forkDay);
		expect(day(theirs)).toEqual({
			date: forkDay,
			inputTokens: 36_702_000,
			outputTokens: 2_000_530,
			cacheReadTokens: 200_004_000,
			cacheCreationTokens: 0,
		});
		expect(day(ours)).toEqual({
			date: forkDay,
			inputTokens: 36_702_000 + (1000 - 600) + (1000 - 800),
			outputTokens: 2_000_530 + 50 + 40,
			cacheReadTokens: 200_004_000 + 600 + 800,
			cacheCreationTokens: 0,
		});
	});
});
