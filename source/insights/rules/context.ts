/**
Rule 1, context compounding: every call re-sends the whole conversation, so a long session
pays again and again for its history.

Per session group (calls in time order, prompt = input + cacheRead + cacheWrite):
- baseline = prompt of the first call; peak = largest prompt; growth = peak / baseline
  (`growthToLast` = last / baseline is reported too; compaction makes them differ);
- takeoff turn = the turn of the first call whose prompt ≥ 2 × baseline;
- re-read tokens = Σ max(0, prompt_i − baseline): history read again;
- recommendation: `/clear` (or a new session) when turn T+1 starts, T = takeoff turn.
  H = prompt at that call − baseline (history that a fresh start would drop);
  saving tokens = Σ over calls from there on of min(H, prompt_i − baseline)⁺;
  saving USD = Σ of those tokens × the call's cache-read rate (history is mostly served
  from cache, so this is the conservative price).
Triggers when the session has ≥ 6 calls and growth ≥ 5 (warning ≥ 10, critical ≥ 25 with
≥ 1M re-read tokens).
*/
import {formatTokens} from '../../core/tokens.js';
import {cents, clip, count, times, tokens, usd, usdText} from '../format.js';
import {quote} from '../message.js';
import {makeInsight, onlyFragment, type Scope, type SessionGroup, sessionName, targetOf, turnsOf} from '../scope.js';
import type {Insight} from '../types.js';

export const contextThresholds = {
	minCalls: 6,
	growth: 5,
	warningGrowth: 10,
	criticalGrowth: 25,
	criticalReread: 1_000_000,
	takeoffFactor: 2,
} as const;

export type ContextGrowth = {
	baseline: number;
	peak: number;
	last: number;
	growth: number;
	growthToLast: number;
	rereadTokens: number;
	/** 1-based index of the takeoff turn among the session's turns; 0 when none. */
	takeoffTurn: number;
	takeoffPrompt: string;
	/** The takeoff call (an index into the scope); -1 when none. */
	takeoffCall: number;
	/** 1-based turn after which to clear; 0 when clearing would save nothing. */
	clearAfterTurn: number;
	savingTokens: number;
	savingUSD: number;
};

const memo = new WeakMap<SessionGroup, ContextGrowth | undefined>();

/** Memoized per group: rules 1 and 6 (long sessions) both ask for every session. */
export function contextGrowthOf(scope: Scope, group: SessionGroup): ContextGrowth | undefined {
	if (!memo.has(group)) {
		memo.set(group, measureGrowth(scope, group));
	}

	return memo.get(group);
}

function measureGrowth(scope: Scope, group: SessionGroup): ContextGrowth | undefined {
	const {calls} = group;
	const baseline = calls.length > 0 ? scope.prompt(calls[0]!) : 0;
	if (baseline <= 0) {
		return undefined;
	}

	let peak = baseline;
	let reread = 0;
	let takeoffIndex = -1;
	for (let index = 0; index < calls.length; index++) {
		const prompt = scope.prompt(calls[index]!);
		peak = Math.max(peak, prompt);
		reread += Math.max(0, prompt - baseline);
		if (takeoffIndex < 0 && prompt >= contextThresholds.takeoffFactor * baseline) {
			takeoffIndex = index;
		}
	}

	const last = scope.prompt(calls.at(-1)!);
	const result: ContextGrowth = {
		baseline,
		peak,
		last,
		growth: peak / baseline,
		growthToLast: last / baseline,
		rereadTokens: reread,
		takeoffTurn: 0,
		takeoffPrompt: '',
		takeoffCall: -1,
		clearAfterTurn: 0,
		savingTokens: 0,
		savingUSD: 0,
	};
	if (takeoffIndex < 0) {
		return result;
	}

	const takeoff = calls[takeoffIndex]!;
	const takeoffTurn = scope.turn(takeoff);
	result.takeoffTurn = turnsOf(scope, group).indexOf(takeoffTurn) + 1;
	result.takeoffPrompt = scope.promptText(takeoff);
	result.takeoffCall = takeoff;
	let restartIndex = takeoffIndex + 1;
	while (restartIndex < calls.length && scope.turn(calls[restartIndex]!) === takeoffTurn) {
		restartIndex++;
	}

	if (restartIndex === calls.length) {
		return result;
	}

	const history = scope.prompt(calls[restartIndex]!) - baseline;
	for (let index = restartIndex; index < calls.length; index++) {
		const call = calls[index]!;
		const saved = Math.max(0, Math.min(history, scope.prompt(call) - baseline));
		result.savingTokens += saved;
		result.savingUSD += saved * (scope.rates(call)?.cacheRead ?? 0);
	}

	result.clearAfterTurn = result.savingTokens > 0 ? result.takeoffTurn : 0;
	return result;
}

