/**
Rule 3, vague prompts in long contexts: "fix this", "try again", "continue" sent into a
conversation that is already large make the model re-read everything to guess the intent.

A prompt is vague when it has at most 6 words, does not start with `/`, and every word is in
a small vocabulary of filler words (fix, this, try, again, continue, go, on, ok, yes, …).
It counts when the turn's first call read ≥ 50K prompt tokens. Insight: the count, the
turns' total cost and the three most expensive examples (quoted in the message, not in the
figures). Warning when they cost ≥ $1 or there are ≥ 5 of them.
*/
import {formatTokens, totalOf} from '../../core/tokens.js';
import {clip, cents, usdText} from '../format.js';
import {quote} from '../message.js';
import {callCost, makeInsight, type Scope, type ScopedCall} from '../scope.js';
import type {Insight} from '../types.js';

export const vagueThresholds = {maxWords: 6, minContext: 50_000, warningCostUSD: 1, warningCount: 5} as const;

const vagueWords = new Set(
	'fix this that it its try again continue go on ok okay k yes y yep yeah sure do please pls keep going proceed next retry redo still broken not working doesnt does didnt work works same error errors more and now the thing what why hmm thanks thx lgtm good great nope no wrong implementation implementing task tasks previous last step steps with from where you left off'.split(
		' ',
	),
);

export function isVaguePrompt(prompt: string): boolean {
	const text = prompt.trim().toLowerCase();
	if (text === '' || text.startsWith('/')) {
		return false;
	}

	const words = text
		.replace(/[’']/g, '')
		.split(/[^a-z0-9?]+/)
		.map(word => word.replace(/\?+$/, ''))
		.filter(Boolean);
	return words.length > 0 && words.length <= vagueThresholds.maxWords && words.every(word => vagueWords.has(word));
}

type VagueTurn = {
	turnId: string;
	prompt: string;
	context: number;
	costUSD: number;
	tokens: number;
	calls: ScopedCall[];
};

const memo = new WeakMap<Scope, VagueTurn[]>();

/** Vague turns of a scope, costliest first (memoized: rules 3 and 8 both ask). */
export function vagueTurns(scope: Scope): VagueTurn[] {
	let cached = memo.get(scope);
	if (!cached) {
		cached = findVagueTurns(scope);
		memo.set(scope, cached);
	}

	return cached;
}

function findVagueTurns(scope: Scope): VagueTurn[] {
	// session key → turn id → turn (no key string per call), in order of first call.
	const bySession = new Map<string, Map<string, VagueTurn>>();
	const turns: VagueTurn[] = [];
	// Every call of a turn asks about the same prompt; judge each prompt text once.
	const vague = new Map<string, boolean>();
	let lastPrompt: string | undefined;
	let lastAnswer = false;
	const isVague = (prompt: string) => {
		// Calls of one turn often follow each other: skip the map for a repeated prompt.
		if (prompt === lastPrompt) {
			return lastAnswer;
		}

		let answer = vague.get(prompt);
		if (answer === undefined) {
			answer = isVaguePrompt(prompt);
			vague.set(prompt, answer);
		}

		lastPrompt = prompt;
		lastAnswer = answer;
		return answer;
	};

	for (const scoped of scope.calls) {
		// Every call of a turn carries the turn's prompt, so a call whose prompt is not vague
		// belongs to no vague turn: skip it before making a key.
		if (!isVague(scoped.turn.prompt)) {
			continue;
		}

		let sessionTurns = bySession.get(scoped.sessionKey);
		if (!sessionTurns) {
			sessionTurns = new Map();
			bySession.set(scoped.sessionKey, sessionTurns);
		}

		let turn = sessionTurns.get(scoped.turn.turnId);
		if (!turn) {
			if (scoped.prompt < vagueThresholds.minContext) {
				continue;
			}

			turn = {
				turnId: `${scoped.sessionKey}#${scoped.turn.turnId}`,
				prompt: scoped.turn.prompt,
				context: scoped.prompt,
				costUSD: 0,
				tokens: 0,
				calls: [],
			};
			sessionTurns.set(scoped.turn.turnId, turn);
			turns.push(turn);
		}

		turn.costUSD += callCost(scoped.call);
		turn.tokens += totalOf(scoped.call.tokens);
		turn.calls.push(scoped);
	}

	return turns.sort((a, b) => b.costUSD - a.costUSD || b.tokens - a.tokens);
}

export function vaguePrompts(scope: Scope): Insight[] {
	const turns = vagueTurns(scope);
	if (turns.length === 0) {
		return [];
	}

	const cost = turns.reduce((sum, turn) => sum + turn.costUSD, 0);
	const tokens = turns.reduce((sum, turn) => sum + turn.tokens, 0);
	const examples = turns.slice(0, 3);
	const figures: Insight['figures'] = {turns: turns.length, costUSD: cents(cost), tokens};
	for (const [index, turn] of examples.entries()) {
		figures[`example${index + 1}ContextTokens`] = turn.context;
		figures[`example${index + 1}CostUSD`] = cents(turn.costUSD);
	}

	// The examples are user text: quote parts, so an export without prompts drops them.
	const list = examples.flatMap((turn, index) => [
		...(index > 0 ? [', '] : []),
		quote(clip(turn.prompt, 20)),
		` at ${formatTokens(turn.context)} (${usdText(turn.costUSD)})`,
	]);
	return [
		makeInsight(scope, {
			rule: 'vague-prompts',
			severity:
				cost >= vagueThresholds.warningCostUSD || turns.length >= vagueThresholds.warningCount ? 'warning' : 'info',
			message: [
				`${turns.length} short, vague prompt${turns.length === 1 ? '' : 's'} in long contexts cost ${usdText(cost)} (${formatTokens(tokens)} tokens): `,
				...list,
				'. Say what to change and where.',
			],
			figures,
		}),
	];
}
