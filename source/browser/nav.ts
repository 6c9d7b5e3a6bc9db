/**
Adapts a Listing to the reducer's NavContext (what the cursor can move over), and builds the
resolver the reducer calls to list the node at its current path.
*/
import {findByKeyPath, keyPathOf} from '../model/query.js';
import type {TreeModel} from '../model/types.js';
import type {Place} from './insights-view.js';
import type {Listing, ListingCache} from './listing.js';
import type {MoveBy, NavContext, NavResolver} from './state.js';

export function navOf(listing: Listing | undefined, path: readonly string[], rows: number): NavContext {
	const children = listing?.children ?? [];
	return {
		path,
		count: children.length,
		rows,
		keyAt: index => children[index]?.key,
		indexOf: key => listing?.indexOf(key) ?? -1,
		canOpen: index => (children[index]?.children.length ?? 0) > 0,
	};
}

/** Resolves a key path in `model` (as far as it exists) to its listing via `cache`. */
export function navResolver(model: TreeModel, cache: ListingCache, rows: number): NavResolver {
	return (path, sort) => {
		const node = findByKeyPath(model, path);
		return navOf(cache.get(node, sort), keyPathOf(node), rows);
	};
}

/**
A cursor moved over `count` entries, `page` at a time (the list and the insights pane move
alike). Paging scrolls with the cursor, like ncdu and less; the caller fits `top` to its window.
*/
export function movedCursor(
	current: {readonly cursor: number; readonly top: number},
	by: MoveBy,
	page: number,
	count: number,
): {cursor: number; top: number} {
	const last = count - 1;
	const target = {
		up: current.cursor - 1,
		down: current.cursor + 1,
		pageUp: current.cursor - page,
		pageDown: current.cursor + page,
		home: 0,
		end: last,
	}[by];
	const cursor = Math.max(0, Math.min(last, target));
	const paged = by === 'pageUp' || by === 'pageDown' ? current.top + (cursor - current.cursor) : current.top;
	return {cursor, top: Math.max(0, Math.min(paged, cursor))};
}

/**
Where the browser goes for an insight's target (a key path in the tree the insight was worked
out on, the view shown: insights/types.ts): the listing of the target's parent with the cursor
on the target, as ncdu puts the cursor on the directory it came from. A target filtered out of
the shown tree lands on its deepest node still there; one with nothing left goes nowhere. The
one place a target becomes a position.
*/
export function placeOfTarget(model: TreeModel, target: readonly string[]): Place | undefined {
	const path = keyPathOf(findByKeyPath(model, target));
	const cursorKey = path.at(-1);
	return cursorKey === undefined ? undefined : {path: path.slice(0, -1), cursorKey};
}
