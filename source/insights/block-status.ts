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
import {type TimeOrder, timeOrderOf} from '../model/nodes.js';
import type {CallRows} from '../model/rows.js';
import type {TreeModel} from '../model/types.js';
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
import {formatTokens} from '../core/tokens.js';
import {minutesText, percentText, usdText} from './format.js';

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
	readonly counts: (row: number) => boolean;
	/** The counted calls (rows) in time order. */
	readonly calls: Int32Array;
	readonly blocks: Block[];
};

const blockMemo = new WeakMap<TimeOrder, CountedBlocks>();

/**
Billing blocks of a node's calls (its time order), memoized per order, agents and now: the
root's insights (billing history) and the billing status both ask for the same ones.
*/
export function blocksOf(order: TimeOrder, agents: readonly AgentId[] | undefined, now: number): CountedBlocks {
	let found = blockMemo.get(order);
	if (!found || found.agents !== agents || found.now !== now) {
		const {rows, rowAt} = order;
		const counts = blockAgentFilter(rows, rowAt, agents);
		const calls = countedOnly(rowAt, counts);
		found = {agents, now, counts, calls, blocks: identifyBlocks(rows, calls, now)};
		blockMemo.set(order, found);
	}

	return found;
}

/** The calls (rows) that count, in their order. */
function countedOnly(calls: Int32Array, counts: (row: number) => boolean): Int32Array {
	const counted = new Int32Array(calls.length);
	let size = 0;
	for (const row of calls) {
		if (counts(row)) {
			counted[size++] = row;
		}
	}

	return counted.subarray(0, size);
}

/** Index of the first call whose time is after `time`, in calls (rows) sorted by time. */
function firstAfter(rows: CallRows, calls: Int32Array, time: number): number {
	let low = 0;
	let high = calls.length;
	while (low < high) {
		const mid = (low + high) >> 1;
		if (rows.time[calls[mid]!]! > time) {
			high = mid;
		} else {
			low = mid + 1;
		}
	}

	return low;
}

/**
Tokens and cost of the counted calls in (weekStart, now], summed in tree order, as they
always were: a float sum's last bits depend on its order.
*/
function weeklySums(
	order: TimeOrder,
	counts: (row: number) => boolean,
	weekStart: number,
	now: number,
): {tokens: number; costUSD: number} {
	const {rows, rowAt, positionAt} = order;
	const picked: number[] = [];
	for (let index = firstAfter(rows, rowAt, weekStart); index < rowAt.length; index++) {
		if (rows.time[rowAt[index]!]! <= now && counts(rowAt[index]!)) {
			picked.push(index);
		}
	}

	picked.sort((a, b) => positionAt[a]! - positionAt[b]!);
	let tokens = 0;
	let costUSD = 0;
	for (const index of picked) {
		const cost = rows.cost[rowAt[index]!]!;
		tokens += rows.total[rowAt[index]!]!;
		costUSD += Number.isNaN(cost) ? 0 : cost;
	}

	return {tokens, costUSD};
}

export function blockStatus(model: TreeModel, now: number, options: InsightOptions = {}): BlockStatus {
	const order = timeOrderOf(model.root);
	const {counts, calls, blocks} = blocksOf(order, options.blockAgents, now);
	const limit = limitOf(blocks, options);
	// Calls are in time order: find the last 7 days by binary search, not by a full pass.
	const weekStart = now - 7 * 86_400_000;
	const week = weeklySums(order, counts, weekStart, now);
	const weeklyLimit =
		options.weeklyTokenLimit !== undefined && options.weeklyTokenLimit > 0 ? options.weeklyTokenLimit : undefined;
	const status: BlockStatus = {
		blocks,
		limit,
		warningLevel: 0,
		// The 5-hour window lies inside the last 7 days.
		rolling: rollingWindow(order.rows, calls.subarray(firstAfter(order.rows, calls, weekStart)), now),
		weekly: {
			tokens: week.tokens,
			costUSD: week.costUSD,
			...(weeklyLimit ? {limit: weeklyLimit, usedRatio: week.tokens / weeklyLimit} : {}),
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
