import {describe, expect, it} from 'vitest';
import {contextCompounding, contextGrowthOf} from '../../source/insights/rules/context.js';
import {buildScope} from '../../source/insights/scope.js';
import {insightsFor, rowHint} from '../../source/insights/index.js';
import {keyPathOf, nodesOfKind} from '../../source/model/query.js';
import {pricer} from '../support/pricer.js';
import {flatSession, growingSession, modelOf} from './fixtures.js';
import {messageText, quotesOf} from '../../source/insights/message.js';

describe('rule 1: context compounding', () => {
	it('flags a session whose context grows, with the takeoff turn and a saving', () => {
		const model = modelOf(growingSession());
		const insights = contextCompounding(buildScope(model, model.root, {pricer: pricer}));
		expect(insights).toHaveLength(1);
		const [insight] = insights;
		// Prompts 20K + i²·650 for i = 0..23: peak 20K + 529·650 = 363,850.
		expect(insight!.figures['baselineTokens']).toBe(20_000);
		expect(insight!.figures['peakTokens']).toBe(363_850);
		expect(insight!.figures['growth']).toBeCloseTo(18.2, 1);
		// First call ≥ 40K is i = 6 (20K + 23.4K): turn 3 (calls 6..8).
		expect(insight!.figures['takeoffTurn']).toBe(3);
		expect(insight!.figures['clearAfterTurn']).toBe(3);
		expect(insight!.severity).toBe('warning');
		expect(messageText(insight!.message)).toContain('after turn 3');
		// The takeoff prompt is user text: a quote part, shown in quotation marks.
		expect(quotesOf(insight!.message)).toEqual(['Implement step 3 of the grow-…']);
		expect(messageText(insight!.message)).toContain('from turn 3 ("Implement step 3 of the grow-…");');
		// Saving: from call 9 (prompt 20K + 81·650 = 72,650), H = 52,650 for each of the 15 calls.
		expect(insight!.estimatedSavingTokens).toBe(15 * 52_650);
		// At Sonnet 4.5's cache-read list rate ($0.30/M) from the price table: the saving prices the
		// dropped history as cache reads of their own, without the long-context tier of the original calls.
		expect(insight!.estimatedSavingUSD).toBeCloseTo((15 * 52_650 * 0.3) / 1e6, 2);
		expect(insight!.scope.kind).toBe('session');
	});

	it('measures re-read history as the sum of prompt above the first call', () => {
		const model = modelOf(growingSession());
		const scope = buildScope(model, model.root);
		const growth = contextGrowthOf(scope, scope.sessions[0]!)!;
		let expected = 0;
		for (let i = 0; i < 24; i++) {
			expected += i * i * 650;
		}

		expect(growth.rereadTokens).toBe(expected);
	});

	it('says nothing about a session with a flat context', () => {
		const model = modelOf(flatSession());
		expect(contextCompounding(buildScope(model, model.root))).toEqual([]);
		const sessionNode = nodesOfKind(model.root, 'session')[0]!;
		expect(rowHint(sessionNode)).toBeUndefined();
	});

	it('shows the growth as a row hint and ranks the insight in insightsFor', () => {
		const model = modelOf(growingSession());
		const sessionNode = nodesOfKind(model.root, 'session')[0]!;
		expect(rowHint(sessionNode)).toBe('ctx ×18');
		const insights = insightsFor(model, sessionNode);
		// The recommendation it produced (info-level, $0.24) comes first: recommendations lead the
		// list by saving; the warning leads the rest.
		const [recommendation, growth] = insights;
		expect(recommendation!.figures['action']).toBe('clear-context');
		expect(growth!.rule).toBe('context-compounding');
		expect(recommendation!.estimatedSavingUSD).toBe(growth!.estimatedSavingUSD);
		// Both point at the session whose context grew.
		expect(recommendation!.target).toEqual(keyPathOf(sessionNode));
		expect(growth!.target).toEqual(keyPathOf(sessionNode));
		const ranks = insights.slice(1).map(insight => ({warning: 1, critical: 0, info: 2})[insight.severity]);
		expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
	});
});
