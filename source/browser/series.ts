/**
The series behind the header sparkline and the info pane's chart, for the current scope:
root/week → one value per calendar day (gaps filled with zero, so the shape is honest);
day → per hour; session → per turn (context growth shows); turn → per API call.
Pure: walks only the subtree of the scope, once per (node, metric) thanks to memoization
in the UI.
*/
import {localParts} from '../core/time.js';
import {dailySeries} from '../insights/series.js';
import {forEachCall} from '../model/nodes.js';
import type {TreeNode} from '../model/types.js';

export type SeriesMetric = 'tokens' | 'cost';

export type ScopeSeries = {
	/** `daily`, `hourly`, `per turn`, `per call`. */
	readonly unit: string;
	readonly values: readonly number[];
	/** Label of the first and last bucket (days or hours), when meaningful. */
	readonly from?: string;
	readonly to?: string;
};

/** A node's tokens or cost (the priced part when some of it is unpriced). */
function metricValue(node: TreeNode, metric: SeriesMetric): number {
	const {totals} = node;
	return metric === 'tokens' ? totals.total : (totals.costUSD ?? totals.pricedCostUSD);
}

const firstTimeOf = (node: TreeNode) => node.totals.firstTime;

function daily(node: TreeNode, metric: SeriesMetric, timeZone: string): ScopeSeries {
	const points = dailySeries(node, timeZone);
	return {
		unit: 'daily',
		values: points.map(point => (metric === 'tokens' ? point.tokens : point.costUSD)),
		...(points.length > 0 ? {from: points[0]!.day, to: points.at(-1)!.day} : {}),
	};
}

/** Zone offsets only change on quarter-hour instants, so one lookup per quarter hour is exact. */
const quarterHour = 900_000;

function hourly(node: TreeNode, metric: SeriesMetric, timeZone: string): ScopeSeries {
	const values = new Array<number>(24).fill(0);
	// Intl lookups cost ~10 µs each; a busy day has 10k+ calls but at most ~100 quarter hours.
	const hourOfSlot = new Map<number, number>();
	// From the calls' own figures: a busy day has 10k+ calls, too many to make nodes for.
	forEachCall(node, (time, tokens, pricedCostUSD) => {
		const slot = Math.floor(time / quarterHour);
		let hour = hourOfSlot.get(slot);
		if (hour === undefined) {
			hour = localParts(slot * quarterHour, timeZone).hour;
			hourOfSlot.set(slot, hour);
		}

		values[hour]! += metric === 'tokens' ? tokens : pricedCostUSD;
	});
	return {unit: 'hourly', values, from: '00h', to: '23h'};
}

function ordered(node: TreeNode, metric: SeriesMetric, unit: string): ScopeSeries {
	const children = [...node.children].sort((a, b) => firstTimeOf(a) - firstTimeOf(b));
	return {unit, values: children.map(child => metricValue(child, metric))};
}

export function scopeSeries(node: TreeNode, metric: SeriesMetric, timeZone: string): ScopeSeries {
	switch (node.kind) {
		case 'root':
		case 'project':
		case 'model':
		case 'agent':
		case 'device':
		case 'week': {
			return daily(node, metric, timeZone);
		}

		case 'day': {
			return hourly(node, metric, timeZone);
		}

		case 'session': {
			return ordered(node, metric, 'per turn');
		}

		case 'turn': {
			return ordered(node, metric, 'per call');
		}

		case 'call': {
			return {unit: 'per call', values: [metricValue(node, metric)]};
		}

		default: {
			node.kind satisfies never;
			return {unit: '', values: []};
		}
	}
}
