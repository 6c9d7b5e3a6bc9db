/**
What the insights pane shows under each message (the rules' detail lines, formatted from typed
amounts) and where Enter takes the user (the target key path), on the rule fixtures.
*/
import {describe, expect, it} from 'vitest';
import {detailText} from '../../source/insights/format.js';
import {insightsFor} from '../../source/insights/index.js';
import {activitySplit, rereadFiles} from '../../source/insights/rules/activity.js';
import {billingWindows} from '../../source/insights/rules/billing.js';
import {cacheEfficiency} from '../../source/insights/rules/cache.js';
import {concentration} from '../../source/insights/rules/concentration.js';
import {contextCompounding} from '../../source/insights/rules/context.js';
import {vaguePrompts} from '../../source/insights/rules/vague-prompts.js';
import {buildScope} from '../../source/insights/scope.js';
import type {Insight} from '../../source/insights/types.js';
import {findByKeyPath} from '../../source/model/query.js';
import type {TreeModel} from '../../source/model/types.js';
import {call, session, tokens, tool, turn} from '../support/events.js';
import {pricer} from '../support/pricer.js';
import {growingSession, modelOf, sessionEvents} from './fixtures.js';

const lines = (insight: Insight, prompts = true) => insight.details.map(line => detailText(line, {prompts}));

/** The node a target names, found in the tree (kind and label say what the user lands on). */
function landing(model: TreeModel, insight: Insight) {
	const node = findByKeyPath(model, insight.target!);
	// The whole path exists: the target is a real node, not the deepest existing prefix.
	expect(node.key).toBe(insight.target!.at(-1));
	return {kind: node.kind, label: node.label, day: node.kind === 'day' ? node.key : node.parent?.key};
}

/** No detail line is a figures dump: no `key=value`, no raw session id. */
function expectHuman(insight: Insight) {
	for (const line of lines(insight)) {
		expect(line).not.toMatch(/\w=\S/);
		expect(line).not.toMatch(/claude:/);
	}

	expect(insight.details.length).toBeLessThanOrEqual(2);
}

