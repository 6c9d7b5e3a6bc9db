/**
The opened node of a tree and what the screen shows of it: its path (breadcrumbs), its sorted
listing (cached per node and sort, for this tree only), the cursor window over the list rows,
the selected child and the header's sparkline series.
*/
import {ListingCache, type Listing} from '../../browser/listing.js';
import {navOf} from '../../browser/nav.js';
import {type ScopeSeries, scopeSeries} from '../../browser/series.js';
import {type BrowserState, viewOf, windowOf} from '../../browser/state.js';
import {findByKeyPath, pathOf} from '../../model/query.js';
import type {TreeModel, TreeNode} from '../../model/types.js';
import {useMemo} from 'react';

export type OpenedListing = {
	readonly opened: TreeNode;
	/** From the root to the opened node. */
	readonly path: readonly TreeNode[];
	readonly listing: Listing;
	readonly window: {readonly cursor: number; readonly top: number};
	/** The child under the cursor (none in an empty listing). */
	readonly selected: TreeNode | undefined;
	readonly series: ScopeSeries;
};

export function useOpenedListing(
	model: TreeModel | undefined,
	state: BrowserState,
	listRows: number,
	timeZone: string,
): {readonly cache: ListingCache | undefined; readonly view: OpenedListing | undefined} {
	// Listings belong to one tree: a rebuilt tree gets a fresh cache.
	const cache = useMemo(() => (model ? new ListingCache() : undefined), [model]);
	const opened = model ? findByKeyPath(model, state.path) : undefined;
	const path = useMemo(() => (opened ? pathOf(opened) : []), [opened]);
	const keyPath = useMemo(() => path.slice(1).map(node => node.key), [path]);
	const listing = opened && cache ? cache.get(opened, state.sort) : undefined;
	const window = windowOf(viewOf(state, keyPath), navOf(listing, keyPath, listRows));
	const series = useMemo(
		() => (opened ? scopeSeries(opened, state.sparkMetric, timeZone) : undefined),
		[opened, state.sparkMetric, timeZone],
	);
	const view =
		opened && listing && series
			? {opened, path, listing, window, selected: listing.children[window.cursor], series}
			: undefined;
	return {cache, view};
}