export function contextCompounding(scope: Scope): Insight[] {
	const insights: Insight[] = [];
	for (const group of scope.sessions) {
		if (group.calls.length < contextThresholds.minCalls) {
			continue;
		}

		const growth = contextGrowthOf(scope, group);
		if (!growth || growth.growth < contextThresholds.growth) {
			continue;
		}

		const critical =
			growth.growth >= contextThresholds.criticalGrowth && growth.rereadTokens >= contextThresholds.criticalReread;
		const severity = critical ? 'critical' : growth.growth >= contextThresholds.warningGrowth ? 'warning' : 'info';
		// Unpriced models have no rates: the saving is then stated in tokens only.
		const savingText = growth.savingUSD > 0 ? ` (${usdText(growth.savingUSD)})` : '';
		const advice =
			growth.clearAfterTurn > 0
				? ` /clear or start a new session after turn ${growth.clearAfterTurn} to save ≈${formatTokens(growth.savingTokens)} tokens${savingText}.`
				: '';
		const name = sessionName(scope, group);
		const grew = `${name}: context grew ×${Math.round(growth.growth)} (${formatTokens(growth.baseline)} → ${formatTokens(growth.peak)})`;
		const reread = `; ${formatTokens(growth.rereadTokens)} tokens re-read history.${advice}`;
		// The takeoff prompt is user text: a quote part, so an export without prompts drops it.
		const message =
			growth.takeoffTurn > 0
				? [
						`${grew} from turn ${growth.takeoffTurn} (`,
						quote(clip(growth.takeoffPrompt || '(no prompt)', 30)),
						`)${reread}`,
					]
				: [grew + reread];
		insights.push(
			makeInsight(scope, {
				rule: 'context-compounding',
				subject: group.key,
				severity,
				at: onlyFragment(scope, group),
				message,
				figures: {
					session: group.key,
					sessionName: name,
					calls: group.calls.length,
					baselineTokens: growth.baseline,
					peakTokens: growth.peak,
					lastTokens: growth.last,
					growth: Math.round(growth.growth * 10) / 10,
					growthToLast: Math.round(growth.growthToLast * 10) / 10,
					takeoffTurn: growth.takeoffTurn,
					rereadTokens: growth.rereadTokens,
					clearAfterTurn: growth.clearAfterTurn,
					sessionCostUSD: cents(group.costUSD),
				},
				details: [
					[
						count(group.calls.length, 'call'),
						' · context ',
						tokens(growth.baseline),
						' → ',
						tokens(growth.peak),
						' (',
						times(growth.growth),
						')',
					],
					[
						tokens(growth.rereadTokens),
						' of history re-read · the session cost ',
						usd(group.costUSD),
						...(growth.clearAfterTurn > 0 ? [` · clear after turn ${growth.clearAfterTurn}`] : []),
					],
				],
				// The session's day where its context took off (else where it began).
				target: targetOf(scope, growth.takeoffCall >= 0 ? growth.takeoffCall : group.calls[0]!, 'session'),
				...(growth.clearAfterTurn > 0
					? {estimatedSavingTokens: growth.savingTokens, estimatedSavingUSD: growth.savingUSD}
					: {}),
			}),
		);
	}

	return insights;
}
