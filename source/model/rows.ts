/**
CallRows: the store's calls, priced, resolved and dated once, as columns in arrival order.

Everything about a call that does not depend on a filter is computed here, once per (store,
pricer, time zone): its cost and cost source, the session it folds into (sub-sessions join
their parent), its turn, its local day. A tree (tree.ts) is then a selection of rows sorted
into ranges, so a filter change never prices, resolves or dates a call again
(ARCHITECTURE.md §5). The store's call objects stay the source of tools, tokens and ids.
*/
import {agentIds, type AgentId} from '../core/agents.js';
import type {ToolUse, TurnEvent} from '../core/events.js';
import {activities} from '../core/activity.js';
import {tokenKinds, totalOf} from '../core/tokens.js';
import type {Pricer} from '../pricing/types.js';
import {projectOf} from './labels.js';
import {localTimeIn} from './local-calendar.js';
import {reportedSessionScales} from './reported.js';
import {sessionKeyOf, type StoredCall, type StoredSession, type UsageStore} from './store.js';
import type {TurnInfo} from './types.js';

/** A top-level session (sub-sessions folded in): what every tree node of it shares. */
export type SessionGroup = {
	readonly key: string;
	readonly stored: StoredSession;
	readonly project: string;
};

/** A prompt of one session; calls that name no known turn join the latest one before them. */
export type TurnGroup = {
	readonly session: number;
	/** The turn id as shown: prefixed by the sub-session's key when it came from one. */
	readonly info: TurnInfo;
};

export type CallRows = {
	readonly count: number;
	/** The call's tools (name, activity, file), made on each call: read them where few calls are shown. */
	readonly toolsOf: (row: number) => readonly ToolUse[];
	/** The agent's own id of the call, when it has one. */
	readonly callIdOf: (row: number) => string | undefined;
	readonly time: Float64Array;
	/** The token kinds of core/tokens.ts, one column each. */
	readonly input: Float64Array;
	readonly cacheRead: Float64Array;
	readonly cacheWrite5m: Float64Array;
	readonly cacheWrite1h: Float64Array;
	readonly output: Float64Array;
	readonly reasoning: Float64Array;
	/** input + cacheRead + cacheWrite + output of the call. */
	readonly total: Float64Array;
	/** Row → index into `agentIds` of the agent that made the call. */
	readonly agent: Uint8Array;
	/** Row → its first tool in `toolActivity`; row + 1 → one past its last (count + 1 entries). */
	readonly toolStart: Uint32Array;
	/** Tool → index into `activities` of what the tool did. */
	readonly toolActivity: Uint8Array;
	/** USD; NaN when the call is unpriced. */
	readonly cost: Float64Array;
	/** 1 when the cost is the agent's own figure. */
	readonly reported: Uint8Array;
	readonly longContext: Uint8Array;
	/** Row → index into `pricingKeys` (0: none). */
	readonly pricingKey: Uint32Array;
	readonly pricingKeys: ReadonlyArray<string | undefined>;
	/** Row → index into `models` (the model as logged; `unknown` when absent). */
	readonly model: Uint32Array;
	readonly models: readonly string[];
	/** Row → index into `groups`. */
	readonly group: Uint32Array;
	readonly groups: readonly SessionGroup[];
	/** Row → index into `turns`; -1 for a call before any prompt of its session. */
	readonly turn: Int32Array;
	readonly turns: readonly TurnGroup[];
	/** Row → index into `days` (YYYY-MM-DD in the time zone). */
	readonly day: Uint32Array;
	readonly days: readonly string[];
	/** Agents that had calls, in `agents.ts` order (the `a` filter cycle). */
	readonly agentsPresent: readonly AgentId[];
	/** Devices that had calls, sorted. */
	readonly devicesPresent: readonly string[];
};

/** Follows parentSessionId links (reviewer/sub-agent transcripts) to the top session key. */
function resolveSessionKey(store: UsageStore, key: string): string {
	let current = key;
	for (let hops = 0; hops < 16; hops++) {
		const session = store.sessions.get(current);
		if (!session?.parentSessionId) {
			return current;
		}

		const parentKey = sessionKeyOf(session.agent, session.parentSessionId);
		if (parentKey === current || !store.sessions.has(parentKey)) {
			return current;
		}

		current = parentKey;
	}

	return current;
}

