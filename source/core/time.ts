/**
Calendar buckets in a chosen IANA time zone: day keys (YYYY-MM-DD) and ISO weeks
(YYYY-Www, Monday first). Intl.DateTimeFormat instances are cached per zone because
creating one costs ~50 µs and the builder calls this per API call.
*/
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
	let formatter = formatters.get(timeZone);
	if (!formatter) {
		formatter = new Intl.DateTimeFormat('en-CA', {
			timeZone,
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			hourCycle: 'h23',
		});
		formatters.set(timeZone, formatter);
	}

	return formatter;
}

/** Throws a RangeError with a clear message for an unknown zone. */
export function assertTimeZone(timeZone: string): void {
	try {
		new Intl.DateTimeFormat('en-US', {timeZone});
	} catch {
		throw new RangeError(
			`Unknown time zone "${timeZone}". Use an IANA name such as UTC, Europe/Berlin or America/New_York.`,
		);
	}
}

export function systemTimeZone(): string {
	return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** Local calendar parts of an instant in a zone. */
export function localParts(time: number, timeZone: string): {year: number; month: number; day: number; hour: number} {
	const parts = formatterFor(timeZone).formatToParts(time);
	let year = 0;
	let month = 0;
	let day = 0;
	let hour = 0;
	for (const part of parts) {
		switch (part.type) {
			case 'year': {
				year = Number(part.value);
				break;
			}

			case 'month': {
				month = Number(part.value);
				break;
			}

			case 'day': {
				day = Number(part.value);
				break;
			}

			case 'hour': {
				hour = Number(part.value);
				break;
			}

			default:
		}
	}

	return {year, month, day, hour};
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** YYYY-MM-DD of an instant in a zone. */
export function dayKey(time: number, timeZone: string): string {
	const {year, month, day} = localParts(time, timeZone);
	return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** ISO week (Monday first) of a calendar day `YYYY-MM-DD`, as `YYYY-Www`. */
export function weekKeyOfDay(day: string): string {
	const [y, m, d] = day.split('-').map(Number) as [number, number, number];
	const date = new Date(Date.UTC(y, m - 1, d));
	const weekday = (date.getUTCDay() + 6) % 7; // Monday = 0
	date.setUTCDate(date.getUTCDate() - weekday + 3); // Thursday of this week decides the year
	const weekYear = date.getUTCFullYear();
	const week = Math.floor((date.getTime() - Date.UTC(weekYear, 0, 1)) / 86_400_000 / 7) + 1;
	return `${weekYear}-W${pad(week)}`;
}

/** Adds n calendar days to YYYY-MM-DD. */
export function addDays(day: string, n: number): string {
	const [y, m, d] = day.split('-').map(Number) as [number, number, number];
	return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/**
The one timestamp rule of every parser: epoch ms of a logged time, undefined when it is not one.
A finite positive number is epoch seconds below 1e11 (until the year 5138), else epoch ms. A
string must have at least 10 characters (a date, `YYYY-MM-DD`) and pass `Date.parse`, so a bare
year (`"2026"`) or a stray digit (`"1"`, which V8 reads as 2001) is not a time. Anything else
is undefined.
*/
export function parseTime(value: unknown): number | undefined {
	if (typeof value === 'number') {
		if (!Number.isFinite(value) || value <= 0) {
			return undefined;
		}

		// Epoch seconds are < 1e11 until the year 5138.
		return value < 1e11 ? value * 1000 : value;
	}

	if (typeof value !== 'string' || value.length < 10) {
		return undefined;
	}

	const time = Date.parse(value);
	return Number.isNaN(time) ? undefined : time;
}
