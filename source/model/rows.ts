/**
CallRows: the store's calls, priced, resolved and dated once, as columns in arrival order.

Everything about a call that does not depend on a filter is computed here, once per (store,
pricer, time zone): its cost and cost source, the session it folds into (sub-sessions join
their parent), its turn, its local day. A tree (assemble.ts, nodes.ts) is then a selection of
rows sorted into ranges, so a filter change never prices, resolves or dates a call again
(ARCHITECTURE.md §5). Tools and call ids are read from the store's columns when shown: rows
are made for a store that no longer changes (a changed store gets new rows, see build.ts).
*/
import {agentIds, type AgentId} from '../core/agents.js';
import type {ToolUse, TurnEvent} from '../core/events.js';
import {tokenKinds, zeroTokens} from '../core/tokens.js';
import type {PriceRequest, Pricer} from '../pricing/types.js';
import {projectOf} from './labels.js';
import {localTimeIn} from './local-calendar.js';
import {reportedSessionScales} from './reported.js';
import type {CallColumns} from './call-columns.js';
import {sessionKeyOf, type StoredSession, type UsageStore} from './store.js';
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
	/** 1: the store took the call back (UsageStore.retract); no tree shows it. */
	readonly retracted: Uint8Array;
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

	ownSessionOf(agent: AgentId, sessionId: string): OwnSession {
		// Calls of one file arrive together: reuse the previous call's session when it matches.
		if (this.last?.sessionId === sessionId && this.last.agent === agent) {
			return this.last;
		}

		let byId = this.own.get(agent);
		if (!byId) {
			byId = new Map();
			this.own.set(agent, byId);
		}

		let found = byId.get(sessionId);
		if (!found) {
			this.agents.add(agent);
			const ownKey = sessionKeyOf(agent, sessionId);
			found = {
				agent,
				sessionId,
				ownKey,
				group: this.groupOf(resolveSessionKey(this.store, ownKey), agent, sessionId),
				turns: this.store.turns.get(ownKey),
			};
			byId.set(sessionId, found);
		}

		this.last = found;
		return found;
	}

	turnOf(own: OwnSession, turnId: string | undefined, time: number): number {
		let event = turnId === undefined ? undefined : own.turns?.get(turnId);
		if (!event && own.turns) {
			own.sorted ??= [...own.turns.values()].sort((a, b) => a.time - b.time);
			event = latestTurnAt(own.sorted, time);
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

	private groupOf(key: string, agent: AgentId, sessionId: string): number {
		let index = this.groupIndex.get(key);
		if (index === undefined) {
			index = this.groups.length;
			const stored: StoredSession = this.store.sessions.get(key) ?? {agent, sessionId};
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
	const calls = store.calls;
	const count = calls.length;
	const time = calls.time.slice(0, count);
	const tokens = {
		input: calls.input.slice(0, count),
		cacheRead: calls.cacheRead.slice(0, count),
		cacheWrite5m: calls.cacheWrite5m.slice(0, count),
		cacheWrite1h: calls.cacheWrite1h.slice(0, count),
		output: calls.output.slice(0, count),
		reasoning: calls.reasoning.slice(0, count),
	};
	const total = new Float64Array(count);
	const agent = new Uint8Array(count);
	const {toolStart, toolActivity} = compactTools(calls);
	const cost = new Float64Array(count);
	const reported = new Uint8Array(count);
	const longContext = new Uint8Array(count);
	const pricingKey = new Uint32Array(count);
	const model = new Uint32Array(count);
	const group = new Uint32Array(count);
	const turn = new Int32Array(count);
	const day = new Uint32Array(count);
	const placer = new Placer(store);
	const retracted = new Uint8Array(count);
	const models = new Interner<string>();
	const pricingKeys = new Interner<string | undefined>();
	pricingKeys.of(undefined);
	const days = new Interner<string>();
	const localTime = localTimeIn(timezone);
	const estimates = new Float64Array(count);
	const tokensOfRow = zeroTokens();
	const request: {-readonly [K in keyof PriceRequest]: PriceRequest[K]} = {
		agent: 'claude',
		model: undefined,
		tokens: tokensOfRow,
		speed: undefined,
		time: 0,
	};
	for (let row = 0; row < count; row++) {
		const agentId = calls.agent[row]!;
		const own = placer.ownSessionOf(agentId, calls.sessionId[row]!);
		for (const kind of tokenKinds) {
			tokensOfRow[kind] = tokens[kind][row]!;
		}

		// One request object for every call: the pricer reads it and keeps nothing of it.
		request.agent = agentId;
		request.model = calls.model[row];
		request.speed = calls.isFast(row) ? 'fast' : undefined;
		request.time = time[row]!;
		const price = pricer.priceCall(request);
		total[row] = calls.total(row);
		agent[row] = agentIndex.get(agentId)!;
		estimates[row] = price.costUSD ?? Number.NaN;
		pricingKey[row] = pricingKeys.of(price.pricingKey);
		longContext[row] = price.longContext === true ? 1 : 0;
		model[row] = models.of(calls.model[row] ?? 'unknown');
		group[row] = own.group;
		turn[row] = placer.turnOf(own, calls.turnId[row], time[row]!);
		day[row] = days.of(localTime(time[row]!).day);
		retracted[row] = store.isRetracted(row) ? 1 : 0;
	}

	const groups = placer.groups;
	applyReportedCosts({reportedCostUSD: calls.reportedCostUSD, total, estimates, group, groups, cost, reported});
	return {
		count,
		retracted,
		toolsOf: row => calls.toolsOf(row),
		callIdOf: row => calls.callId[row],
		time,
		...tokens,
		total,
		agent,
		toolStart,
		toolActivity,
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
	/** USD the agent recorded per call; NaN for none. */
	reportedCostUSD: Float64Array;
	total: Float64Array;
	estimates: Float64Array;
	group: Uint32Array;
	groups: readonly SessionGroup[];
	cost: Float64Array;
	reported: Uint8Array;
}): void {
	const {reportedCostUSD, total, estimates, group, groups, cost, reported} = columns;
	const scales = reportedSessionScales({
		reportedOf: session => groups[session]!.stored.reportedCostUSD,
		group,
		total,
		estimates,
	});
	for (let row = 0; row < total.length; row++) {
		const scale = scales.get(group[row]!);
		const ownFigure = reportedCostUSD[row]! > 0;
		const estimate = Number.isNaN(estimates[row]!) ? null : estimates[row]!;
		reported[row] = scale !== undefined || ownFigure ? 1 : 0;
		cost[row] = scale ? scale(total[row]!, estimate) : ownFigure ? reportedCostUSD[row]! : (estimate ?? Number.NaN);
	}
}

/** The calls' tool activities without gaps (a replaced call's old tools are left out). */
function compactTools(calls: CallColumns): {toolStart: Uint32Array; toolActivity: Uint8Array} {
	const toolStart = new Uint32Array(calls.length + 1);
	let tools = 0;
	for (let row = 0; row < calls.length; row++) {
		toolStart[row] = tools;
		tools += calls.toolCount[row]!;
	}

	toolStart[calls.length] = tools;
	const toolActivity = new Uint8Array(tools);
	for (let row = 0; row < calls.length; row++) {
		toolActivity.set(
			calls.toolActivity.subarray(calls.toolStart[row]!, calls.toolStart[row]! + calls.toolCount[row]!),
			toolStart[row]!,
		);
	}

	return {toolStart, toolActivity};
}
