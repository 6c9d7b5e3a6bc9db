/**
Local calendar facts (day key, hour, weekday) of instants in one IANA time zone, with about
three Intl calls per local day instead of one or more per instant.

Why: Intl formatting costs microseconds, and the tree builder and the insight rules ask for
every API call (hundreds of thousands on a year of heavy use).

How: instants are grouped in 15-minute UTC buckets (every real zone offset, and every DST
switch, falls on a 15-minute boundary, so a bucket lies in one local hour). On a miss, the
local day around the instant is measured once: its offset, its midnight-to-midnight span, and
the offset at both ends of that span. When the offset is the same at both ends (a "regular"
day: no DST switch inside), every bucket of the span is filled at once from arithmetic.
Otherwise (a DST day, or an offset that is not a multiple of 15 minutes) each bucket is
measured at both of its ends and kept only when they agree; the rare rest is computed exactly.
Results equal core/time.ts `dayKey` and `localParts(...).hour`; a property test checks it.
Pure (Intl only), memoized per zone.
*/
export type LocalTime = {
	/** YYYY-MM-DD. */
	readonly day: string;
	/** 0–23. */
	readonly hour: number;
	/** 0 = Monday … 6 = Sunday. */
	readonly weekday: number;
};

const bucketMs = 15 * 60_000;
const hourMs = 3_600_000;
/** Buckets kept per zone before the cache starts over (about 5 years of every bucket). */
const maxBuckets = 200_000;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

type Parts = {year: number; month: number; day: number; hour: number; minute: number; second: number};

class LocalCalendar {
	/** Bucket → its local time; null when the bucket holds two local days (computed exactly). */
	private readonly buckets = new Map<number, LocalTime | null>();
	private lastBucket = Number.NaN;
	private lastTime: LocalTime | null = null;
	private readonly formatter: Intl.DateTimeFormat;

	constructor(timeZone: string) {
		this.formatter = new Intl.DateTimeFormat('en-CA', {
			timeZone,
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit',
			hourCycle: 'h23',
		});
	}

	at(time: number): LocalTime {
		const bucket = Math.floor(time / bucketMs);
		// Calls arrive in runs of the same quarter hour: skip the map for a repeat.
		let local = bucket === this.lastBucket ? this.lastTime : this.buckets.get(bucket);
		if (local === undefined) {
			local = this.measure(bucket);
		}

		this.lastBucket = bucket;
		this.lastTime = local;
		return local ?? this.exact(time);
	}

	private parts(time: number): Parts {
		const result: Parts = {year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0};
		for (const part of this.formatter.formatToParts(time)) {
			if (part.type !== 'literal' && part.type in result) {
				result[part.type as keyof Parts] = Number(part.value);
			}
		}

		return result;
	}

	/** Local minus UTC in ms at an instant (whole seconds). */
	private offsetAt(time: number, parts = this.parts(time)): number {
		return (
			Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second) -
			(time - (((time % 1000) + 1000) % 1000))
		);
	}

	private exact(time: number): LocalTime {
		return localTimeOf(this.parts(time));
	}

	/** Fills this bucket (and, on a regular day, every bucket of that day); returns it. */
	private measure(bucket: number): LocalTime | null {
		if (this.buckets.size >= maxBuckets) {
			this.buckets.clear();
		}

		const time = bucket * bucketMs;
		const parts = this.parts(time);
		const offset = this.offsetAt(time, parts);
		const start = Date.UTC(parts.year, parts.month - 1, parts.day) - offset;
		const end = Date.UTC(parts.year, parts.month - 1, parts.day + 1) - offset;
		if (offset % bucketMs === 0 && this.offsetAt(start) === offset && this.offsetAt(end - 1) === offset) {
			const day = dayText(parts);
			const weekday = weekdayOf(parts);
			for (let hour = 0; hour < 24; hour++) {
				const local: LocalTime = {day, hour, weekday};
				const first = (start + hour * hourMs) / bucketMs;
				for (let quarter = 0; quarter < 4; quarter++) {
					this.buckets.set(first + quarter, local);
				}
			}

			return this.buckets.get(bucket)!;
		}

		const last = this.parts(time + bucketMs - 1);
		const local =
			parts.year === last.year && parts.month === last.month && parts.day === last.day && parts.hour === last.hour
				? localTimeOf(parts)
				: null;
		this.buckets.set(bucket, local);
		return local;
	}
}

function dayText(parts: Parts): string {
	return `${pad(parts.year, 4)}-${pad(parts.month)}-${pad(parts.day)}`;
}

function weekdayOf(parts: Parts): number {
	return (new Date(Date.UTC(parts.year, parts.month - 1, parts.day)).getUTCDay() + 6) % 7;
}

function localTimeOf(parts: Parts): LocalTime {
	return {day: dayText(parts), hour: parts.hour, weekday: weekdayOf(parts)};
}

const calendars = new Map<string, LocalCalendar>();

function calendarFor(timeZone: string): LocalCalendar {
	let calendar = calendars.get(timeZone);
	if (!calendar) {
		calendar = new LocalCalendar(timeZone);
		calendars.set(timeZone, calendar);
	}

	return calendar;
}

/** Local day, hour and weekday of an instant; the returned object is shared (read-only). */
export function localTime(time: number, timeZone: string): LocalTime {
	return calendarFor(timeZone).at(time);
}

/** A `localTime` bound to one zone, for hot loops (skips the per-call zone lookup). */
export function localTimeIn(timeZone: string): (time: number) => LocalTime {
	const calendar = calendarFor(timeZone);
	return time => calendar.at(time);
}
