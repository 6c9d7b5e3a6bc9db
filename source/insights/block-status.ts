/**
blockStatus: the billing-window summary the TUI footer shows, computed over the unfiltered tree
(`unfilteredTree` in cli/runtime.ts): a billing window does not change with the view's filters.

Limit, in order of preference:
1. `tokenLimit`: compared with the block's total tokens (ccusage `--token-limit`);
2. `plan` preset: community estimates of tokens per 5 h (Pro ≈ 19K, Max 5× ≈ 88K,
   Max 20× ≈ 220K, as used by the Claude-Code-Usage-Monitor project), compared with input +
   output tokens only, because that is what those estimates count. Not official figures;
3. otherwise the largest earlier (inactive) block, like ccusage `--token-limit max`.
Warning level: the highest of 60/80/95 that the current percentage has reached.
*/
import type {AgentId} from '../core/agents.js';
import type {CallInfo, TreeModel} from '../model/types.js';
import {
	type Block,
	blockAgentFilter,
	blockMs,
	burnRateOf,
	identifyBlocks,
	type RollingWindow,
	rollingWindow,
} from './blocks.js';
import type {InsightOptions, PlanId} from './types.js';
import {formatTokens, totalOf} from '../core/tokens.js';
import {minutesText, percentText, usdText} from './format.js';
import {callsByTime, type TreeCall} from '../model/nodes.js';

export const planPresets: Record<PlanId, {tokens: number; label: string}> = {
	pro: {tokens: 19_000, label: 'Pro (community estimate)'},
	max5: {tokens: 88_000, label: 'Max 5× (community estimate)'},
	max20: {tokens: 220_000, label: 'Max 20× (community estimate)'},
};

export const warningLevels = [95, 80, 60] as const;

export type BlockLimit = {tokens: number; counts: 'total' | 'inputOutput'; source: string};

export type ActiveBlock = {
	block: Block;
	tokensPerMinute: number;
	costPerHour: number;
	remainingMinutes: number;
	projectedTokens: number;
	projectedCostUSD: number;
};

export type BlockStatus = {
	blocks: Block[];
	active?: ActiveBlock;
	limit?: BlockLimit;
	/** Used share of the limit in the active block (0..), and its projection to the block end. */
	usedRatio?: number;
	projectedRatio?: number;
	/** 0 (below 60%), 60, 80 or 95. */
	warningLevel: 0 | 60 | 80 | 95;
	/** Minutes until the limit is reached at the current burn rate (when it would be inside the block). */
	minutesToLimit?: number;
	rolling: RollingWindow;
	weekly: {tokens: number; costUSD: number; limit?: number; usedRatio?: number};
};

function limitOf(blocks: readonly Block[], options: InsightOptions): BlockLimit | undefined {
	if (options.tokenLimit !== undefined && options.tokenLimit > 0) {
		return {tokens: options.tokenLimit, counts: 'total', source: 'token limit'};
	}

	if (options.plan) {
		const preset = planPresets[options.plan];
		return {tokens: preset.tokens, counts: 'inputOutput', source: preset.label};
	}

	const previous = blocks.filter(block => !block.isGap && !block.isActive).map(block => block.tokens);
	const max = previous.length > 0 ? Math.max(...previous) : 0;
	return max > 0 ? {tokens: max, counts: 'total', source: 'your largest earlier block'} : undefined;
}

type CountedBlocks = {
	readonly agents: readonly AgentId[] | undefined;
	readonly now: number;
	readonly counts: (call: CallInfo) => boolean;
	readonly calls: CallInfo[];
	readonly blocks: Block[];
};

const blockMemo = new WeakMap<readonly TreeCall[], CountedBlocks>();

/**
Billing blocks of calls in time order (callsByTime), memoized per list, agents and
now: the root's insights (billing history) and the billing status both ask for the same ones.
*/
export function blocksOf(
	nodes: readonly TreeCall[],
	agents: readonly AgentId[] | undefined,
	now: number,
): CountedBlocks {
	let found = blockMemo.get(nodes);
	if (!found || found.agents !== agents || found.now !== now) {
		const counts = blockAgentFilter(
			nodes.map(node => node.call),
			agents,
		);
		const calls: CallInfo[] = [];
		for (const node of nodes) {
			if (counts(node.call)) {
				calls.push(node.call);
			}
		}

		found = {agents, now, counts, calls, blocks: identifyBlocks(calls, now)};
		blockMemo.set(nodes, found);
	}

	return found;
}

