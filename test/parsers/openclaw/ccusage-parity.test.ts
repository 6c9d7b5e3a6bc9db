/**
OpenClaw through the built CLI (empty HOME, `OPENCLAW_DIR` at fixtures/agents/openclaw) against
ccusage 20.0.24's stored daily report on the same files (a real redacted session, ccusage's test
transcripts and its test agent database): every day's input, output, cache read, cache write,
total and cost are equal; the cost is OpenClaw's own where it logged one.
*/
import {describe, expect, it} from 'vitest';
import {ccusageDaily, daysOf, ourExport, tokenColumns} from '../../support/agents-oracle.js';

describe('OpenClaw: daily parity with ccusage 20.0.24', async () => {
	const document = await ourExport('OPENCLAW_DIR', 'openclaw', 'openclaw');
	const ours = daysOf(document);
	const theirs = ccusageDaily('openclaw');

	it('the four token columns and the total are equal on every day', () => {
		expect(tokenColumns(ours)).toEqual(tokenColumns(theirs));
		expect(ours.map(day => day.totalTokens)).toEqual(theirs.map(day => day.totalTokens));
	});

	it('costs are equal: cost.total as reported, the one record without it priced as gpt-5.2', () => {
		ours.forEach((day, index) => {
			expect(day.cost, day.date).toBeCloseTo(theirs[index]!.cost!, 9);
		});
	});
});
