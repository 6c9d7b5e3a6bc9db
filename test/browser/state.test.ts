import {describe, expect, it} from 'vitest';
import {buildListing, type Sort} from '../../source/browser/listing.js';
import {navOf} from '../../source/browser/nav.js';
import {type PickerKind, pickerList} from '../../source/browser/pickers.js';
import {
	type Action,
	type BrowserState,
	browserReducer,
	initialState,
	type NavResolver,
	viewOf,
	windowOf,
} from '../../source/browser/state.js';
import {agentLabels} from '../../source/core/agents.js';
import {findByKeyPath, keyPathOf} from '../../source/model/query.js';
import type {ViewName} from '../../source/model/views.js';
import type {TreeModel} from '../../source/model/types.js';
import {manySessions, treeOf, usageStore} from '../support/ui-data.js';

const model = treeOf(usageStore());

/** The resolver the app passes: lists the node at a path (as far as it exists). */
function resolver(tree: TreeModel, rows = 5): NavResolver {
	return (path, sort) => {
		const node = findByKeyPath(tree, path);
		return navOf(buildListing(node, sort), keyPathOf(node), rows);
	};
}

/** The NavContext of the state's opened node. */
function navFor(tree: TreeModel, state: BrowserState, rows = 5) {
	return resolver(tree, rows)(state.path, state.sort);
}

function run(state: BrowserState, ...actions: Array<(state: BrowserState) => Action>): BrowserState {
	return actions.reduce((current, make) => browserReducer(current, make(current)), state);
}

const down =
	(tree = model, rows = 5) =>
	(): Action => ({type: 'move', by: 'down', nav: resolver(tree, rows)});
const open =
	(tree = model) =>
	(): Action => ({type: 'open', nav: resolver(tree)});
const up =
	(tree = model) =>
	(): Action => ({type: 'up', nav: resolver(tree)});
const sortBy = (key: Sort['key']) => (): Action => ({type: 'sort', key});

function cursorKey(state: BrowserState, tree = model, rows = 5): string | undefined {
	const nav = navFor(tree, state, rows);
	return nav.keyAt(windowOf(viewOf(state, state.path), nav).cursor);
}

