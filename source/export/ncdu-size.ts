/**
What a size in the `--export ncdu` file counts (`--size`): tokens, or micro-dollars of priced
cost. Apart from the writer (ncdu.ts) so that reading the flags loads no writer.
*/
import type {Totals} from '../model/types.js';

export const ncduSizes = ['tokens', 'cost'] as const;

export type NcduSize = (typeof ncduSizes)[number];

export function isNcduSize(value: string): value is NcduSize {
	return (ncduSizes as readonly string[]).includes(value);
}

/**
A node's size in `size` units, what ncdu adds up: every kind of token (`totals.total`), or the
priced cost in micro-dollars, an integer since ncdu's sizes are whole bytes. An unpriced call
is 0 with `cost` (its priced part is 0, as the TUI's `≥$x` lower bound counts it).
*/
export function ncduSizeOf(totals: Pick<Totals, 'total' | 'pricedCostUSD'>, size: NcduSize): number {
	return size === 'tokens' ? totals.total : Math.round(totals.pricedCostUSD * 1e6);
}
