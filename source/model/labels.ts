/**
Human labels for tree nodes. Kept apart from the builder so the UI and the export agree.
*/
import type {StoredSession} from './store.js';
import type {ViewName} from './views.js';

const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function utcDate(day: string): Date {
	const [y, m, d] = day.split('-').map(Number) as [number, number, number];
	return new Date(Date.UTC(y, m - 1, d));
}

/** `2026-02-12 Thu`. */
export function dayLabel(day: string): string {
	return `${day} ${weekdays[utcDate(day).getUTCDay()]}`;
}

/** `2026-W07 · Feb 9–15` (the span of days that had usage). */
export function weekLabel(week: string, days: string[]): string {
	const sorted = [...days].sort();
	const first = utcDate(sorted[0]!);
	const last = utcDate(sorted.at(-1)!);
	const from = `${months[first.getUTCMonth()]} ${first.getUTCDate()}`;
	const to =
		first.getUTCMonth() === last.getUTCMonth()
			? String(last.getUTCDate())
			: `${months[last.getUTCMonth()]} ${last.getUTCDate()}`;
	return sorted.length === 1 ? `${week} · ${from}` : `${week} · ${from}–${to}`;
}

/**
A short project name: the explicit one, else the cwd's last segment, else the agent's encoded
project folder, else the session id.
*/
export function projectOf(session: StoredSession): string {
	return namedProjectOf(session) ?? session.projectFolder ?? `(${session.sessionId.slice(0, 8)})`;
}

/** The project's own name (explicit, or the cwd's last segment), when the session has one. */
export function namedProjectOf(session: Pick<StoredSession, 'project' | 'cwd'>): string | undefined {
	return session.project || session.cwd?.split(/[\\/]/).filter(Boolean).at(-1);
}

/** The label of the device group of sessions that carry no device (never stamped by the ledger). */
export const unknownDeviceLabel = '(unknown device)';

/** The root's label: `All usage`, or in another view `All usage (by project)`. */
export function viewRootLabel(view: ViewName): string {
	return view === 'time' ? 'All usage' : `All usage (by ${view})`;
}
