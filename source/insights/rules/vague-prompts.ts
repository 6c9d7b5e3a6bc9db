/**
Rule 3, vague prompts in long contexts: "fix this", "try again", "continue" sent into a
conversation that is already large make the model re-read everything to guess the intent.

A prompt is vague when it has at most 6 words, does not start with `/`, and every word is in
a small vocabulary of filler words (fix, this, try, again, continue, go, on, ok, yes, …).
It counts once one of the turn's calls reads ≥ 50K prompt tokens, with the cost of its calls
from that one on. Insight: the count, the turns' total cost and the three most expensive examples (quoted in the message, not in the
figures). Warning when they cost ≥ $1 or there are ≥ 5 of them.
*/
import {formatTokens} from '../../core/tokens.js';
import {clip, cents, count, tokens, usd, usdText} from '../format.js';
import {quote} from '../message.js';
import {makeInsight, type Scope, targetOf} from '../scope.js';
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
	sessionKey: string;
	prompt: string;
	context: number;
	costUSD: number;
	tokens: number;
	/** The turn's calls in the scope, in time order. */
	calls: number[];
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

/** What is known of a turn while scanning: not judged yet, not a vague turn, or its place in `turns`. */
const unjudged = 0;
const notVague = -1;

function findVagueTurns(scope: Scope): VagueTurn[] {
	// Turn (index into rows.turns) → unjudged, notVague, or 1 + its index in `turns`.
	const state = new Int32Array(scope.rows.turns.length);
	const turns: VagueTurn[] = [];
	// Many turns send the same short prompt ("continue"): judge each prompt text once.
	const vague = new Map<string, boolean>();
	const isVague = (prompt: string) => {
		let answer = vague.get(prompt);
		if (answer === undefined) {
			answer = isVaguePrompt(prompt);
			vague.set(prompt, answer);
		}

		return answer;
	};

	for (let call = 0; call < scope.size; call++) {
		const turnIndex = scope.turn(call);
		// Calls before any prompt have none to judge.
		if (turnIndex < 0 || state[turnIndex] === notVague) {
			continue;
		}

		if (state[turnIndex] === unjudged) {
			const prompt = scope.promptText(call);
			if (!isVague(prompt)) {
				state[turnIndex] = notVague;
				continue;
			}

			// The turn counts from its first call that reads a long context.
			if (scope.prompt(call) < vagueThresholds.minContext) {
				continue;
			}

			turns.push({
				turnId: `${scope.sessionKey(call)}#${scope.rows.turns[turnIndex]!.info.turnId}`,
				sessionKey: scope.sessionKey(call),
				prompt,
				context: scope.prompt(call),
				costUSD: 0,
				tokens: 0,
				calls: [],
			});
			state[turnIndex] = turns.length;
		}

		const turn = turns[state[turnIndex]! - 1]!;
		turn.costUSD += scope.cost(call);
		turn.tokens += scope.total(call);
		turn.calls.push(call);
	}

	return turns.sort((a, b) => b.costUSD - a.costUSD || b.tokens - a.tokens);
}

export function vaguePrompts(scope: Scope): Insight[] {
	const turns = vagueTurns(scope);
	if (turns.length === 0) {
		return [];
	}

	const cost = turns.reduce((sum, turn) => sum + turn.costUSD, 0);
	const allTokens = turns.reduce((sum, turn) => sum + turn.tokens, 0);
	const examples = turns.slice(0, 3);
	const figures: Insight['figures'] = {turns: turns.length, costUSD: cents(cost), tokens: allTokens};
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
				`${turns.length} short, vague prompt${turns.length === 1 ? '' : 's'} in long contexts cost ${usdText(cost)} (${formatTokens(allTokens)} tokens): `,
				...list,
				'. Say what to change and where.',
			],
			figures,
			details: [
				[count(turns.length, 'turn'), ' · ', usd(cost), ' · ', tokens(allTokens)],
				[
					'costliest: ',
					quote(clip(examples[0]!.prompt, 30)),
					` in ${scope.project(examples[0]!.calls[0]!)} on ${scope.day(examples[0]!.calls[0]!)}, `,
					tokens(examples[0]!.context),
					' in context',
				],
			],
			// The costliest vague turn.
			target: targetOf(scope, examples[0]!.calls[0]!, 'turn'),
		}),
	];
}
