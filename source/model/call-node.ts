/**
The leaf node of the tree: one API call.

A tree has one leaf per API call (most of its nodes), so a leaf carries nothing it does not
need: no children array of its own (all leaves share one frozen empty array), and no Totals
until someone reads them. Its totals are a pure function of its CallInfo (`callTotals`),
built on first read by a getter on the class prototype (no closure per node) and then kept.
Assigning `totals` by hand turns the property into plain own data; from then on the totals
are no longer provably derived (see `hasDerivedCallTotals`, which the export relies on to
write leaves straight from the CallInfo).
*/
import {callSortKeys, callTotals} from './totals.js';
import type {CallInfo, SessionInfo, SortKeys, Totals, TreeNode, TurnInfo} from './types.js';

export const noChildren: readonly TreeNode[] = Object.freeze([]);

/** Sibling keys `1`, `2`, … are the same few strings in every turn: make each once. */
const indexKeys: string[] = [];

export function indexKey(index: number): string {
	while (indexKeys.length <= index) {
		indexKeys.push(String(indexKeys.length + 1));
	}

	return indexKeys[index]!;
}

export class CallNode implements TreeNode {
	id = 0;
	readonly kind = 'call';
	key = '';
	readonly label: string;
	parent: TreeNode | undefined = undefined;
	readonly children = noChildren;
	readonly session: SessionInfo;
	turn: TurnInfo;
	readonly call: CallInfo;
	#totals: Totals | undefined;

	constructor(call: CallInfo, session: SessionInfo, turn: TurnInfo) {
		this.label = call.model;
		this.session = session;
		this.turn = turn;
		this.call = call;
	}

	get totals(): Totals {
		this.#totals ??= callTotals({info: this.call});
		return this.#totals;
	}

	set totals(value: Totals) {
		Object.defineProperty(this, 'totals', {value, writable: true, enumerable: true, configurable: true});
	}

	/** What listings and series sort by, straight from the call (undefined once totals were assigned). */
	get sortKeys(): SortKeys | undefined {
		return Object.hasOwn(this, 'totals') ? undefined : callSortKeys(this.call);
	}
}

const byTime = new WeakMap<TreeNode, readonly TreeNode[]>();

/**
The call leaves under a node in time order, ties in tree order (node id), when the builder
recorded them (it does for the root, whose calls it has just sorted anyway); else undefined.
*/
export function recordedCallsByTime(node: TreeNode): readonly TreeNode[] | undefined {
	return byTime.get(node);
}

export function recordCallsByTime(node: TreeNode, calls: readonly TreeNode[]): void {
	byTime.set(node, calls);
}

/**
True while a call node's totals are still the builder's lazy ones (read or not), which are by
construction `callTotals` of `node.call`; lets the export write them straight from the call
without materialising (and keeping) a Totals object per leaf.
*/
export function hasDerivedCallTotals(node: TreeNode): boolean {
	return node instanceof CallNode && !Object.hasOwn(node, 'totals');
}
