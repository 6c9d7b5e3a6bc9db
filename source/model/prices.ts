/**
Call prices, computed once per (pricer, store, call) and reused by every rebuild (the TUI
rebuilds the tree on each filter change).

Why not a WeakMap of CallPrice objects keyed by call: with hundreds of thousands of calls, the
weak entries (ephemerons) and one retained object per call made garbage collection a large
share of a build. Here the table belongs to the store (weakly, so it goes when the store
goes), is indexed by the call's arrival order, and keeps the three fields in flat arrays; a
slot remembers which call object it priced, so a call the store replaced (a preferred
duplicate keeps the same order) is priced again.
*/
import type {Pricer} from '../pricing/types.js';
import type {StoredCall, UsageStore} from './store.js';

/** One call's price; the object is reused by the next lookup, so read it right away. */
export type PriceView = {costUSD: number | null; pricingKey: string | undefined; longContext: boolean};

type PriceTable = {
	calls: Array<StoredCall | undefined>;
	/** USD (0 when unpriced: see `priced`); flat doubles, no object per call. */
	costs: number[];
	priced: boolean[];
	keys: Array<string | undefined>;
	long: boolean[];
};

const tables = new WeakMap<Pricer, WeakMap<UsageStore, PriceTable>>();

/** The memoized price lookup for one pricer and store. */
export function callPricer(pricer: Pricer, store: UsageStore): (call: StoredCall) => PriceView {
	let byStore = tables.get(pricer);
	if (!byStore) {
		byStore = new WeakMap();
		tables.set(pricer, byStore);
	}

	let table = byStore.get(store);
	if (!table) {
		table = {calls: [], costs: [], priced: [], keys: [], long: []};
		byStore.set(store, table);
	}

	const {calls, costs, priced, keys, long} = table;
	const view: PriceView = {costUSD: null, pricingKey: undefined, longContext: false};
	return call => {
		const slot = call.order;
		if (calls[slot] !== call) {
			const price = pricer.priceCall({
				agent: call.agent,
				model: call.model,
				tokens: call.tokens,
				speed: call.speed,
				time: call.time,
			});
			// Fill any gap first so the arrays stay dense (orders normally arrive 0, 1, 2, …).
			for (let index = calls.length; index < slot; index++) {
				calls.push(undefined);
				costs.push(0);
				priced.push(false);
				keys.push(undefined);
				long.push(false);
			}

			calls[slot] = call;
			costs[slot] = price.costUSD ?? 0;
			priced[slot] = price.costUSD !== null;
			keys[slot] = price.pricingKey;
			long[slot] = price.longContext === true;
		}

		view.costUSD = priced[slot] ? costs[slot]! : null;
		view.pricingKey = keys[slot];
		view.longContext = long[slot]!;
		return view;
	};
}
