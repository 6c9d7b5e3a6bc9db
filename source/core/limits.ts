/**
Bounds on every value that enters our data: parsed transcripts, ledgers of this and other
machines, and `--import`ed documents all pass `eventProblem` before they reach the store (the
history outlives the file, so a value let in once would come back on every later run).

Why these bounds:
- times from 1970-01-01 (epoch 0 included) to before 2100-01-01 UTC: no agent ran before 1970,
  and a year past 2099 is a typo or a hostile value. Everything in this range is exact in a
  Date, in `Intl` day keys and in ISO week arithmetic (JavaScript's last date, year 275760,
  made day keys throw);
- at most 10 billion tokens of each kind per call: the largest context windows are about 2
  million per request, but agents that log a whole session as one record (Droid, Hermes, Goose)
  can sum a long session's cache reads past 100 million. A sum over 900,000 maximal calls still
  stays below 2^53, so totals stay exact;
- token counts are whole numbers (core/tokens.ts rounds fractions down); a negative or NaN
  count is damage;
- a cost is finite, not negative, and below one million US dollars (for a call, and for a whole
  session's reported cost); a cost of 1e308 made every sum Infinity;
- identifiers (session, turn, tool) are non-empty, and every text is at most 4096 characters
  (the longest path Linux allows), so a hostile line cannot make one name megabytes long.

A value out of bounds drops its event (a call, a turn, a session record) with a diagnostic
rather than clamping it: a clamped count is still a wrong count, silently in every total.
*/
import type {CallEvent, SessionEvent, TurnEvent, UsageEvent} from './events.js';
import {type TokenCounts, tokenKinds} from './tokens.js';

/** 1970-01-01T00:00:00Z: the earliest time accepted (inclusive). */
export const earliestTime = 0;
/** 2100-01-01T00:00:00Z: the first time no longer accepted. */
export const latestTime = Date.UTC(2100, 0, 1);
export const maxTokensPerCall = 10_000_000_000;
export const maxCostUSD = 1_000_000;
export const maxTextLength = 4096;

/** A time we can bucket, format and sort exactly. */
export function isUsableTime(value: unknown): value is number {
	return typeof value === 'number' && value >= earliestTime && value < latestTime;
}

/** A USD amount we can add up. */
export function isUsableCost(value: unknown): value is number {
	return typeof value === 'number' && value >= 0 && value < maxCostUSD;
}

/** A non-empty text of bounded length (ids, and names present at all). */
export function isUsableName(value: unknown): value is string {
	return typeof value === 'string' && value.length > 0 && value.length <= maxTextLength;
}

function describe(value: unknown): string {
	return typeof value === 'string' ? `${value.length} characters` : String(value);
}

function timeProblem(time: number): string | undefined {
	if (isUsableTime(time)) {
		return undefined;
	}

	const shown = Number.isFinite(time) && Math.abs(time) <= 8.64e15 ? new Date(time).toISOString() : String(time);
	return `time ${shown} is outside 1970-01-01 … 2099-12-31`;
}

function tokensProblem(tokens: TokenCounts): string | undefined {
	for (const kind of tokenKinds) {
		const count = tokens[kind];
		if (!(Number.isInteger(count) && count >= 0 && count <= maxTokensPerCall)) {
			return `${kind} token count ${count} is not a whole number from 0 to ${maxTokensPerCall.toLocaleString('en-US')}`;
		}
	}

	return undefined;
}

function costProblem(cost: number | undefined): string | undefined {
	return cost === undefined || isUsableCost(cost)
		? undefined
		: `reported cost ${cost} is not from 0 to ${maxCostUSD.toLocaleString('en-US')} USD`;
}

/** An identifier: present, not empty, bounded. */
function idProblem(field: string, value: unknown): string | undefined {
	return isUsableName(value)
		? undefined
		: `${field} (${describe(value)}) is not a text of 1 to ${maxTextLength} characters`;
}

/** Any other text: absent, or bounded. */
function textProblem(field: string, value: unknown): string | undefined {
	return value === undefined || (typeof value === 'string' && value.length <= maxTextLength)
		? undefined
		: `${field} (${describe(value)}) is not a text of at most ${maxTextLength} characters`;
}

function toolsProblem(tools: CallEvent['tools']): string | undefined {
	for (const tool of tools) {
		const problem = idProblem('tool', tool.name) ?? textProblem('file', tool.file);
		if (problem) {
			return problem;
		}
	}

	return undefined;
}

// Checked for every event of every load: plain comparisons, nothing allocated unless a value is out.
function callProblem(call: CallEvent): string | undefined {
	return (
		timeProblem(call.time) ??
		tokensProblem(call.tokens) ??
		costProblem(call.reportedCostUSD) ??
		idProblem('sessionId', call.sessionId) ??
		textProblem('turnId', call.turnId) ??
		textProblem('model', call.model) ??
		textProblem('dedupKey', call.dedupKey) ??
		textProblem('callId', call.callId) ??
		toolsProblem(call.tools)
	);
}

function turnProblem(turn: TurnEvent): string | undefined {
	return (
		timeProblem(turn.time) ??
		idProblem('sessionId', turn.sessionId) ??
		idProblem('turnId', turn.turnId) ??
		textProblem('prompt', turn.prompt)
	);
}

function sessionProblem(session: SessionEvent): string | undefined {
	return (
		costProblem(session.reportedCostUSD) ??
		idProblem('sessionId', session.sessionId) ??
		textProblem('project', session.project) ??
		textProblem('cwd', session.cwd) ??
		textProblem('title', session.title) ??
		textProblem('surface', session.surface) ??
		textProblem('parentSessionId', session.parentSessionId) ??
		textProblem('gitBranch', session.gitBranch) ??
		textProblem('device', session.device)
	);
}

/** Why this event cannot enter our data, or undefined when it is within every bound. */
export function eventProblem(event: UsageEvent): string | undefined {
	switch (event.type) {
		case 'call': {
			return callProblem(event);
		}

		case 'turn': {
			return turnProblem(event);
		}

		case 'session': {
			return sessionProblem(event);
		}

		default: {
			return event satisfies never;
		}
	}
}
