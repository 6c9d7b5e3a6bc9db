/**
Adapts a Listing to the reducer's NavContext (what the cursor can move over), and builds the
resolver the reducer calls to list the node at its current path.
*/
import {findByKeyPath, keyPathOf} from '../model/query.js';
import type {TreeModel} from '../model/types.js';
import type {Place} from './insights-view.js';
import type {Listing, ListingCache} from './listing.js';
import type {NavContext, NavResolver} from './state.js';

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
Where the browser goes for an insight's target (a key path in the time tree, insights/types.ts):
the listing of the target's parent with the cursor on the target, as ncdu puts the cursor on
the directory it came from. A target filtered out of the shown tree lands on its deepest node
still there; one with nothing left goes nowhere. The one place a target becomes a position:
another view of the tree would translate the path here.
*/
export function placeOfTarget(model: TreeModel, target: readonly string[]): Place | undefined {
	const path = keyPathOf(findByKeyPath(model, target));
	const cursorKey = path.at(-1);
	return cursorKey === undefined ? undefined : {path: path.slice(0, -1), cursorKey};
}
