/**
The pricing contract. The model layer calls `priceCall` once per API call at finalize time,
so `--pricing` changes never require a re-parse.
*/
import type {AgentId} from '../core/agents.js';
import type {TokenCounts} from '../core/tokens.js';

export type CallPrice = {
	/** USD, or null when the model is unknown ("unpriced": never a silent $0). */
	readonly costUSD: number | null;
	/** The price-table key that priced it (for the info pane and --verbose). */
	readonly pricingKey?: string;
	/** True when the whole request was billed at the long-context tier. */
	readonly longContext?: boolean;
};

export type PriceRequest = {
	readonly agent: AgentId;
	readonly model: string | undefined;
	readonly tokens: TokenCounts;
	readonly speed?: 'fast';
	/** Epoch ms of the call (for date-dependent aliases such as codex-auto-review). */
	readonly time: number;
};

export type Pricer = {
	priceCall(request: PriceRequest): CallPrice;
	/** Where the table came from, for the export's `pricing` field. */
	readonly source: string;
	/** Date of the price snapshot (YYYY-MM-DD). */
	readonly date: string;
};