function latestTurnAt(turns: readonly TurnEvent[], time: number): TurnEvent | undefined {
	let low = 0;
	let high = turns.length - 1;
	let found: TurnEvent | undefined;
	while (low <= high) {
		const mid = (low + high) >> 1;
		const turn = turns[mid]!;
		if (turn.time <= time) {
			found = turn;
			low = mid + 1;
		} else {
			high = mid - 1;
		}
	}

	return found;
}

const agentIndex = new Map<AgentId, number>(agentIds.map((agent, index) => [agent, index]));
const activityIndex = new Map<string, number>(activities.map((activity, index) => [activity, index]));

/** A string → dense index table (models, pricing keys, days). */
class Interner<T> {
	readonly values: T[] = [];
	private readonly index = new Map<T, number>();

	of(value: T): number {
		let found = this.index.get(value);
		if (found === undefined) {
			found = this.values.length;
			this.values.push(value);
			this.index.set(value, found);
		}

		return found;
	}
}

/** What every call of one session id (before folding into its parent) shares. */
type OwnSession = {
	readonly agent: AgentId;
	readonly sessionId: string;
	readonly ownKey: string;
	readonly group: number;
	readonly turns: ReadonlyMap<string, TurnEvent> | undefined;
	/** The session's turns by time, made on first need (calls that name no known turn). */
	sorted?: TurnEvent[];
};

/** Resolves each call's session group and turn, creating groups and turns as they are met. */
class Placer {
	readonly groups: SessionGroup[] = [];
	readonly turns: TurnGroup[] = [];
	readonly agents = new Set<AgentId>();
	readonly devices = new Set<string>();
	private readonly groupIndex = new Map<string, number>();
	private readonly turnIndex = new Map<TurnEvent, number>();
	private readonly own = new Map<AgentId, Map<string, OwnSession>>();
	private last: OwnSession | undefined;

	constructor(private readonly store: UsageStore) {}

	ownSessionOf(call: StoredCall): OwnSession {
		// Calls of one file arrive together: reuse the previous call's session when it matches.
		if (this.last?.sessionId === call.sessionId && this.last.agent === call.agent) {
			return this.last;
		}

		let byId = this.own.get(call.agent);
		if (!byId) {
			byId = new Map();
			this.own.set(call.agent, byId);
		}

		let found = byId.get(call.sessionId);
		if (!found) {
			this.agents.add(call.agent);
			const ownKey = sessionKeyOf(call.agent, call.sessionId);
			found = {
				agent: call.agent,
				sessionId: call.sessionId,
				ownKey,
				group: this.groupOf(resolveSessionKey(this.store, ownKey), call),
				turns: this.store.turns.get(ownKey),
			};
			byId.set(call.sessionId, found);
		}

		this.last = found;
		return found;
	}

	turnOf(own: OwnSession, call: StoredCall): number {
		let event = call.turnId === undefined ? undefined : own.turns?.get(call.turnId);
		if (!event && own.turns) {
			own.sorted ??= [...own.turns.values()].sort((a, b) => a.time - b.time);
			event = latestTurnAt(own.sorted, call.time);
		}

		if (!event) {
			return -1;
		}

		let index = this.turnIndex.get(event);
		if (index === undefined) {
			index = this.turns.length;
			const group = this.groups[own.group]!;
			const turnId = own.ownKey === group.key ? event.turnId : `${own.ownKey}/${event.turnId}`;
			this.turns.push({session: own.group, info: {turnId, prompt: event.prompt ?? '', time: event.time}});
			this.turnIndex.set(event, index);
		}

		return index;
	}

	private groupOf(key: string, call: StoredCall): number {
		let index = this.groupIndex.get(key);
		if (index === undefined) {
			index = this.groups.length;
			const stored = this.store.sessions.get(key) ?? {agent: call.agent, sessionId: call.sessionId};
			if (stored.device !== undefined) {
				this.devices.add(stored.device);
			}

			this.groups.push({key, stored, project: projectOf(stored)});
			this.groupIndex.set(key, index);
		}

		return index;
	}
}

