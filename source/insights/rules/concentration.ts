/**
Rule 2, concentration: a few sessions often carry most of the spend.

Sessions (whole groups inside the scope) sorted by tokens; N = the fewest top sessions
that together hold ≥ 50% of the tokens; share = their tokens / all tokens. Triggers with
≥ 4 sessions when N ≤ 3 and N ≤ 25% of the sessions. Warning when share ≥ 75%. Figures
name the top sessions (up to 3) and their shares.
*/
import {formatTokens} from '../../core/tokens.js';
import {percentText, ratio, tokens, usd, usdText} from '../format.js';
import {makeInsight, type Scope, sessionName, targetOf} from '../scope.js';
import type {DetailPart, Insight} from '../types.js';

export const concentrationThresholds = {
	minSessions: 4,
	share: 0.5,
	maxTop: 3,
	maxTopFraction: 0.25,
	warningShare: 0.75,
} as const;

export function concentration(scope: Scope): Insight[] {
	const sessions = [...scope.sessions].sort((a, b) => b.tokens - a.tokens);
	const all = sessions.reduce((sum, group) => sum + group.tokens, 0);
	if (sessions.length < concentrationThresholds.minSessions || all <= 0) {
		return [];
	}

	let n = 0;
	let topTokens = 0;
	while (topTokens < concentrationThresholds.share * all) {
		topTokens += sessions[n]!.tokens;
		n++;
	}

	if (n > concentrationThresholds.maxTop || n > concentrationThresholds.maxTopFraction * sessions.length) {
		return [];
	}

	const share = topTokens / all;
	const top = sessions.slice(0, n);

	const figures: Insight['figures'] = {
		sessions: sessions.length,
		topSessions: n,
		topTokens,
		allTokens: all,
		share: Math.round(share * 1000) / 1000,
	};
	for (const [index, group] of sessions.slice(0, concentrationThresholds.maxTop).entries()) {
		figures[`top${index + 1}`] = sessionName(scope, group);
		figures[`top${index + 1}Share`] = Math.round((group.tokens / all) * 1000) / 1000;
		figures[`top${index + 1}CostUSD`] = Math.round(group.costUSD * 100) / 100;
	}

	const names = top.map(group => `${scope.session(group).project} ${percentText(group.tokens / all)}`).join(', ');
	const cost = top.reduce((sum, group) => sum + group.costUSD, 0);
	return [
		makeInsight(scope, {
			rule: 'concentration',
			severity: share >= concentrationThresholds.warningShare ? 'warning' : 'info',
			message: `${n} of ${sessions.length} session${sessions.length === 1 ? '' : 's'} used ${percentText(share)} of all tokens (${formatTokens(topTokens)}, ${usdText(cost)}): ${names}.`,
			figures,
			details: [
				[tokens(topTokens), ' of ', tokens(all), ' · ', usd(cost)],
				top.flatMap((group, index): DetailPart[] => [
					...(index > 0 ? [' · '] : []),
					`${sessionName(scope, group)} `,
					ratio(group.tokens / all),
					' ',
					usd(group.costUSD),
				]),
			],
			// The largest session, on the day it began.
			target: targetOf(scope, top[0]!.calls[0]!, 'session'),
		}),
	];
}
