import {describe, expect, it} from 'vitest';
import {addDays, assertTimeZone, dayKey, parseTime, weekKeyOfDay} from '../../source/core/time.js';

describe('dayKey', () => {
	it('buckets an instant by the calendar day of the chosen zone', () => {
		const instant = Date.parse('2026-02-12T23:30:00Z');
		expect(dayKey(instant, 'UTC')).toBe('2026-02-12');
		expect(dayKey(instant, 'Europe/Berlin')).toBe('2026-02-13');
		expect(dayKey(instant, 'America/Los_Angeles')).toBe('2026-02-12');
	});

	it('handles DST changes: the hours around the switch land on the right local day', () => {
		// Europe/Berlin springs forward on 2026-03-29 at 01:00 UTC (02:00 → 03:00 local).
		expect(dayKey(Date.parse('2026-03-28T22:59:00Z'), 'Europe/Berlin')).toBe('2026-03-28');
		expect(dayKey(Date.parse('2026-03-28T23:00:00Z'), 'Europe/Berlin')).toBe('2026-03-29');
		// After the switch local midnight is 22:00 UTC.
		expect(dayKey(Date.parse('2026-03-29T21:59:00Z'), 'Europe/Berlin')).toBe('2026-03-29');
		expect(dayKey(Date.parse('2026-03-29T22:00:00Z'), 'Europe/Berlin')).toBe('2026-03-30');
		// New York falls back on 2026-11-01 at 06:00 UTC.
		expect(dayKey(Date.parse('2026-11-02T04:59:00Z'), 'America/New_York')).toBe('2026-11-01');
		expect(dayKey(Date.parse('2026-11-02T05:00:00Z'), 'America/New_York')).toBe('2026-11-02');
	});
});

describe('ISO weeks', () => {
	it.each([
		['2026-01-01', '2026-W01'], // Thursday
		['2025-12-29', '2026-W01'], // Monday of the first week of 2026
		['2027-01-01', '2026-W53'], // Friday; 2026 has 53 weeks
		['2026-02-12', '2026-W07'],
		['2026-02-15', '2026-W07'], // Sunday closes the week
		['2026-02-16', '2026-W08'], // Monday opens the next
		['2021-01-03', '2020-W53'],
	])('%s is in %s', (day, week) => {
		expect(weekKeyOfDay(day)).toBe(week);
	});

	it('adds days across month ends', () => {
		expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
	});
});

describe('parseTime and zones', () => {
	it('reads ISO strings, epoch ms and epoch seconds; rejects garbage', () => {
		expect(parseTime('2026-02-12T16:02:51.467Z')).toBe(Date.parse('2026-02-12T16:02:51.467Z'));
		expect(parseTime(1_789_000_002_000)).toBe(1_789_000_002_000);
		expect(parseTime(1_789_000_002)).toBe(1_789_000_002_000);
		expect(parseTime('yesterday')).toBeUndefined();
		expect(parseTime(null)).toBeUndefined();
		expect(parseTime(Number.NaN)).toBeUndefined();
	});

	it('is the one rule where the parsers used to differ: 1e11 splits seconds from ms; a string needs 10 characters', () => {
		// Amp's copy split at 1e12 and read 5e11 as seconds (the year 17814); as ms it is 1985.
		expect(parseTime(5e11)).toBe(5e11);
		expect(parseTime(99_999_999_999)).toBe(99_999_999_999_000);
		expect(parseTime(1e11)).toBe(1e11);
		// Amp's and Codex's bare Date.parse took a year or a digit for a time ("1" is 2001 in V8).
		expect(parseTime('2026')).toBeUndefined();
		expect(parseTime('1')).toBeUndefined();
		expect(parseTime('2026-01-02')).toBe(Date.UTC(2026, 0, 2));
		expect(parseTime(0)).toBeUndefined();
		expect(parseTime(-1_789_000_002)).toBeUndefined();
		expect(parseTime(Number.POSITIVE_INFINITY)).toBeUndefined();
	});

	it('explains an unknown time zone', () => {
		expect(() => assertTimeZone('Mars/Olympus')).toThrow(/Unknown time zone "Mars\/Olympus"/);
		expect(() => assertTimeZone('Asia/Tokyo')).not.toThrow();
	});
});
