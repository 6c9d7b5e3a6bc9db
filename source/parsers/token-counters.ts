/**
The two counter layouts several agents share, as our disjoint buckets (ARCHITECTURE.md §3.1,
parsers/FORMATS.md §0.5). A parser whose agent counts some other way converts on its own.
*/
import {type TokenCounts, tokenCount, withTotalOnly} from '../core/tokens.js';

/**
Counters that are already disjoint (Kimi, Pi, Amp, OpenClaw): fresh input, cache reads, cache
writes (TTL unknown, so 5-minute) and output, each an untrusted JSON value read by `tokenCount`.
A record with only `total` books it as output (`withTotalOnly`); no reasoning is reported.
*/
export function disjointCounters(raw: {
	readonly input: unknown;
	readonly cacheRead: unknown;
	readonly cacheWrite: unknown;
	readonly output: unknown;
	readonly total?: unknown;
}): TokenCounts {
	const tokens = {
		input: tokenCount(raw.input),
		cacheRead: tokenCount(raw.cacheRead),
		cacheWrite5m: tokenCount(raw.cacheWrite),
		cacheWrite1h: 0,
		output: tokenCount(raw.output),
		reasoning: 0,
	};
	return withTotalOnly(tokens, raw.total);
}

/**
Counts whose `input` includes the cache reads and writes (Copilot, Grok, Goose, Z Code, the
OpenAI protocol of Cline and its forks): fresh input is what is left, never below 0. Cache
writes have no TTL (5-minute); `reasoning` is the caller's part of `output`.
*/
export function inclusiveInput(counts: {
	readonly input: number;
	readonly cacheRead: number;
	readonly cacheWrite: number;
	readonly output: number;
	readonly reasoning: number;
}): TokenCounts {
	return {
		input: Math.max(0, counts.input - counts.cacheRead - counts.cacheWrite),
		cacheRead: counts.cacheRead,
		cacheWrite5m: counts.cacheWrite,
		cacheWrite1h: 0,
		output: counts.output,
		reasoning: counts.reasoning,
	};
}
