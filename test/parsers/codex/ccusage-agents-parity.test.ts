/**
Codex through the built CLI (empty HOME, `CODEX_HOME` at fixtures/agents/codex) against ccusage
20.0.24's stored daily report on the same files (ccusage's fixture and fork/replay tests, its CLI
test's rollouts, two real Codex Desktop rollouts). Every day is equal but 2026-06-08, where ccusage
drops a fork's own calls as replay and counts another fork's replayed history (readme
"Differences from ccusage 20.0.24": fork / sub-agent replays).
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

	it('2026-06-08: ccusage drops a fork’s own calls and counts another fork’s replayed history', () => {
		// sessions/2026/06/08/fork-local-same-second-modern.jsonl (fork of parent-thread): its
		// token_count rows at 11:39:04.300Z (input 1000, cached 600, output 50) and 11:39:04.900Z
		// (1000, 800, 40) are its own: its total_token_usage starts at its own first call and its
		// task_started (started_at = its creation second) is a fresh turn. ccusage drops every row of
		// the rollout's first second as replay; we count them (+600 fresh input, +90 output, +1400
		// cache read).
		// sessions/2026/06/08/replay-multisecond-modern.jsonl (multi-leaf, fork of multi-parent): the
		// token_count rows at 11:39:04.900Z (input 100M, cached 80M, output 1M) and 11:39:06.100Z
		// (136.7M, 120M, 1M) belong to turns old-turn-one / old-turn-two, whose task_started carry
		// started_at 2026-04-01: the parent's history, replayed when the fork was made. ccusage counts
		// them (a second time, once the parent's rollout is read too); we count only the fork's own
		// multi-live-turn (input 5000, cached 3000, output 500). parsers/codex/rollout.ts, FORMATS.md §2.3.
		const day = (days: typeof ours) => tokenColumns(days).find(each => each.date === forkDay);
		expect(day(theirs)).toEqual({
			date: forkDay,
			inputTokens: 36_702_000,
			outputTokens: 2_000_530,
			cacheReadTokens: 200_004_000,
			cacheCreationTokens: 0,
		});
		const replayed = {input: 20_000_000 + 16_700_000, output: 1_000_000 + 1_000_000, cached: 200_000_000};
		const forkOwn = {input: 400 + 200, output: 50 + 40, cached: 600 + 800};
		expect(day(ours)).toEqual({
			date: forkDay,
			inputTokens: 36_702_000 - replayed.input + forkOwn.input,
			outputTokens: 2_000_530 - replayed.output + forkOwn.output,
			cacheReadTokens: 200_004_000 - replayed.cached + forkOwn.cached,
			cacheCreationTokens: 0,
		});
	});
});
