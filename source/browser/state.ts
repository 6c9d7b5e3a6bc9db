/**
The browser reducer: everything the user can change by pressing keys, and nothing derived.
Pure and UI-agnostic (no React): the Ink app holds it in one `useReducer`.

Positions are remembered per node by KEY PATH (stable across rebuilds, filters and reloads),
as `{cursorKey, top}` (ncdu's opened_dir_views): the cursor follows the same child after a
re-sort, and going up puts the cursor back on the node we came from. Key paths belong to one
tree view (`groupBy`, model/views.ts), so positions are remembered per view too: `v` opens
the next view's root with the cursor where it was there.

Actions that move the cursor carry a `NavResolver`: given the state's path and sort it
describes that listing. The reducer resolves it against its OWN current state, so several
keys dispatched before a re-render ("jjj", "\r\r" in one read) each see the effect of the
previous one; the reducer still never holds the tree itself.
*/
import type {AgentId} from '../core/agents.js';
import {type Budget, budgetText, parseBudget} from '../insights/budget.js';
import {defaultView, type ViewName} from '../model/views.js';
import {describeTimeRange, type Filters, noFilters, parseCustomRange} from './filters.js';
import {
	firstInsight,
	type InsightsNav,
	type InsightsReturn,
	type InsightsView,
	insightsWindow,
	moveInsight,
} from './insights-view.js';
import type {Sort, SortKey} from './listing.js';
import {movedCursor} from './nav.js';
import type {PickerKind} from './pickers.js';

export type GraphMode = 'bar' | 'percent' | 'both';
export type Overlay = 'none' | 'help' | 'info' | 'insights' | 'otlp' | 'diagnostics';
export type PromptKind = 'text' | 'time' | 'budget';
export type Prompt = {readonly kind: PromptKind; readonly draft: string; readonly error?: string};
export type View = {readonly cursorKey: string | undefined; readonly top: number};
export type MoveBy = 'up' | 'down' | 'pageUp' | 'pageDown' | 'home' | 'end';

export type BrowserState = {
	/** Keys from the root to the opened node (may be deeper than what a filtered tree has). */
	readonly path: readonly string[];
	/** How the tree is grouped under its root (`v` cycles it). */
	readonly groupBy: ViewName;
	/** Remembered positions per view and key path (`viewOf`). */
	readonly views: ReadonlyMap<string, View>;
	readonly sort: Sort;
	readonly graph: GraphMode;
	readonly overlay: Overlay;
	/** First visible line of a scrollable overlay. */
	readonly overlayTop: number;
	/** The insights pane's selected insight and scroll (insights-view.ts). */
	readonly insights: InsightsView;
	/** After a jump from the insights pane: where `←` goes back to (insights-view.ts has the rule). */
	readonly insightsReturn: InsightsReturn | undefined;
	readonly prompt: Prompt | undefined;
	/** The pick-one list open over the listing (`t`, `a`, `d`; pickers.ts), which owns the keys while open. */
	readonly picker: PickerKind | undefined;
	readonly filters: Filters;
	readonly sparkMetric: 'tokens' | 'cost';
	/** Tokens or dollars per day, week or month, shown in the header (`--budget`, `B`). */
	readonly budget: Budget | undefined;
	/** One-line message in the footer (export path, errors). */
	readonly status: string | undefined;
	/** Bumped by `r`: the app reloads when it changes. */
	readonly loadGeneration: number;
};

/** What the screen shows right now: the listing of the opened node. */
export type NavContext = {
	/** Key path of the node actually opened (the resolved part of `state.path`). */
	readonly path: readonly string[];
	readonly count: number;
	keyAt(index: number): string | undefined;
	indexOf(key: string | undefined): number;
	/** Whether the child at `index` has children of its own. */
	canOpen(index: number): boolean;
	/** Visible list rows. */
	readonly rows: number;
};

/** The listing of the node at `path` (resolved as far as it exists) under `sort`. */
export type NavResolver = (path: readonly string[], sort: Sort) => NavContext;

