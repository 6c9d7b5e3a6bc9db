import {describe, expect, it} from 'vitest';
import {addTokens, cacheHitRate, formatTokens, tokenCount, totalOf, zeroTokens} from '../../source/core/tokens.js';

describe('tokens', () => {
	it('formats token counts compactly, one style for the TUI, insight messages and the status line', () => {
		expect(
			[0, 999, 1000, 1234, 12_345, 123_456, 999_960, 1_234_567, 45_600_000_000].map(value => formatTokens(value)),
		).toEqual(['0', '999', '1.0k', '1.2k', '12.3k', '123k', '1.0M', '1.2M', '45.6B']);
		// Where the insights' copy differed: `K`, `1000K` below a million, `123.5M`, `1500.0B`, `NaN`.
		expect([1500, 999_960, 123_456_789, 1.5e12, Number.NaN].map(value => formatTokens(value))).toEqual([
			'1.5k',
			'1.0M',
			'123M',
			'1.5T',
			'?',
		]);
	});

	it('reads a missing or non-number field as 0, rounds down, and keeps absurd numbers for core/limits.ts to refuse', () => {
		expect(tokenCount(12)).toBe(12);
		expect(tokenCount(12.9)).toBe(12);
		expect(tokenCount('12')).toBe(0);
		expect(tokenCount(null)).toBe(0);
		expect(tokenCount(undefined)).toBe(0);
		// Not silently 0 or capped: the call carrying them is dropped with a diagnostic (test/core/limits.test.ts).
		expect(tokenCount(-5)).toBe(-5);
		expect(tokenCount(1e300)).toBe(1e300);
		expect(tokenCount(Number.NaN)).toBeNaN();
	});

	it('totals exclude reasoning (it is inside output) and the hit rate uses the whole prompt', () => {
		const t = zeroTokens();
		addTokens(t, {input: 10, cacheRead: 80, cacheWrite5m: 5, cacheWrite1h: 5, output: 40, reasoning: 30});
		expect(totalOf(t)).toBe(140);
		// The parsers' "is this record empty" checks used to leave the 1-hour writes out.
		expect(totalOf({...zeroTokens(), cacheWrite1h: 3})).toBe(3);
		expect(cacheHitRate(t)).toBeCloseTo(0.8);
		expect(cacheHitRate(zeroTokens())).toBe(0);
	});
});
