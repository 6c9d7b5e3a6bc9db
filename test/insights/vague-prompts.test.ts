import {describe, expect, it} from 'vitest';
import {messageText, quotesOf} from '../../source/insights/message.js';
import {isVaguePrompt, vaguePrompts} from '../../source/insights/rules/vague-prompts.js';
import {buildScope} from '../../source/insights/scope.js';
import {rowHint} from '../../source/insights/index.js';
import {nodesOfKind} from '../../source/model/query.js';
import {modelOf, sessionEvents} from './fixtures.js';

const prompts = (vagueAt: number[], text: string) => (turn: number) =>
	vagueAt.includes(turn) ? text : `Add retry with backoff to the upload client, step ${turn}`;

describe('rule 3: vague prompts in long contexts', () => {
	it('classifies short filler prompts only', () => {
		for (const text of [
			'fix this',
			'try again',
			'continue',
			'go on',
			'ok',
			'Still not working?',
			"doesn't work",
			'yes please',
			'continue implementation',
			'continue where you left off',
		]) {
			expect(isVaguePrompt(text), text).toBe(true);
		}

		for (const text of [
			'fix the flaky upload test in client.ts',
			'/clear',
			'continue with the migration of users table',
			'',
		]) {
			expect(isVaguePrompt(text), text).toBe(false);
		}
	});

	it('reports vague prompts sent into a 120K+ context with their cost', () => {
		const model = modelOf(
			sessionEvents('v', '2026-03-02T09:00:00Z', 6, 2, i => 40_000 + i * 20_000, prompts([4, 6], 'continue')),
		);
		const [insight] = vaguePrompts(buildScope(model, model.root));
		// Turn 4 starts at call 6 (160K), turn 6 at call 10 (240K): both ≥ 50K.
		expect(insight!.figures['turns']).toBe(2);
		expect(quotesOf(insight!.message)).toEqual(['continue', 'continue']);
		expect(messageText(insight!.message)).toContain('tokens): "continue" at 240k');
		expect(insight!.figures['example1ContextTokens']).toBe(240_000);
		// Sonnet 4.5 list prices per M: input 200×3 + write 2000×3.75 + read (p−2200)×0.3 + 800×15;
		// a prompt over 200K is billed whole at the long-context rates (6 / 7.5 / 0.6 / 22.5).
		const price = (p: number) =>
			(p > 200_000
				? 200 * 6 + 2000 * 7.5 + (p - 2200) * 0.6 + 800 * 22.5
				: 200 * 3 + 2000 * 3.75 + (p - 2200) * 0.3 + 800 * 15) / 1e6;
		const cost = [160_000, 180_000, 240_000, 260_000].reduce((sum, p) => sum + price(p), 0);
		expect(insight!.figures['costUSD']).toBeCloseTo(cost, 2);
		const vagueTurn = nodesOfKind(model.root, 'turn').find(node => node.turn?.prompt === 'continue')!;
		expect(rowHint(vagueTurn)).toBe('vague');
	});

	it('ignores vague prompts in small contexts and precise prompts in large ones', () => {
		const smallContext = modelOf(
			sessionEvents('s', '2026-03-02T09:00:00Z', 3, 2, () => 8000, prompts([2], 'fix this')),
		);
		expect(vaguePrompts(buildScope(smallContext, smallContext.root))).toEqual([]);
		const precise = modelOf(
			sessionEvents('p', '2026-03-02T09:00:00Z', 6, 2, i => 40_000 + i * 20_000, prompts([], '')),
		);
		expect(vaguePrompts(buildScope(precise, precise.root))).toEqual([]);
	});
});
