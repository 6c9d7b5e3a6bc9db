/**
Which rows of the opened listing grew in the last live update (pipeline/live.ts via
`DataSource.watch`), marked for a few seconds so the eye finds what an agent just spent.
A live update is a new load object over the same store; a filter or sort change keeps the load,
and a reload (`r`) brings a new store: neither marks anything.
*/
import {useEffect, useRef, useState} from 'react';
import type {OpenedListing} from './use-opened-listing.js';
import type {LoadedData} from '../types.js';

/** How long a grown row stays marked. */
export const grownMarkMs = 3000;

const noKeys: ReadonlySet<string> = new Set();

type Seen = {
	readonly data: LoadedData;
	readonly opened: string;
	readonly totals: ReadonlyMap<string, number>;
};

export function useGrownRows(data: LoadedData | undefined, view: OpenedListing | undefined): ReadonlySet<string> {
	const seen = useRef<Seen | undefined>(undefined);
	const [grown, setGrown] = useState(noKeys);
	const listing = view?.listing;
	const opened = view?.path.map(node => node.key).join('\u0000');
	useEffect(() => {
		if (!data || !listing || opened === undefined) {
			return;
		}

		const totals = new Map(listing.children.map(child => [child.key, child.totals.total]));
		const before = seen.current;
		seen.current = {data, opened, totals};
		if (!before || before.data === data || before.data.store !== data.store || before.opened !== opened) {
			return;
		}

		const keys = new Set(
			[...totals].filter(([key, total]) => total > (before.totals.get(key) ?? 0)).map(([key]) => key),
		);
		if (keys.size > 0) {
			setGrown(keys);
		}
	}, [data, listing, opened]);
	useEffect(() => {
		if (grown.size === 0) {
			return;
		}

		const timer = setTimeout(() => setGrown(noKeys), grownMarkMs);
		return () => clearTimeout(timer);
	}, [grown]);
	return grown;
}
