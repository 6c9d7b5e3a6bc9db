/**
Claude Code through the built CLI (empty HOME, `CLAUDE_CONFIG_DIR` at fixtures/agents/claude)
against ccusage 20.0.24's stored daily report on the same files (ccusage's fixtures, its repeated
message test, two real spotter transcripts): the four token columns and the total are equal on
every day.
*/
import {describe, expect, it} from 'vitest';
import {ccusageDaily, daysOf, ourExport, tokenColumns} from '../../support/agents-oracle.js';

describe('Claude Code: daily parity with ccusage 20.0.24 on fixtures/agents/claude', async () => {
	const ours = daysOf(await ourExport('CLAUDE_CONFIG_DIR', 'claude', 'claude'));
	const theirs = ccusageDaily('claude');

	it('input, output, cache read, cache write and total equal on every day', () => {
		expect(theirs.length).toBeGreaterThan(0);
		expect(tokenColumns(ours)).toEqual(tokenColumns(theirs));
		expect(ours.map(day => day.totalTokens)).toEqual(theirs.map(day => day.totalTokens));
	});
});
