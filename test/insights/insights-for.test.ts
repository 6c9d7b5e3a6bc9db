import {describe, expect, it} from 'vitest';
import {insightsFor, rowHint} from '../../source/insights/index.js';
import {nodesOfKind} from '../../source/model/query.js';
import {call, session, tokens, turn} from '../support/events.js';
import {flatSession, growingSession, modelOf} from './fixtures.js';
import {messageText} from '../../source/insights/message.js';

describe('insightsFor', () => {
	it('returns nothing for an empty tree', () => {
		const model = modelOf([]);
		expect(insightsFor(model, model.root)).toEqual([]);
	});

	it('puts recommendations first by saving, then ranks by severity; unique ids; respects the limit', () => {
		const model = modelOf([...growingSession('g1'), ...flatSession('f1', '2026-03-03T09:00:00Z')]);
		const insights = insightsFor(model, model.root, {now: Date.parse('2026-03-03T09:30:00Z'), tokenLimit: 500_000});
		const recommendations = insights.filter(insight => insight.rule === 'recommendation');
		expect(recommendations.length).toBeGreaterThan(0);
		expect(insights.slice(0, recommendations.length)).toEqual(recommendations);
		const savings = recommendations.map(insight => insight.estimatedSavingUSD!);
		expect(savings).toEqual([...savings].sort((a, b) => b - a));
		const rest = insights.slice(recommendations.length);
		const ranks = rest.map(insight => ({critical: 0, warning: 1, info: 2})[insight.severity]);
		expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
		// The critical billing alert leads the rest: the recommendation above it is info-level.
		expect(rest[0]!.severity).toBe('critical');
		expect(new Set(insights.map(insight => insight.id)).size).toBe(insights.length);
		expect(insights.map(insight => insight.rule)).toEqual(
			expect.arrayContaining(['context-compounding', 'cache-efficiency', 'billing-active-block', 'activity-split']),
		);
		expect(insightsFor(model, model.root, {limit: 2})).toHaveLength(2);
		// Insights are plain data: they survive a JSON round trip unchanged.
		expect(JSON.parse(JSON.stringify(insights))).toEqual(insights);
	});

	it('scopes per-session insights to the session node and restricts a day to its own calls', () => {
		const model = modelOf([...growingSession('g1'), ...flatSession('f1', '2026-03-03T09:00:00Z')]);
		const [dayWithGrowth, flatDay] = nodesOfKind(model.root, 'day');
		const growth = insightsFor(model, dayWithGrowth!).find(insight => insight.rule === 'context-compounding')!;
		expect(growth.scope.keyPath).toEqual(['2026-W10', '2026-03-02', 'claude:g1']);
		expect(insightsFor(model, flatDay!).some(insight => insight.rule === 'context-compounding')).toBe(false);
	});

	it('hints a low cache rate on a row', () => {
		const model = modelOf([
			session('claude', 'cold', {project: 'scripts'}),
			turn('claude', 'cold', 'c1', '2026-03-03T10:00:00Z', 'Write a backup script'),
			call('claude', 'cold', '2026-03-03T10:00:05Z', {
				turnId: 'c1',
				tokens: tokens({input: 90_000, cacheRead: 12_000, cacheWrite5m: 10_000, output: 500}),
			}),
		]);
		expect(rowHint(nodesOfKind(model.root, 'day')[0]!)).toBe('cache 11%');
	});

	it('never yields NaN or a throw on unpriced models and empty calls', () => {
		const events = [
			session('gemini', 'odd', {project: 'lab'}),
			turn('gemini', 'odd', '1', '2026-03-03T10:00:00Z', 'continue'),
			// Unpriced model (no rates), a zero-token call and a call with only output.
			call('gemini', 'odd', '2026-03-03T10:00:05Z', {
				turnId: '1',
				model: 'gemini-9-experimental',
				tokens: tokens({input: 80_000, cacheRead: 60_000, output: 100}),
			}),
			call('gemini', 'odd', '2026-03-03T10:00:06Z', {turnId: '1', model: 'gemini-9-experimental', tokens: tokens({})}),
			call('gemini', 'odd', '2026-03-03T10:20:00Z', {turnId: '1', tokens: tokens({output: 50})}),
			...growingSession('g', '2026-03-03T11:00:00Z'),
		];
		const model = modelOf(events);
		const insights = insightsFor(model, model.root, {
			now: Date.parse('2026-03-03T12:00:00Z'),
			plan: 'max5',
			weeklyTokenLimit: 1,
		});
		expect(insights.length).toBeGreaterThan(0);
		for (const insight of insights) {
			for (const value of Object.values(insight.figures)) {
				expect(
					typeof value === 'string' || Number.isFinite(value),
					`${insight.rule}: ${messageText(insight.message)}`,
				).toBe(true);
			}

			expect(messageText(insight.message)).not.toMatch(/NaN|undefined|Infinity/);
		}

		// The vague prompt sits on an unpriced 140K context: reported, costed at $0 (a lower bound).
		expect(insights.find(insight => insight.rule === 'vague-prompts')!.figures['costUSD']).toBe(0);
	});

	it('keeps the best-ranked five insights of one rule, while recommendations count them all', () => {
		const sessions = Array.from({length: 7}, (_, index) =>
			growingSession(`g${index}`, `2026-03-0${index + 1}T09:00:00Z`),
		).flat();
		const model = modelOf(sessions);
		const insights = insightsFor(model, model.root);
		expect(insights.filter(insight => insight.rule === 'context-compounding')).toHaveLength(5);
		expect(insights.find(insight => insight.rule === 'recommendation')!.figures['sessions']).toBe(7);
		expect(
			insightsFor(model, model.root, {perRuleLimit: 10}).filter(insight => insight.rule === 'context-compounding'),
		).toHaveLength(7);
	});
});
