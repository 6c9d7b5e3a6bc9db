/**
What moved most against the period before (issue 17, item 4), on the realistic UI usage: week
2026-W07 (a night-owl Claude session, Gemini docs, a Codex sandbox with an unpriced model)
against 2026-W06 (a Claude refactor of billing-service, a Codex lint of web-app). Every figure
is checked against the tree's own totals, read another way (per-model breakdowns, session nodes).
*/
import {describe, expect, it} from 'vitest';
import {movedMost} from '../../source/insights/movers.js';
import {nodesOfKind} from '../../source/model/query.js';
import type {TreeNode} from '../../source/model/types.js';
import {totalOf} from '../../source/core/tokens.js';
import {treeOf, usageStore} from '../support/ui-data.js';

const tree = treeOf(usageStore());
const week = (key: string) => tree.root.children.find(node => node.key === key)!;

/** Tokens per project of a period, from its session nodes. */
function projectTokens(node: TreeNode): Map<string, number> {
	const sums = new Map<string, number>();
	for (const session of nodesOfKind(node, 'session')) {
		const project = session.session!.project;
		sums.set(project, (sums.get(project) ?? 0) + session.totals.total);
	}

	return sums;
}

function delta(now: Map<string, number>, before: Map<string, number>): Map<string, number> {
	const result = new Map<string, number>();
	for (const key of new Set([...now.keys(), ...before.keys()])) {
		result.set(key, (now.get(key) ?? 0) - (before.get(key) ?? 0));
	}

	return result;
}

describe('movedMost', () => {
	it('lists the projects that rose and fell most, as the session nodes add up', () => {
		const moved = movedMost(week('2026-W07'), 10)!;
		expect(moved.previous.key).toBe('2026-W06');
		const expected = delta(projectTokens(week('2026-W07')), projectTokens(week('2026-W06')));
		const {up, down} = moved.movers.projects;
		expect(new Map([...up, ...down].map(mover => [mover.label, mover.tokens]))).toEqual(
			new Map([...expected].filter(([, tokens]) => tokens !== 0)),
		);
		expect(up.map(mover => mover.tokens)).toEqual([...up.map(mover => mover.tokens)].sort((a, b) => b - a));
		expect(down.map(mover => mover.label).sort()).toEqual(['billing-service', 'web-app']);
		expect(down.every(mover => mover.tokens < 0 && mover.costUSD < 0)).toBe(true);
	});

	it('moves models by their per-model breakdowns, and tokens and cost add up to the change of the period', () => {
		const [now, before] = [week('2026-W07'), week('2026-W06')];
		const byModel = (node: TreeNode) =>
			new Map([...node.totals.byModel].map(([model, value]) => [model, totalOf(value.tokens)]));
		const moved = movedMost(now, 10)!;
		const models = [...moved.movers.models.up, ...moved.movers.models.down];
		expect(new Map(models.map(mover => [mover.key, mover.tokens]))).toEqual(
			new Map([...delta(byModel(now), byModel(before))].filter(([, tokens]) => tokens !== 0)),
		);
		for (const kind of ['projects', 'sessions', 'models'] as const) {
			const all = [...moved.movers[kind].up, ...moved.movers[kind].down];
			expect(all.reduce((sum, mover) => sum + mover.tokens, 0)).toBe(now.totals.total - before.totals.total);
			expect(all.reduce((sum, mover) => sum + mover.costUSD, 0)).toBeCloseTo(
				now.totals.pricedCostUSD - before.totals.pricedCostUSD,
				9,
			);
		}
	});

	it('names sessions by project and id, keeps at most `count` each way, and compares days too', () => {
		const moved = movedMost(week('2026-W07'), 1)!;
		expect(moved.movers.sessions.up).toHaveLength(1);
		expect(moved.movers.sessions.down).toHaveLength(1);
		expect(moved.movers.sessions.down[0]!.label).toBe('billing-service · refactor');

		const day = week('2026-W07').children.find(node => node.key === '2026-02-13')!;
		const daily = movedMost(day)!;
		expect(daily.previous.key).toBe('2026-02-12');
		expect(daily.movers.projects.up.map(mover => mover.label)).toContain('docs-site');
	});

	it('has nothing to compare with for the first week, and nothing for other nodes', () => {
		expect(movedMost(week('2026-W06'))).toBeUndefined();
		expect(movedMost(tree.root)).toBeUndefined();
		expect(movedMost(nodesOfKind(week('2026-W07'), 'session')[0]!)).toBeUndefined();
	});
});
