/**
Kilo CLI through the built CLI (HOME empty, KILO_DATA_DIR at fixtures/agents/kilo, `--json --timezone
UTC`) against ccusage 20.0.24's stored daily report: input, cache read, cache write, total and cost
are equal; our output holds the reasoning tokens ccusage keeps out of outputTokens.
*/
import {describe, expect, it} from 'vitest';
import {ccusageDaily, daysOf, ourExport, tokenColumns} from '../../support/agents-oracle.js';

describe('Kilo CLI against ccusage 20.0.24', async () => {
	const document = await ourExport('KILO_DATA_DIR', 'kilo', 'kilo');
	const ours = daysOf(document);
	const theirs = ccusageDaily('kilo');

	it('input, cache read and cache write are equal; output differs by the reasoning tokens only', () => {
		// msg-1 logs tokens.reasoning 5 apart from tokens.output 50: ccusage counts them in its total
		// and prices them as output, but leaves them out of outputTokens; we count them as output.
		const reasoning = document.days.map((day: {tokens: {reasoning: number}}) => day.tokens.reasoning);
		expect(reasoning).toEqual([5]);
		expect(
			tokenColumns(ours).map((day, index) => ({...day, outputTokens: day.outputTokens - (reasoning[index] ?? 0)})),
		).toEqual(tokenColumns(theirs));
	});

	it('total tokens and cost are equal (msg-1’s stored cost 0.02 plus gpt-5 priced from the table)', () => {
		expect(ours.map(day => [day.date, day.totalTokens, day.cost])).toEqual(
			theirs.map(day => [day.date, day.totalTokens, day.cost]),
		);
	});
});
