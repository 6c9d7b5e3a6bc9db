/**
priceCall: one API request's cost from its tokens and the model's prices.

Long-context tiers are whole-request cliffs (the vendors' rule, and LiteLLM's own cost code):
when a request's prompt (input + cache read + cache write) exceeds the model's threshold,
every token of that request is billed at the tier rates, output included. ccusage splits
each token class marginally at 200k instead; the two agree below the threshold.
*/
import type {TokenCounts} from '../core/tokens.js';
import type {ModelPrice} from './table.js';

export type PricedTokens = {readonly costUSD: number; readonly longContext: boolean};

const isAnthropic = (price: ModelPrice) => /anthropic|bedrock|vertex_ai-anthropic|azure_ai/.test(price.p);

export function priceTokens(price: ModelPrice, tokens: TokenCounts, fast = false): PricedTokens {
	const prompt = tokens.input + tokens.cacheRead + tokens.cacheWrite5m + tokens.cacheWrite1h;
	const longContext = price.t !== undefined && prompt > price.t;
	const input = longContext ? (price.ti ?? price.i) : price.i;
	const output = longContext ? (price.to ?? price.o) : price.o;
	const anthropic = isAnthropic(price);
	// Missing cache prices: Anthropic's ratios (read 0.1×, 5 min write 1.25×, 1 h write 2× input);
	// OpenAI/Gemini bill cached input at the input price when no cached price is listed.
	const read = (longContext ? price.tcr : undefined) ?? (longContext && price.cr !== undefined ? price.cr * (input / price.i) : price.cr) ?? (anthropic ? 0.1 * input : input);
	const write5m = (longContext ? price.tcw : undefined) ?? (longContext && price.cw !== undefined ? price.cw * (input / price.i) : price.cw) ?? (anthropic ? 1.25 * input : input);
	const write1h = (longContext ? price.tcw1h : undefined) ?? (longContext ? undefined : price.cw1h) ?? 2 * input;
	const cost =
		tokens.input * input + tokens.cacheRead * read + tokens.cacheWrite5m * write5m + tokens.cacheWrite1h * write1h + tokens.output * output;
	return {costUSD: fast && price.fast ? cost * price.fast : cost, longContext};
}
