/**
Pi through the built CLI (empty HOME, `PI_AGENT_DIR` at fixtures/agents/pi/sessions) against ccusage
20.0.24's stored daily report on the same files — Pi sessions (a real pi-mono session of 452 priced calls and ccusage's parser tests, a total-only record included): the four token columns and the total are
equal on every day. A record that gives only a total is booked as output on both sides
(parsers/FORMATS.md §0).
*/
import {describe, expect, it} from 'vitest';
import {ccusageDaily, daysOf, ourExport, tokenColumns} from '../../support/agents-oracle.js';

describe('Pi: daily parity with ccusage 20.0.24 on fixtures/agents/pi', async () => {
	const ours = daysOf(await ourExport('PI_AGENT_DIR', 'pi/sessions', 'pi'));
	const theirs = ccusageDaily('pi');

	it('input, output, cache read, cache write and total equal on every day', () => {
		expect(theirs.length).toBeGreaterThan(0);
		expect(tokenColumns(ours)).toEqual(tokenColumns(theirs));
		expect(ours.map(day => day.totalTokens)).toEqual(theirs.map(day => day.totalTokens));
	});
});
