/**
The insights pane's cursor (`I`): which insight is selected and which is the first one drawn,
and the jump from an insight to the node it is about. Pure, like the rest of the reducer
(state.ts): the UI describes the pane it draws as an `InsightsNav` (how many insights, how many
lines each takes at the pane's width, where each one points) and the reducer resolves keys
against it.

The return rule: a jump (Enter, `→`, `l`) remembers where it came from (the opened path and
this cursor). `←` (`h`, Backspace) in the listing the jump opened goes back to the insights
pane, same scope, same insight selected. Moving the cursor in that listing keeps the way back;
opening or leaving the listing, changing a filter, or opening the insights pane anew forgets it
(state.ts `keepReturnWhileThere`), and `←` is then the ordinary "go up".
*/
import type {MoveBy} from './state.js';
import {movedCursor} from './nav.js';

/** The cursor by insight id (stable while the scope's insights are), and the first insight drawn. */
export type InsightsView = {readonly cursorKey: string | undefined; readonly top: number};

export const firstInsight: InsightsView = {cursorKey: undefined, top: 0};

/** A place in the browser: the listing opened and the child the cursor is on. */
export type Place = {readonly path: readonly string[]; readonly cursorKey: string};

/** The insights pane as drawn. */
export type InsightsNav = {
	readonly count: number;
	keyAt(index: number): string | undefined;
	indexOf(key: string | undefined): number;
	/** Lines the insight at `index` takes in the pane. */
	heightAt(index: number): number;
	/** Lines the pane has for insights. */
	readonly rows: number;
	/** Where the insight at `index` points in the shown tree; undefined when it is about the whole scope. */
	placeAt(index: number): Place | undefined;
};

/** Where `←` goes back to after a jump: the insights pane of `path` at `view`, while the listing `at` is open. */
export type InsightsReturn = {
	readonly path: readonly string[];
	readonly view: InsightsView;
	readonly at: readonly string[];
};

/**
The selected insight and the first one drawn: the remembered insight if it is still there, else
the first; `top` moved as little as possible so the whole selected insight is on screen (an
insight taller than the pane starts at its top line).
*/
export function insightsWindow(view: InsightsView, nav: InsightsNav): {cursor: number; top: number} {
	if (nav.count === 0) {
		return {cursor: -1, top: 0};
	}

	const found = nav.indexOf(view.cursorKey);
	const cursor = found === -1 ? 0 : found;
	let top = Math.max(0, Math.min(view.top, nav.count - 1, cursor));
	while (top < cursor && linesBetween(nav, top, cursor) > nav.rows) {
		top++;
	}

	return {cursor, top};
}

/** Lines of the insights from `first` to `last`, both included. */
function linesBetween(nav: InsightsNav, first: number, last: number): number {
	let lines = 0;
	for (let index = first; index <= last; index++) {
		lines += nav.heightAt(index);
	}

	return lines;
}

/** How many insights from `top` are drawn whole (at least one). */
function visibleFrom(nav: InsightsNav, top: number): number {
	let lines = 0;
	let count = 0;
	for (let index = top; index < nav.count; index++) {
		lines += nav.heightAt(index);
		if (lines > nav.rows && count > 0) {
			break;
		}

		count++;
	}

	return Math.max(1, count);
}

/** `j`/`k`/arrows by one insight, PgUp/PgDn by the insights on screen, Home/End (`G`) to the ends. */
export function moveInsight(view: InsightsView, by: MoveBy, nav: InsightsNav): InsightsView {
	if (nav.count === 0) {
		return view;
	}

	const current = insightsWindow(view, nav);
	const page = visibleFrom(nav, current.top);
	const moved = movedCursor(current, by, page, nav.count);
	const next = {cursorKey: nav.keyAt(moved.cursor), top: moved.top};
	return {cursorKey: next.cursorKey, top: insightsWindow(next, nav).top};
}
