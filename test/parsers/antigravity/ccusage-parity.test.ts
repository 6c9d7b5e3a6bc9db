/**
Antigravity through the built CLI (HOME empty, ANTIGRAVITY_DATA_DIR at fixtures/agents/antigravity,
`--json --timezone UTC`) against ccusage 20.0.24's stored daily report. Input, cache read, cache write
and visible output (our output less the thinking tokens, which ccusage keeps out of outputTokens) are
equal on four of six days. On 2026-05-05 and 2026-05-06 ccusage 20.0.24 merges records that share a
message id into one: a retry with its own response id (an attempt that consumed tokens) disappears
into the call it retried. We count each response id once, as ccusage's later Antigravity reader
does (its README: deduplicated on response_id, "still counting the failed attempts"). Cost is not
compared: ccusage's price snapshot prices models ours does not (gemini-3-pro) and others differently.
*/
import {describe, expect, it} from 'vitest';
import {ccusageDaily, daysOf, ourExport, tokenColumns} from '../../support/agents-oracle.js';

describe('Antigravity against ccusage 20.0.24', async () => {
	const document = await ourExport('ANTIGRAVITY_DATA_DIR', 'antigravity', 'antigravity');
	const reasoning = document.days.map(day => day.tokens.reasoning);
	const ours = tokenColumns(daysOf(document)).map((day, index) => ({
		...day,
		outputTokens: day.outputTokens - (reasoning[index] ?? 0),
	}));
	const theirs = tokenColumns(ccusageDaily('antigravity'));

	it('has the same six days', () => {
		expect(ours.map(day => day.date)).toEqual(theirs.map(day => day.date));
	});

	it('input, visible output, cache read and cache write are equal on 2026-05-08, -09, -10 and 2026-06-08', () => {
		const equalDays = ['2026-05-08', '2026-05-09', '2026-05-10', '2026-06-08'];
		expect(ours.filter(day => equalDays.includes(day.date))).toEqual(
			theirs.filter(day => equalDays.includes(day.date)),
		);
	});

	it('2026-05-05: second.db’s retry-response and first.db’s shared-response share a message id; ccusage keeps one', () => {
		// first.db: shared-response 20 input, 35 visible; second.db: retry-response 200 input, 350 visible,
		// same message and provider id. ccusage 20.0.24 merges them into one record (the larger counts).
		const day = (days: typeof ours) => days.find(entry => entry.date === '2026-05-05')!;
		expect(day(ours)).toEqual({
			...day(theirs),
			inputTokens: day(theirs).inputTokens + 20,
			outputTokens: day(theirs).outputTokens + 35,
		});
	});

	it('2026-05-06: steps.db’s retry info retry-response (80 input, 25 visible) is a failed attempt we count', () => {
		const day = (days: typeof ours) => days.find(entry => entry.date === '2026-05-06')!;
		expect(day(ours)).toEqual({
			...day(theirs),
			inputTokens: day(theirs).inputTokens + 80,
			outputTokens: day(theirs).outputTokens + 25,
		});
	});
});