/** Index of the first item whose time is after `time`, in a list sorted by time. */
function firstAfter<T>(items: readonly T[], time: number, timeOf: (item: T) => number): number {
	let low = 0;
	let high = items.length;
	while (low < high) {
		const mid = (low + high) >> 1;
		if (timeOf(items[mid]!) > time) {
			high = mid;
		} else {
			low = mid + 1;
		}
	}

	return low;
}

export function blockStatus(model: TreeModel, now: number, options: InsightOptions = {}): BlockStatus {
	const nodes = callsByTime(model.root);
	const {counts, calls, blocks} = blocksOf(nodes, options.blockAgents, now);
	const limit = limitOf(blocks, options);
	// Both lists are in time order: find the last 7 days by binary search, not by a full pass.
	const weekStart = now - 7 * 86_400_000;
	const recentCalls = calls.slice(firstAfter(calls, weekStart, call => call.time));
	// The weekly sums keep tree order, as they always had: a float sum's last bits depend on
	// its order.
	const weekCalls = nodes
		.slice(firstAfter(nodes, weekStart, node => node.call.time))
		.filter(node => node.call.time <= now && counts(node.call))
		.sort((a, b) => a.position - b.position)
		.map(node => node.call);
	const weeklyTokens = weekCalls.reduce((sum, call) => sum + totalOf(call.tokens), 0);
	const weeklyLimit =
		options.weeklyTokenLimit !== undefined && options.weeklyTokenLimit > 0 ? options.weeklyTokenLimit : undefined;
	const status: BlockStatus = {
		blocks,
		limit,
		warningLevel: 0,
		// The 5-hour window lies inside the last 7 days.
		rolling: rollingWindow(recentCalls, now),
		weekly: {
			tokens: weeklyTokens,
			costUSD: weekCalls.reduce((sum, call) => sum + (call.costUSD ?? 0), 0),
			...(weeklyLimit ? {limit: weeklyLimit, usedRatio: weeklyTokens / weeklyLimit} : {}),
		},
	};
	const block = blocks.find(item => item.isActive);
	if (!block) {
		return status;
	}

	const rate = burnRateOf(block) ?? {tokensPerMinute: 0, costPerHour: 0};
	const remainingMinutes = Math.max(0, (block.end - now) / 60_000);
	status.active = {
		block,
		...rate,
		remainingMinutes,
		projectedTokens: Math.round(block.tokens + rate.tokensPerMinute * remainingMinutes),
		projectedCostUSD: block.costUSD + (rate.costPerHour / 60) * remainingMinutes,
	};
	if (limit) {
		const used = limit.counts === 'total' ? block.tokens : block.inputOutputTokens;
		// The projection scales the counted tokens by the same burn ratio as all tokens.
		const projected = block.tokens === 0 ? used : used * (status.active.projectedTokens / block.tokens);
		status.usedRatio = used / limit.tokens;
		status.projectedRatio = projected / limit.tokens;
		status.warningLevel = warningLevels.find(level => status.usedRatio! * 100 >= level) ?? 0;
		const countedPerMinute = block.tokens === 0 ? 0 : rate.tokensPerMinute * (used / block.tokens);
		if (used < limit.tokens && countedPerMinute > 0) {
			const minutes = (limit.tokens - used) / countedPerMinute;
			if (minutes <= remainingMinutes) {
				status.minutesToLimit = minutes;
			}
		}
	}

	return status;
}

export {blockMs};

/**
One short line for the TUI header, e.g. `block 62% · 1.5K tok/min · $2.40/h · 2 h 10 min left`
(without a limit: the block's tokens instead of the percentage); undefined with no active block.
*/
export function blockSummary(status: BlockStatus): string | undefined {
	const active = status.active;
	if (!active) {
		return undefined;
	}

	const used = status.usedRatio === undefined ? formatTokens(active.block.tokens) : percentText(status.usedRatio);
	return `block ${used} · ${formatTokens(active.tokensPerMinute)} tok/min · ${usdText(active.costPerHour)}/h · ${minutesText(active.remainingMinutes)} left`;
}
