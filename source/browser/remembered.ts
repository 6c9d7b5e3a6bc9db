/**
The remembered view: what the browser restores on the next run (sort, filters, graph mode,
the last opened path, the budget). Pure: the CLI reads and writes it in the config file. Anything that does
not validate is dropped field by field, so a hand-edited or older file never breaks start-up.
*/
import {isAgentId} from '../core/agents.js';
import {type Budget, budgetPeriods, type BudgetUnit} from '../insights/budget.js';
import {asRecord} from '../core/json-object.js';
import {type Filters, noFilters, type TimeRange} from './filters.js';
import type {Sort, SortKey} from './listing.js';
import type {GraphMode} from './state.js';

export type RememberedView = {
	readonly sort: Sort;
	readonly filters: Filters;
	readonly graph: GraphMode;
	readonly path: readonly string[];
	/** Set with `B` (or `--budget`); absent when there is none. */
	readonly budget?: Budget;
};

const sortKeys: readonly SortKey[] = ['tokens', 'cost', 'name', 'count'];
const graphModes: readonly GraphMode[] = ['bar', 'percent', 'both'];

function parseTime(value: unknown): TimeRange {
	const time = asRecord(value);
	if (time?.['kind'] === 'today' || time?.['kind'] === 'all') {
		return {kind: time['kind']};
	}

	if (time?.['kind'] === 'last' && (time['days'] === 7 || time['days'] === 30)) {
		return {kind: 'last', days: time['days']};
	}

	if (time?.['kind'] === 'custom' && typeof time['since'] === 'string' && typeof time['until'] === 'string') {
		return {kind: 'custom', since: time['since'], until: time['until']};
	}

	return {kind: 'all'};
}

const budgetUnits: readonly BudgetUnit[] = ['tokens', 'usd'];

/** A budget as written in the config file (`{"amount": 50, "unit": "usd", "period": "day"}`), when it is one. */
function parseBudgetRecord(value: unknown): Budget | undefined {
	const budget = asRecord(value);
	const amount = budget?.['amount'];
	const unit = budgetUnits.find(item => item === budget?.['unit']);
	const period = budgetPeriods.find(item => item === budget?.['period']);
	if (typeof amount !== 'number' || !(amount > 0) || !Number.isFinite(amount) || !unit || !period) {
		return undefined;
	}

	return {amount: unit === 'tokens' ? Math.round(amount) : amount, unit, period};
}

/** The `view` section of the config file → a view, or undefined when there is none. */
export function parseRememberedView(value: unknown): RememberedView | undefined {
	const view = asRecord(value);
	if (!view) {
		return undefined;
	}

	const sort = asRecord(view['sort']);
	const filters = asRecord(view['filters']);
	const budget = parseBudgetRecord(view['budget']);
	const agent = typeof filters?.['agent'] === 'string' && isAgentId(filters['agent']) ? filters['agent'] : undefined;
	return {
		sort: {key: sortKeys.find(key => key === sort?.['key']) ?? 'tokens', reverse: sort?.['reverse'] === true},
		filters: {
			...noFilters,
			text: typeof filters?.['text'] === 'string' ? filters['text'] : '',
			agent,
			device: typeof filters?.['device'] === 'string' ? filters['device'] : undefined,
			time: parseTime(filters?.['time']),
		},
		graph: graphModes.find(mode => mode === view['graph']) ?? 'both',
		path: Array.isArray(view['path'])
			? view['path'].filter((key): key is string => typeof key === 'string').slice(0, 8)
			: [],
		...(budget ? {budget} : {}),
	};
}
