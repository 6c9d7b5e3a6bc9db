/**
GitHub Copilot CLI through the built CLI (empty HOME, `COPILOT_HOME` at fixtures/agents/copilot)
against ccusage 20.0.24's stored daily report on the same files: every day's input, output, cache
read and cache write, total and cost are equal (shutdown intervals, the OTel span left to a
shutdown, the OTel span of a session without one).
*/
import {describe, expect, it} from 'vitest';
import {ccusageDaily, daysOf, ourExport, tokenColumns} from '../../support/agents-oracle.js';

describe('Copilot CLI: daily parity with ccusage 20.0.24', async () => {
	const document = await ourExport('COPILOT_HOME', 'copilot', 'copilot');
	const ours = daysOf(document);
	const theirs = ccusageDaily('copilot');

	it('the four token columns and the total are equal on every day', () => {
		expect(tokenColumns(ours)).toEqual(tokenColumns(theirs));
		expect(ours.map(day => day.totalTokens)).toEqual(theirs.map(day => day.totalTokens));
	});

	it('costs are equal (claude-opus-4.6 after dropping -1m, gpt-5.4)', () => {
		ours.forEach((day, index) => {
			expect(day.cost, day.date).toBeCloseTo(theirs[index]!.cost!, 9);
		});
	});
});
