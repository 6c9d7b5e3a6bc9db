/**
`agent-ncdu watch --budget`: WatchAlerts (cli/watch-mode.ts) tells when the current day's,
week's or month's spending passes 60/80/95 % of the budget, once per level and period, on the
demo data (17 November 2026 spent $8.65 estimated, the 18th $0.69).
*/
import path from 'node:path';
import {expect, it} from 'vitest';
import {WatchAlerts} from '../../source/cli/watch-mode.js';
import {blockStatus} from '../../source/insights/block-status.js';
import {type Budget, parseBudget} from '../../source/insights/budget.js';
import {buildTree} from '../../source/model/build.js';
import {loadUsage} from '../../source/pipeline/load.js';
import {repoRoot} from '../support/cli.js';
import {pricer} from '../support/pricer.js';

it('tells each budget level once per period, and again in the next period', async () => {
	const {store} = await loadUsage({dataDirs: [path.join(repoRoot, 'fixtures', 'demo')]});
	const model = buildTree(store, {timezone: 'UTC', pricer});
	const lines = (alerts: WatchAlerts, iso: string) => {
		const now = Date.parse(iso);
		// The demo's blocks have their own lines (watch-alerts.test.ts); these are the budget's and the days'.
		return alerts.linesFor(model, blockStatus(model, now), now).filter(line => !line.includes('5-hour block'));
	};

	const tenDollars = new WatchAlerts('UTC', Date.parse('2026-11-17T12:00:00Z'), parseBudget('$10/day') as Budget);
	expect(lines(tenDollars, '2026-11-17T12:00:00Z')).toEqual([
		'2026-11-17 12:00 ⚠ 80% of the budget $10/day: 87% used ($8.65 in 2026-11-17) · 12h 00m left in the day',
	]);
	expect(lines(tenDollars, '2026-11-17T12:01:00Z')).toEqual([]);

	const halfDollar = new WatchAlerts('UTC', Date.parse('2026-11-17T12:00:00Z'), parseBudget('$0.5/day') as Budget);
	expect(lines(halfDollar, '2026-11-17T12:00:00Z')).toEqual([
		'2026-11-17 12:00 ✖ 95% of the budget $0.50/day: 1731% used ($8.65 in 2026-11-17) · 12h 00m left in the day',
	]);
	const nextDay = lines(halfDollar, '2026-11-18T09:00:00Z');
	expect(nextDay).toHaveLength(2);
	expect(nextDay[0]).toContain('● 2026-11-17 ended');
	expect(nextDay[1]).toBe(
		'2026-11-18 09:00 ✖ 95% of the budget $0.50/day: 139% used ($0.69 in 2026-11-18) · 15h 00m left in the day',
	);

	const quiet = new WatchAlerts('UTC', Date.parse('2026-11-17T12:00:00Z'));
	expect(lines(quiet, '2026-11-17T12:00:00Z')).toEqual([]);
});
