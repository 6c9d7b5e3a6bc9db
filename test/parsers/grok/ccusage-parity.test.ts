/**
Grok Build CLI through the built CLI (empty HOME, `GROK_HOME` at fixtures/agents/grok) against
ccusage 20.0.24's stored daily report on the same files: the four token columns and the total are
equal on every day. Cost differs: the test files carry no `costUsdTicks` (Grok's own cost, which we
take as reported), and `grok-4.5-build` has no key in our price table.
*/
import {describe, expect, it} from 'vitest';
import {ccusageDaily, daysOf, ourExport, tokenColumns} from '../../support/agents-oracle.js';

describe('Grok Build CLI: daily parity with ccusage 20.0.24', async () => {
	const document = await ourExport('GROK_HOME', 'grok', 'grok');
	const ours = daysOf(document);
	const theirs = ccusageDaily('grok');

	it('input, output, cache read, cache write and total equal on every day', () => {
		expect(tokenColumns(ours)).toEqual(tokenColumns(theirs));
		expect(ours.map(day => day.totalTokens)).toEqual(theirs.map(day => day.totalTokens));
	});

	it('grok-4.5-build is unpriced here; ccusage prices it as xAI’s grok-4.5 by dropping “-build”', () => {
		// ccusage 20.0.24: $0.001327 / $0.000052 / $0.000026 from xai/grok-4.5's list price. Our table
		// keys xAI's models as `xai/…` and we add no prefix or strip no suffix for them (PRICING.md
		// §4.3), so without Grok's own costUsdTicks the days are unpriced.
		expect(theirs.map(day => day.cost)).toEqual([0.001327, 0.000052, 0.000026]);
		expect(ours.map(day => day.cost)).toEqual([null, null, null]);
		expect(Object.keys(document.unpricedModels).sort()).toEqual(['grok-4.5-build', 'grok-never-priced-build']);
	});
});
