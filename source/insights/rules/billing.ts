/**
Rule 7, billing windows (see blocks.ts and block-status.ts for the definitions).

- `billing-active-block` (needs options.now; scopes root/week/day containing now's block):
  the active block's tokens, cost, burn rate (tokens/min, $/h), projection to the block end,
  minutes left, share of the limit, and what frees up next in the rolling 5-hour window
  ("in 23 min, 15K tokens free up"). Severity: info below 60%, warning at 60 and 80% or
  when the projection to the block end passes 100%, critical at 95%.
- `billing-blocks`: blocks in the scope (≥ 2): count, heaviest block and its cost, and how
  many blocks reached 80% of the limit.
- `billing-weekly` (needs options.now and weeklyTokenLimit): rolling 7-day use vs the limit.
*/
import {formatTokens} from '../../core/tokens.js';
import {cents, count, minutes, minutesText, percentText, ratio, tokens, usd, usdText} from '../format.js';
import type {Block} from '../blocks.js';
import {type BlockStatus, blocksOf, blockStatus} from '../block-status.js';
import {makeInsight, type Scope, targetOf} from '../scope.js';
import type {Insight} from '../types.js';

const clock = (time: number): string => new Date(time).toISOString().slice(11, 16);

/** The session where a block's first call is (the scope's calls are in time order): where its insight points. */
function blockTarget(scope: Scope, block: Block): string[] | undefined {
	let low = 0;
	let high = scope.size;
	while (low < high) {
		const middle = (low + high) >>> 1;
		if (scope.time(middle) < block.firstTime) {
			low = middle + 1;
		} else {
			high = middle;
		}
	}

	return low < scope.size ? targetOf(scope, low, 'session') : undefined;
}

function activeBlockInsight(scope: Scope, status: BlockStatus): Insight[] {
	const active = status.active;
	if (!active || (scope.node.totals.lastTime < active.block.start && scope.node.kind !== 'root')) {
		return [];
	}

	const block = active.block;
	const used = status.usedRatio;
	const projected = status.projectedRatio;
	const severity =
		status.warningLevel >= 95 ? 'critical' : status.warningLevel >= 60 || (projected ?? 0) > 1 ? 'warning' : 'info';
	const limitText =
		status.limit && used !== undefined
			? ` = ${percentText(used)} of ${formatTokens(status.limit.tokens)} (${status.limit.source}), projected ${percentText(projected ?? used)}`
			: '';
	const hitText =
		status.minutesToLimit !== undefined
			? ` At this pace the limit is reached in ${minutesText(status.minutesToLimit)}.`
			: '';
	const rolling = status.rolling;
	// Whichever comes first: the block reset (everything frees up) or the oldest usage leaving
	// the rolling 5-hour window.
	const resetFirst =
		rolling.minutesUntilFirstRelease === undefined || active.remainingMinutes <= rolling.minutesUntilFirstRelease;
	const freeText = resetFirst
		? ` In ${minutesText(active.remainingMinutes)} the block resets and its ${formatTokens(block.tokens)} tokens free up.`
		: ` In ${minutesText(rolling.minutesUntilFirstRelease!)}, ${formatTokens(rolling.tokensFirstRelease)} tokens start to free up${rolling.tokensFreedWithinHour > 0 ? ` (${formatTokens(rolling.tokensFreedWithinHour)} within the hour)` : ''}.`;
	return [
		makeInsight(scope, {
			rule: 'billing-active-block',
			subject: String(block.start),
			severity,
			message: `Active 5-h block ${clock(block.start)}–${clock(block.end)} UTC: ${formatTokens(block.tokens)} tokens, ${usdText(block.costUSD)}${limitText}; burning ${formatTokens(active.tokensPerMinute)}/min, ${usdText(active.costPerHour)}/h; ${minutesText(active.remainingMinutes)} left.${hitText}${freeText}`,
			details: [
				[
					tokens(block.tokens),
					' · ',
					usd(block.costUSD),
					...(status.limit && used !== undefined ? [' · ', ratio(used), ' of the limit'] : []),
				],
				[
					'burning ',
					{amount: active.tokensPerMinute, unit: 'tokensPerMinute'},
					', ',
					usd(active.costPerHour),
					' an hour · ',
					minutes(active.remainingMinutes),
					' left',
				],
			],
			target: blockTarget(scope, block),
			figures: {
				blockStart: new Date(block.start).toISOString(),
				blockEnd: new Date(block.end).toISOString(),
				tokens: block.tokens,
				inputOutputTokens: block.inputOutputTokens,
				costUSD: cents(block.costUSD),
				tokensPerMinute: Math.round(active.tokensPerMinute),
				costPerHour: cents(active.costPerHour),
				remainingMinutes: Math.round(active.remainingMinutes),
				projectedTokens: active.projectedTokens,
				projectedCostUSD: cents(active.projectedCostUSD),
				...(status.limit
					? {
							limitTokens: status.limit.tokens,
							limitSource: status.limit.source,
							usedRatio: Math.round((used ?? 0) * 1000) / 1000,
							warningLevel: status.warningLevel,
						}
					: {}),
				...(rolling.minutesUntilFirstRelease === undefined
					? {}
					: {
							minutesUntilRelease: Math.round(rolling.minutesUntilFirstRelease),
							tokensFirstRelease: rolling.tokensFirstRelease,
							tokensFreedWithinHour: rolling.tokensFreedWithinHour,
						}),
			},
		}),
	];
}