describe('browserReducer navigation', () => {
	it('opens the selected child and goes back up with the cursor restored', () => {
		const start = initialState();
		// Weeks by tokens: W06 (670k), W07 (130k), W08 (350).
		expect(cursorKey(start)).toBe('2026-W06');
		const inWeek = run(start, down(), open());
		expect(inWeek.path).toEqual(['2026-W07']);
		const inDay = run(inWeek, down(), open());
		expect(inDay.path).toEqual(['2026-W07', '2026-02-12']);
		const back = run(inDay, up());
		expect(back.path).toEqual(['2026-W07']);
		expect(cursorKey(back)).toBe('2026-02-12');
		const root = run(back, up());
		expect(root.path).toEqual([]);
		expect(cursorKey(root)).toBe('2026-W07');
		// Up at the root is a no-op.
		expect(run(root, up())).toBe(root);
	});

	it('keeps the cursor on the same node after re-sorting, and reverses on a repeated key', () => {
		const onW08 = run(initialState(), down(), down());
		expect(cursorKey(onW08)).toBe('2026-W08');
		const byTime = run(onW08, sortBy('name'));
		expect(byTime.sort).toEqual({key: 'name', reverse: false});
		expect(cursorKey(byTime)).toBe('2026-W08');
		expect(navFor(model, byTime).keyAt(0)).toBe('2026-W06');
		const reversed = run(byTime, sortBy('name'));
		expect(reversed.sort).toEqual({key: 'name', reverse: true});
		expect(navFor(model, reversed).keyAt(0)).toBe('2026-W08');
		expect(run(reversed, sortBy('cost')).sort).toEqual({key: 'cost', reverse: false});
	});

	it('restores the cursor after going up even when the sort changed below', () => {
		const inDay = run(initialState(), down(), open(), down(), open());
		const resorted = run(inDay, sortBy('name'), up());
		expect(cursorKey(resorted)).toBe('2026-02-12');
	});

	it('pages, jumps home/end and keeps the cursor inside the window', () => {
		const big = treeOf(usageStore(manySessions(50)));
		const inDay = run(initialState(), open(big), open(big));
		expect(inDay.path).toEqual(['2026-W10', '2026-03-02']);
		const move = (by: 'pageDown' | 'pageUp' | 'home' | 'end' | 'up') => (): Action => ({
			type: 'move',
			by,
			nav: resolver(big, 10),
		});
		const paged = run(inDay, move('pageDown'));
		let nav = navFor(big, paged, 10);
		expect(windowOf(viewOf(paged, paged.path), nav)).toEqual({cursor: 10, top: 10});
		const end = run(paged, move('end'));
		nav = navFor(big, end, 10);
		expect(windowOf(viewOf(end, end.path), nav)).toEqual({cursor: 49, top: 40});
		const oneUp = run(end, move('up'));
		expect(windowOf(viewOf(oneUp, oneUp.path), navFor(big, oneUp, 10))).toEqual({cursor: 48, top: 40});
		const home = run(oneUp, move('home'));
		expect(windowOf(viewOf(home, home.path), navFor(big, home, 10))).toEqual({cursor: 0, top: 0});
		// Page up at the top stays at the top.
		expect(windowOf(viewOf(run(home, move('pageUp')), home.path), navFor(big, home, 10)).cursor).toBe(0);
	});

	it('shows the info pane instead of opening a leaf (API call)', () => {
		const atTurn = run(initialState(), down(), open(), down(), open(), open(), open());
		expect(atTurn.path).toHaveLength(4);
		const leaf = run(atTurn, open());
		expect(leaf.path).toEqual(atTurn.path);
		expect(leaf.overlay).toBe('info');
	});

	it('degrades gracefully when a filter removed part of the opened path', () => {
		const deep = run(initialState(), down(), open(), down(), open());
		const filtered = treeOf(usageStore(), {agents: ['gemini']});
		// The path resolves only as far as the week; going up from there reaches the root.
		expect(findByKeyPath(filtered, deep.path).key).toBe('2026-W07');
		expect(browserReducer(deep, {type: 'up', nav: resolver(filtered)}).path).toEqual([]);
	});

	it('applies several actions dispatched before a re-render in sequence', () => {
		// "\r\r" in one read: both opens are resolved against the reducer's own state.
		const nav = resolver(model);
		const twice = [
			{type: 'open', nav},
			{type: 'open', nav},
		] as const;
		const state = twice.reduce<BrowserState>((current, action) => browserReducer(current, action), initialState());
		expect(state.path).toEqual(['2026-W06', '2026-02-03']);
	});
});