export type Action =
	| {readonly type: 'move'; readonly by: MoveBy; readonly nav: NavResolver}
	| {readonly type: 'open'; readonly nav: NavResolver}
	| {readonly type: 'up'; readonly nav: NavResolver}
	| {readonly type: 'sort'; readonly key: SortKey}
	| {readonly type: 'cycleGraph'}
	| {readonly type: 'toggleOverlay'; readonly overlay: Exclude<Overlay, 'none'>}
	| {readonly type: 'closeOverlay'}
	| {readonly type: 'scrollOverlay'; readonly by: number}
	| {readonly type: 'moveInsight'; readonly by: MoveBy; readonly nav: InsightsNav}
	/** Enter on an insight: open the listing of the node it is about, the cursor on that node. */
	| {readonly type: 'openInsight'; readonly nav: InsightsNav}
	| {readonly type: 'startPrompt'; readonly kind: PromptKind}
	| {readonly type: 'promptInput'; readonly text: string}
	| {readonly type: 'promptBackspace'; readonly count?: number}
	| {readonly type: 'promptClear'}
	| {readonly type: 'promptSubmit'}
	| {readonly type: 'promptCancel'}
	| {readonly type: 'openPicker'; readonly picker: PickerKind}
	| {readonly type: 'closePicker'}
	/** An entry of the open picker was picked: close it, then perform the entry's action. */
	| {readonly type: 'pick'; readonly action: Action}
	| {readonly type: 'filter'; readonly change: FilterChange}
	/** `v` picked a view: its root opens (model/views.ts). */
	| {readonly type: 'setView'; readonly view: ViewName}
	| {readonly type: 'resetView'}
	| {readonly type: 'toggleSparkMetric'}
	| {readonly type: 'status'; readonly message: string | undefined}
	| {readonly type: 'reload'}
	/** Before the data changes under the user (a live update): the cursor stays on this child. */
	| {readonly type: 'keepCursor'; readonly path: readonly string[]; readonly key: string; readonly top: number};

/** One filter set to a value (undefined agent or device: all). */
export type FilterChange =
	| {readonly time: Filters['time']}
	| {readonly agent: AgentId | undefined}
	| {readonly device: string | undefined};

export const defaultSort: Sort = {key: 'tokens', reverse: false};

export function initialState(
	options: {
		sort?: Sort;
		filters?: Filters;
		graph?: GraphMode;
		path?: readonly string[];
		groupBy?: ViewName;
		budget?: Budget;
	} = {},
): BrowserState {
	return {
		path: options.path ?? [],
		groupBy: options.groupBy ?? defaultView,
		views: new Map(),
		sort: options.sort ?? defaultSort,
		graph: options.graph ?? 'both',
		overlay: 'none',
		overlayTop: 0,
		insights: firstInsight,
		insightsReturn: undefined,
		prompt: undefined,
		picker: undefined,
		filters: options.filters ?? noFilters,
		sparkMetric: 'tokens',
		budget: options.budget,
		status: undefined,
		loadGeneration: 0,
	};
}

/** The map key of a node's remembered view. */
export function pathId(path: readonly string[]): string {
	return path.join('\u0000');
}

/** Where a listing's remembered position is kept: its view and key path. */
function viewKey(state: Pick<BrowserState, 'groupBy'>, path: readonly string[]): string {
	return `${state.groupBy}\u0001${pathId(path)}`;
}

export function viewOf(state: BrowserState, path: readonly string[]): View {
	return state.views.get(viewKey(state, path)) ?? {cursorKey: undefined, top: 0};
}

/**
The cursor index and first visible row for a listing: the remembered child if it is still
there, else the first row; `top` clamped so the cursor is visible (ncdu's draw()).
*/
export function windowOf(
	view: View,
	nav: Pick<NavContext, 'count' | 'indexOf' | 'rows'>,
): {cursor: number; top: number} {
	if (nav.count === 0) {
		return {cursor: -1, top: 0};
	}

	const found = nav.indexOf(view.cursorKey);
	const cursor = found === -1 ? 0 : found;
	const rows = Math.max(1, nav.rows);
	let top = Math.min(view.top, Math.max(0, nav.count - rows));
	if (cursor < top) {
		top = cursor;
	} else if (cursor >= top + rows) {
		top = cursor - rows + 1;
	}

	return {cursor, top: Math.max(0, top)};
}

function withView(state: BrowserState, path: readonly string[], view: View): BrowserState {
	const views = new Map(state.views);
	views.set(viewKey(state, path), view);
	return {...state, views};
}

