/**
The calendar month of a statement (`--statement YYYY-MM`) and the one before it, as inclusive
day bounds. Days are calendar days in the tree's time zone, so these bounds are the
`since`/`until` filter of the month's tree and `--json --since … --until …` covers the same calls.
*/

export type CalendarMonth = {
	/** `YYYY-MM`. */
	readonly month: string;
	/** First and last day, `YYYY-MM-DD`, inclusive. */
	readonly since: string;
	readonly until: string;
};

export type StatementMonth = CalendarMonth & {readonly previous: CalendarMonth};

const monthPattern = /^(\d{4})-(0[1-9]|1[0-2])$/;

function calendarMonth(year: number, month: number): CalendarMonth {
	const key = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
	// Day 0 of the next month is this month's last day (setUTCFullYear: Date.UTC maps years 0–99 to 19xx).
	const lastDay = new Date(new Date(0).setUTCFullYear(year, month, 0)).getUTCDate();
	return {month: key, since: `${key}-01`, until: `${key}-${String(lastDay).padStart(2, '0')}`};
}

/** `YYYY-MM` → the month and its predecessor; undefined for anything else. */
export function parseStatementMonth(value: string): StatementMonth | undefined {
	const match = monthPattern.exec(value.trim());
	if (!match) {
		return undefined;
	}

	const year = Number(match[1]);
	const month = Number(match[2]);
	const previous = month === 1 ? calendarMonth(year - 1, 12) : calendarMonth(year, month - 1);
	return {...calendarMonth(year, month), previous};
}

const monthNames = [
	'January',
	'February',
	'March',
	'April',
	'May',
	'June',
	'July',
	'August',
	'September',
	'October',
	'November',
	'December',
];

/** `2026-11` → `November 2026`. */
export function monthTitle(month: CalendarMonth): string {
	const [year, index] = month.month.split('-');
	return `${monthNames[Number(index) - 1]} ${year}`;
}
