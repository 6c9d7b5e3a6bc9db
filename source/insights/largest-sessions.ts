/**
The largest sessions under a node above the session level (root, week, day, project, model,
agent, device): the info pane's table. Read from the node's session nodes and their sums (no
pass over the calls beyond what those totals already took). A session can sit under a week as
fragments of several days (and under a model view's root as one fragment per model): fragments
of one session (agent + id) are merged, so each row is the session's whole part of the node.
*/
import {cacheHitRate, type TokenCounts, addTokens, totalOf, zeroTokens} from '../core/tokens.js';
import {nodesOfKind} from '../model/query.js';
import type {CostSource, SessionInfo, Totals, TreeNode} from '../model/types.js';

export type SessionSize = {
	/** `agent:sessionId`: the session's identity across fragments. */
	readonly key: string;
	readonly session: SessionInfo;
	/** The session's calls under the node, summed over its fragments. */
	readonly tokens: TokenCounts;
	readonly total: number;
	readonly costUSD: number | null;
	readonly pricedCostUSD: number;
	readonly costSource: CostSource;
	readonly cacheHitRate: number;
	/** How many fragments (days, or models in the model view) were merged. */
	readonly fragments: number;
};

type Sum = {
	session: SessionInfo;
	tokens: TokenCounts;
	costUSD: number | null;
	pricedCostUSD: number;
	costSource: CostSource;
	fragments: number;
};

/** Two fragments' cost sources as one: equal stays, `none` (no calls) gives way, else `mixed`. */
function mergedSource(a: CostSource, b: CostSource): CostSource {
	return a === b || b === 'none' ? a : a === 'none' ? b : 'mixed';
}

function addFragment(sums: Map<string, Sum>, session: SessionInfo, totals: Totals): void {
	const key = `${session.agent}:${session.sessionId}`;
	const sum = sums.get(key);
	if (!sum) {
		const tokens = zeroTokens();
		addTokens(tokens, totals.tokens);
		sums.set(key, {
			session,
			tokens,
			costUSD: totals.costUSD,
			pricedCostUSD: totals.pricedCostUSD,
			costSource: totals.costSource,
			fragments: 1,
		});
		return;
	}

	addTokens(sum.tokens, totals.tokens);
	sum.costUSD = sum.costUSD === null || totals.costUSD === null ? null : sum.costUSD + totals.costUSD;
	sum.pricedCostUSD += totals.pricedCostUSD;
	sum.costSource = mergedSource(sum.costSource, totals.costSource);
	sum.fragments++;
}

/** Larger first; ties by key, so the order does not depend on the walk. */
function larger(a: SessionSize, b: SessionSize): boolean {
	return a.total > b.total || (a.total === b.total && a.key < b.key);
}

/**
The `count` largest sessions by tokens under `node`, largest first; undefined for a session and
below (the node is one session or part of one).
*/
export function largestSessions(node: TreeNode, count = 5): SessionSize[] | undefined {
	if (node.kind === 'session' || node.kind === 'turn' || node.kind === 'call') {
		return undefined;
	}

	const sums = new Map<string, Sum>();
	for (const fragment of nodesOfKind(node, 'session')) {
		if (fragment.session) {
			addFragment(sums, fragment.session, fragment.totals);
		}
	}

	// A partial top-`count` by insertion: thousands of sessions, only a handful kept.
	const top: SessionSize[] = [];
	for (const [key, sum] of sums) {
		const size: SessionSize = {key, ...sum, total: totalOf(sum.tokens), cacheHitRate: cacheHitRate(sum.tokens)};
		if (top.length === count && !larger(size, top.at(-1)!)) {
			continue;
		}

		let index = top.length;
		while (index > 0 && larger(size, top[index - 1]!)) {
			index--;
		}

		top.splice(index, 0, size);
		top.length = Math.min(top.length, count);
	}

	return top;
}