/** Prices, resolves and dates every call of the store, in arrival order. */
export function buildRows(store: UsageStore, pricer: Pricer, timezone: string): CallRows {
	const calls: StoredCall[] = [];
	for (const call of store.callSlots) {
		if (call) {
			calls.push(call);
		}
	}

	const count = calls.length;
	const time = new Float64Array(count);
	const tokens = {
		input: new Float64Array(count),
		cacheRead: new Float64Array(count),
		cacheWrite5m: new Float64Array(count),
		cacheWrite1h: new Float64Array(count),
		output: new Float64Array(count),
		reasoning: new Float64Array(count),
	};
	const total = new Float64Array(count);
	const agent = new Uint8Array(count);
	const toolStart = new Uint32Array(count + 1);
	const toolActivity: number[] = [];
	const cost = new Float64Array(count);
	const reported = new Uint8Array(count);
	const longContext = new Uint8Array(count);
	const pricingKey = new Uint32Array(count);
	const model = new Uint32Array(count);
	const group = new Uint32Array(count);
	const turn = new Int32Array(count);
	const day = new Uint32Array(count);
	const placer = new Placer(store);
	const models = new Interner<string>();
	const pricingKeys = new Interner<string | undefined>();
	pricingKeys.of(undefined);
	const days = new Interner<string>();
	const localTime = localTimeIn(timezone);
	const estimates = new Float64Array(count);
	for (let row = 0; row < count; row++) {
		const call = calls[row]!;
		const own = placer.ownSessionOf(call);
		const price = pricer.priceCall({
			agent: call.agent,
			model: call.model,
			tokens: call.tokens,
			speed: call.speed,
			time: call.time,
		});
		time[row] = call.time;
		for (const kind of tokenKinds) {
			tokens[kind][row] = call.tokens[kind];
		}

		total[row] = totalOf(call.tokens);
		agent[row] = agentIndex.get(call.agent)!;
		toolStart[row] = toolActivity.length;
		for (const tool of call.tools) {
			toolActivity.push(activityIndex.get(tool.activity)!);
		}

		estimates[row] = price.costUSD ?? Number.NaN;
		pricingKey[row] = pricingKeys.of(price.pricingKey);
		longContext[row] = price.longContext === true ? 1 : 0;
		model[row] = models.of(call.model ?? 'unknown');
		group[row] = own.group;
		turn[row] = placer.turnOf(own, call);
		day[row] = days.of(localTime(call.time).day);
	}

	toolStart[count] = toolActivity.length;
	const groups = placer.groups;
	applyReportedCosts({calls, total, estimates, group, groups, cost, reported});
	return {
		count,
		toolsOf: row => calls[row]!.tools,
		callIdOf: row => calls[row]!.callId,
		time,
		...tokens,
		total,
		agent,
		toolStart,
		toolActivity: Uint8Array.from(toolActivity),
		cost,
		reported,
		longContext,
		pricingKey,
		pricingKeys: pricingKeys.values,
		model,
		models: models.values,
		group,
		groups,
		turn,
		turns: placer.turns,
		day,
		days: days.values,
		agentsPresent: agentIds.filter(agent => placer.agents.has(agent)),
		devicesPresent: [...placer.devices].sort(),
	};
}

/**
A call's cost: its session's reported figure spread over the session's calls (reported.ts),
else the agent's own figure for the call, else the list-price estimate.
*/
function applyReportedCosts(columns: {
	calls: readonly StoredCall[];
	total: Float64Array;
	estimates: Float64Array;
	group: Uint32Array;
	groups: readonly SessionGroup[];
	cost: Float64Array;
	reported: Uint8Array;
}): void {
	const {calls, total, estimates, group, groups, cost, reported} = columns;
	const scales = reportedSessionScales({
		reportedOf: session => groups[session]!.stored.reportedCostUSD,
		group,
		total,
		estimates,
	});
	for (let row = 0; row < calls.length; row++) {
		const call = calls[row]!;
		const scale = scales.get(group[row]!);
		const ownFigure = call.reportedCostUSD !== undefined && call.reportedCostUSD > 0;
		const estimate = Number.isNaN(estimates[row]!) ? null : estimates[row]!;
		reported[row] = scale !== undefined || ownFigure ? 1 : 0;
		cost[row] = scale ? scale(total[row]!, estimate) : ownFigure ? call.reportedCostUSD! : (estimate ?? Number.NaN);
	}
}
