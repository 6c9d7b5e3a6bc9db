/**
The totals of a set of calls: the calls at some ranges of a tree's row order (nodes.ts), read
from the row columns (rows.ts). Every node's totals, whatever its kind, are made here, by one
pass over its ranges.

Why two parts: a listing sorts thousands of sessions by tokens or cost, which needs only the
sums; the breakdowns (per model, per agent, per activity) are what the info pane and the
export read, for far fewer nodes. So the sums are taken when the totals are made and the
breakdowns by a second pass over the same ranges the first time one of them is read.
*/
import {type Activity, activities} from '../core/activity.js';
import {type AgentId, agentIds} from '../core/agents.js';
import {cacheHitRate, type TokenCounts, totalOf, zeroTokens} from '../core/tokens.js';
import type {CallRows} from './rows.js';
import type {ActivityShare, Breakdown, CostSource, Totals} from './types.js';

/** Positions [start, end) of a tree's row order. */
export type Range = {readonly start: number; readonly end: number};

/** Distinct turns and sessions of the calls summed (nodes.ts `distinctCounts`). */
export type DistinctCounts = {readonly turns: number; readonly sessions: number};

type Breakdowns = {
	readonly models: readonly string[];
	readonly agents: readonly AgentId[];
	readonly activity: Readonly<Record<Activity, ActivityShare>>;
	readonly byModel: ReadonlyMap<string, Breakdown>;
	readonly byAgent: ReadonlyMap<string, Breakdown>;
};

/** Per key (model or agent index): six token kinds, cost, calls, and whether any call was unpriced. */
const slotWidth = 9;

function addSlot(slots: Float64Array, index: number, rows: CallRows, row: number, cost: number): void {
	const base = index * slotWidth;
	slots[base]! += rows.input[row]!;
	slots[base + 1]! += rows.cacheRead[row]!;
	slots[base + 2]! += rows.cacheWrite5m[row]!;
	slots[base + 3]! += rows.cacheWrite1h[row]!;
	slots[base + 4]! += rows.output[row]!;
	slots[base + 5]! += rows.reasoning[row]!;
	if (Number.isNaN(cost)) {
		slots[base + 8] = 1;
	} else {
		slots[base + 6]! += cost;
	}

	slots[base + 7]!++;
}

function breakdownAt(slots: Float64Array, index: number): Breakdown {
	const base = index * slotWidth;
	return {
		tokens: {
			input: slots[base]!,
			cacheRead: slots[base + 1]!,
			cacheWrite5m: slots[base + 2]!,
			cacheWrite1h: slots[base + 3]!,
			output: slots[base + 4]!,
			reasoning: slots[base + 5]!,
		},
		costUSD: slots[base + 8] === 1 ? null : slots[base + 6]!,
		calls: slots[base + 7]!,
	};
}

/** Keys in the order given (index order), mapped to their breakdowns. */
function breakdownMap<K extends string>(
	slots: Float64Array,
	seen: readonly number[],
	keyOf: (index: number) => K,
): Map<K, Breakdown> {
	return new Map(seen.map(index => [keyOf(index), breakdownAt(slots, index)]));
}

/**
Scratch sums per model and per agent, reused by every breakdown: a `--depth call` export
breaks down every API call, and a fresh pair of arrays each time was most of its garbage.
Only the slots a breakdown touched are cleared after it.
*/
const scratch = {models: new Float64Array(0), agents: new Float64Array(agentIds.length * slotWidth)};

function clearSlots(slots: Float64Array, seen: readonly number[]): void {
	for (const index of seen) {
		slots.fill(0, index * slotWidth, (index + 1) * slotWidth);
	}
}

