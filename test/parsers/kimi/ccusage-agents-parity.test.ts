/**
Kimi CLI through the built CLI (empty HOME, `KIMI_DATA_DIR` at fixtures/agents/kimi) against ccusage
20.0.24's stored daily report on the same files — Kimi wire logs (ccusage's StatusUpdate, total-only and zero-token tests and its Kimi Code usage.record test): the four token columns and the total are
equal on every day. A record that gives only a total is booked as output on both sides
(parsers/FORMATS.md §0).
*/
import {describe, expect, it} from 'vitest';
import {ccusageDaily, daysOf, ourExport, tokenColumns} from '../../support/agents-oracle.js';

describe('Kimi CLI: daily parity with ccusage 20.0.24 on fixtures/agents/kimi', async () => {
	const ours = daysOf(await ourExport('KIMI_DATA_DIR', 'kimi', 'kimi'));
	const theirs = ccusageDaily('kimi');

	it('input, output, cache read, cache write and total equal on every day', () => {
		expect(theirs.length).toBeGreaterThan(0);
		expect(tokenColumns(ours)).toEqual(tokenColumns(theirs));
		expect(ours.map(day => day.totalTokens)).toEqual(theirs.map(day => day.totalTokens));
	});
});
