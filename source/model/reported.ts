/**
Session-level reported cost: some agents report a whole session's cost but not each call's
(Claude Code's status line `cost.total_cost_usd`). Such a session's calls are shown at that
figure, spread over its calls in proportion to their list-price estimate (by tokens when any
call is unpriced), so day, week and root totals add up to exactly what the agent reported.
Pure: the caller supplies session resolution and prices.
*/
import {totalOf} from '../core/tokens.js';
import {sessionKeyOf, type StoredCall, type UsageStore} from './store.js';

/** Cost of one call of a session with a reported figure, given its list-price estimate. */
export type SessionScale = (call: StoredCall, estimatedUSD: number | null) => number;

export function reportedSessionScales(
	store: UsageStore,
	topSessionOf: (sessionKey: string) => string,
	estimate: (call: StoredCall) => number | null,
): Map<string, SessionScale> {
	const reported = new Map<string, number>();
	for (const [key, session] of store.sessions) {
		if (session.reportedCostUSD !== undefined) {
			reported.set(key, session.reportedCostUSD);
		}
	}

	const scales = new Map<string, SessionScale>();
	if (reported.size === 0) {
		return scales;
	}

	const sums = new Map<string, {estimated: number; tokens: number; unpriced: boolean}>();
	for (const call of store.allCalls()) {
		const top = topSessionOf(sessionKeyOf(call.agent, call.sessionId));
		if (!reported.has(top)) {
			continue;
		}

		const sum = sums.get(top) ?? {estimated: 0, tokens: 0, unpriced: false};
		const cost = estimate(call);
		sum.estimated += cost ?? 0;
		sum.unpriced ||= cost === null;
		sum.tokens += totalOf(call.tokens);
		sums.set(top, sum);
	}

	for (const [key, sum] of sums) {
		const target = reported.get(key)!;
		if (!sum.unpriced && sum.estimated > 0) {
			const factor = target / sum.estimated;
			scales.set(key, (_call, estimated) => (estimated ?? 0) * factor);
		} else if (sum.tokens > 0) {
			const perToken = target / sum.tokens;
			scales.set(key, call => totalOf(call.tokens) * perToken);
		}
	}

	return scales;
}
