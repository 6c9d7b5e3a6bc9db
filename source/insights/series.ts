/**
Series for charts and habit rules: per-day tokens and cost of any node (the header sparkline
and the info chart of a root or week, browser/series.ts; days without usage are filled with
zeros between the first and last day), and weekday
(Monday first) and hour-of-day histograms in the tree's time zone. Pure; walks the node's
subtree once per call.
*/
import {addDays} from '../core/time.js';
import {callsByTime, forEachCall} from '../model/nodes.js';
import {nodesOfKind} from '../model/query.js';
import {type Activity, activities} from '../core/activity.js';
import type {CallInfo, TreeModel, TreeNode} from '../model/types.js';
import {totalOf} from '../core/tokens.js';
import {localTime} from './local-time.js';

export type DayPoint = {day: string; tokens: number; costUSD: number};
export type Histogram = {tokens: number[]; costUSD: number[]; calls: number[]};

/** Longest series we fill (about 10 years), so absurd timestamps cannot exhaust memory. */
const maxDays = 3700;

export function callsUnder(node: TreeNode): CallInfo[] {
	return callsByTime(node).map(item => item.call);
}

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

export function addToHistogram(histogram: Histogram, index: number, call: CallInfo): void {
	histogram.tokens[index]! += totalOf(call.tokens);
	histogram.costUSD[index]! += call.costUSD ?? 0;
	histogram.calls[index]! += 1;
}

/** 0 = Monday … 6 = Sunday, of the local calendar day. */
export function weekdayOf(time: number, timezone: string): number {
	return localTime(time, timezone).weekday;
}

export const weekdayNames = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

export function weekdayHistogramOf(calls: readonly CallInfo[], timezone: string): Histogram {
	const histogram = emptyHistogram(7);
	for (const call of calls) {
		addToHistogram(histogram, weekdayOf(call.time, timezone), call);
	}

	return histogram;
}

export function hourHistogramOf(calls: readonly CallInfo[], timezone: string): Histogram {
	const histogram = emptyHistogram(24);
	for (const call of calls) {
		addToHistogram(histogram, localTime(call.time, timezone).hour, call);
	}

	return histogram;
}

export function weekdayHistogram(model: TreeModel, node: TreeNode): Histogram {
	return weekdayHistogramOf(callsUnder(node), model.timezone);
}

export function hourHistogram(model: TreeModel, node: TreeNode): Histogram {
	return hourHistogramOf(callsUnder(node), model.timezone);
}

/** Tool calls per local hour of day, by activity (24 counts per activity). */
export function toolsByHour(model: TreeModel, node: TreeNode): Record<Activity, number[]> {
	const result = Object.fromEntries(activities.map(activity => [activity, new Array<number>(24).fill(0)])) as Record<
		Activity,
		number[]
	>;
	for (const call of callsUnder(node)) {
		const {hour} = localTime(call.time, model.timezone);
		for (const tool of call.tools) {
			result[tool.activity][hour]! += 1;
		}
	}

	return result;
}
