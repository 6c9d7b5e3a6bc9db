/**
Rule 8, recommendations: concrete actions, each with an estimated saving, only when the
other rules measured one (no saving, no recommendation). Ranked by saving.

- `clear-context`: sum of rule 1's savings over the sessions it flagged.
- `keep-cache-warm`: rule 4's rebuild loss (work in one stretch, or use the 1-hour cache).
- `specific-prompts`: for each vague prompt in a long context (rule 3), what its calls read
  beyond the session's first prompt, at the cache-read rate: what a fresh session with a
  precise prompt would not have re-read. Same formula as rule 1, limited to those turns;
  sessions that already got a `/clear` recommendation are skipped, so no token is counted
  twice.
*/
import {makeInsight, type Scope, targetOf} from '../scope.js';
import type {DetailLine, Insight} from '../types.js';
import {formatTokens} from '../../core/tokens.js';
import {clip, count, tokens, usd, usdText} from '../format.js';
import {quote} from '../message.js';
import {vagueTurns} from './vague-prompts.js';

export const recommendationThresholds = {minSavingUSD: 0.01, warningSavingUSD: 1} as const;

type Action = {
	subject: string;
	message: string;
	usd: number;
	tokens: number;
	figures: Insight['figures'];
	details: readonly DetailLine[];
	target: readonly string[] | undefined;
};

type VagueSaving = {tokens: number; usd: number; turns: number; details: DetailLine[]; target: string[] | undefined};

function vagueSaving(scope: Scope, clearedSessions: ReadonlySet<string>): VagueSaving {
	const baselines = new Map(scope.sessions.map(group => [group.key, scope.prompt(group.calls[0]!)]));
	let saved = 0;
	let savedUSD = 0;
	const turns = vagueTurns(scope).filter(turn => !clearedSessions.has(turn.sessionKey));
	for (const turn of turns) {
		const baseline = baselines.get(turn.sessionKey)!;
		for (const call of turn.calls) {
			const extra = Math.max(0, scope.prompt(call) - baseline);
			saved += extra;
			savedUSD += extra * (scope.rates(call)?.cacheRead ?? 0);
		}
	}

	// Turns are costliest first: the first is the one to show and open.
	const first = turns[0];
	return {
		tokens: saved,
		usd: savedUSD,
		turns: turns.length,
		details: first
			? [
					[count(turns.length, 'prompt'), ' re-read ', tokens(saved), ' of history'],
					[
						'costliest: ',
						quote(clip(first.prompt, 30)),
						` in ${scope.project(first.calls[0]!)} on ${scope.day(first.calls[0]!)}`,
					],
				]
			: [],
		target: first ? targetOf(scope, first.calls[0]!, 'turn') : undefined,
	};
}

export function recommendations(scope: Scope, found: readonly Insight[]): Insight[] {
	const actions: Action[] = [];
	const context = found.filter(
		insight => insight.rule === 'context-compounding' && (insight.estimatedSavingUSD ?? 0) > 0,
	);
	if (context.length > 0) {
		const savedUSD = context.reduce((sum, insight) => sum + (insight.estimatedSavingUSD ?? 0), 0);
		const savedTokens = context.reduce((sum, insight) => sum + (insight.estimatedSavingTokens ?? 0), 0);
		const worst = [...context].sort((a, b) => (b.estimatedSavingUSD ?? 0) - (a.estimatedSavingUSD ?? 0))[0]!;
		actions.push({
			subject: 'clear-context',
			message: `Run /clear (or start a new session) once a task is done: ${context.length} session${context.length === 1 ? '' : 's'} kept re-reading a growing history; largest: ${String(worst.figures['sessionName'])} after turn ${String(worst.figures['clearAfterTurn'])}.`,
			usd: savedUSD,
			tokens: savedTokens,
			figures: {
				sessions: context.length,
				worstSession: String(worst.figures['session']),
				worstClearAfterTurn: Number(worst.figures['clearAfterTurn']),
				worstSavingUSD: worst.estimatedSavingUSD ?? 0,
			},
			details: [
				[count(context.length, 'session'), ' · ', tokens(savedTokens), ' of history a fresh start would not re-read'],
				[
					`largest: ${String(worst.figures['sessionName'])}, after turn ${String(worst.figures['clearAfterTurn'])} saves `,
					usd(worst.estimatedSavingUSD ?? 0),
				],
			],
			target: worst.target,
		});
	}

	const rebuild = found.find(insight => insight.rule === 'cache-idle-rebuild');
	if (rebuild && (rebuild.estimatedSavingUSD ?? 0) > 0) {
		actions.push({
			subject: 'keep-cache-warm',
			message: `Avoid pauses of more than 5 minutes in the middle of a task (the cache expires), or use the 1-hour cache for long think breaks: ${String(rebuild.figures['rebuilds'])} cache rebuilds.`,
			usd: rebuild.estimatedSavingUSD ?? 0,
			tokens: rebuild.estimatedSavingTokens ?? 0,
			figures: {rebuilds: Number(rebuild.figures['rebuilds']), rebuildTokens: Number(rebuild.figures['rebuildTokens'])},
			details: rebuild.details,
			target: rebuild.target,
		});
	}

	const vague = vagueSaving(scope, new Set(context.map(insight => String(insight.figures['session']))));
	if (vague.turns > 0 && vague.usd > 0) {
		actions.push({
			subject: 'specific-prompts',
			message: `Replace "continue"/"fix this" in long conversations with a precise request in a fresh session: ${vague.turns} such prompt${vague.turns === 1 ? '' : 's'} re-read ${formatTokens(vague.tokens)} tokens of history.`,
			usd: vague.usd,
			tokens: vague.tokens,
			figures: {turns: vague.turns, historyTokens: vague.tokens},
			details: vague.details,
			target: vague.target,
		});
	}

	return actions
		.filter(action => action.usd >= recommendationThresholds.minSavingUSD)
		.sort((a, b) => b.usd - a.usd)
		.map((action, index) =>
			makeInsight(scope, {
				rule: 'recommendation',
				subject: action.subject,
				severity: action.usd >= recommendationThresholds.warningSavingUSD ? 'warning' : 'info',
				message: `${index + 1}. ${action.message} Saves ≈${usdText(action.usd)}.`,
				figures: {rank: index + 1, action: action.subject, ...action.figures},
				details: action.details,
				target: action.target,
				estimatedSavingUSD: action.usd,
				estimatedSavingTokens: action.tokens,
			}),
		);
}
