/**
buildTree: UsageStore → the read-only Week → Day → Session → Turn → API call tree, or another
view of the same calls (views.ts).

Steps: the store's calls become priced, resolved and dated rows (rows.ts, once per store,
pricer and time zone, kept for later builds), the filter selects rows, the layout sorts the
selected rows so every node is a range (assemble.ts), and the nodes are made from the
ranges as they are opened (nodes.ts). A filter change repeats only the last three steps.
*/
import {agentLabels} from '../core/agents.js';
import type {Pricer} from '../pricing/types.js';
import {assembleLayout} from './assemble.js';
import {type RangeNode, TreeView} from './nodes.js';
import {buildRows, type CallRows} from './rows.js';
import type {UsageStore} from './store.js';
import type {TreeFilter, TreeModel} from './types.js';
import {defaultView, type ViewName} from './views.js';

export type BuildOptions = {
	readonly timezone: string;
	readonly pricer: Pricer;
	readonly filter?: TreeFilter;
	/** How the calls are grouped under the root; default `time`. */
	readonly view?: ViewName;
};

type RowsMemo = {readonly pricer: Pricer; readonly timezone: string; readonly version: number; readonly rows: CallRows};

const rowsMemo = new WeakMap<UsageStore, RowsMemo>();

/** The store's rows for this pricer and time zone, made again only when the store changed. */
function rowsOf(store: UsageStore, pricer: Pricer, timezone: string): CallRows {
	const memo = rowsMemo.get(store);
	if (memo?.pricer === pricer && memo.timezone === timezone && memo.version === store.version) {
		return memo.rows;
	}

	const rows = buildRows(store, pricer, timezone);
	rowsMemo.set(store, {pricer, timezone, version: store.version, rows});
	return rows;
}

/** Memoizes a per-index predicate (sessions, turns, models and days repeat across rows). */
function memoized(count: number, test: (index: number) => boolean): (index: number) => boolean {
	const known = new Int8Array(count);
	return index => {
		if (known[index] === 0) {
			known[index] = test(index) ? 1 : -1;
		}

		return known[index] === 1;
	};
}

/** The rows the filter keeps, in arrival order. */
function selectRows(rows: CallRows, filter: TreeFilter): Int32Array {
	const agents = filter.agents && filter.agents.length > 0 ? new Set(filter.agents) : undefined;
	const devices = filter.devices && filter.devices.length > 0 ? new Set(filter.devices) : undefined;
	const needle = filter.text?.trim().toLowerCase() || undefined;
	const has = (...haystack: Array<string | undefined>) =>
		needle !== undefined && haystack.some(value => value?.toLowerCase().includes(needle));
	const groupVisible = memoized(rows.groups.length, group => {
		const {agent, device} = rows.groups[group]!.stored;
		return (!agents || agents.has(agent)) && (!devices || devices.has(device ?? ''));
	});
	const groupMatches = memoized(rows.groups.length, group => {
		const {stored} = rows.groups[group]!;
		const {project, cwd, projectFolder, title, sessionId} = stored;
		return has(project, cwd, projectFolder, title, sessionId, agentLabels[stored.agent]);
	});
	const turnMatches = memoized(rows.turns.length, turn => has(rows.turns[turn]!.info.prompt));
	const modelMatches = memoized(rows.models.length, model => has(rows.models[model]));
	const dayInRange = memoized(rows.days.length, index => {
		const day = rows.days[index]!;
		return !(filter.since && day < filter.since) && !(filter.until && day > filter.until);
	});
	const selected = new Int32Array(rows.count);
	let count = 0;
	for (let row = 0; row < rows.count; row++) {
		const group = rows.group[row]!;
		const turn = rows.turn[row]!;
		if (
			rows.retracted[row] === 0 &&
			groupVisible(group) &&
			dayInRange(rows.day[row]!) &&
			(needle === undefined ||
				groupMatches(group) ||
				(turn >= 0 && turnMatches(turn)) ||
				modelMatches(rows.model[row]!))
		) {
			selected[count++] = row;
		}
	}

	return selected.subarray(0, count);
}

/** Models of selected calls without a price (and no reported cost), with their token totals. */
function unpricedModelsOf(rows: CallRows, selected: Int32Array): Map<string, number> {
	const unpriced = new Map<string, number>();
	for (const row of selected) {
		if (Number.isNaN(rows.cost[row]!)) {
			const model = rows.models[rows.model[row]!]!;
			unpriced.set(model, (unpriced.get(model) ?? 0) + rows.total[row]!);
		}
	}

	return unpriced;
}

export function buildTree(store: UsageStore, options: BuildOptions): TreeModel {
	const {timezone} = options;
	const filter = options.filter ?? {};
	const rows = rowsOf(store, options.pricer, timezone);
	const selected = selectRows(rows, filter);
	return modelOf(rows, selected, {timezone, filter, view: options.view ?? defaultView});
}

function modelOf(
	rows: CallRows,
	selected: Int32Array,
	options: {readonly timezone: string; readonly filter: TreeFilter; readonly view: ViewName},
): TreeModel {
	const layout = assembleLayout(rows, selected, options.view);
	const {root} = new TreeView(layout);
	const model: TreeModel = {
		root,
		...options,
		size: layout.size,
		agentsPresent: rows.agentsPresent,
		unpricedModels: unpricedModelsOf(rows, selected),
	};
	return rows.devicesPresent.length > 0 ? {...model, devicesPresent: rows.devicesPresent} : model;
}

/**
The same calls (same filter, rows and prices) grouped by another view: the layout alone is
made again, from the calls the tree already selected.
*/
export function regroup(model: TreeModel, view: ViewName): TreeModel {
	if (model.view === view) {
		return model;
	}

	const {layout} = (model.root as RangeNode).view;
	return modelOf(layout.rows, layout.order, {timezone: model.timezone, filter: model.filter, view});
}
