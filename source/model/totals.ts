/**
Totals accumulation, bottom-up. A `TotalsBuilder` is filled from calls (leaves) or merged
from children, then frozen into the read-only `Totals` of model/types.ts.

Distinct counts (sessions, turns) are counted by key, so a session that crosses midnight
counts once in its week and in the root, and once in each day it touched.
*/
import {type Activity, activities} from '../core/activity.js';
import type {AgentId} from '../core/agents.js';
import {addTokens, cacheHitRate, type TokenCounts, totalOf, zeroTokens} from '../core/tokens.js';
import type {ActivityShare, CallInfo, CostSource, SortKeys, Totals} from './types.js';

type MutableBreakdown = {tokens: TokenCounts; costUSD: number | null; calls: number};

export type CallLeaf = {
	readonly info: CallInfo;
	readonly sessionKey: string;
	readonly turnKey: string;
};

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

/** The sort keys of one call: the same fields `callTotals` gives, without building the rest. */
export function callSortKeys(info: CallInfo): SortKeys {
	const total = totalOf(info.tokens);
	const pricedCostUSD = info.costUSD ?? 0;
	return {
		total,
		costUSD: info.costUSD === null && total > 0 ? null : pricedCostUSD,
		pricedCostUSD,
		calls: 1,
		turns: 1,
		sessions: 1,
		firstTime: info.time,
	};
}

/**
The frozen totals of one call, equal field for field to a TotalsBuilder fed that single call
and frozen, but without the builder's Sets and sorting (a tree has one leaf per API call, so
this is most of the builder's allocations). The one tokens copy and the one breakdown are
shared by the read-only fields that hold the same values.
*/
export function callTotals(leaf: Pick<CallLeaf, 'info'> & Partial<CallLeaf>): Totals {
	const {info} = leaf;
	const tokens = {...info.tokens};
	const total = totalOf(tokens);
	const activity = emptyActivity();
	const cost = info.costUSD ?? 0;
	if (info.tools.length === 0) {
		activity.conversation.tokens += total;
		activity.conversation.costUSD += cost;
	} else {
		const share = 1 / info.tools.length;
		for (const tool of info.tools) {
			activity[tool.activity].tokens += total * share;
			activity[tool.activity].costUSD += cost * share;
		}
	}

	const breakdown: MutableBreakdown = {tokens, costUSD: info.costUSD, calls: 1};
	const pricedCostUSD = info.costUSD ?? 0;
	return {
		tokens,
		total,
		costUSD: info.costUSD === null && total > 0 ? null : pricedCostUSD,
		pricedCostUSD,
		costSource: info.costSource === 'reported' ? 'reported' : 'estimated',
		unpricedTokens: info.costUSD === null ? total : 0,
		calls: 1,
		turns: 1,
		sessions: 1,
		firstTime: info.time,
		lastTime: info.time,
		models: [info.model],
		agents: [info.agent],
		cacheHitRate: cacheHitRate(tokens),
		activity,
		byModel: new Map([[info.model, breakdown]]),
		byAgent: new Map([[info.agent, breakdown]]),
	};
}

/** Distinct turns and sessions, when the caller knows them without counting keys. */
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
	/**
	Keys for distinct counts, made only when `addCall` is given keys: the tree builder knows
	its counts from the tree's shape and passes them to `freeze`, which spares a Set per node
	and re-adding every turn key at every level.
	*/
	private sessionKeySet: Set<string> | undefined;
	private turnKeySet: Set<string> | undefined;
	readonly byModel = new Map<string, MutableBreakdown>();
	readonly byAgent = new Map<string, MutableBreakdown>();
	readonly activity = emptyActivity();

	get sessionKeys(): ReadonlySet<string> {
		return this.sessionKeySet ?? new Set();
	}

	get turnKeys(): ReadonlySet<string> {
		return this.turnKeySet ?? new Set();
	}

	addCall(leaf: CallLeaf): void {
		this.addCallInfo(leaf.info);
		(this.sessionKeySet ??= new Set()).add(leaf.sessionKey);
		(this.turnKeySet ??= new Set()).add(leaf.turnKey);
	}

	/** Adds one call's figures without keys (the caller passes distinct counts to `freeze`). */
	addCallInfo(info: CallInfo): void {
		addTokens(this.tokens, info.tokens);
		const total = totalOf(info.tokens);
		if (info.costUSD === null) {
			this.unpricedTokens += total;
		} else {
			this.pricedCostUSD += info.costUSD;
		}

		if (info.costSource === 'reported') {
			this.reportedCalls++;
		} else {
			this.estimatedCalls++;
		}

		this.widenTime(info.time, info.time);
		this.calls++;
		addBreakdown(this.byModel, info.model, info.tokens, info.costUSD, 1);
		addBreakdown(this.byAgent, info.agent, info.tokens, info.costUSD, 1);
		const share = 1 / Math.max(1, info.tools.length);
		const cost = info.costUSD ?? 0;
		if (info.tools.length === 0) {
			this.activity.conversation.tokens += total;
			this.activity.conversation.costUSD += cost;
		} else {
			for (const tool of info.tools) {
				this.activity[tool.activity].tokens += total * share;
				this.activity[tool.activity].costUSD += cost * share;
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

		if (other.sessionKeySet) {
			const own = (this.sessionKeySet ??= new Set());
			for (const key of other.sessionKeySet) {
				own.add(key);
			}
		}

		if (other.turnKeySet) {
			const own = (this.turnKeySet ??= new Set());
			for (const key of other.turnKeySet) {
				own.add(key);
			}
		}

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

	/**
	Back to the empty state, for a scratch builder that is merged and never frozen (a frozen
	Totals shares the builder's maps and activity record, so a frozen builder must not be reset).
	*/
	reset(): void {
		const {tokens} = this;
		tokens.input = 0;
		tokens.cacheRead = 0;
		tokens.cacheWrite5m = 0;
		tokens.cacheWrite1h = 0;
		tokens.output = 0;
		tokens.reasoning = 0;
		this.pricedCostUSD = 0;
		this.unpricedTokens = 0;
		this.reportedCalls = 0;
		this.estimatedCalls = 0;
		this.calls = 0;
		this.firstTime = 0;
		this.lastTime = 0;
		this.sessionKeySet = undefined;
		this.turnKeySet = undefined;
		this.byModel.clear();
		this.byAgent.clear();
		for (const activity of activities) {
			this.activity[activity].tokens = 0;
			this.activity[activity].costUSD = 0;
		}
	}

	/** Null as soon as any part is unpriced: a sum that silently left tokens out would mislead. */
	private costUSD(): number | null {
		return this.unpricedTokens > 0 ? null : this.pricedCostUSD;
	}

	/** The sort fields `freeze(counts)` would give, without building the rest. */
	sortKeys(counts: DistinctCounts): SortKeys {
		return {
			total: totalOf(this.tokens),
			costUSD: this.costUSD(),
			pricedCostUSD: this.pricedCostUSD,
			calls: this.calls,
			turns: counts.turns,
			sessions: counts.sessions,
			firstTime: this.firstTime,
		};
	}

	/** `counts`: distinct turns and sessions when known; else counted from the keys added. */
	freeze(counts?: DistinctCounts): Totals {
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
			turns: counts ? counts.turns : (this.turnKeySet?.size ?? 0),
			sessions: counts ? counts.sessions : (this.sessionKeySet?.size ?? 0),
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
