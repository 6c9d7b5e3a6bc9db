/**
Listing: the sorted children of ONE opened node, plus what bars need (the largest sibling and
the parent's total under the current metric). Nothing else of the tree is materialized or
sorted, so opening a node costs O(k log k) in its own child count k, whatever the tree size.

Listings are cached per (node, sort) in a small LRU: going back up or re-pressing a sort key
is free. Nodes are compared by identity, so a rebuilt tree (filters, reload) never sees a
stale listing.
*/
import type {TreeNode} from '../model/types.js';

export type SortKey = 'tokens' | 'cost' | 'name' | 'count';
export type Sort = {readonly key: SortKey; readonly reverse: boolean};

export type Listing = {
	readonly node: TreeNode;
	readonly sort: Sort;
	/** Children in display order. */
	readonly children: readonly TreeNode[];
	/** The metric bars and percents use under this sort (cost → cost, count → calls). */
	readonly metric: (node: TreeNode) => number;
	/** Largest metric among the children (bar scale, ncdu's dir_max_size). */
	readonly max: number;
	/** The parent's metric (percent-of-parent denominator). */
	readonly total: number;
	/** Index of the child with `key`, or -1. Lazily indexed: O(1) after the first call. */
	indexOf(key: string | undefined): number;
};

/** Tokens for every sort except cost; calls for count. */
export function metricFor(key: SortKey): (node: TreeNode) => number {
	switch (key) {
		case 'cost': {
			return node => node.totals.costUSD ?? node.totals.pricedCostUSD;
		}

		case 'count': {
			return node => countOf(node);
		}

		case 'tokens':
		case 'name': {
			return node => node.totals.total;
		}

		default: {
			key satisfies never;
			return () => 0;
		}
	}
}

/**
What "count" means per level: a week/day (and a project, model, agent or device) counts
sessions, a session counts turns, a turn and a call count API calls — the next level down,
like ncdu's item count.
*/
export function countOf(node: TreeNode): number {
	switch (node.kind) {
		case 'root':
		case 'project':
		case 'model':
		case 'agent':
		case 'device':
		case 'week':
		case 'day': {
			return node.totals.sessions;
		}

		case 'session': {
			return node.totals.turns;
		}

		case 'turn':
		case 'call': {
			return node.totals.calls;
		}

		default: {
			node.kind satisfies never;
			return 0;
		}
	}
}

const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
The children in listing order. Default directions follow ncdu: sizes largest first, names
ascending (oldest first); ties fall back to time, then key, so the order is deterministic.
Each child's sort values are read once (a node's totals are made on first read; a comparator
reading them would do so n log n times over a day of 10,000 sessions).
*/
function sortedChildren(children: readonly TreeNode[], sort: Sort, metric: (node: TreeNode) => number): TreeNode[] {
	const values = sort.key === 'name' ? undefined : children.map(metric);
	const firstTimes = children.map(child => child.totals.firstTime);
	const direction = sort.reverse ? -1 : 1;
	const order = children.map((_, index) => index);
	order.sort(
		(a, b) =>
			direction *
			((values ? values[b]! - values[a]! : 0) ||
				firstTimes[a]! - firstTimes[b]! ||
				byKey(children[a]!.key, children[b]!.key)),
	);
	return order.map(index => children[index]!);
}

export function buildListing(node: TreeNode, sort: Sort): Listing {
	const metric = metricFor(sort.key);
	const children = sortedChildren(node.children, sort, metric);
	let max = 0;
	for (const child of children) {
		max = Math.max(max, metric(child));
	}

	let index: Map<string, number> | undefined;
	return {
		node,
		sort,
		children,
		metric,
		max,
		total: metric(node),
		indexOf(key) {
			if (key === undefined) {
				return -1;
			}

			if (!index) {
				index = new Map(children.map((child, position) => [child.key, position]));
			}

			return index.get(key) ?? -1;
		},
	};
}

/** A tiny LRU of listings keyed by node identity and sort. */
export class ListingCache {
	private readonly entries = new Map<TreeNode, Map<string, Listing>>();

	constructor(private readonly capacity = 16) {}

	get(node: TreeNode, sort: Sort): Listing {
		const sortId = `${sort.key}:${sort.reverse}`;
		let bySort = this.entries.get(node);
		if (bySort) {
			// Re-insert to mark as most recently used.
			this.entries.delete(node);
			this.entries.set(node, bySort);
		} else {
			bySort = new Map();
			this.entries.set(node, bySort);
			if (this.entries.size > this.capacity) {
				this.entries.delete(this.entries.keys().next().value!);
			}
		}

		let listing = bySort.get(sortId);
		if (!listing) {
			listing = buildListing(node, sort);
			bySort.set(sortId, listing);
		}

		return listing;
	}
}
