/**
One `turn_completed` update of Grok Build CLI (FORMATS.md §5.13) as calls: one per model of the
turn's `usage.modelUsage` (else the turn's own `usage` under the session's current model). A turn
can make several model requests; Grok logs only their sum, so a call here is a turn's usage for
one model. `inputTokens` includes `cachedReadTokens` (and the rarely seen `cacheCreationTokens`);
`outputTokens` includes `reasoningTokens`; `costUsdTicks` is Grok's own cost in 1e-10 USD.
*/
import type {TokenCounts} from '../../core/tokens.js';
import {tokenCount, totalOf} from '../../core/tokens.js';
import {inclusiveInput} from '../token-counters.js';
import {asRecord} from '../read-lines.js';

type JsonObject = Record<string, unknown>;

export type TurnRow = {model?: string; tokens: TokenCounts; costUSD?: number};

/** One tick is 1e-10 US dollars. */
const ticksPerUSD = 1e10;

export function grokTokens(usage: JsonObject): TokenCounts {
	const input = tokenCount(usage['inputTokens']);
	const cacheRead = Math.min(Math.max(0, tokenCount(usage['cachedReadTokens'])), Math.max(0, input));
	const cacheWrite = Math.min(Math.max(0, tokenCount(usage['cacheCreationTokens'])), Math.max(0, input - cacheRead));
	const output = tokenCount(usage['outputTokens']);
	const reasoning = Math.min(Math.max(0, output), Math.max(0, tokenCount(usage['reasoningTokens'])));
	return inclusiveInput({input, cacheRead, cacheWrite, output, reasoning});
}

function costOf(usage: JsonObject): number | undefined {
	const ticks = usage['costUsdTicks'];
	return typeof ticks === 'number' && Number.isFinite(ticks) && ticks > 0 ? ticks / ticksPerUSD : undefined;
}

function rowOf(model: string | undefined, usage: JsonObject): TurnRow {
	const costUSD = costOf(usage);
	return {...(model ? {model} : {}), tokens: grokTokens(usage), ...(costUSD === undefined ? {} : {costUSD})};
}

function isEmpty({tokens}: TurnRow): boolean {
	return totalOf(tokens) === 0;
}

/** The turn's rows with usage, per model in name order. */
export function turnRows(usage: JsonObject, currentModel: string | undefined): TurnRow[] {
	const perModel = asRecord(usage['modelUsage']);
	const entries = perModel ? Object.entries(perModel).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) : [];
	const rows =
		entries.length > 0
			? entries.flatMap(([model, value]) => {
					const modelUsage = asRecord(value);
					return modelUsage && model.trim() ? [rowOf(model.trim(), modelUsage)] : [];
				})
			: [rowOf(currentModel, usage)];
	return rows.filter(row => !isEmpty(row));
}
