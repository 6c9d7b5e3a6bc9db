import {describe, expect, it} from 'vitest';
import {
	formatBytes,
	formatClock,
	formatCost,
	formatDuration,
	formatPercent,
	formatUsd,
	plural,
	toAscii,
	truncate,
	truncateStart,
	wrapText,
} from '../../source/ui/format.js';
import {renderBar, resample, sparkline} from '../../source/ui/sparkline.js';

describe('format', () => {
	it('formats USD with ~ for estimates, a lower bound for unpriced parts, and - for nothing', () => {
		expect(formatUsd(12.345)).toBe('$12.35');
		expect(formatUsd(12.345, true)).toBe('~$12.35');
		expect(formatUsd(0.001)).toBe('<$0.01');
		expect(formatUsd(12_345)).toBe('$12.3k');
		expect(formatCost({costUSD: 1.5, pricedCostUSD: 1.5, costSource: 'reported'})).toBe('$1.50');
		expect(formatCost({costUSD: 1.5, pricedCostUSD: 1.5, costSource: 'mixed'})).toBe('~$1.50');
		expect(formatCost({costUSD: null, pricedCostUSD: 2, costSource: 'estimated'})).toBe('≥~$2.00');
		expect(formatCost({costUSD: null, pricedCostUSD: 2, costSource: 'reported'}, true)).toBe('>=$2.00');
		expect(formatCost({costUSD: null, pricedCostUSD: 0, costSource: 'estimated'})).toBe('-');
	});

	it('formats durations, percents, bytes, clocks and plurals', () => {
		expect([0, 45_000, 12 * 60_000, 65 * 60_000, 51 * 3_600_000].map(value => formatDuration(value))).toEqual([
			'0s',
			'45s',
			'12m',
			'1h 05m',
			'2d 03h',
		]);
		expect([0, 0.1234, 0.99999, 1, Number.NaN].map(value => formatPercent(value))).toEqual([
			'0.0%',
			'12.3%',
			'100%',
			'100%',
			'0.0%',
		]);
		expect(formatBytes(1536)).toBe('1.5 KB');
		expect(formatClock(Date.parse('2026-02-12T23:55:09Z'), 'UTC', true)).toBe('23:55:09');
		expect(formatClock(Date.parse('2026-02-12T23:55:09Z'), 'Asia/Tokyo')).toBe('08:55');
		expect(plural(1, 'call')).toBe('1 call');
		expect(plural(1234, 'call')).toBe('1,234 calls');
	});

	it('truncates from the end or the start', () => {
		expect(truncate('abcdef', 4)).toBe('abc…');
		expect(truncate('abcdef', 5, true)).toBe('ab...');
		expect(truncate('abc', 4)).toBe('abc');
		expect(truncateStart('All › 2026-W07 › 2026-02-12', 12)).toBe('… 2026-02-12');
	});

	it('wraps words greedily; a word longer than the width is split, never cut', () => {
		expect(wrapText('one two three four five', 9)).toEqual(['one two', 'three', 'four five']);
		expect(wrapText('context grew ×14 from\nturn 3', 12)).toEqual(['context grew', '×14 from', 'turn 3']);
		expect(wrapText('abcdefghijkl', 5)).toEqual(['abcde', 'fghij', 'kl']);
		// The insights pane cut such a word to `abc…` (text lost); the info pane broke `ab cd` mid-word.
		expect(wrapText('ab cdefghijkl', 5)).toEqual(['ab', 'cdefg', 'hijkl']);
		expect(wrapText('see /a/very/long/path now', 8)).toEqual(['see', '/a/very/', 'long/pat', 'h now']);
		expect(wrapText('  ', 5)).toEqual([]);
	});

	it('--ascii: one table for the UI and the insight messages', () => {
		// The UI's old table had the arrows, the middle dot and the cursor marks, the insights pane's
		// had ≈, ≤ and the curly quotes: each now gets both.
		expect(toAscii('All › a · b ← c ↑↓ ↩ ↪')).toBe('All > a - b <- c ^v < >');
		expect(toAscii('≈ $3 saved, ≤ 5 calls, “vague” ‘prompt’')).toBe('~ $3 saved, <= 5 calls, "vague" \'prompt\'');
		expect(toAscii('context ×14 → 1M — ≥ 2… 1–2')).toBe('context x14 -> 1M - >= 2... 1-2');
		expect(toAscii('日本語 ✓')).toBe('日本語 ✓');
	});
});

describe('sparkline and bars', () => {
	it('scales to the maximum, keeps zeros blank, and fits the width', () => {
		expect(sparkline([0, 1, 2, 4, 8], 10)).toBe(' ▁▂▄█');
		expect(sparkline([0, 1, 2, 4, 8], 10, true)).toBe(' _.=@');
		expect(sparkline([], 10)).toBe('');
		const long = Array.from({length: 100}, (_, index) => index);
		expect(sparkline(long, 20)).toHaveLength(20);
		expect(resample([1, 2, 3, 4], 2)).toEqual([3, 7]);
		expect(resample(long, 7).reduce((a, b) => a + b, 0)).toBe(long.reduce((a, b) => a + b, 0));
	});

	it('draws bars of exactly the width, relative to the max, never invisible when positive', () => {
		expect(renderBar(5, 10, 10, true)).toBe('#####     ');
		expect(renderBar(10, 10, 4)).toBe('████');
		expect(renderBar(1, 1000, 8)).toBe('▏       ');
		expect(renderBar(0, 10, 3)).toBe('   ');
		expect(renderBar(3, 0, 3, true)).toBe('   ');
		for (const value of [0, 1, 33, 77, 100]) {
			expect(renderBar(value, 100, 13)).toHaveLength(13);
		}
	});
});
