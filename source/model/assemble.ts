/**
The shape of a tree: selected rows sorted into one order in which every node is a range.

Rows are visited once in time order (ties: arrival order). Because the local day only moves
forward in time, each week, day, session fragment (a session's calls on one day) and turn
fragment is opened when its first call arrives and never revisited, so siblings come out in
order of their first call without keyed lookups. A counting sort then lays the rows out
depth-first: week → day → session fragment → turn fragment → calls in time order, so the
calls of any node are one contiguous range of `order` and its totals are a sum over that
range (ARCHITECTURE.md §5).

Node ids are the depth-first pre-order numbers of the whole tree (root = 0), known here for
every node down to turns; a call's id is its turn's id plus its place in the turn.
*/
import {weekKeyOfDay} from '../core/time.js';
import type {CallRows} from './rows.js';

/** Calls of one turn (or of the calls before any prompt) on one day, in one session fragment. */
export type TurnFragment = {
	id: number;
	readonly session: SessionFragment;
	/** Index into `rows.turns`; -1 for calls before any prompt. */
	readonly turn: number;
	start: number;
	end: number;
};

/** Calls of one session group on one day. */
export type SessionFragment = {
	id: number;
	readonly day: DayFragment;
	readonly group: number;
	readonly turns: TurnFragment[];
	start: number;
	end: number;
};

export type DayFragment = {
	id: number;
	/** YYYY-MM-DD. */
	readonly day: string;
	readonly sessions: SessionFragment[];
	start: number;
	end: number;
};

export type WeekFragment = {
	id: number;
	/** ISO week key, `2026-W07`. */
	readonly week: string;
	readonly days: DayFragment[];
	start: number;
	end: number;
};

/** The first and last day (YYYY-MM-DD) and call time of a session group's selected calls. */
export type GroupSpan = {firstDay: string; lastDay: string; firstTime: number; lastTime: number};

export type TreeLayout = {
	readonly rows: CallRows;
	/** Position → row: every node's calls are one range of positions. */
	readonly order: Int32Array;
	readonly weeks: readonly WeekFragment[];
	/** Session group → the span of its selected calls. */
	readonly groupSpans: ReadonlyMap<number, GroupSpan>;
	/** Number of nodes, root included. */
	readonly size: number;
};

/**
Selected rows in time order, equal times in arrival order. A plain array, not a typed one:
Array#sort is TimSort, which is fast on the long sorted runs that calls of one session file
form, while a typed array's comparator sort is not run-aware.
*/
function timeOrder(rows: CallRows, selected: Int32Array): number[] {
	const {time} = rows;
	const order = Array.from(selected);
	return order.sort((a, b) => time[a]! - time[b]! || a - b);
}

type Grouping = {
	weeks: WeekFragment[];
	/** Parallel to the time order: the turn fragment of each row. */
	fragmentOf: TurnFragment[];
	groupSpans: Map<number, GroupSpan>;
};

/**
Opens weeks, days and fragments in time order and counts each turn fragment's calls (in
`end`, until `layOut` turns counts into ranges).
*/
function group(rows: CallRows, byTime: readonly number[]): Grouping {
	const weeks: WeekFragment[] = [];
	const fragmentOf: TurnFragment[] = new Array(byTime.length);
	const currentSession = new Map<number, SessionFragment>();
	const currentTurn = new Map<number, TurnFragment>();
	const groupSpans = new Map<number, GroupSpan>();
	let week: WeekFragment | undefined;
	let day: DayFragment | undefined;
	for (let index = 0; index < byTime.length; index++) {
		const row = byTime[index]!;
		const dayKey = rows.days[rows.day[row]!]!;
		if (day?.day !== dayKey) {
			const weekKey = weekKeyOfDay(dayKey);
			if (week?.week !== weekKey) {
				week = {id: 0, week: weekKey, days: [], start: 0, end: 0};
				weeks.push(week);
			}

			day = {id: 0, day: dayKey, sessions: [], start: 0, end: 0};
			week.days.push(day);
		}

		const sessionGroup = rows.group[row]!;
		let session = currentSession.get(sessionGroup);
		if (session?.day !== day) {
			session = {id: 0, day, group: sessionGroup, turns: [], start: 0, end: 0};
			currentSession.set(sessionGroup, session);
			day.sessions.push(session);
		}

		const time = rows.time[row]!;
		const span = groupSpans.get(sessionGroup);
		if (span) {
			span.lastDay = dayKey;
			span.lastTime = time;
		} else {
			groupSpans.set(sessionGroup, {firstDay: dayKey, lastDay: dayKey, firstTime: time, lastTime: time});
		}

		// Turn fragments are keyed by turn, or by session group for the calls before any prompt.
		const turn = rows.turn[row]!;
		const turnKey = turn >= 0 ? turn : -1 - sessionGroup;
		let fragment = currentTurn.get(turnKey);
		if (fragment?.session !== session) {
			fragment = {id: 0, session, turn, start: 0, end: 0};
			currentTurn.set(turnKey, fragment);
			session.turns.push(fragment);
		}

		fragment.end++;
		fragmentOf[index] = fragment;
	}

	return {weeks, fragmentOf, groupSpans};
}

/** Depth-first ids and position ranges for every fragment; returns the number of nodes. */
function layOut(weeks: readonly WeekFragment[]): number {
	let id = 1;
	let position = 0;
	for (const week of weeks) {
		week.id = id++;
		week.start = position;
		for (const day of week.days) {
			day.id = id++;
			day.start = position;
			for (const session of day.sessions) {
				session.id = id++;
				session.start = position;
				for (const turn of session.turns) {
					const calls = turn.end;
					turn.id = id;
					id += 1 + calls;
					turn.start = position;
					turn.end = position;
					position += calls;
				}

				session.end = position;
			}

			day.end = position;
		}

		week.end = position;
	}

	return id;
}

/** Lays the selected rows out so every node of the tree is one range of positions. */
export function assembleLayout(rows: CallRows, selected: Int32Array): TreeLayout {
	const byTime = timeOrder(rows, selected);
	const {weeks, fragmentOf, groupSpans} = group(rows, byTime);
	const size = layOut(weeks);
	const order = new Int32Array(byTime.length);
	// Each turn's `end` is its cursor while filling: rows arrive in time order, so each turn's
	// calls stay in time order (ties in arrival order).
	for (let index = 0; index < byTime.length; index++) {
		const fragment = fragmentOf[index]!;
		order[fragment.end++] = byTime[index]!;
	}

	return {rows, order, weeks, groupSpans, size};
}
