/**
Qwen Code through the built CLI (empty HOME, `QWEN_DATA_DIR` at fixtures/agents/qwen) against
ccusage 20.0.24's stored daily report on the same files (ccusage's loader and total-only parser
tests). Output, cache read and cache write are equal on every day (the total-only record is
output on both sides, parsers/FORMATS.md §0). Input differs where ccusage counts cached input
twice: `promptTokenCount` already contains `cachedContentTokenCount` (parsers/qwen/tokens.ts),
ccusage books the whole prompt as input and the cached part again as cache read.
*/
import {describe, expect, it} from 'vitest';
import {ccusageDaily, daysOf, ourExport, tokenColumns} from '../../support/agents-oracle.js';

describe('Qwen Code: daily parity with ccusage 20.0.24 on fixtures/agents/qwen', async () => {
	const ours = daysOf(await ourExport('QWEN_DATA_DIR', 'qwen', 'qwen'));
	const theirs = ccusageDaily('qwen');
	const without = (days: typeof ours) => tokenColumns(days).map(({inputTokens: _, ...rest}) => rest);

	it('output, cache read and cache write equal on every day', () => {
		expect(theirs.map(day => day.date)).toEqual(['2026-01-02', '2026-02-23']);
		expect(without(ours)).toEqual(without(theirs));
	});

	it('input: ccusage counts the cached 5 tokens of chat-a.jsonl’s assistant record twice', () => {
		// projects/myProject/chats/chat-a.jsonl, 2026-02-23T14:24:56.857Z: promptTokenCount 100,
		// cachedContentTokenCount 5 → fresh input 95, cache read 5 (ccusage: input 100, cache read 5).
		expect(theirs.map(day => [day.inputTokens, day.cacheReadTokens])).toEqual([
			[0, 0],
			[100, 5],
		]);
		expect(ours.map(day => [day.inputTokens, day.cacheReadTokens])).toEqual([
			[0, 0],
			[95, 5],
		]);
	});
});
