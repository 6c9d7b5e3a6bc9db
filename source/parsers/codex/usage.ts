/**
Turns Codex `token_count` events into per-request usage (parsers/FORMATS.md §2.2-§2.4).

One `UsageCounter` per file. Rules, in order:
1. `info` null/absent → nothing (rate-limit-only events);
2. a `total_token_usage` equal to the previous one in this file → a re-emitted event, skipped;
3. usage = `last_token_usage` when present, else total − previous total (saturating);
4. the previous total advances to this event's total (also for replayed rows: `baseline`);
5. all-zero usage → nothing; cached is clamped to input.

Token mapping: input = input − cached (fresh), cacheRead = cached, output = output_tokens
(reasoning included), reasoning = reasoning_output_tokens. Codex records no cache writes.
*/
import {type TokenCounts, tokenCount} from '../../core/tokens.js';
import {asRecord} from '../read-lines.js';

/** One Codex usage object, numbers coerced (never NaN or negative). */
export type RawUsage = {
	readonly input: number;
	readonly cached: number;
	readonly output: number;
	readonly reasoning: number;
	/** `total_tokens`, or input + output when the agent left it out. */
	readonly total: number;
};

export function rawUsageOf(value: unknown): RawUsage | undefined {
	const record = asRecord(value);
	if (!record) {
		return undefined;
	}

	const input = tokenCount(record['input_tokens']);
	const output = tokenCount(record['output_tokens']);
	const total = tokenCount(record['total_tokens']);
	return {
		input,
		cached: tokenCount(record['cached_input_tokens'] ?? record['cache_read_input_tokens']),
		output,
		reasoning: tokenCount(record['reasoning_output_tokens']),
		total: total > 0 ? total : input + output,
	};
}

function sameUsage(a: RawUsage, b: RawUsage): boolean {
	return (
		a.input === b.input &&
		a.cached === b.cached &&
		a.output === b.output &&
		a.reasoning === b.reasoning &&
		a.total === b.total
	);
}

function minus(current: RawUsage, previous: RawUsage | undefined): RawUsage {
	return {
		input: Math.max(current.input - (previous?.input ?? 0), 0),
		cached: Math.max(current.cached - (previous?.cached ?? 0), 0),
		output: Math.max(current.output - (previous?.output ?? 0), 0),
		reasoning: Math.max(current.reasoning - (previous?.reasoning ?? 0), 0),
		total: Math.max(current.total - (previous?.total ?? 0), 0),
	};
}

/** The usage of one request, cached already clamped to input. */
export type RequestUsage = RawUsage;

export class UsageCounter {
	private previousTotal: RawUsage | undefined;

	/**
	Feeds one `token_count` payload's `info`. Returns the request's usage, or undefined when
	the event carries none (null info, re-emitted copy, all zeros). With `baseline` the
	event only moves the running total (a replayed row of a forked/sub-agent rollout).
	*/
	accept(info: Record<string, unknown>, baseline = false): RequestUsage | undefined {
		const total = rawUsageOf(info['total_token_usage']);
		const last = rawUsageOf(info['last_token_usage']);
		if (total && this.previousTotal && sameUsage(total, this.previousTotal)) {
			return undefined;
		}

		const raw = last ?? (total ? minus(total, this.previousTotal) : undefined);
		if (total) {
			this.previousTotal = total;
		}

		if (baseline || !raw) {
			return undefined;
		}

		if (raw.input === 0 && raw.cached === 0 && raw.output === 0 && raw.reasoning === 0) {
			return undefined;
		}

		return {...raw, cached: Math.min(raw.cached, raw.input)};
	}
}

export function tokensOf(usage: RequestUsage): TokenCounts {
	return {
		input: usage.input - usage.cached,
		cacheRead: usage.cached,
		cacheWrite5m: 0,
		cacheWrite1h: 0,
		output: usage.output,
		reasoning: usage.reasoning,
	};
}

/**
The global dedup key: ccusage's verbatim-copy key (timestamp, model, input, cached, output,
reasoning, total), so a rollout copied into two files counts once.
*/
export function dedupKeyOf(timestamp: string, model: string, usage: RequestUsage): string {
	return `codex:${timestamp}|${model}|${usage.input}|${usage.cached}|${usage.output}|${usage.reasoning}|${usage.total}`;
}
