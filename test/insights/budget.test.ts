/**
Budgets (issue 17, item 5): the `--budget`/`B` syntax, and what the current day, ISO week or
month has used of it, with a fixed clock, over the realistic UI usage (three agents, three
weeks of February 2026) and in a zone whose day is 23 hours long.
*/
import {describe, expect, it} from 'vitest';
import {buildTree} from '../../source/model/build.js';
import {type Budget, budgetStatus, budgetText, parseBudget} from '../../source/insights/budget.js';
import {call, session, tokens, turn} from '../support/events.js';
import {pricer} from '../support/pricer.js';
import {treeOf, usageStore} from '../support/ui-data.js';

const hour = 3_600_000;

describe('parseBudget', () => {
	it.each([
		['2M/week', {amount: 2_000_000, unit: 'tokens', period: 'week'}],
		['500k/day', {amount: 500_000, unit: 'tokens', period: 'day'}],
		['2.3M per day', {amount: 2_300_000, unit: 'tokens', period: 'day'}],
		['1_500_000 tokens/monthly', {amount: 1_500_000, unit: 'tokens', period: 'month'}],
		['$200/month', {amount: 200, unit: 'usd', period: 'month'}],
		[' $12.50 / d ', {amount: 12.5, unit: 'usd', period: 'day'}],
		['$1.5k/mo', {amount: 1500, unit: 'usd', period: 'month'}],
		['40usd/w', {amount: 40, unit: 'usd', period: 'week'}],
	] as const)('reads %s', (text, budget) => {
		expect(parseBudget(text)).toEqual(budget);
	});

	it.each([
		['', /use AMOUNT\/PERIOD/],
		['50', /use AMOUNT\/PERIOD/],
		['$/day', /use AMOUNT\/PERIOD/],
		['2M/fortnight', /"fortnight" is not a period: use day, week or month/],
		['50/day', /50 tokens is less than one request: for dollars write \$50\/day/],
		['$5 tokens/day', /either dollars .* or tokens/],
		['$0/day', /more than zero/],
		['1.5/day', /tokens are whole/],
		['-3/day', /use AMOUNT\/PERIOD/],
	])('says why %j is not a budget', (text, reason) => {
		const result = parseBudget(text);
		expect('error' in result && result.error).toMatch(reason);
	});

	it('writes a budget as text that reads back as the same budget', () => {
		for (const text of ['2M/week', '1.5M/day', '500k/day', '1234567/month', '$50/day', '$12.50/week', '3B/month']) {
			const budget = parseBudget(text) as Budget;
			expect(budgetText(budget)).toBe(text);
			expect(parseBudget(budgetText(budget))).toEqual(budget);
		}
	});
});

describe('budgetStatus', () => {
	const tree = treeOf(usageStore());
	const week = (key: string) => tree.root.children.find(node => node.key === key)!;
	const day = (weekKey: string, key: string) => week(weekKey).children.find(node => node.key === key)!;
	// Friday 2026-02-13, noon UTC.
	const now = Date.parse('2026-02-13T12:00:00Z');

	it('counts the day, the ISO week and the month holding now, and the time left in each', () => {
		const today = day('2026-W07', '2026-02-13').totals.total;
		const daily = budgetStatus(tree, {amount: 100_000, unit: 'tokens', period: 'day'}, now);
		expect(daily).toMatchObject({periodKey: '2026-02-13', used: today, msLeft: 12 * hour});
		expect(daily.ratio).toBeCloseTo(today / 100_000);

		const weekly = budgetStatus(tree, {amount: 2_000_000, unit: 'tokens', period: 'week'}, now);
		expect(weekly).toMatchObject({periodKey: '2026-W07', used: week('2026-W07').totals.total});
		// Until Monday 2026-02-16 00:00.
		expect(weekly.msLeft).toBe((2 * 24 + 12) * hour);

		const monthly = budgetStatus(tree, {amount: 50, unit: 'usd', period: 'month'}, now);
		expect(monthly.periodKey).toBe('2026-02');
		// Every call of the data is in February: the month has spent what the whole tree did.
		expect(monthly.used).toBeCloseTo(tree.root.totals.pricedCostUSD, 9);
		expect(monthly.msLeft).toBe((15 * 24 + 12) * hour);
	});

	it('warns at 60, 80 and 95 percent', () => {
		const used = week('2026-W07').totals.total;
		const levelAt = (share: number) =>
			budgetStatus(tree, {amount: Math.round(used / share), unit: 'tokens', period: 'week'}, now).level;
		expect([levelAt(0.59), levelAt(0.61), levelAt(0.81), levelAt(0.96), levelAt(1.5)]).toEqual([0, 60, 80, 95, 95]);
	});

	it('is zero in a period without usage', () => {
		const status = budgetStatus(tree, {amount: 10, unit: 'usd', period: 'week'}, Date.parse('2026-03-04T10:00:00Z'));
		expect(status).toMatchObject({periodKey: '2026-W10', used: 0, ratio: 0, level: 0});
	});

	it('cuts days in the tree time zone, where a DST day has 23 hours', () => {
		// Europe/Berlin moves to summer time on 2026-03-29: that day ends at 22:00 UTC.
		const events = [
			session('claude', 'dst', {project: 'clock-change'}),
			turn('claude', 'dst', 't', '2026-03-29T05:00:00Z', 'hello'),
			call('claude', 'dst', '2026-03-29T05:00:10Z', {turnId: 't', tokens: tokens({input: 6000, output: 1000})}),
			// 2026-03-28 23:30 in Berlin: the day before.
			call('claude', 'dst', '2026-03-28T22:30:00Z', {turnId: 't', tokens: tokens({input: 900, output: 100})}),
		];
		const berlin = buildTree(usageStore(events), {timezone: 'Europe/Berlin', pricer});
		const status = budgetStatus(
			berlin,
			{amount: 10_000, unit: 'tokens', period: 'day'},
			Date.parse('2026-03-29T12:00:00Z'),
		);
		expect(status).toMatchObject({periodKey: '2026-03-29', used: 7000, msLeft: 10 * hour});
	});
});