function blocksHistory(scope: Scope): Insight[] {
	const now = scope.options.now ?? Number.POSITIVE_INFINITY;
	// The scope reads its node's shared time order: the billing status's blocks are these.
	const blocks = blocksOf(scope.order, scope.options.blockAgents, now).blocks.filter(block => !block.isGap);
	if (blocks.length < 2) {
		return [];
	}

	const heaviest = blocks.reduce((best, block) => (block.tokens > best.tokens ? block : best));
	const average = blocks.reduce((sum, block) => sum + block.tokens, 0) / blocks.length;
	const limit = scope.options.tokenLimit;
	const over80 = limit ? blocks.filter(block => block.tokens >= 0.8 * limit).length : 0;
	const limitText = limit ? `; ${over80} reached 80% of the ${formatTokens(limit)} limit` : '';
	return [
		makeInsight(scope, {
			rule: 'billing-blocks',
			severity: over80 > 0 ? 'warning' : 'info',
			message: `${blocks.length} five-hour blocks: heaviest ${new Date(heaviest.start).toISOString().slice(0, 16).replace('T', ' ')} UTC with ${formatTokens(heaviest.tokens)} tokens (${usdText(heaviest.costUSD)}), ${(heaviest.tokens / Math.max(1, average)).toFixed(1)}× the average block${limitText}.`,
			details: [
				[count(blocks.length, 'block'), ' · average ', tokens(average)],
				[
					`heaviest ${new Date(heaviest.start).toISOString().slice(0, 16).replace('T', ' ')} UTC: `,
					tokens(heaviest.tokens),
					' · ',
					usd(heaviest.costUSD),
				],
			],
			// The heaviest block's first session.
			target: blockTarget(scope, heaviest),
			figures: {
				blocks: blocks.length,
				heaviestStart: new Date(heaviest.start).toISOString(),
				heaviestTokens: heaviest.tokens,
				heaviestCostUSD: cents(heaviest.costUSD),
				averageTokens: Math.round(average),
				...(limit ? {blocksOver80: over80} : {}),
			},
		}),
	];
}

function weekly(scope: Scope, status: BlockStatus): Insight[] {
	if (scope.node !== scope.model.root || !scope.options.weeklyTokenLimit) {
		return [];
	}

	const usedRatio = status.weekly.usedRatio ?? 0;
	return [
		makeInsight(scope, {
			rule: 'billing-weekly',
			severity: usedRatio >= 0.95 ? 'critical' : usedRatio >= 0.6 ? 'warning' : 'info',
			message: `Last 7 days: ${formatTokens(status.weekly.tokens)} tokens (${usdText(status.weekly.costUSD)}) = ${percentText(usedRatio)} of the weekly ${formatTokens(status.weekly.limit ?? 0)} limit.`,
			details: [
				[
					tokens(status.weekly.tokens),
					' · ',
					usd(status.weekly.costUSD),
					' · ',
					ratio(usedRatio),
					' of ',
					tokens(status.weekly.limit ?? 0),
				],
			],
			figures: {
				tokens: status.weekly.tokens,
				costUSD: cents(status.weekly.costUSD),
				limitTokens: status.weekly.limit ?? 0,
				usedRatio: Math.round(usedRatio * 1000) / 1000,
			},
		}),
	];
}

export function billingWindows(scope: Scope): Insight[] {
	if (scope.node.kind !== 'root' && scope.node.kind !== 'week' && scope.node.kind !== 'day') {
		return [];
	}

	const now = scope.options.now;
	const status = now === undefined ? undefined : blockStatus(scope.model, now, scope.options);
	return [
		...(status ? activeBlockInsight(scope, status) : []),
		...blocksHistory(scope),
		...(status ? weekly(scope, status) : []),
	];
}
