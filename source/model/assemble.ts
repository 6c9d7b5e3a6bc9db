/**
The shape of a tree: selected rows sorted into one order in which every node is a range.

A view (`views.ts`) names the levels above the calls, e.g. week → day → session → turn for
the time view or project → session → turn for the project view. Each level reads one small
integer key per row from the row columns (a day index, a session group, a model index…).

Rows are visited once in time order (ties: arrival order). A view that starts with a grouping
level other than time (project, model, agent, device) first sorts the rows stably by that
key, so each group's rows stay in time order and come one group after the other. Within a
group the local day only moves forward in time, so each node is opened when its first call
arrives and never revisited: a level finds a row's node in an array indexed by the key,
valid while that node's parent is the row's parent, and siblings come out in order of their
first call without keyed lookups. A counting sort then lays the rows out depth-first, turns
holding their calls in time order, so the calls of any node are one contiguous range of
`order` and its totals are a sum over that range (ARCHITECTURE.md §5).

Node ids are the depth-first pre-order numbers of the whole tree (root = 0), known here for
every node down to turns; a call's id is its turn's id plus its place in the turn.
*/
import {weekKeyOfDay} from '../core/time.js';
import type {CallRows} from './rows.js';
import {type LevelKind, type ViewName, viewLevels} from './views.js';

/**
One node above the calls: a week, day, session (fragment), turn (fragment), project, model,
agent or device. A turn is the last level: its calls are positions, not fragments.
*/
export type Fragment = {
	id: number;
	/** Index into `TreeLayout.levels`. */
	readonly level: number;
	/**
	The level's key of its rows: an index into the level's `names` (week, project, device), into
	`rows.days`, `rows.models` or `agentIds`, a session group, or a turn (a session group's calls
	before any prompt: `rows.turns.length + group`).
	*/
	readonly key: number;
	readonly parent: Fragment | undefined;
	readonly children: Fragment[];
	start: number;
	end: number;
};

export type Level = {
	readonly kind: LevelKind;
	/** What a key stands for, for levels whose keys index no row table (week, project, device). */
	readonly names: readonly string[];
};

