/**
What one load shows: the clock reading it is described at, the tree under the current filters,
and the active 5-hour billing block over all usage.
*/
import {useEffect, useMemo, useRef, useState} from 'react';
import {type Filters, toTreeFilter} from '../../browser/filters.js';
import {blockStatus, blockSummary} from '../../insights/index.js';
import type {TreeModel} from '../../model/types.js';
import type {ViewName} from '../../model/views.js';
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

/** The tree of `data` under `filters` in a view; rebuilt (never re-parsed) when either changes. */
export function useFilteredTree(
	source: DataSource,
	data: LoadedData | undefined,
	filters: Filters,
	view: ViewName,
	now: number,
): TreeModel | undefined {
	const treeFilter = useMemo(() => toTreeFilter(filters, now, source.timezone), [filters, now, source.timezone]);
	return useMemo(() => (data ? source.build(data, treeFilter, view) : undefined), [data, treeFilter, view, source]);
}

/**
The footer's billing block: over all usage, since filters do not change what you may spend.
Worked out after the frame that shows the listing (a turn of the event loop later): it scans
every call of the unfiltered tree (and with filters on, that tree is a build of its own), and
the listing must not wait for a footer line.
*/
export function useBillingBlock(
	source: DataSource,
	data: LoadedData | undefined,
	now: number,
	limits: AppOptions['blockLimits'],
): FooterProps['block'] {
	const [block, setBlock] = useState<FooterProps['block']>();
	useEffect(() => {
		setBlock(undefined);
		if (!data) {
			return;
		}

		const later = setImmediate(() => {
			const status = blockStatus(source.unfiltered(data), now, limits ?? {});
			const text = blockSummary(status);
			setBlock(text ? {text, level: status.warningLevel} : undefined);
		});
		return () => clearImmediate(later);
	}, [source, data, now, limits]);
	return block;
}
