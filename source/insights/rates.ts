/**
Per-token USD rates of one call, by token kind, for "what if" money figures (cache
savings, re-read cost). The tree holds each call's cost but not the price table, so:

1. With `options.pricer`: each kind is priced on its own (100K tokens of that kind, below
   every long-context threshold) with the call's agent, model and time: exact list rates.
2. Without: the call's own cost is split with fixed list-price ratios relative to input
   (cache read 0.1×, 5-minute write 1.25×, 1-hour write 2×, output 5× for Claude models
   and 8× for others, which matches Anthropic's and OpenAI's published ratios), solving
   cost = u·(input + 0.1·cacheRead + 1.25·write5m + 2·write1h + r·output) for u.

Unpriced calls (cost NaN) have no rates; rules skip them. A call is a row of the tree's
columns (model/rows.ts).
*/
import {type AgentId, agentIds} from '../core/agents.js';
import type {CallRows} from '../model/rows.js';
import type {Pricer} from '../pricing/types.js';
import {type TokenCounts, zeroTokens} from '../core/tokens.js';

export type Rates = {input: number; cacheRead: number; cacheWrite5m: number; cacheWrite1h: number; output: number};

const probe = 100_000;
/** Pricer → agent → model → UTC day number → rates (null: unpriced). */
type RatesCache = Map<string, Map<string, Map<number, Rates | null>>>;
const pricerCache = new WeakMap<Pricer, RatesCache>();

/** What a pricer is asked about: the call's agent, model and time. */
type Probe = {readonly agent: AgentId; readonly model: string; readonly time: number};

function priceKind(pricer: Pricer, call: Probe, kind: keyof Rates): number | null {
	const tokens: TokenCounts = {...zeroTokens(), [kind]: probe};
	const price = pricer.priceCall({agent: call.agent, model: call.model, tokens, time: call.time});
	return price.costUSD === null ? null : price.costUSD / probe;
}

function measuredRates(pricer: Pricer, call: Probe): Rates | null {
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

function ratesFromPricer(pricer: Pricer, rows: CallRows, row: number): Rates | undefined {
	const time = rows.time[row]!;
	const day = Math.floor(time / 86_400_000);
	const agent = agentIds[rows.agent[row]!]!;
	const model = rows.models[rows.model[row]!]!;
	// Consecutive calls of a session mostly share agent, model and day.
	if (last?.pricer === pricer && last.day === day && last.model === model && last.agent === agent) {
		return last.rates ?? undefined;
	}

	let byAgent = pricerCache.get(pricer);
	if (!byAgent) {
		byAgent = new Map();
		pricerCache.set(pricer, byAgent);
	}

	let byModel = byAgent.get(agent);
	if (!byModel) {
		byModel = new Map();
		byAgent.set(agent, byModel);
	}

	let byDay = byModel.get(model);
	if (!byDay) {
		byDay = new Map();
		byModel.set(model, byDay);
	}

	let rates = byDay.get(day);
	if (rates === undefined) {
		rates = measuredRates(pricer, {agent, model, time});
		byDay.set(day, rates);
	}

	last = {pricer, agent, model, day, rates};
	return rates ?? undefined;
}

export const fallbackRatios = {
	cacheRead: 0.1,
	cacheWrite5m: 1.25,
	cacheWrite1h: 2,
	claudeOutput: 5,
	otherOutput: 8,
} as const;

function ratesFromCost(rows: CallRows, row: number): Rates | undefined {
	const cost = rows.cost[row]!;
	// NaN (unpriced) fails the test too.
	if (!(cost > 0)) {
		return undefined;
	}

	const outputRatio = /claude|opus|sonnet|haiku/i.test(rows.models[rows.model[row]!]!)
		? fallbackRatios.claudeOutput
		: fallbackRatios.otherOutput;
	const units =
		rows.input[row]! +
		fallbackRatios.cacheRead * rows.cacheRead[row]! +
		fallbackRatios.cacheWrite5m * rows.cacheWrite5m[row]! +
		fallbackRatios.cacheWrite1h * rows.cacheWrite1h[row]! +
		outputRatio * rows.output[row]!;
	if (units <= 0) {
		return undefined;
	}

	const u = cost / units;
	return {
		input: u,
		cacheRead: u * fallbackRatios.cacheRead,
		cacheWrite5m: u * fallbackRatios.cacheWrite5m,
		cacheWrite1h: u * fallbackRatios.cacheWrite1h,
		output: u * outputRatio,
	};
}

/** The rates of the call in this row. */
export function ratesOf(rows: CallRows, row: number, pricer?: Pricer): Rates | undefined {
	return (pricer ? ratesFromPricer(pricer, rows, row) : undefined) ?? ratesFromCost(rows, row);
}
