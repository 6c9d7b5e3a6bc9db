/**
Totals accumulation. A `TotalsBuilder` is filled from call rows (a node's range, nodes.ts) or
merged from other builders (a week from its days), then frozen into the read-only `Totals` of
model/types.ts with the distinct session and turn counts the caller counted.
*/
import {type Activity, activities} from '../core/activity.js';
import type {AgentId} from '../core/agents.js';
import {addTokens, cacheHitRate, type TokenCounts, totalOf, zeroTokens} from '../core/tokens.js';
import type {CallRows} from './rows.js';
import type {ActivityShare, CostSource, Totals} from './types.js';

type MutableBreakdown = {tokens: TokenCounts; costUSD: number | null; calls: number};

function emptyActivity(): Record<Activity, ActivityShare> {
	const result = {} as Record<Activity, ActivityShare>;
	for (const activity of activities) {
		result[activity] = {tokens: 0, costUSD: 0};
	}

	return result;
}

function addBreakdown(
	map: Map<string, MutableBreakdown>,
	key: string,
	tokens: TokenCounts,
	costUSD: number | null,
	calls: number,
): void {
	let entry = map.get(key);
	if (!entry) {
		entry = {tokens: zeroTokens(), costUSD: 0, calls: 0};
		map.set(key, entry);
	}

	addTokens(entry.tokens, tokens);
	entry.costUSD = entry.costUSD === null || costUSD === null ? null : entry.costUSD + costUSD;
	entry.calls += calls;
}

/** Distinct turns and sessions of what was summed (nodes.ts `distinctCounts`). */
export type DistinctCounts = {readonly turns: number; readonly sessions: number};

export class TotalsBuilder {
	readonly tokens = zeroTokens();
	pricedCostUSD = 0;
	unpricedTokens = 0;
	reportedCalls = 0;
	estimatedCalls = 0;
	calls = 0;
	/** 0 while no call was added (`calls` says whether they mean anything); epoch 0 is a real time. */
	firstTime = 0;
	lastTime = 0;
	readonly byModel = new Map<string, MutableBreakdown>();
	readonly byAgent = new Map<string, MutableBreakdown>();
	readonly activity = emptyActivity();

	/** Adds one call, by its row (rows.ts). */
	addRow(rows: CallRows, row: number): void {
		const call = rows.calls[row]!;
		const {tokens, tools} = call;
		const total = rows.total[row]!;
		const cost = rows.cost[row]!;
		const costUSD = Number.isNaN(cost) ? null : cost;
		addTokens(this.tokens, tokens);
		if (costUSD === null) {
			this.unpricedTokens += total;
		} else {
			this.pricedCostUSD += costUSD;
		}

		if (rows.reported[row] === 1) {
			this.reportedCalls++;
		} else {
			this.estimatedCalls++;
		}

		const time = rows.time[row]!;
		this.widenTime(time, time);
		this.calls++;
		addBreakdown(this.byModel, rows.models[rows.model[row]!]!, tokens, costUSD, 1);
		addBreakdown(this.byAgent, call.agent, tokens, costUSD, 1);
		const priced = costUSD ?? 0;
		if (tools.length === 0) {
			this.activity.conversation.tokens += total;
			this.activity.conversation.costUSD += priced;
		} else {
			const share = 1 / tools.length;
			for (const tool of tools) {
				this.activity[tool.activity].tokens += total * share;
				this.activity[tool.activity].costUSD += priced * share;
			}
		}
	}

	merge(other: TotalsBuilder): void {
		addTokens(this.tokens, other.tokens);
		this.pricedCostUSD += other.pricedCostUSD;
		this.unpricedTokens += other.unpricedTokens;
		this.reportedCalls += other.reportedCalls;
		this.estimatedCalls += other.estimatedCalls;
		if (other.calls > 0) {
			this.widenTime(other.firstTime, other.lastTime);
		}

		this.calls += other.calls;

		for (const [key, value] of other.byModel) {
			addBreakdown(this.byModel, key, value.tokens, value.costUSD, value.calls);
		}

		for (const [key, value] of other.byAgent) {
			addBreakdown(this.byAgent, key, value.tokens, value.costUSD, value.calls);
		}

		for (const activity of activities) {
			this.activity[activity].tokens += other.activity[activity].tokens;
			this.activity[activity].costUSD += other.activity[activity].costUSD;
		}
	}

	/** Null as soon as any part is unpriced: a sum that silently left tokens out would mislead. */
	private costUSD(): number | null {
		return this.unpricedTokens > 0 ? null : this.pricedCostUSD;
	}

	freeze(counts: DistinctCounts): Totals {
		const costSource: CostSource =
			this.calls === 0
				? 'none'
				: this.reportedCalls === 0
					? 'estimated'
					: this.estimatedCalls === 0
						? 'reported'
						: 'mixed';
		const models =
			this.byModel.size === 1
				? [...this.byModel.keys()]
				: [...this.byModel.entries()]
						.sort((a, b) => totalOf(b[1].tokens) - totalOf(a[1].tokens))
						.map(([model]) => model);
		const agents = [...this.byAgent.keys()] as AgentId[];
		return {
			tokens: {...this.tokens},
			total: totalOf(this.tokens),
			costUSD: this.costUSD(),
			pricedCostUSD: this.pricedCostUSD,
			costSource,
			unpricedTokens: this.unpricedTokens,
			calls: this.calls,
			turns: counts.turns,
			sessions: counts.sessions,
			firstTime: this.firstTime,
			lastTime: this.lastTime,
			models,
			agents,
			cacheHitRate: cacheHitRate(this.tokens),
			activity: this.activity,
			byModel: this.byModel,
			byAgent: this.byAgent,
		};
	}

	/** Call before counting the calls that bring these times: no calls yet means no times yet. */
	private widenTime(first: number, last: number): void {
		const empty = this.calls === 0;
		if (empty || first < this.firstTime) {
			this.firstTime = first;
		}

		if (empty || last > this.lastTime) {
			this.lastTime = last;
		}
	}
}