describe('browserReducer modes', () => {
	it('toggles overlays, scrolls them, and closes them', () => {
		let state = browserReducer(initialState(), {type: 'toggleOverlay', overlay: 'help'});
		expect(state.overlay).toBe('help');
		state = browserReducer(state, {type: 'scrollOverlay', by: 3});
		expect(state.overlayTop).toBe(3);
		state = browserReducer(state, {type: 'scrollOverlay', by: -10});
		expect(state.overlayTop).toBe(0);
		state = browserReducer(state, {type: 'toggleOverlay', overlay: 'info'});
		expect(state.overlay).toBe('info');
		expect(browserReducer(state, {type: 'toggleOverlay', overlay: 'info'}).overlay).toBe('none');
		expect(browserReducer(state, {type: 'closeOverlay'}).overlay).toBe('none');
	});

	it('cycles the graph mode and the sparkline metric', () => {
		const modes = [initialState()];
		for (let index = 0; index < 3; index++) {
			modes.push(browserReducer(modes.at(-1)!, {type: 'cycleGraph'}));
		}

		expect(modes.map(state => state.graph)).toEqual(['both', 'bar', 'percent', 'both']);
		expect(browserReducer(initialState(), {type: 'toggleSparkMetric'}).sparkMetric).toBe('cost');
	});

	it('edits the text filter in a prompt: Enter applies, Esc cancels', () => {
		let state = browserReducer(initialState(), {type: 'startPrompt', kind: 'text'});
		for (const text of ['bil', 'lx']) {
			state = browserReducer(state, {type: 'promptInput', text});
		}

		state = browserReducer(state, {type: 'promptBackspace'});
		expect(state.prompt?.draft).toBe('bill');
		expect(browserReducer(state, {type: 'promptBackspace', count: 3}).prompt?.draft).toBe('b');
		expect(browserReducer(state, {type: 'promptClear'}).prompt?.draft).toBe('');
		const applied = browserReducer(state, {type: 'promptSubmit'});
		expect(applied.prompt).toBeUndefined();
		expect(applied.filters.text).toBe('bill');
		// Re-opening pre-fills the current text; Esc keeps the applied filter.
		const reopened = browserReducer(applied, {type: 'startPrompt', kind: 'text'});
		expect(reopened.prompt?.draft).toBe('bill');
		const cancelled = browserReducer(browserReducer(reopened, {type: 'promptInput', text: 'zzz'}), {
			type: 'promptCancel',
		});
		expect(cancelled.filters.text).toBe('bill');
	});

	it('picks an agent or a time range from the pickers; custom opens the range prompt', () => {
		const pick = (state: BrowserState, kind: PickerKind, label: string): BrowserState => {
			const opened = browserReducer(state, {type: 'openPicker', picker: kind});
			expect(opened.picker).toBe(kind);
			const entry = pickerList(kind, opened, model).entries.find(item => item.label === label);
			expect(entry, `${label} in the ${kind} picker`).toBeDefined();
			return browserReducer(opened, {type: 'pick', action: entry!.action});
		};

		const agents = model.agentsPresent;
		expect(pickerList('agent', initialState(), model).entries.map(entry => entry.label)).toEqual([
			'all agents',
			...agents.map(agent => agentLabels[agent]),
		]);
		let state = pick(initialState(), 'agent', agentLabels[agents[1]!]);
		expect(state.picker).toBeUndefined();
		expect(state.filters.agent).toBe(agents[1]);
		// The picker opens on the choice in effect.
		expect(pickerList('agent', state, model).current).toBe(2);
		expect(pick(state, 'agent', 'all agents').filters.agent).toBeUndefined();

		expect(pickerList('time', initialState(), model).entries.map(entry => entry.label)).toEqual([
			'all time',
			'today',
			'last 7 days',
			'last 30 days',
			'custom range…',
		]);
		state = pick(initialState(), 'time', 'last 7 days');
		expect(state.filters.time).toEqual({kind: 'last', days: 7});
		expect(pickerList('time', state, model).current).toBe(2);
		state = pick(state, 'time', 'custom range…');
		expect(state.prompt).toEqual({kind: 'time', draft: ''});
		// The range in effect stays until a custom one is submitted.
		expect(state.filters.time).toEqual({kind: 'last', days: 7});
		state = browserReducer(state, {type: 'promptInput', text: '2026-02-30..2026-03-01'});
		state = browserReducer(state, {type: 'promptSubmit'});
		expect(state.prompt?.error).toMatch(/Not a date/);
		state = browserReducer(state, {type: 'promptCancel'});
		expect(state.filters.time).toEqual({kind: 'last', days: 7});
		state = pick(state, 'time', 'custom range…');
		state = browserReducer(state, {type: 'promptInput', text: '2026-02-10..2026-02-13'});
		state = browserReducer(state, {type: 'promptSubmit'});
		expect(state.filters.time).toEqual({kind: 'custom', since: '2026-02-10', until: '2026-02-13'});
		// Picking custom again edits the range in effect.
		const list = pickerList('time', state, model);
		expect(list.entries[list.current]?.label).toBe('custom range… (2026-02-10..2026-02-13)');
		expect(pick(state, 'time', 'custom range… (2026-02-10..2026-02-13)').prompt?.draft).toBe('2026-02-10..2026-02-13');
		// Esc closes a picker and changes nothing.
		const closed = browserReducer(browserReducer(state, {type: 'openPicker', picker: 'time'}), {type: 'closePicker'});
		expect(closed).toEqual(state);
	});

	it('has nothing to pick with fewer than two agents or devices', () => {
		const oneAgent = {agentsPresent: ['codex'], devicesPresent: ['desk', 'laptop']} as const;
		expect(pickerList('agent', initialState(), oneAgent)).toMatchObject({
			entries: [],
			unavailable: 'Only Codex has data: no agent to pick',
		});
		expect(pickerList('device', initialState(), oneAgent).entries.map(entry => entry.label)).toEqual([
			'all devices',
			'desk',
			'laptop',
		]);
		expect(pickerList('device', initialState(), {agentsPresent: []}).unavailable).toMatch(/^One machine only/);
	});

	it('bumps the load generation on reload and records status messages', () => {
		const state = browserReducer(browserReducer(initialState(), {type: 'status', message: 'Exported to /tmp/x.json'}), {
			type: 'reload',
		});
		expect(state.loadGeneration).toBe(1);
		expect(state.status).toBeUndefined();
	});
});

