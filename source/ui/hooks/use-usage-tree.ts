/**
What one load shows: the clock reading it is described at, the tree under the current filters,
and, over all usage, the active 5-hour billing block and the budget's period.
*/
import {useEffect, useMemo, useRef, useState} from 'react';
import {type Filters, toTreeFilter} from '../../browser/filters.js';
import {blockStatus, blockSummary} from '../../insights/index.js';
import type {BlockStatus} from '../../insights/block-status.js';
import {type Budget, type BudgetStatus, budgetStatus} from '../../insights/budget.js';
import type {TreeModel} from '../../model/types.js';
import type {FooterProps} from '../footer.js';
import type {BlockGauge} from '../limit-gauges.js';
import type {AppOptions, DataSource, LoadedData} from '../types.js';

/**
One clock reading per load: relative time ranges, the billing block and the insights
("frees up in …") describe the data as of the moment it was read, and stay put between key
presses; `r` reads the files and the clock again. 0 while nothing is loaded.
*/
export function useLoadClock(data: LoadedData | undefined, clock: (() => number) | undefined): number {
	const clockRef = useRef(clock ?? Date.now);
	return useMemo(() => (data ? clockRef.current() : 0), [data]);
}

/** The tree of `data` under `filters`; rebuilt (never re-parsed) when the filters change. */
export function useFilteredTree(
	source: DataSource,
	data: LoadedData | undefined,
	filters: Filters,
	now: number,
): TreeModel | undefined {
	const treeFilter = useMemo(() => toTreeFilter(filters, now, source.timezone), [filters, now, source.timezone]);
	return useMemo(() => (data ? source.build(data, treeFilter) : undefined), [data, treeFilter, source]);
}

export type BillingBlock = {
	/** The footer's line; undefined without an active block. */
	readonly footer: FooterProps['block'];
	/** The header's gauge, only when the user gave a limit (`--token-limit`, `--plan`). */
	readonly gauge: BlockGauge | undefined;
};

/** Whether the user gave the block a limit (without one it is measured against the largest earlier block). */
export function hasBlockLimit(limits: AppOptions['blockLimits']): boolean {
	return limits?.tokenLimit !== undefined || limits?.plan !== undefined;
}

/** The header's gauge of the active block against its limit. */
function blockGaugeOf(status: BlockStatus): BlockGauge | undefined {
	const {limit, active} = status;
	if (!limit) {
		return undefined;
	}

	const used = active ? (limit.counts === 'total' ? active.block.tokens : active.block.inputOutputTokens) : undefined;
	return {used, limit: limit.tokens, level: status.warningLevel, minutesLeft: active?.remainingMinutes ?? 0};
}

/**
The billing block: over all usage, since filters do not change what you may spend.
Worked out after the frame that shows the listing (a turn of the event loop later): it scans
every call of the unfiltered tree (and with filters on, that tree is a build of its own), and
the listing must not wait for a footer line.
*/
export function useBillingBlock(
	source: DataSource,
	data: LoadedData | undefined,
	now: number,
	limits: AppOptions['blockLimits'],
): BillingBlock {
	const [block, setBlock] = useState<BillingBlock>({footer: undefined, gauge: undefined});
	useEffect(() => {
		setBlock({footer: undefined, gauge: undefined});
		if (!data) {
			return;
		}

		const later = setImmediate(() => {
			const status = blockStatus(source.unfiltered(data), now, limits ?? {});
			const text = blockSummary(status);
			setBlock({
				footer: text ? {text, level: status.warningLevel} : undefined,
				gauge: hasBlockLimit(limits) ? blockGaugeOf(status) : undefined,
			});
		});
		return () => clearImmediate(later);
	}, [source, data, now, limits]);
	return block;
}

/**
The budget's current period over all usage (the same rule as the billing block), worked out
after the frame that shows the listing; undefined without a budget or before it is known.
*/
export function useBudgetStatus(
	source: DataSource,
	data: LoadedData | undefined,
	now: number,
	budget: Budget | undefined,
): BudgetStatus | undefined {
	const [status, setStatus] = useState<BudgetStatus>();
	useEffect(() => {
		setStatus(undefined);
		if (!data || !budget) {
			return;
		}

		const later = setImmediate(() => setStatus(budgetStatus(source.unfiltered(data), budget, now)));
		return () => clearImmediate(later);
	}, [source, data, now, budget]);
	return status;
}
