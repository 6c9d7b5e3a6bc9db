/**
Gemini CLI through the built CLI (empty HOME, `GEMINI_DATA_DIR` at fixtures/agents/gemini/tmp)
against ccusage 20.0.24's stored daily report on the same files (a real JSONL chat, a real legacy
JSON chat, ccusage's loader test). Input, cache read and cache write are equal on every day. Output
differs by exactly the day's `thoughts`: Gemini's `output` excludes the thinking tokens, which the
API bills as output; we count them in output (reasoning), ccusage leaves them out of outputTokens
(readme "Differences from ccusage 20.0.24", parsers/FORMATS.md §3.4).
*/
import {describe, expect, it} from 'vitest';
import {ccusageDaily, daysOf, ourExport, tokenColumns} from '../../support/agents-oracle.js';

describe('Gemini CLI: daily parity with ccusage 20.0.24 on fixtures/agents/gemini', async () => {
	const ours = daysOf(await ourExport('GEMINI_DATA_DIR', 'gemini/tmp', 'gemini'));
	const theirs = ccusageDaily('gemini');
	const without = (days: typeof ours) => tokenColumns(days).map(({outputTokens: _, ...rest}) => rest);

	it('input, cache read and cache write equal on every day', () => {
		expect(theirs.map(day => day.date)).toEqual(['2026-03-27', '2026-04-23', '2026-05-17']);
		expect(without(ours)).toEqual(without(theirs));
	});

	it('our output is ccusage’s plus the thoughts', () => {
		// 2026-03-27 legacy/chats/test_conversation_gemini.json: thoughts 344 + 423 + 10849;
		// 2026-04-23 …/chats/gemini.jsonl: thoughts 306 + 642 + 232 + 161 + 348 + 452 of its six
		// responses (each written twice, counted once by both tools);
		// 2026-05-17 project/chats/session-a.jsonl `msg-a`: output 23, thoughts 919.
		const thoughts = [344 + 423 + 10849, 306 + 642 + 232 + 161 + 348 + 452, 919];
		expect(theirs.map(day => day.outputTokens)).toEqual([9325, 2152, 23]);
		expect(ours.map(day => day.outputTokens)).toEqual(
			theirs.map((day, index) => day.outputTokens + (thoughts[index] ?? 0)),
		);
	});
});
