/**
model/local-calendar.ts answers day, hour and weekday from per-day arithmetic; it must agree
with core/time.ts (one Intl call per instant) everywhere: whole-hour, half-hour and
45-minute zones, DST switches (including Lord Howe's 30-minute one), and every bucket of
a day, in any order of asking.
*/
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {dayKey, localParts} from '../../source/core/time.js';
import {localTime} from '../../source/model/local-calendar.js';

const zones = [
	'UTC',
	'Europe/Berlin',
	'America/New_York',
	'Asia/Kolkata',
	'Asia/Kathmandu',
	'Australia/Lord_Howe',
	'Pacific/Chatham',
	'America/St_Johns',
];

function expected(time: number, zone: string) {
	const parts = localParts(time, zone);
	const weekday = (new Date(Date.UTC(parts.year, parts.month - 1, parts.day)).getUTCDay() + 6) % 7;
	return {day: dayKey(time, zone), hour: parts.hour, weekday};
}

describe('localTime', () => {
	it('equals core/time.ts for random instants in many zones', () => {
		fc.assert(
			fc.property(
				fc.constantFrom(...zones),
				fc.integer({min: Date.UTC(2019, 0, 1), max: Date.UTC(2028, 0, 1)}),
				(zone, time) => {
					expect(localTime(time, zone)).toEqual(expected(time, zone));
				},
			),
			{numRuns: 2000},
		);
	});

	it('equals core/time.ts minute by minute across DST switches and midnights', () => {
		const days = [
			Date.UTC(2026, 2, 7),
			Date.UTC(2026, 2, 29),
			Date.UTC(2026, 3, 5),
			Date.UTC(2026, 9, 4),
			Date.UTC(2026, 9, 25),
			Date.UTC(2026, 10, 1),
		];
		for (const zone of zones) {
			for (const start of days) {
				// Backwards, so buckets are filled in an order unlike the usual forward one.
				for (let time = start + 2 * 86_400_000; time >= start - 86_400_000; time -= 7 * 60_000 + 13_000) {
					expect(localTime(time, zone), `${zone} ${new Date(time).toISOString()}`).toEqual(expected(time, zone));
				}
			}
		}
	});
});
