/**
Per-token USD rates of one call, by token kind, for "what if" money figures (cache
savings, re-read cost). The tree holds each call's cost but not the price table, so:

1. With `options.pricer`: each kind is priced on its own (100K tokens of that kind, below
   every long-context threshold) with the call's agent, model and time: exact list rates.
2. Without: the call's own cost is split with fixed list-price ratios relative to input
   (cache read 0.1×, 5-minute write 1.25×, 1-hour write 2×, output 5× for Claude models
   and 8× for others, which matches Anthropic's and OpenAI's published ratios), solving
   cost = u·(input + 0.1·cacheRead + 1.25·write5m + 2·write1h + r·output) for u.

Unpriced calls (cost null) have no rates; rules skip them.
*/
import type {CallInfo} from '../model/types.js';
import type {Pricer} from '../pricing/types.js';
import {type TokenCounts, zeroTokens} from '../core/tokens.js';

export type Rates = {input: number; cacheRead: number; cacheWrite5m: number; cacheWrite1h: number; output: number};

const probe = 100_000;
/** Pricer → agent → model → UTC day number → rates (null: unpriced). */
type RatesCache = Map<string, Map<string, Map<number, Rates | null>>>;
const pricerCache = new WeakMap<Pricer, RatesCache>();

function priceKind(pricer: Pricer, call: CallInfo, kind: keyof Rates): number | null {
	const tokens: TokenCounts = {...zeroTokens(), [kind]: probe};
	const price = pricer.priceCall({agent: call.agent, model: call.model, tokens, time: call.time});
	return price.costUSD === null ? null : price.costUSD / probe;
}

function measuredRates(pricer: Pricer, call: CallInfo): Rates | null {
	const input = priceKind(pricer, call, 'input');
	return input === null
		? null
		: {
				input,
				cacheRead: priceKind(pricer, call, 'cacheRead') ?? input,
				cacheWrite5m: priceKind(pricer, call, 'cacheWrite5m') ?? input,
				cacheWrite1h: priceKind(pricer, call, 'cacheWrite1h') ?? input,
				output: priceKind(pricer, call, 'output') ?? input,
			};
}

/**
Rules ask for every call, several times: nested maps on the call's own strings and a day
number (no key string per call). Day granularity: date-dependent aliases change at most daily.
*/
let last: {pricer: Pricer; agent: string; model: string; day: number; rates: Rates | null} | undefined;

function ratesFromPricer(pricer: Pricer, call: CallInfo): Rates | undefined {
	const day = Math.floor(call.time / 86_400_000);
	// Consecutive calls of a session mostly share agent, model and day.
	if (last?.pricer === pricer && last.day === day && last.model === call.model && last.agent === call.agent) {
		return last.rates ?? undefined;
	}

	let byAgent = pricerCache.get(pricer);
	if (!byAgent) {
		byAgent = new Map();
		pricerCache.set(pricer, byAgent);
	}

	let byModel = byAgent.get(call.agent);
	if (!byModel) {
		byModel = new Map();
		byAgent.set(call.agent, byModel);
	}

	let byDay = byModel.get(call.model);
	if (!byDay) {
		byDay = new Map();
		byModel.set(call.model, byDay);
	}

	let rates = byDay.get(day);
	if (rates === undefined) {
		rates = measuredRates(pricer, call);
		byDay.set(day, rates);
	}

	last = {pricer, agent: call.agent, model: call.model, day, rates};
	return rates ?? undefined;
}

export const fallbackRatios = {
	cacheRead: 0.1,
	cacheWrite5m: 1.25,
	cacheWrite1h: 2,
	claudeOutput: 5,
	otherOutput: 8,
} as const;

function ratesFromCost(call: CallInfo): Rates | undefined {
	if (call.costUSD === null || call.costUSD <= 0) {
		return undefined;
	}

	const t = call.tokens;
	const outputRatio = /claude|opus|sonnet|haiku/i.test(call.model)
		? fallbackRatios.claudeOutput
		: fallbackRatios.otherOutput;
	const units =
		t.input +
		fallbackRatios.cacheRead * t.cacheRead +
		fallbackRatios.cacheWrite5m * t.cacheWrite5m +
		fallbackRatios.cacheWrite1h * t.cacheWrite1h +
		outputRatio * t.output;
	if (units <= 0) {
		return undefined;
	}

	const u = call.costUSD / units;
	return {
		input: u,
		cacheRead: u * fallbackRatios.cacheRead,
		cacheWrite5m: u * fallbackRatios.cacheWrite5m,
		cacheWrite1h: u * fallbackRatios.cacheWrite1h,
		output: u * outputRatio,
	};
}

export function ratesOf(call: CallInfo, pricer?: Pricer): Rates | undefined {
	return (pricer ? ratesFromPricer(pricer, call) : undefined) ?? ratesFromCost(call);
}
