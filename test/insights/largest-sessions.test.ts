/**
The largest sessions under a node (the info pane's table), on the demo data: every row checked
against the session nodes' own totals, a week's day fragments of one session merged, the
order by tokens, and nothing for a session and below.
*/
import {beforeAll, describe, expect, it} from 'vitest';
import {totalOf} from '../../source/core/tokens.js';
import {largestSessions} from '../../source/insights/largest-sessions.js';
import {nodesOfKind} from '../../source/model/query.js';
import type {TreeModel, TreeNode} from '../../source/model/types.js';
import type {ViewName} from '../../source/model/views.js';
import {loadDemo} from '../support/demo-store.js';
import {treeOf} from '../support/ui-data.js';

type Expected = {total: number; costUSD: number | null; pricedCostUSD: number; cacheRead: number; fragments: number};

/** Per session identity: the sums of its session nodes under `node` (the test's own reading). */
function expectedSums(node: TreeNode): Map<string, Expected> {
	const sums = new Map<string, Expected>();
	for (const fragment of nodesOfKind(node, 'session')) {
		const key = `${fragment.session!.agent}:${fragment.session!.sessionId}`;
		const sum = sums.get(key) ?? {total: 0, costUSD: 0, pricedCostUSD: 0, cacheRead: 0, fragments: 0};
		sum.total += fragment.totals.total;
		sum.costUSD =
			sum.costUSD === null || fragment.totals.costUSD === null ? null : sum.costUSD + fragment.totals.costUSD;
		sum.pricedCostUSD += fragment.totals.pricedCostUSD;
		sum.cacheRead += fragment.totals.tokens.cacheRead;
		sum.fragments++;
		sums.set(key, sum);
	}

	return sums;
}

function checkAgainstSessionNodes(node: TreeNode): void {
	const top = largestSessions(node)!;
	const expected = expectedSums(node);
	expect(top).toHaveLength(Math.min(5, expected.size));
	for (const size of top) {
		const sum = expected.get(size.key)!;
		expect(size.total).toBe(sum.total);
		expect(totalOf(size.tokens)).toBe(sum.total);
		expect(size.tokens.cacheRead).toBe(sum.cacheRead);
		expect(size.fragments).toBe(sum.fragments);
		expect(size.pricedCostUSD).toBeCloseTo(sum.pricedCostUSD, 9);
		if (sum.costUSD === null) {
			expect(size.costUSD).toBeNull();
		} else {
			expect(size.costUSD).toBeCloseTo(sum.costUSD, 9);
		}
	}

	// The largest, in order: no session left out is larger than the last one kept.
	const totals = [...expected.values()].map(sum => sum.total).sort((a, b) => b - a);
	expect(top.map(size => size.total)).toEqual(totals.slice(0, 5));
}

describe('largestSessions on the demo data', () => {
	const trees = new Map<ViewName, TreeModel>();
	beforeAll(async () => {
		const store = await loadDemo();
		for (const view of ['time', 'project', 'model'] as const) {
			trees.set(view, treeOf(store, {}, view));
		}
	});

	it('a day, a week and the root: the session nodes summed, the largest first', () => {
		const root = trees.get('time')!.root;
		const week = root.children[0]!;
		const day = week.children.reduce((a, b) => (b.totals.sessions > a.totals.sessions ? b : a));
		for (const node of [day, week, root]) {
			checkAgainstSessionNodes(node);
		}
	});

	it('merges the day fragments of a session that crossed midnight', () => {
		const root = trees.get('time')!.root;
		const crossing = root.children.find(week =>
			nodesOfKind(week, 'session').some(session => session.continues?.toLaterDay),
		);
		expect(crossing, 'the demo data has a session that crosses midnight').toBeDefined();
		const merged = largestSessions(crossing!, 1000)!;
		expect(merged.some(size => size.fragments > 1)).toBe(true);
		expect(merged.reduce((sum, size) => sum + size.total, 0)).toBe(crossing!.totals.total);
		expect(merged).toHaveLength(crossing!.totals.sessions);
	});

	it('the group nodes of other views: a project, a model', () => {
		for (const view of ['project', 'model'] as const) {
			const group = trees.get(view)!.root.children[0]!;
			checkAgainstSessionNodes(group);
		}
	});

	it('has nothing for a session and below', () => {
		const session = nodesOfKind(trees.get('time')!.root, 'session')[0]!;
		expect(largestSessions(session)).toBeUndefined();
		expect(largestSessions(session.children[0]!)).toBeUndefined();
	});
});
