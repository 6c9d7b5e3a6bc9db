/**
Series for charts and habit rules: per-day tokens and cost of any node (the header sparkline
and the info chart of a root or week, browser/series.ts; days without usage are filled with
zeros between the first and last day), and weekday
(Monday first) and hour-of-day histograms in the tree's time zone. Pure; walks the node's
subtree once per call; the histograms read the node's calls through a Scope (scope.ts).
*/
import {addDays} from '../core/time.js';
import {forEachCall} from '../model/nodes.js';
import {nodesOfKind} from '../model/query.js';
import {type Activity, activities} from '../core/activity.js';
import type {TreeModel, TreeNode} from '../model/types.js';
import {localTime} from './local-time.js';
import {buildScope} from './scope.js';

export type DayPoint = {day: string; tokens: number; costUSD: number};
export type Histogram = {tokens: number[]; costUSD: number[]; calls: number[]};

/** Longest series we fill (about 10 years), so absurd timestamps cannot exhaust memory. */
const maxDays = 3700;

/**
Tokens and cost per local day of `node`, one point for every day from its first to its last
(zeros where nothing was used; at most 3700 days). Cost is the priced part: an unpriced call
adds 0. A root or week reads its day nodes' totals (no walk over millions of calls); a node
below a day buckets its calls by their day in `timeZone`.
*/
export function dailySeries(node: TreeNode, timeZone: string): DayPoint[] {
	const byDay = new Map<string, DayPoint>();
	const add = (day: string, tokens: number, costUSD: number) => {
		const point = byDay.get(day) ?? {day, tokens: 0, costUSD: 0};
		point.tokens += tokens;
		point.costUSD += costUSD;
		byDay.set(day, point);
	};

	const dayNodes = nodesOfKind(node, 'day');
	for (const day of dayNodes) {
		add(day.key, day.totals.total, day.totals.costUSD ?? day.totals.pricedCostUSD);
	}

	if (dayNodes.length === 0) {
		forEachCall(node, (time, tokens, pricedCostUSD) => add(localTime(time, timeZone).day, tokens, pricedCostUSD));
	}

	const days = [...byDay.keys()].sort();
	const first = days[0];
	const last = days.at(-1);
	if (first === undefined || last === undefined) {
		return [];
	}

	const series: DayPoint[] = [];
	for (let day = first; day <= last && series.length < maxDays; day = addDays(day, 1)) {
		series.push(byDay.get(day) ?? {day, tokens: 0, costUSD: 0});
	}

	return series;
}

export const emptyHistogram = (size: number): Histogram => ({
	tokens: new Array<number>(size).fill(0),
	costUSD: new Array<number>(size).fill(0),
	calls: new Array<number>(size).fill(0),
});

export function addToHistogram(histogram: Histogram, index: number, tokens: number, costUSD: number): void {
	histogram.tokens[index]! += tokens;
	histogram.costUSD[index]! += costUSD;
	histogram.calls[index]! += 1;
}

export const weekdayNames = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

/** Tokens, priced cost and calls of a node by local weekday (0 = Monday) or hour of day. */
function histogramOf(model: TreeModel, node: TreeNode, bucket: 'weekday' | 'hour'): Histogram {
	const scope = buildScope(model, node);
	const histogram = emptyHistogram(bucket === 'weekday' ? 7 : 24);
	for (let call = 0; call < scope.size; call++) {
		addToHistogram(histogram, scope[bucket](call), scope.total(call), scope.cost(call));
	}

	return histogram;
}

export function weekdayHistogram(model: TreeModel, node: TreeNode): Histogram {
	return histogramOf(model, node, 'weekday');
}

export function hourHistogram(model: TreeModel, node: TreeNode): Histogram {
	return histogramOf(model, node, 'hour');
}

/** Tool calls per local hour of day, by activity (24 counts per activity). */
export function toolsByHour(model: TreeModel, node: TreeNode): Record<Activity, number[]> {
	const result = Object.fromEntries(activities.map(activity => [activity, new Array<number>(24).fill(0)])) as Record<
		Activity,
		number[]
	>;
	const scope = buildScope(model, node);
	for (let call = 0; call < scope.size; call++) {
		for (let tool = 0; tool < scope.toolCount(call); tool++) {
			result[activities[scope.toolActivity(call, tool)]!][scope.hour(call)]! += 1;
		}
	}

	return result;
}