export type TreeLayout = {
	readonly rows: CallRows;
	readonly view: ViewName;
	readonly levels: readonly Level[];
	/** Position → row: every node's calls are one range of positions. */
	readonly order: Int32Array;
	/** The root's children. */
	readonly tops: readonly Fragment[];
	/** Session group → its first and last selected row in time order (-1 when none is selected). */
	readonly firstRow: Int32Array;
	readonly lastRow: Int32Array;
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

/** A level while grouping: where its key is read, and its current node per key. */
type LevelReader = {
	/** Row → key, or (with `table`) row → index into the table, whose entry is the key. */
	readonly column: ArrayLike<number>;
	readonly table: Int32Array | undefined;
	readonly slots: Array<Fragment | undefined>;
	readonly names: readonly string[];
};

/** Distinct names of an index (per day, per session group) in order of first appearance, and each index's name. */
function nameTable(count: number, nameOf: (index: number) => string): {table: Int32Array; names: string[]} {
	const table = new Int32Array(count);
	const names: string[] = [];
	const seen = new Map<string, number>();
	for (let index = 0; index < count; index++) {
		const name = nameOf(index);
		let slot = seen.get(name);
		if (slot === undefined) {
			slot = names.length;
			names.push(name);
			seen.set(name, slot);
		}

		table[index] = slot;
	}

	return {table, names};
}

/** The key used for the device of sessions that carry none (data of this machine, never stamped). */
export const unknownDeviceKey = '(unknown)';

function readerOf(rows: CallRows, kind: LevelKind): LevelReader {
	const reader = (column: ArrayLike<number>, slots: number, named?: {table: Int32Array; names: string[]}) => ({
		column,
		table: named?.table,
		slots: new Array<Fragment | undefined>(named ? named.names.length : slots),
		names: named?.names ?? [],
	});
	switch (kind) {
		case 'week': {
			return reader(
				rows.day,
				0,
				nameTable(rows.days.length, day => weekKeyOfDay(rows.days[day]!)),
			);
		}

		case 'day': {
			return reader(rows.day, rows.days.length);
		}

		case 'session': {
			return reader(rows.group, rows.groups.length);
		}

		case 'turn': {
			return reader(rows.turn, rows.turns.length + rows.groups.length);
		}

		case 'project': {
			return reader(
				rows.group,
				0,
				nameTable(rows.groups.length, group => rows.groups[group]!.project),
			);
		}

		case 'model': {
			return reader(rows.model, rows.models.length);
		}

		case 'agent': {
			return reader(rows.agent, 256);
		}

		case 'device': {
			return reader(
				rows.group,
				0,
				nameTable(rows.groups.length, group => rows.groups[group]!.stored.device ?? unknownDeviceKey),
			);
		}
	}
}

/**
The rows grouped by the first level's key, each group's rows in time order, groups in order
of their first call (a stable counting sort of the time order).
*/
function byFirstLevel(byTime: readonly number[], reader: LevelReader): number[] {
	const {column, table, slots} = reader;
	const keyOf = (row: number) => (table ? table[column[row]!]! : column[row]!);
	const next = new Int32Array(slots.length);
	const keys: number[] = [];
	for (const row of byTime) {
		const key = keyOf(row);
		if (next[key]!++ === 0) {
			keys.push(key);
		}
	}

	// Counts become each key's first position, keys in order of their first call.
	let offset = 0;
	for (const key of keys) {
		const count = next[key]!;
		next[key] = offset;
		offset += count;
	}

	const grouped = new Array<number>(byTime.length);
	for (const row of byTime) {
		grouped[next[keyOf(row)]!++] = row;
	}

	return grouped;
}

/**
Opens every level's nodes for the rows in `sequence` and counts each turn's calls (in `end`,
until `layOut` turns counts into ranges). Returns the root's children and each row's turn,
parallel to `sequence`.
*/
function group(
	rows: CallRows,
	readers: readonly LevelReader[],
	sequence: readonly number[],
): {tops: Fragment[]; leafOf: Fragment[]} {
	const tops: Fragment[] = [];
	const leafOf: Fragment[] = new Array(sequence.length);
	const noPromptBase = rows.turns.length;
	for (let index = 0; index < sequence.length; index++) {
		const row = sequence[index]!;
		let parent: Fragment | undefined;
		for (let level = 0; level < readers.length; level++) {
			const {column, table, slots} = readers[level]!;
			let key = column[row]!;
			if (table) {
				key = table[key]!;
			} else if (key < 0) {
				// A call before any prompt: its turn slot is its session group's.
				key = noPromptBase + rows.group[row]!;
			}

			let node = slots[key];
			if (node === undefined || node.parent !== parent) {
				node = {id: 0, level, key, parent, children: [], start: 0, end: 0};
				slots[key] = node;
				(parent ? parent.children : tops).push(node);
			}

			parent = node;
		}

		parent!.end++;
		leafOf[index] = parent!;
	}

	return {tops, leafOf};
}

/** Depth-first ids and position ranges for every node; returns the number of nodes, root included. */
function layOut(tops: readonly Fragment[]): number {
	let id = 1;
	let position = 0;
	const place = (nodes: readonly Fragment[]) => {
		for (const node of nodes) {
			node.id = id++;
			node.start = position;
			if (node.children.length === 0) {
				// A turn: `end` holds its call count until now, then is the fill cursor.
				id += node.end;
				position += node.end;
				node.end = node.start;
			} else {
				place(node.children);
				node.end = position;
			}
		}
	};

	place(tops);
	return id;
}

/** Each session group's first and last selected row in time order. */
function groupEnds(rows: CallRows, byTime: readonly number[]): {firstRow: Int32Array; lastRow: Int32Array} {
	const firstRow = new Int32Array(rows.groups.length).fill(-1);
	const lastRow = new Int32Array(rows.groups.length).fill(-1);
	for (const row of byTime) {
		const group = rows.group[row]!;
		if (firstRow[group] === -1) {
			firstRow[group] = row;
		}

		lastRow[group] = row;
	}

	return {firstRow, lastRow};
}

/** Lays the selected rows out so every node of the view's tree is one range of positions. */
export function assembleLayout(rows: CallRows, selected: Int32Array, view: ViewName = 'time'): TreeLayout {
	const kinds = viewLevels[view];
	const readers = kinds.map(kind => readerOf(rows, kind));
	const byTime = timeOrder(rows, selected);
	const sequence = kinds[0] === 'week' ? byTime : byFirstLevel(byTime, readers[0]!);
	const {tops, leafOf} = group(rows, readers, sequence);
	const size = layOut(tops);
	const order = new Int32Array(sequence.length);
	// Each turn's `end` is its cursor while filling: rows arrive in time order within their
	// group, so each turn's calls stay in time order (ties in arrival order).
	for (let index = 0; index < sequence.length; index++) {
		order[leafOf[index]!.end++] = sequence[index]!;
	}

	const levels = kinds.map((kind, index) => ({kind, names: readers[index]!.names}));
	return {rows, view, levels, order, tops, ...groupEnds(rows, byTime), size};
}
