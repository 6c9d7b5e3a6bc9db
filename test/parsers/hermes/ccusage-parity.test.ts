/**
Hermes through the built CLI (HOME empty, HERMES_HOME at fixtures/agents/hermes, `--json --timezone
UTC`) against ccusage 20.0.24's stored daily report: the four token columns are equal on every day.
Totals and cost differ where ccusage counts Hermes' reasoning tokens on top of its output.
*/
import {describe, expect, it} from 'vitest';
import {ccusageDaily, daysOf, ourExport, tokenColumns} from '../../support/agents-oracle.js';

describe('Hermes against ccusage 20.0.24', async () => {
	const ours = daysOf(await ourExport('HERMES_HOME', 'hermes', 'hermes'));
	const theirs = ccusageDaily('hermes');

	it('input, output, cache read and cache write are equal on every day', () => {
		expect(tokenColumns(ours)).toEqual(tokenColumns(theirs));
	});

	it('a day of reported costs is equal: session-1’s actual_cost_usd 0.34', () => {
		expect(ours[0]).toMatchObject({date: '2025-06-15', cost: 0.34});
		expect(theirs[0]).toMatchObject({date: '2025-06-15', cost: 0.34});
	});

	it('ccusage’s totalTokens adds reasoning_tokens, which Hermes already counts inside output_tokens', () => {
		// 2026-05-19: subscription-included logs reasoning 3,216 of its output 10,019, and
		// session-gpt-5.5 / session-grok-4.3 50 of 100 each (Hermes' output_tokens is the provider's
		// completion count, reasoning included); ccusage adds the 3,316 again, and prices them as output.
		expect(theirs[1]!.totalTokens - ours[1]!.totalTokens).toBe(3216 + 50 + 50);
		// 2025-06-15: session-1's reasoning_tokens 10.
		expect(theirs[0]!.totalTokens - ours[0]!.totalTokens).toBe(10);
	});
});
