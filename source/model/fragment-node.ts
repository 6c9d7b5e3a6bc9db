/**
Turn and session nodes (a session's or turn's calls on one day), with totals built on first
read.

Why lazy: a year of heavy use has tens of thousands of turn and session fragments, and one
Totals (with its Maps, activity record and breakdowns) each was most of the tree's memory
and of the build's garbage-collection time, while the TUI reads only the rows it shows. The
builder still sums every fragment once (in a reused scratch builder) for the day above it.

Invariant: the lazy totals are exactly what the eager builder made before, bit for bit: the
same additions in the same order (calls in child order into a turn; turn builders merged in
child order into a session), so float sums round identically.
*/
import type {CallNode} from './call-node.js';
import {TotalsBuilder} from './totals.js';
import type {SessionInfo, SortKeys, Totals, TreeNode, TurnInfo} from './types.js';

/** Adds a turn fragment's calls, in order, to `into`. */
export function addTurnCalls(into: TotalsBuilder, calls: readonly TreeNode[]): void {
	for (const call of calls) {
		into.addCallInfo(call.call!);
	}
}

/**
Merges a session fragment's turns, each summed on its own first, into `into`; `onTurn` sees
each turn's sum (the builder records the turn's sort keys from it).
*/
export function addSessionTurns(
	into: TotalsBuilder,
	turns: readonly TreeNode[],
	scratch = new TotalsBuilder(),
	onTurn?: (turn: TreeNode, sum: TotalsBuilder) => void,
): void {
	for (const turn of turns) {
		scratch.reset();
		addTurnCalls(scratch, turn.children);
		onTurn?.(turn, scratch);
		into.merge(scratch);
	}
}

export class FragmentNode implements TreeNode {
	id = 0;
	parent: TreeNode | undefined = undefined;
	declare turn?: TurnInfo;
	declare continues?: {readonly fromEarlierDay: boolean; readonly toLaterDay: boolean};
	declare sortKeys?: SortKeys;
	#totals: Totals | undefined;

	constructor(
		readonly kind: 'turn' | 'session',
		readonly key: string,
		readonly label: string,
		readonly children: readonly TreeNode[] | readonly CallNode[],
		readonly session: SessionInfo,
	) {}

	get totals(): Totals {
		if (!this.#totals) {
			const builder = new TotalsBuilder();
			if (this.kind === 'turn') {
				addTurnCalls(builder, this.children);
				this.#totals = builder.freeze({turns: 1, sessions: 1});
			} else {
				addSessionTurns(builder, this.children);
				this.#totals = builder.freeze({turns: this.children.length, sessions: 1});
			}
		}

		return this.#totals;
	}

	set totals(value: Totals) {
		Object.defineProperty(this, 'totals', {value, writable: true, enumerable: true, configurable: true});
	}
}