function move(state: BrowserState, by: MoveBy, nav: NavContext): BrowserState {
	if (nav.count === 0) {
		return state;
	}

	const current = windowOf(viewOf(state, nav.path), nav);
	const moved = movedCursor(current, by, Math.max(1, nav.rows), nav.count);
	const view = windowOf({cursorKey: nav.keyAt(moved.cursor), top: moved.top}, nav);
	return withView(state, nav.path, {cursorKey: nav.keyAt(moved.cursor), top: view.top});
}

/** Opens the child under the cursor (remembering it as the parent's cursor); a leaf shows its details instead. */
function open(state: BrowserState, nav: NavContext): BrowserState {
	const {cursor, top} = windowOf(viewOf(state, nav.path), nav);
	if (cursor === -1) {
		return state;
	}

	if (!nav.canOpen(cursor)) {
		// A leaf (API call) has nothing below it: show its details instead.
		return {...state, overlay: 'info', overlayTop: 0};
	}

	const key = nav.keyAt(cursor)!;
	const anchored = withView(state, nav.path, {cursorKey: key, top});
	return {...anchored, path: [...nav.path, key], status: undefined};
}

/** Back to the parent, with the cursor on the node we leave whatever happened to the parent's view. */
function up(state: BrowserState, path: readonly string[]): BrowserState {
	if (path.length === 0) {
		return state;
	}

	const parent = path.slice(0, -1);
	const next = withView(state, parent, {cursorKey: path.at(-1), top: viewOf(state, parent).top});
	return {...next, path: parent, status: undefined};
}

/** The jump from the selected insight to its node, remembering the way back. */
function openInsight(state: BrowserState, nav: InsightsNav): BrowserState {
	const {cursor, top} = insightsWindow(state.insights, nav);
	const place = cursor === -1 ? undefined : nav.placeAt(cursor);
	if (!place) {
		return state;
	}

	const insights = {cursorKey: nav.keyAt(cursor), top};
	const next = withView(state, place.path, {cursorKey: place.cursorKey, top: viewOf(state, place.path).top});
	return {
		...next,
		path: place.path,
		overlay: 'none',
		overlayTop: 0,
		status: undefined,
		insights,
		insightsReturn: {path: state.path, view: insights, at: place.path},
	};
}

/** `←` right after a jump: back to the insights pane it came from. */
function returnToInsights(state: BrowserState, back: InsightsReturn): BrowserState {
	return {
		...state,
		path: back.path,
		overlay: 'insights',
		overlayTop: 0,
		insights: back.view,
		insightsReturn: undefined,
		status: undefined,
	};
}

/**
The way back to the insights pane lasts while the listing the jump opened stays open under the
same filters, and the insights pane is not opened anew (insights-view.ts).
*/
function keepReturnWhileThere(before: BrowserState, after: BrowserState): BrowserState {
	const back = after.insightsReturn;
	if (
		back &&
		(pathId(after.path) !== pathId(back.at) || after.filters !== before.filters || after.overlay === 'insights')
	) {
		return {...after, insightsReturn: undefined};
	}

	return after;
}

/** `B`: an empty budget removes it; one that does not parse keeps the prompt open with the reason. */
function submitBudget(state: BrowserState, prompt: Prompt): BrowserState {
	if (prompt.draft.trim() === '') {
		return {...state, prompt: undefined, budget: undefined, status: state.budget ? 'Budget removed' : undefined};
	}

	const budget = parseBudget(prompt.draft);
	if ('error' in budget) {
		return {...state, prompt: {...prompt, error: budget.error}};
	}

	return {...state, prompt: undefined, budget, status: `Budget ${budgetText(budget)}`};
}

/** What a prompt starts with: the current text filter, custom time range (`since..until`) or budget, or nothing. */
function draftOf(state: BrowserState, kind: PromptKind): string {
	if (kind === 'text') {
		return state.filters.text;
	}

	if (kind === 'time') {
		return state.filters.time.kind === 'custom' ? describeTimeRange(state.filters.time).replaceAll('…', '') : '';
	}

	return state.budget ? budgetText(state.budget) : '';
}

