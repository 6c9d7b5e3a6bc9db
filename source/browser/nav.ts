/**
Adapts a Listing to the reducer's NavContext (what the cursor can move over), and builds the
resolver the reducer calls to list the node at its current path.
*/
import {findByKeyPath, keyPathOf} from '../model/query.js';
import type {TreeModel} from '../model/types.js';
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
