import {describe, expect, it} from 'vitest';
import type {UsageEvent} from '../../source/core/events.js';
import {blockStatus, blockSummary} from '../../source/insights/block-status.js';
import {identifyBlocks} from '../../source/insights/blocks.js';
import {billingWindows} from '../../source/insights/rules/billing.js';
import {buildScope} from '../../source/insights/scope.js';
import {call, session, tokens, turn} from '../support/events.js';
import {modelOf} from './fixtures.js';
import {messageText} from '../../source/insights/message.js';

const t = (hhmm: string, day = '2026-03-02') => Date.parse(`${day}T${hhmm}:00Z`);

/** Claude calls of 10K input + 2K output (+ 8K cache read) at the given UTC times. */
function usage(times: string[], agent: 'claude' | 'codex' = 'claude') {
	const events: UsageEvent[] = [
		session(agent, `s-${agent}`, {project: 'api'}),
		turn(agent, `s-${agent}`, 'p', `${times[0]}`, 'Build the export endpoint'),
	];
	for (const time of times) {
		events.push(
			call(agent, `s-${agent}`, time, {turnId: 'p', tokens: tokens({input: 10_000, cacheRead: 8000, output: 2000})}),
		);
	}

	return events;
}

/** Blocks of every call of the model, read in time order as the billing rule reads them. */
function blocksAt(model: ReturnType<typeof modelOf>, now: number) {
	const scope = buildScope(model, model.root);
	return identifyBlocks(scope.rows, scope.rowAt, now);
}