describe('insight detail lines and targets', () => {
	it('context growth: calls, context range and re-read history; points at the session', () => {
		const model = modelOf(growingSession());
		const [insight] = contextCompounding(buildScope(model, model.root, {pricer}));
		expectHuman(insight!);
		// 24 calls; prompts 20K → 363,850 (×18.2); re-read Σ i²·650 for i < 24 = 650 × 4324 = 2,810,600.
		expect(lines(insight!)).toEqual([
			'24 calls · context 20.0k tokens → 364k tokens (×18)',
			expect.stringMatching(/^2\.8M tokens of history re-read · the session cost \$\d+\.\d\d · clear after turn 3$/),
		]);
		expect(insight!.target).toEqual(['2026-W10', '2026-03-02', 'claude:grow']);
		expect(landing(model, insight!)).toEqual({kind: 'session', label: 'grow-app', day: '2026-03-02'});
		// Its recommendation: 15 calls × 52,650 tokens of dropped history.
		const recommendation = insightsFor(model, model.root, {pricer}).find(item => item.rule === 'recommendation')!;
		expect(lines(recommendation)).toEqual([
			'1 session · 790k tokens of history a fresh start would not re-read',
			expect.stringMatching(/^largest: grow-app \(claude, 2026-03-02\), after turn 3 saves \$0\.\d\d$/),
		]);
		expect(recommendation.target).toEqual(insight!.target);
	});

	it('vague prompts: count, cost and the costliest prompt as a quote; points at its turn', () => {
		const model = modelOf(
			sessionEvents(
				'v',
				'2026-03-02T09:00:00Z',
				6,
				2,
				i => 40_000 + i * 20_000,
				turn => ([4, 6].includes(turn) ? 'continue' : `Add retry with backoff, step ${turn}`),
			),
		);
		const [insight] = vaguePrompts(buildScope(model, model.root));
		expectHuman(insight!);
		const [counts, costliest] = lines(insight!);
		// Calls 6, 7 (turn 4) and 10, 11 (turn 6): prompts 160K + 180K + 240K + 260K, plus 4 × 800 output.
		expect(counts).toMatch(/^2 turns · \$\d+\.\d\d · 843k tokens$/);
		// Turn 6 reads 240K and 260K: the costlier of the two.
		expect(costliest).toBe('costliest: "continue" in v-app on 2026-03-02, 240k tokens in context');
		// Without prompts the quote is only marked.
		expect(lines(insight!, false)[1]).toBe('costliest: "…" in v-app on 2026-03-02, 240k tokens in context');
		expect(insight!.target).toEqual(['2026-W10', '2026-03-02', 'claude:v', 'v-t6']);
		expect(landing(model, insight!)).toMatchObject({kind: 'turn', label: 'continue'});
	});

	it('concentration: the top sessions with share and cost; points at the largest', () => {
		const small = (id: string, day: string) => sessionEvents(id, `${day}T10:00:00Z`, 2, 2, () => 20_000);
		const model = modelOf([
			...sessionEvents('huge', '2026-03-02T09:00:00Z', 6, 4, () => 200_000),
			...['a', 'b', 'c', 'd', 'e'].flatMap((id, index) => small(id, `2026-03-0${index + 3}`)),
		]);
		const [insight] = concentration(buildScope(model, model.root));
		expectHuman(insight!);
		// 24 × 200,800 = 4,819,200 of 4,819,200 + 5 × 4 × 20,800 = 5,235,200 tokens (92%).
		expect(lines(insight!)[0]).toMatch(/^4\.8M tokens of 5\.2M tokens · \$\d+\.\d\d$/);
		expect(lines(insight!)[1]).toMatch(/^huge-app \(claude, 2026-03-02\) 92% \$\d+\.\d\d$/);
		expect(landing(model, insight!)).toEqual({kind: 'session', label: 'huge-app', day: '2026-03-02'});
	});

	it('cache: the summary has no target; the idle rebuild points at the call that rebuilt', () => {
		const model = modelOf([
			session('claude', 'pause', {project: 'billing'}),
			turn('claude', 'pause', 't1', '2026-03-02T10:00:00Z', 'Add VAT handling to invoices'),
			call('claude', 'pause', '2026-03-02T10:00:05Z', {
				turnId: 't1',
				tokens: tokens({input: 100, cacheWrite5m: 50_000, output: 500}),
			}),
			call('claude', 'pause', '2026-03-02T10:02:00Z', {
				turnId: 't1',
				tokens: tokens({input: 100, cacheRead: 50_000, cacheWrite5m: 2000, output: 500}),
			}),
			turn('claude', 'pause', 't2', '2026-03-02T10:30:00Z', 'Now the credit notes'),
			call('claude', 'pause', '2026-03-02T10:30:05Z', {
				turnId: 't2',
				tokens: tokens({input: 100, cacheWrite5m: 56_000, output: 500}),
			}),
			call('claude', 'pause', '2026-03-02T10:32:00Z', {
				turnId: 't2',
				tokens: tokens({input: 100, cacheRead: 56_000, cacheWrite5m: 1000, output: 500}),
			}),
		]);
		const [summary, rebuild] = cacheEfficiency(buildScope(model, model.root, {pricer}));
		expectHuman(summary!);
		expect(summary!.target).toBeUndefined();
		// Read 50,000 + 56,000; written 50,000 + 2000 + 56,000 + 1000.
		expect(lines(summary!)[0]).toMatch(/^106k tokens read from cache, 109k tokens written · saved \$\d+\.\d\d$/);
		expectHuman(rebuild!);
		// The rebuild after 28 min idle (10:02:00 → 10:30:05) wrote min(56,000, 52,100) tokens again.
		expect(lines(rebuild!)).toEqual([
			expect.stringMatching(/^1 rebuild · 52\.1k tokens rebuilt · \$\d+\.\d\d$/),
			'largest: 52.1k tokens in billing on 2026-03-02 after 28 min idle',
		]);
		expect(rebuild!.target).toEqual(['2026-W10', '2026-03-02', 'claude:pause', 't2', '1']);
		expect(landing(model, rebuild!)).toMatchObject({kind: 'call'});
	});

	it('files read again: counts, the next files; points at the day of the most re-read file', () => {
		const read = (id: string, file: string, time: string) => [
			session('claude', id, {project: 'web'}),
			turn('claude', id, `${id}-t`, time, 'Look at the router'),
			call('claude', id, time, {
				turnId: `${id}-t`,
				tokens: tokens({input: 1000, output: 100}),
				tools: [tool('Read', 'reading', file)],
			}),
		];
		const model = modelOf([
			...read('s1', 'src/router.ts', '2026-03-04T09:00:00Z'),
			...read('s2', 'src/router.ts', '2026-03-04T11:00:00Z'),
			...read('s3', 'src/router.ts', '2026-03-04T13:00:00Z'),
			...read('s1b', 'src/app.ts', '2026-03-04T09:30:00Z'),
			...read('s2b', 'src/app.ts', '2026-03-04T10:30:00Z'),
		]);
		const [insight] = rereadFiles(buildScope(model, model.root));
		expectHuman(insight!);
		expect(lines(insight!)).toEqual([
			'2 files read again · 1 file in 3 or more sessions',
			'also src/app.ts (2 sessions on 2026-03-04)',
		]);
		expect(landing(model, insight!)).toEqual({kind: 'day', label: expect.any(String), day: '2026-03-04'});
	});

	it('billing: the active block points at its first session; activity is about the whole scope', () => {
		const events = ['10:10', '15:10', '15:40'].flatMap((time, index) =>
			sessionEvents(`b${index}`, `2026-03-02T${time}:00Z`, 1, 1, () => 30_000),
		);
		const model = modelOf(events);
		const insights = billingWindows(
			buildScope(model, model.root, {now: Date.parse('2026-03-02T16:00:00Z'), tokenLimit: 100_000}),
		);
		const active = insights.find(insight => insight.rule === 'billing-active-block')!;
		expectHuman(active);
		// The 15:00–20:00 block holds b1 and b2: 2 × 30,800 tokens (a 30K prompt and 800 output) of the 100K limit.
		expect(lines(active)[0]).toMatch(/^61\.6k tokens · \$\d+\.\d\d · 62% of the limit$/);
		expect(lines(active)[1]).toMatch(/^burning [\d.]+k? tokens\/min, \$\d+\.\d\d an hour · 4 h left$/);
		expect(landing(model, active)).toEqual({kind: 'session', label: 'b1-app', day: '2026-03-02'});
		const history = insights.find(insight => insight.rule === 'billing-blocks')!;
		// The 10:00 block (b0, 30,800) and the 15:00 block (61,600).
		expect(lines(history)[0]).toBe('2 blocks · average 46.2k tokens');
		expect(landing(model, history)).toMatchObject({label: 'b1-app'});
		const [split] = activitySplit(buildScope(growingModel(), growingModel().root));
		expect(split!.target).toBeUndefined();
		expect(lines(split!)[0]).toMatch(/^reading 100% \$\d+\.\d\d$/);
		expect(lines(split!)[1]).toBe('24 tool calls · busiest hour 09:00');
	});

	it('every insight of a busy scope has at most two human lines, and its target exists', () => {
		const model = modelOf([
			...growingSession('g1'),
			...sessionEvents(
				'loop',
				'2026-03-03T09:00:00Z',
				6,
				2,
				i => 40_000 + i * 30_000,
				turn => (turn >= 4 ? 'try again' : `Port report ${turn} to the new charts`),
			),
		]);
		const insights = insightsFor(model, model.root, {
			now: Date.parse('2026-03-03T09:30:00Z'),
			tokenLimit: 3_000_000,
			pricer,
		});
		expect(insights.length).toBeGreaterThan(5);
		for (const insight of insights) {
			expectHuman(insight);
			expect(insight.details.length, insight.id).toBeGreaterThan(0);
			if (insight.target) {
				landing(model, insight);
			}
		}

		expect(insights.filter(insight => insight.target).length).toBeGreaterThan(3);
	});
});

const growingModel = (() => {
	let model: TreeModel | undefined;
	return () => {
		model ??= modelOf(growingSession());
		return model;
	};
})();
