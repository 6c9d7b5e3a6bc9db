import {describe, expect, it} from 'vitest';
import {insightsFor} from '../../source/insights/index.js';
import {flatSession, growingSession, modelOf, sessionEvents} from './fixtures.js';
import {messageText} from '../../source/insights/message.js';

describe('rule 8: recommendations', () => {
	it('ranks concrete actions by their estimated saving, with the triggering figures', () => {
		// Five calls, context ×2.3: too small for rule 1, but turns 3-5 are "try again".
		const vague = sessionEvents(
			'loop',
			'2026-03-03T09:00:00Z',
			5,
			1,
			i => 60_000 + i * 20_000,
			turn => (turn >= 3 ? 'try again' : `Port the ${turn}th report to the new charts`),
		);
		const model = modelOf([...growingSession('g1'), ...growingSession('g2', '2026-03-02T13:00:00Z'), ...vague]);
		const recommendations = insightsFor(model, model.root).filter(insight => insight.rule === 'recommendation');
		expect(recommendations.map(insight => insight.figures['action'])).toEqual(['clear-context', 'specific-prompts']);
		const [clear, specific] = recommendations;
		// Rule 1's saving for g1 and g2.
		const contextSavings = insightsFor(model, model.root)
			.filter(insight => insight.rule === 'context-compounding')
			.reduce((sum, insight) => sum + (insight.estimatedSavingUSD ?? 0), 0);
		expect(clear!.estimatedSavingUSD).toBeCloseTo(contextSavings, 2);
		expect(clear!.figures['sessions']).toBe(2);
		// try again ×3 (calls 2..4): history above the 60K first prompt = 40K + 60K + 80K.
		expect(specific!.estimatedSavingTokens).toBe(180_000);
		expect(specific!.figures['turns']).toBe(3);
		expect(messageText(clear!.message).startsWith('1. Run /clear')).toBe(true);
	});

	it('recommends nothing when no rule measured a saving', () => {
		const model = modelOf([...flatSession('f1'), ...flatSession('f2', '2026-03-03T09:00:00Z')]);
		expect(insightsFor(model, model.root).filter(insight => insight.rule === 'recommendation')).toEqual([]);
	});

	it('does not count a vague turn twice when its session already gets a /clear advice', () => {
		const model = modelOf(
			growingSession('g1').map(event =>
				event.type === 'turn' && event.turnId === 'g1-t6' ? {...event, prompt: 'continue'} : event,
			),
		);
		const insights = insightsFor(model, model.root);
		expect(insights.some(insight => insight.rule === 'vague-prompts')).toBe(true);
		expect(
			insights.filter(insight => insight.rule === 'recommendation').map(insight => insight.figures['action']),
		).toEqual(['clear-context']);
	});
});
