/**
Goose through the built CLI (HOME empty, GOOSE_PATH_ROOT at fixtures/agents/goose, `--json --timezone
UTC`) against ccusage 20.0.24's stored daily report: input, cache read and cache write are equal;
our output holds the 30 tokens ccusage keeps apart.
*/
import {describe, expect, it} from 'vitest';
import {ccusageDaily, daysOf, ourExport, tokenColumns} from '../../support/agents-oracle.js';

describe('Goose against ccusage 20.0.24', async () => {
	const document = await ourExport('GOOSE_PATH_ROOT', 'goose', 'goose');
	const ours = daysOf(document);
	const theirs = ccusageDaily('goose');

	it('input, cache read and cache write are equal; output differs by the tokens the total holds apart', () => {
		// session-a: accumulated_total_tokens 180 = input 100 + output 50 + 30 more. ccusage keeps the 30
		// out of outputTokens but in totalTokens and prices them as output; we count them as output
		// (reasoning), so total and cost agree and output is 30 larger.
		const reasoning = document.days.map((day: {tokens: {reasoning: number}}) => day.tokens.reasoning);
		expect(reasoning).toEqual([30]);
		expect(
			tokenColumns(ours).map((day, index) => ({...day, outputTokens: day.outputTokens - (reasoning[index] ?? 0)})),
		).toEqual(tokenColumns(theirs));
	});

	it('total tokens and cost are equal', () => {
		expect(ours.map(day => [day.date, day.totalTokens, day.cost])).toEqual(
			theirs.map(day => [day.date, day.totalTokens, day.cost]),
		);
	});
});
