/**
Z Code through the built CLI (HOME empty, ZCODE_HOME at fixtures/agents/zcode, `--json --timezone UTC`)
against ccusage 20.0.24's stored daily report: input, output, cache read, cache write and total are
equal. Cost is not compared: GLM-5.3 is newer than our price snapshot, so the day is unpriced here
(ccusage's own snapshot has it).
*/
import {describe, expect, it} from 'vitest';
import {ccusageDaily, daysOf, ourExport, tokenColumns} from '../../support/agents-oracle.js';

describe('Z Code against ccusage 20.0.24', async () => {
	const document = await ourExport('ZCODE_HOME', 'zcode', 'zcode');
	const ours = daysOf(document);
	const theirs = ccusageDaily('zcode');

	it('input, output, cache read, cache write and total tokens are equal on every day', () => {
		expect(tokenColumns(ours)).toEqual(tokenColumns(theirs));
		expect(ours.map(day => day.totalTokens)).toEqual(theirs.map(day => day.totalTokens));
	});

	it('GLM-5.3 has no price here: the day’s cost is unpriced, not $0', () => {
		expect(ours.map(day => day.cost)).toEqual([null]);
		expect(Object.keys(document.unpricedModels)).toEqual(['GLM-5.3']);
	});
});