function submitPrompt(state: BrowserState, prompt: Prompt): BrowserState {
	if (prompt.kind === 'budget') {
		return submitBudget(state, prompt);
	}

	if (prompt.kind === 'text') {
		return {...state, prompt: undefined, filters: {...state.filters, text: prompt.draft.trim()}};
	}

	const range = parseCustomRange(prompt.draft);
	if ('error' in range) {
		return {...state, prompt: {...prompt, error: range.error}};
	}

	return {...state, prompt: undefined, filters: {...state.filters, time: range}};
}

/** `v`: the picked view opens at its root (each view's cursors stay remembered). */
function setView(state: BrowserState, view: ViewName): BrowserState {
	return {...state, groupBy: view, path: [], status: undefined};
}

const graphCycle: Record<GraphMode, GraphMode> = {both: 'bar', bar: 'percent', percent: 'both'};

export function browserReducer(state: BrowserState, action: Action): BrowserState {
	return keepReturnWhileThere(state, reduce(state, action));
}

function reduce(state: BrowserState, action: Action): BrowserState {
	switch (action.type) {
		case 'move': {
			return move(state, action.by, action.nav(state.path, state.sort));
		}

		case 'open': {
			return open(state, action.nav(state.path, state.sort));
		}

		case 'up': {
			return state.insightsReturn
				? returnToInsights(state, state.insightsReturn)
				: up(state, action.nav(state.path, state.sort).path);
		}

		case 'sort': {
			const reverse = state.sort.key === action.key ? !state.sort.reverse : false;
			return {...state, sort: {key: action.key, reverse}};
		}

		case 'cycleGraph': {
			return {...state, graph: graphCycle[state.graph]};
		}

		case 'toggleOverlay': {
			const overlay = state.overlay === action.overlay ? 'none' : action.overlay;
			// The insights pane opens on its first insight: its scope may have changed since.
			const insights = overlay === 'insights' ? firstInsight : state.insights;
			return {...state, overlay, overlayTop: 0, insights};
		}

		case 'closeOverlay': {
			return {...state, overlay: 'none', overlayTop: 0};
		}

		case 'scrollOverlay': {
			return {...state, overlayTop: Math.max(0, state.overlayTop + action.by)};
		}

		case 'moveInsight': {
			return {...state, insights: moveInsight(state.insights, action.by, action.nav)};
		}

		case 'openInsight': {
			return openInsight(state, action.nav);
		}

		case 'startPrompt': {
			return {...state, prompt: {kind: action.kind, draft: draftOf(state, action.kind)}, overlay: 'none'};
		}

		case 'promptInput': {
			return state.prompt
				? {...state, prompt: {kind: state.prompt.kind, draft: state.prompt.draft + action.text}}
				: state;
		}

		case 'promptBackspace': {
			const {prompt} = state;
			return prompt
				? {...state, prompt: {kind: prompt.kind, draft: [...prompt.draft].slice(0, -(action.count ?? 1)).join('')}}
				: state;
		}

		case 'promptClear': {
			return state.prompt ? {...state, prompt: {kind: state.prompt.kind, draft: ''}} : state;
		}

		case 'promptSubmit': {
			return state.prompt ? submitPrompt(state, state.prompt) : state;
		}

		case 'promptCancel': {
			return {...state, prompt: undefined};
		}

		case 'openPicker': {
			return {...state, picker: action.picker, overlay: 'none', overlayTop: 0};
		}

		case 'closePicker': {
			return {...state, picker: undefined};
		}

		case 'pick': {
			return reduce({...state, picker: undefined}, action.action);
		}

		case 'filter': {
			return {...state, filters: {...state.filters, ...action.change}};
		}

		case 'setView': {
			return setView(state, action.view);
		}

		case 'toggleSparkMetric': {
			return {...state, sparkMetric: state.sparkMetric === 'tokens' ? 'cost' : 'tokens'};
		}

		case 'status': {
			return {...state, status: action.message};
		}

		case 'reload': {
			return {...state, loadGeneration: state.loadGeneration + 1, status: undefined};
		}

		case 'keepCursor': {
			// A listing never moved in has no remembered child: it would follow row 0 when rows re-sort.
			return withView(state, action.path, {cursorKey: action.key, top: action.top});
		}

		case 'resetView': {
			// `R`: forget the remembered view (sort, filters, graph, view, path, budget) and start at the root.
			return {...initialState(), loadGeneration: state.loadGeneration, status: 'View reset to defaults'};
		}

		default: {
			action satisfies never;
			return state;
		}
	}
}
