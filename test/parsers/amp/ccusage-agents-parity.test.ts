/**
Amp through the built CLI (empty HOME, `AMP_DATA_DIR` at fixtures/agents/amp) against ccusage
20.0.24's stored daily report on the same files — Amp threads (ccusage's parser tests, total-only ledger and message records included, and its TypeScript adapter's sample thread): the four token columns and the total are
equal on every day. A record that gives only a total is booked as output on both sides
(parsers/FORMATS.md §0).
*/
import {describe, expect, it} from 'vitest';
import {ccusageDaily, daysOf, ourExport, tokenColumns} from '../../support/agents-oracle.js';

describe('Amp: daily parity with ccusage 20.0.24 on fixtures/agents/amp', async () => {
	const ours = daysOf(await ourExport('AMP_DATA_DIR', 'amp', 'amp'));
	const theirs = ccusageDaily('amp');

	it('input, output, cache read, cache write and total equal on every day', () => {
		expect(theirs.length).toBeGreaterThan(0);
		expect(tokenColumns(ours)).toEqual(tokenColumns(theirs));
		expect(ours.map(day => day.totalTokens)).toEqual(theirs.map(day => day.totalTokens));
	});
});
