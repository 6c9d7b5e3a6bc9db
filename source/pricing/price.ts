/**
priceTokens: one API request's cost from its tokens and the model's prices (USD per token).

cost = input×in + cacheRead×read + cacheWrite5m×write5m + cacheWrite1h×write1h + output×out,
times the fast multiplier when the call ran in fast mode and the model has one.

Long-context tiers are whole-request cliffs (the vendors' rule, and LiteLLM's own cost code):
when a request's prompt (input + cache read + cache write) exceeds the model's threshold,
every token of that request is billed at the tier rates, output included. ccusage splits
each token class marginally at 200k instead; the two agree below the threshold.

Missing prices fall back to the vendor's ratios: Anthropic read 0.1×, 5 min write 1.25×,
1 h write 2× input; OpenAI/Gemini bill cached input at the input price when no cached price is
listed, and have no cache-write premium.
*/
import type {TokenCounts} from '../core/tokens.js';
import {promptOf} from '../core/tokens.js';
import type {ModelPrice} from './table.js';

export type PricedTokens = {readonly costUSD: number; readonly longContext: boolean};

const anthropicProvider = /anthropic|bedrock|vertex_ai-anthropic|azure_ai/;

type Rates = {input: number; output: number; read: number; write5m: number; write1h: number};

function ratesOf(price: ModelPrice, longContext: boolean): Rates {
	const anthropic = anthropicProvider.test(price.p);
	const input = longContext ? (price.ti ?? price.i) : price.i;
	// A tier without its own cache prices scales the base cache prices by the input tier ratio.
	const tierRatio = longContext && price.i > 0 ? input / price.i : 1;
	const scaled = (base: number | undefined) => (base === undefined ? undefined : base * tierRatio);
	const read = (longContext ? price.tcr : undefined) ?? scaled(price.cr) ?? (anthropic ? 0.1 * input : input);
	const write5m = (longContext ? price.tcw : undefined) ?? scaled(price.cw) ?? (anthropic ? 1.25 * input : input);
	// The 1 h write is 2× input for Anthropic; the tier's own 1 h price wins, else 2× the tier input.
	const write1h = longContext
		? (price.tcw1h ?? (anthropic ? 2 * input : write5m))
		: (price.cw1h ?? (anthropic ? 2 * input : write5m));
	return {input, output: longContext ? (price.to ?? price.o) : price.o, read, write5m, write1h};
}

export function priceTokens(price: ModelPrice, tokens: TokenCounts, fast = false): PricedTokens {
	const prompt = promptOf(tokens);
	const longContext = price.t !== undefined && prompt > price.t;
	const rates = ratesOf(price, longContext);
	const cost =
		tokens.input * rates.input +
		tokens.cacheRead * rates.read +
		tokens.cacheWrite5m * rates.write5m +
		tokens.cacheWrite1h * rates.write1h +
		tokens.output * rates.output;
	return {costUSD: fast && price.fast ? cost * price.fast : cost, longContext};
}
