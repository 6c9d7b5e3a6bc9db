/**
Droid through the built CLI (empty HOME, `DROID_SESSIONS_DIR` at fixtures/agents/droid/sessions)
against ccusage 20.0.24's stored daily report on the same files. Input, cache read and cache
write are equal every day; output differs by the thinking tokens, which we count as output.
*/
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {agentFixtures, ccusageDaily, daysOf, ourExport, tokenColumns} from '../../support/agents-oracle.js';

describe('Droid: daily parity with ccusage 20.0.24', async () => {
	const document = await ourExport('DROID_SESSIONS_DIR', 'droid/sessions', 'droid');
	const ours = daysOf(document);
	const theirs = ccusageDaily('droid');

	it('input, cache read and cache write equal on every day; output is ccusage’s plus the thinking tokens', () => {
		// session-a.settings.json: tokenUsage {outputTokens: 50, thinkingTokens: 5}. ccusage keeps the
		// thinking tokens out of outputTokens (but in totalTokens, 185, and in its cost); our output
		// includes reasoning, as for Gemini's thoughts.
		const settings = JSON.parse(
			readFileSync(path.join(agentFixtures, 'droid/sessions/session-a.settings.json'), 'utf8'),
		);
		const thinking = settings.tokenUsage.thinkingTokens as number;
		expect(thinking).toBe(5);
		const expected = tokenColumns(theirs).map(day =>
			day.date === '2026-05-01' ? {...day, outputTokens: day.outputTokens + thinking} : day,
		);
		expect(tokenColumns(ours)).toEqual(expected);
		expect(ours.map(day => day.totalTokens)).toEqual(theirs.map(day => day.totalTokens));
	});

	it('gpt-5 is priced as ccusage prices it; Factory’s labels claude-sonnet-4 and claude-opus-4.5-thinking stay unpriced', () => {
		// ccusage matches both by substring (as claude-sonnet-4-20250514 and claude-opus-4-5); our
		// pricer adds no date and matches no part of a name (PRICING.md §4.3), so both days are
		// a lower bound: only session-c's gpt-5 call ($0.002125, equal to ccusage's) is priced.
		expect(ours.map(day => day.cost)).toEqual([null, null]);
		expect(Object.keys(document.unpricedModels)).toEqual(['claude-sonnet-4', 'claude-opus-4.5-thinking']);
		const theirGpt5 = (
			JSON.parse(readFileSync(path.join(agentFixtures, 'expected-ccusage-20.0.24/droid-daily.json'), 'utf8')).daily[1]
				.modelBreakdowns as Array<{modelName: string; cost: number}>
		).find(entry => entry.modelName === 'gpt-5');
		expect(document.byModel['gpt-5']?.costUSD).toBe(theirGpt5?.cost);
	});
});