describe('rule 7: 5-hour billing blocks (ccusage definition)', () => {
	it('floors block starts to the hour, splits after 5 h from the start, and adds gap blocks', () => {
		const model = modelOf(
			usage([
				'2026-03-02T10:20:00Z',
				'2026-03-02T11:00:00Z',
				'2026-03-02T14:59:00Z',
				'2026-03-02T15:10:00Z',
				'2026-03-02T22:00:00Z',
			]),
		);
		const blocks = blocksAt(model, t('23:00'));
		expect(
			blocks.map(block => [
				new Date(block.start).toISOString().slice(11, 16),
				new Date(block.end).toISOString().slice(11, 16),
				block.isGap,
				block.calls,
			]),
		).toEqual([
			['10:00', '15:00', false, 3],
			['15:00', '20:00', false, 1],
			// 15:10 + 5 h → 22:00: no usage.
			['20:10', '22:00', true, 0],
			['22:00', '03:00', false, 1],
		]);
		expect(blocks.map(block => block.isActive)).toEqual([false, false, false, true]);
		expect(blocks[0]!.tokens).toBe(3 * 20_000);
		expect(blocks[0]!.inputOutputTokens).toBe(3 * 12_000);
	});

	it('computes burn rate, projection and what frees up in the active block', () => {
		const model = modelOf(usage(['2026-03-02T15:10:00Z', '2026-03-02T15:40:00Z', '2026-03-02T15:50:00Z']));
		const status = blockStatus(model, t('16:00'), {tokenLimit: 100_000});
		const active = status.active!;
		// 60K tokens over 40 minutes.
		expect(active.tokensPerMinute).toBe(1500);
		expect(active.remainingMinutes).toBe(240);
		expect(active.projectedTokens).toBe(60_000 + 1500 * 240);
		expect(status.usedRatio).toBeCloseTo(0.6, 6);
		expect(status.warningLevel).toBe(60);
		// 40K left at 1,500/min.
		expect(status.minutesToLimit).toBeCloseTo(26.67, 1);
		// The 15:10 call leaves the rolling window at 20:10, 250 minutes from now.
		expect(status.rolling.minutesUntilFirstRelease).toBe(250);
		expect(status.rolling.tokensFirstRelease).toBe(20_000);
		expect(status.rolling.windowTokens).toBe(60_000);
		// 3 × $0.0624 over 40 minutes = $0.28/h.
		expect(blockSummary(status)).toBe('block 60% · 1.5k tok/min · $0.28/h · 4 h left');
		expect(blockSummary(blockStatus(model, t('23:00')))).toBeUndefined();
	});

	it('warns at 60/80/95% and uses plan presets on input + output tokens', () => {
		const model = modelOf(usage(['2026-03-02T15:10:00Z', '2026-03-02T15:40:00Z', '2026-03-02T15:50:00Z']));
		expect(blockStatus(model, t('16:00'), {tokenLimit: 74_000}).warningLevel).toBe(80);
		expect(blockStatus(model, t('16:00'), {tokenLimit: 62_000}).warningLevel).toBe(95);
		expect(blockStatus(model, t('16:00'), {tokenLimit: 1_000_000}).warningLevel).toBe(0);
		const pro = blockStatus(model, t('16:00'), {plan: 'pro'});
		expect(pro.limit).toEqual({tokens: 19_000, counts: 'inputOutput', source: 'Pro (community estimate)'});
		expect(pro.usedRatio).toBeCloseTo(36_000 / 19_000, 6);
		expect(pro.warningLevel).toBe(95);
	});

	it('defaults the limit to the largest earlier block and counts Claude only when present', () => {
		const model = modelOf([
			...usage(['2026-03-01T09:00:00Z', '2026-03-01T09:30:00Z', '2026-03-02T15:10:00Z']),
			...usage(['2026-03-02T15:20:00Z'], 'codex'),
		]);
		const status = blockStatus(model, t('16:00'));
		expect(status.limit).toEqual({tokens: 40_000, counts: 'total', source: 'your largest earlier block'});
		expect(status.active!.block.tokens).toBe(20_000);
		// The active block holds the Claude call of 15:10 only, not Codex's of 15:20 …
		expect(status.active!.block.calls).toBe(1);
		// … unless the agents are chosen.
		const codex = blockStatus(model, t('16:00'), {blockAgents: ['codex']}).active!.block;
		expect([codex.calls, codex.tokens]).toEqual([1, 20_000]);
		expect(blockStatus(model, t('16:00'), {blockAgents: ['claude', 'codex']}).active!.block.calls).toBe(2);
	});

	it('reports the active block as an insight, a warning when the projection passes the limit', () => {
		const model = modelOf(usage(['2026-03-02T15:10:00Z', '2026-03-02T15:40:00Z', '2026-03-02T15:50:00Z']));
		const insights = billingWindows(buildScope(model, model.root, {now: t('16:00'), tokenLimit: 100_000}));
		const active = insights.find(insight => insight.rule === 'billing-active-block')!;
		expect(active.severity).toBe('warning');
		const nearly = billingWindows(buildScope(model, model.root, {now: t('16:00'), tokenLimit: 62_000}));
		expect(nearly.find(insight => insight.rule === 'billing-active-block')!.severity).toBe('critical');
		expect(active.figures['projectedTokens']).toBe(420_000);
		expect(messageText(active.message)).toContain('Active 5-h block 15:00–20:00 UTC: 60.0k tokens');
		// The block ends (20:00) before the oldest call leaves the rolling window (20:10).
		expect(messageText(active.message)).toContain('In 4 h the block resets and its 60.0k tokens free up.');
		// Usage from the previous block is still in the rolling window and leaves first.
		const straddling = modelOf(usage(['2026-03-02T10:50:00Z', '2026-03-02T15:10:00Z', '2026-03-02T15:20:00Z']));
		const [rolling] = billingWindows(buildScope(straddling, straddling.root, {now: t('15:30')}));
		expect(rolling!.rule).toBe('billing-active-block');
		expect(messageText(rolling!.message)).toContain(
			'In 20 min, 20.0k tokens start to free up (20.0k within the hour).',
		);
		expect(rolling!.figures['minutesUntilRelease']).toBe(20);
	});

	it('has no active-block insight once the block is over, and no history for one block', () => {
		const model = modelOf(usage(['2026-03-02T15:10:00Z', '2026-03-02T15:40:00Z']));
		expect(billingWindows(buildScope(model, model.root, {now: t('09:00', '2026-03-03'), tokenLimit: 100_000}))).toEqual(
			[],
		);
	});

	it('summarizes the blocks of a scope and the weekly window', () => {
		const model = modelOf(
			usage(['2026-03-01T09:00:00Z', '2026-03-01T09:30:00Z', '2026-03-01T16:00:00Z', '2026-03-02T15:10:00Z']),
		);
		const insights = billingWindows(buildScope(model, model.root, {now: t('16:00'), weeklyTokenLimit: 100_000}));
		const history = insights.find(insight => insight.rule === 'billing-blocks')!;
		expect(history.figures['blocks']).toBe(3);
		expect(history.figures['heaviestTokens']).toBe(40_000);
		const weekly = insights.find(insight => insight.rule === 'billing-weekly')!;
		expect(weekly.figures['usedRatio']).toBe(0.8);
		expect(weekly.severity).toBe('warning');
	});
});
