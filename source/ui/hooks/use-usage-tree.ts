/**
What one load shows: the clock reading it is described at, the tree under the current filters,
and the active 5-hour billing block over all usage.
*/
import {useMemo, useRef} from 'react';
import {type Filters, toTreeFilter} from '../../browser/filters.js';
import {blockStatus, blockSummary} from '../../insights/index.js';
import type {TreeModel} from '../../model/types.js';
import type {FooterProps} from '../footer.js';
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

/** The footer's billing block: over all usage, since filters do not change what you may spend. */
export function useBillingBlock(
	source: DataSource,
	data: LoadedData | undefined,
	now: number,
	limits: AppOptions['blockLimits'],
): FooterProps['block'] {
	const unfiltered = useMemo(() => (data ? source.unfiltered(data) : undefined), [data, source]);
	return useMemo(() => {
		if (!unfiltered) {
			return undefined;
		}

		const status = blockStatus(unfiltered, now, limits ?? {});
		const text = blockSummary(status);
		return text ? {text, level: status.warningLevel} : undefined;
	}, [unfiltered, now, limits]);
}
