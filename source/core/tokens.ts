/**
Token kinds, identical for every agent so totals add up across agents.

Invariant: the buckets are disjoint except `reasoning`, which is the informational part of
`output` that some agents report. `total = input + cacheRead + cacheWrite5m + cacheWrite1h +
output`, which equals ccusage's `totalTokens`.
*/
export type TokenCounts = {
	/** Fresh, uncached input tokens. */
	input: number;
	/** Input served from the prompt cache. */
	cacheRead: number;
	/** Cache writes with the 5-minute TTL (and writes of unknown TTL). */
	cacheWrite5m: number;
	/** Cache writes with the 1-hour TTL (Anthropic; priced at 2× input). */
	cacheWrite1h: number;
	/** Generated tokens, reasoning/thinking included. */
	output: number;
	/** The reasoning part of `output`, where the agent reports it. */
	reasoning: number;
};

export const tokenKinds = ['input', 'cacheRead', 'cacheWrite5m', 'cacheWrite1h', 'output', 'reasoning'] as const;
export type TokenKind = (typeof tokenKinds)[number];

export function zeroTokens(): TokenCounts {
	return {input: 0, cacheRead: 0, cacheWrite5m: 0, cacheWrite1h: 0, output: 0, reasoning: 0};
}

export function cacheWriteOf(t: TokenCounts): number {
	return t.cacheWrite5m + t.cacheWrite1h;
}

/** Everything billed: fresh input, cache read/write and output (reasoning is inside output). */
export function totalOf(t: TokenCounts): number {
	return t.input + t.cacheRead + t.cacheWrite5m + t.cacheWrite1h + t.output;
}

/** The prompt size of one request: everything the model read. */
export function promptOf(t: TokenCounts): number {
	return t.input + t.cacheRead + t.cacheWrite5m + t.cacheWrite1h;
}

/** Adds `b` into `a` in place (hot path of the tree builder: no allocation). */
export function addTokens(a: TokenCounts, b: TokenCounts): void {
	a.input += b.input;
	a.cacheRead += b.cacheRead;
	a.cacheWrite5m += b.cacheWrite5m;
	a.cacheWrite1h += b.cacheWrite1h;
	a.output += b.output;
	a.reasoning += b.reasoning;
}

/** cacheRead / (input + cacheRead + cacheWrite); 0 when nothing was read. */
export function cacheHitRate(t: TokenCounts): number {
	const prompt = promptOf(t);
	return prompt === 0 ? 0 : t.cacheRead / prompt;
}

/**
Reads an untrusted JSON value as a token count: a field that is absent or not a number
(null, a string) counts 0; a number is rounded down and otherwise kept as it is, so that a
negative or absurd count reaches core/limits.ts, which drops the call with a diagnostic
instead of letting it count silently as 0 or as a capped figure.
*/
export function tokenCount(value: unknown): number {
	return typeof value === 'number' ? Math.floor(value) : 0;
}

/**
A record that reports only a total ("this response used N tokens") and none of the parts is
booked as output, as ccusage 20.0.24 does, so the tokens are never silently dropped
(parsers/FORMATS.md §0). `total` is the record's untrusted total field; parts win when present.
*/
export function withTotalOnly(tokens: TokenCounts, total: unknown): TokenCounts {
	const count = tokenCount(total);
	if (count > 0 && totalOf(tokens) === 0) {
		tokens.output = count;
	}

	return tokens;
}

const tokenUnits = [
	{value: 1e12, suffix: 'T'},
	{value: 1e9, suffix: 'B'},
	{value: 1e6, suffix: 'M'},
	{value: 1e3, suffix: 'k'},
] as const;

/**
A token count as the TUI, the insight messages and the status line write it: `999`, `1.2k`,
`12.3k`, `123k`, `1.0M`, `1.2M`, `4.5B`, `1.5T`; at most 5 characters for realistic values,
`?` when not finite.
*/
export function formatTokens(value: number): string {
	if (!Number.isFinite(value)) {
		return '?';
	}

	const abs = Math.abs(value);
	for (const unit of tokenUnits) {
		// Round first so 999_950 becomes `1.0M`, not `1000.0k`.
		if (abs >= unit.value * 0.99995) {
			const scaled = value / unit.value;
			return Math.abs(scaled) >= 99.95 ? `${Math.round(scaled)}${unit.suffix}` : `${scaled.toFixed(1)}${unit.suffix}`;
		}
	}

	return String(Math.round(value));
}
