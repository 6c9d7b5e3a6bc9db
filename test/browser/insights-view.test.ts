/**
The reducer's side of the insights pane (browser/insights-view.ts, state.ts): the cursor over
the insights as the pane lays them out, paging, and the jump to an insight's node with the
way back, over the rules' real insights for a fixture tree.
*/
import {describe, expect, it} from 'vitest';
import {insightsWindow} from '../../source/browser/insights-view.js';
import {buildListing} from '../../source/browser/listing.js';
import {navOf, placeOfTarget} from '../../source/browser/nav.js';
import {
	type Action,
	type BrowserState,
	browserReducer,
	initialState,
	type NavResolver,
	viewOf,
} from '../../source/browser/state.js';
import {insightsFor} from '../../source/insights/index.js';
import {findByKeyPath, keyPathOf} from '../../source/model/query.js';
import {insightBlocks, insightsNav} from '../../source/ui/insights-pane.js';
import {growingSession, modelOf, sessionEvents} from '../insights/fixtures.js';

const model = modelOf([
	...growingSession('g1'),
	...growingSession('g2', '2026-03-02T14:00:00Z'),
	...sessionEvents(
		'loop',
		'2026-03-03T09:00:00Z',
		6,
		2,
		i => 40_000 + i * 30_000,
		turn => (turn >= 4 ? 'try again' : `Port report ${turn} to the new charts`),
	),
]);
const insights = insightsFor(model, model.root, {now: Date.parse('2026-03-03T09:30:00Z'), tokenLimit: 3_000_000});
const blocks = insightBlocks(insights, 80, false);
/** A pane of 14 lines: a few insights at a time. */
const nav = insightsNav(blocks, 14, model);
const lists: NavResolver = (path, sort) => {
	const node = findByKeyPath(model, path);
	return navOf(buildListing(node, sort), keyPathOf(node), 10);
};

const run = (state: BrowserState, ...actions: Action[]) => actions.reduce(browserReducer, state);
const selected = (state: BrowserState) => insightsWindow(state.insights, nav);
const opened = run(initialState(), {type: 'toggleOverlay', overlay: 'insights'});

describe('the insights cursor', () => {
	it('moves by one, by a page of what is on screen, and to the ends, keeping the selection visible', () => {
		expect(selected(opened)).toEqual({cursor: 0, top: 0});
		const down = run(opened, {type: 'moveInsight', by: 'down', nav}, {type: 'moveInsight', by: 'down', nav});
		expect(selected(down).cursor).toBe(2);
		const end = run(opened, {type: 'moveInsight', by: 'end', nav});
		const last = selected(end);
		expect(last.cursor).toBe(blocks.length - 1);
		// The pane scrolled: the lines from top to the selected insight fit the pane.
		expect(last.top).toBeGreaterThan(0);
		const lines = blocks.slice(last.top, last.cursor + 1).reduce((sum, block) => sum + block.lines.length, 0);
		expect(lines).toBeLessThanOrEqual(14);
		const paged = run(end, {type: 'moveInsight', by: 'pageUp', nav});
		expect(selected(paged).cursor).toBeLessThan(last.cursor - 1);
		expect(selected(run(paged, {type: 'moveInsight', by: 'home', nav}))).toEqual({cursor: 0, top: 0});
		expect(selected(run(opened, {type: 'moveInsight', by: 'up', nav})).cursor).toBe(0);
	});

	it('reopening the pane starts at the first insight again', () => {
		const moved = run(opened, {type: 'moveInsight', by: 'end', nav});
		const again = run(moved, {type: 'closeOverlay'}, {type: 'toggleOverlay', overlay: 'insights'});
		expect(selected(again).cursor).toBe(0);
	});
});

describe('the jump to an insight and back', () => {
	const growth = blocks.findIndex(block => block.insight.rule === 'context-compounding');
	const atGrowth = run(
		opened,
		...Array.from({length: growth}, () => ({type: 'moveInsight', by: 'down', nav}) as const),
	);
	const target = blocks[growth]!.insight.target!;

	it('opens the target’s parent with the cursor on the target', () => {
		const jumped = run(atGrowth, {type: 'openInsight', nav});
		expect(jumped.overlay).toBe('none');
		expect(jumped.path).toEqual(target.slice(0, -1));
		expect(viewOf(jumped, jumped.path).cursorKey).toBe(target.at(-1));
		expect(placeOfTarget(model, target)).toEqual({path: target.slice(0, -1), cursorKey: target.at(-1)});
	});

	it('← goes back to the pane, same scope and insight, also after moving in the listing', () => {
		const jumped = run(atGrowth, {type: 'openInsight', nav});
		const back = run(jumped, {type: 'move', by: 'down', nav: lists}, {type: 'up', nav: lists});
		expect(back.overlay).toBe('insights');
		expect(back.path).toEqual([]);
		expect(selected(back).cursor).toBe(growth);
		// Used once: after Esc, ← is the ordinary "up".
		expect(run(back, {type: 'closeOverlay'}).insightsReturn).toBeUndefined();
	});

	it('opening or leaving the listing, or a filter, forgets the way back', () => {
		const jumped = run(atGrowth, {type: 'openInsight', nav});
		const deeper = run(jumped, {type: 'open', nav: lists});
		expect(deeper.insightsReturn).toBeUndefined();
		const up = run(deeper, {type: 'up', nav: lists});
		expect(up.overlay).toBe('none');
		expect(up.path).toEqual(target.slice(0, -1));
		const filtered = run(jumped, {type: 'pick', action: {type: 'filter', change: {time: {kind: 'today'}}}});
		expect(filtered.insightsReturn).toBeUndefined();
	});

	it('Enter on an insight about the whole scope does nothing', () => {
		const whole = blocks.findIndex(block => !block.insight.target);
		expect(whole).toBeGreaterThanOrEqual(0);
		const at = run(opened, ...Array.from({length: whole}, () => ({type: 'moveInsight', by: 'down', nav}) as const));
		expect(run(at, {type: 'openInsight', nav})).toBe(at);
	});

	it('a target filtered out of the shown tree lands on its deepest node still there', () => {
		expect(placeOfTarget(model, [target[0]!, target[1]!, 'claude:gone'])).toEqual({
			path: [target[0]],
			cursorKey: target[1],
		});
		expect(placeOfTarget(model, ['1999-W01'])).toBeUndefined();
	});
});
