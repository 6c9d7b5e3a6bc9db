/**
Local calendar facts (day key, hour, weekday) of an instant, memoized per 15-minute bucket
and time zone. Intl formatting costs microseconds per call, and habit/activity rules ask
for every API call; every real zone offset and DST switch falls on a 15-minute boundary,
so all instants in one bucket share the same local day and hour.
*/
import {localParts} from '../core/time.js';

export type LocalTime = {readonly day: string; readonly hour: number; readonly weekday: number};

const bucketMs = 15 * 60_000;
const maxEntries = 200_000;
const caches = new Map<string, Map<number, LocalTime>>();

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `weekday`: 0 = Monday … 6 = Sunday. */
export function localTime(time: number, timezone: string): LocalTime {
	let cache = caches.get(timezone);
	if (!cache) {
		cache = new Map();
		caches.set(timezone, cache);
	}

	const bucket = Math.floor(time / bucketMs);
	let local = cache.get(bucket);
	if (!local) {
		const {year, month, day, hour} = localParts(time, timezone);
		local = {day: `${pad(year, 4)}-${pad(month)}-${pad(day)}`, hour, weekday: (new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7};
		if (cache.size >= maxEntries) {
			cache.clear();
		}

		cache.set(bucket, local);
	}

	return local;
}