describe('v: the tree view', () => {
	const projectModel = treeOf(usageStore(), {}, 'project');
	const setView = (view: ViewName) => (): Action => ({type: 'setView', view});
	const viewLabels = (devices?: readonly string[]) =>
		pickerList('view', initialState(), {agentsPresent: [], devicesPresent: devices}).entries.map(entry => entry.label);

	it('offers time, project, model and agent, and device only when there are devices to tell apart', () => {
		expect(viewLabels()).toEqual([
			'by time     Week → Day → Session → Turn → Call',
			'by project  Project → Session → Turn → Call',
			'by model    Model → Day → Session → Turn → Call',
			'by agent    Agent → Week → Day → Session → Turn → Call',
		]);
		expect(viewLabels(['laptop'])).toHaveLength(4);
		expect(viewLabels(['laptop', 'desktop']).at(-1)).toBe('by device   Device → Week → Day → Session → Turn → Call');
		// The picker opens on the view in effect; a remembered device view on one machine's data opens on time.
		const list = (groupBy: ViewName, devices?: readonly string[]) =>
			pickerList('view', initialState({groupBy}), {agentsPresent: [], devicesPresent: devices});
		expect(list('model').current).toBe(2);
		expect(list('device', ['laptop', 'desktop']).current).toBe(4);
		expect(list('device', ['laptop']).current).toBe(0);
		// Picking an entry performs the view change.
		expect(list('time').entries[3]!.action).toEqual({type: 'setView', view: 'agent'});
	});

	it('opens the picked view at its root, and back in a view the cursor is where it was', () => {
		const inTime = run(initialState(), down(), open());
		expect(inTime.path).toEqual(['2026-W07']);
		const inProject = run(inTime, setView('project'));
		expect(inProject.groupBy).toBe('project');
		expect(inProject.path).toEqual([]);
		const moved = run(inProject, down(projectModel));
		const second = cursorKey(moved, projectModel);
		expect(second).toBe(navFor(projectModel, moved).keyAt(1));
		// Back to time: the root's cursor is on the week opened before.
		const backInTime = run(moved, setView('time'));
		expect(backInTime.groupBy).toBe('time');
		expect(backInTime.path).toEqual([]);
		expect(cursorKey(backInTime)).toBe('2026-W07');
		// And the project view's root remembers its own cursor.
		expect(cursorKey(run(backInTime, setView('project')), projectModel)).toBe(second);
	});
});