function breakdownsOf(rows: CallRows, order: Int32Array, ranges: readonly Range[]): Breakdowns {
	if (scratch.models.length < rows.models.length * slotWidth) {
		scratch.models = new Float64Array(rows.models.length * slotWidth);
	}

	const modelSlots = scratch.models;
	const agentSlots = scratch.agents;
	const modelsSeen: number[] = [];
	const agentsSeen: number[] = [];
	const activityTokens = new Float64Array(activities.length);
	const activityCost = new Float64Array(activities.length);
	const conversation = activities.indexOf('conversation');
	for (const {start, end} of ranges) {
		for (let position = start; position < end; position++) {
			const row = order[position]!;
			const cost = rows.cost[row]!;
			const model = rows.model[row]!;
			const agent = rows.agent[row]!;
			if (modelSlots[model * slotWidth + 7] === 0) {
				modelsSeen.push(model);
			}

			if (agentSlots[agent * slotWidth + 7] === 0) {
				agentsSeen.push(agent);
			}

			addSlot(modelSlots, model, rows, row, cost);
			addSlot(agentSlots, agent, rows, row, cost);
			// A call's tokens and cost are split evenly over its tools; no tools is conversation.
			const total = rows.total[row]!;
			const priced = Number.isNaN(cost) ? 0 : cost;
			const firstTool = rows.toolStart[row]!;
			const tools = rows.toolStart[row + 1]! - firstTool;
			if (tools === 0) {
				activityTokens[conversation]! += total;
				activityCost[conversation]! += priced;
			} else {
				const share = 1 / tools;
				for (let tool = firstTool; tool < firstTool + tools; tool++) {
					const activity = rows.toolActivity[tool]!;
					activityTokens[activity]! += total * share;
					activityCost[activity]! += priced * share;
				}
			}
		}
	}

	// In index order, not the order met: the same maps whichever view the ranges belong to.
	modelsSeen.sort((a, b) => a - b);
	agentsSeen.sort((a, b) => a - b);
	const byModel = breakdownMap(modelSlots, modelsSeen, index => rows.models[index]!);
	const byAgent = breakdownMap(agentSlots, agentsSeen, index => agentIds[index]!);
	clearSlots(modelSlots, modelsSeen);
	clearSlots(agentSlots, agentsSeen);
	const activity = {} as Record<Activity, ActivityShare>;
	for (const [index, name] of activities.entries()) {
		activity[name] = {tokens: activityTokens[index]!, costUSD: activityCost[index]!};
	}

	return {
		// Largest first; ties in the order the rows first named the models.
		models: [...byModel.entries()].sort((a, b) => totalOf(b[1].tokens) - totalOf(a[1].tokens)).map(([model]) => model),
		// Largest first, ties in `agentIds` order: the same list whichever view the range is in.
		agents: [...byAgent.entries()]
			.sort((a, b) => totalOf(b[1].tokens) - totalOf(a[1].tokens))
			.map(([agent]) => agent as AgentId),
		activity,
		byModel,
		byAgent,
	};
}

export class RangeTotals implements Totals {
	readonly tokens: TokenCounts = zeroTokens();
	readonly total: number;
	readonly costUSD: number | null;
	readonly pricedCostUSD: number;
	readonly costSource: CostSource;
	readonly unpricedTokens: number;
	readonly calls: number;
	readonly turns: number;
	readonly sessions: number;
	/** 0 when there are no calls (`calls` says whether they mean anything); epoch 0 is a real time. */
	readonly firstTime: number;
	readonly lastTime: number;
	readonly cacheHitRate: number;
	readonly #rows: CallRows;
	readonly #order: Int32Array;
	readonly #ranges: readonly Range[];
	#breakdowns: Breakdowns | undefined;

	constructor(rows: CallRows, order: Int32Array, ranges: readonly Range[], counts: DistinctCounts) {
		this.#rows = rows;
		this.#order = order;
		this.#ranges = ranges;
		const {tokens} = this;
		let priced = 0;
		let unpriced = 0;
		let reported = 0;
		let calls = 0;
		let first = 0;
		let last = 0;
		for (const {start, end} of ranges) {
			for (let position = start; position < end; position++) {
				const row = order[position]!;
				tokens.input += rows.input[row]!;
				tokens.cacheRead += rows.cacheRead[row]!;
				tokens.cacheWrite5m += rows.cacheWrite5m[row]!;
				tokens.cacheWrite1h += rows.cacheWrite1h[row]!;
				tokens.output += rows.output[row]!;
				tokens.reasoning += rows.reasoning[row]!;
				const cost = rows.cost[row]!;
				if (Number.isNaN(cost)) {
					unpriced += rows.total[row]!;
				} else {
					priced += cost;
				}

				reported += rows.reported[row]!;
				const time = rows.time[row]!;
				first = calls === 0 || time < first ? time : first;
				last = calls === 0 || time > last ? time : last;
				calls++;
			}
		}

		this.total = totalOf(tokens);
		this.pricedCostUSD = priced;
		this.unpricedTokens = unpriced;
		// Null as soon as any part is unpriced: a sum that silently left tokens out would mislead.
		this.costUSD = unpriced > 0 ? null : priced;
		this.costSource = calls === 0 ? 'none' : reported === 0 ? 'estimated' : reported === calls ? 'reported' : 'mixed';
		this.calls = calls;
		this.turns = counts.turns;
		this.sessions = counts.sessions;
		this.firstTime = first;
		this.lastTime = last;
		this.cacheHitRate = cacheHitRate(tokens);
	}

	/** Models by total tokens, largest first. */
	get models(): readonly string[] {
		return this.breakdowns().models;
	}

	get agents(): readonly AgentId[] {
		return this.breakdowns().agents;
	}

	get activity(): Readonly<Record<Activity, ActivityShare>> {
		return this.breakdowns().activity;
	}

	get byModel(): ReadonlyMap<string, Breakdown> {
		return this.breakdowns().byModel;
	}

	get byAgent(): ReadonlyMap<string, Breakdown> {
		return this.breakdowns().byAgent;
	}

	private breakdowns(): Breakdowns {
		this.#breakdowns ??= breakdownsOf(this.#rows, this.#order, this.#ranges);
		return this.#breakdowns;
	}
}
