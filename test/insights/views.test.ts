/**
Insights in every view of the tree (model/views.ts): the root holds the same calls whatever the
view, so its insights say the same things (only where they point differs: a node of that view);
a project's node gets insights of its own calls; a week under an agent still gets the billing
windows that weeks get.
*/
import {beforeAll, describe, expect, it} from 'vitest';
import {insightsFor} from '../../source/insights/index.js';
import {buildTree} from '../../source/model/build.js';
import {findByKeyPath, keyPathOf} from '../../source/model/query.js';
import type {UsageStore} from '../../source/model/store.js';
import {viewNames} from '../../source/model/views.js';
import {createPricer} from '../../source/pricing/index.js';
import {loadDemo} from '../support/demo-store.js';

const pricer = createPricer();
let demo: UsageStore;

beforeAll(async () => {
	demo = await loadDemo();
});

describe('insights in every view', () => {
	it('say the same about the root in every view, pointing at nodes of that view', () => {
		const time = buildTree(demo, {timezone: 'UTC', pricer});
		const now = time.root.totals.lastTime + 60_000;
		const said = (view: (typeof viewNames)[number]) => {
			const model = buildTree(demo, {timezone: 'UTC', pricer, view});
			const insights = insightsFor(model, model.root, {now, pricer});
			for (const insight of insights) {
				// Every scope is a key path of this view's tree.
				expect(keyPathOf(findByKeyPath(model, insight.scope.keyPath))).toEqual(insight.scope.keyPath);
			}

			return insights.map(insight => `${insight.rule}: ${JSON.stringify(insight.message)}`).sort();
		};

		const expected = said('time');
		expect(expected.length).toBeGreaterThan(3);
		for (const view of viewNames) {
			expect(said(view), view).toEqual(expected);
		}
	});

	it('look at a project’s own calls; a week under an agent has its billing windows', () => {
		const project = buildTree(demo, {timezone: 'UTC', pricer, view: 'project'});
		const largest = [...project.root.children].sort((a, b) => b.totals.total - a.totals.total)[0]!;
		const insights = insightsFor(project, largest, {now: largest.totals.lastTime, pricer});
		expect(insights.length).toBeGreaterThan(0);
		for (const insight of insights) {
			expect(insight.scope.keyPath[0]).toBe(largest.key);
		}

		// Billing windows are about periods: not on a project, but on a week under an agent.
		expect(insights.some(insight => insight.rule.startsWith('billing-'))).toBe(false);
		const byAgent = buildTree(demo, {timezone: 'UTC', pricer, view: 'agent'});
		const claude = findByKeyPath(byAgent, ['claude']);
		const week = [...claude.children].sort((a, b) => b.totals.total - a.totals.total)[0]!;
		expect(week.kind).toBe('week');
		const rules = insightsFor(byAgent, week, {now: week.totals.lastTime, pricer}).map(insight => insight.rule);
		expect(rules).toContain('billing-blocks');
	});
});
