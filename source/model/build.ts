/**
buildTree: UsageStore → the read-only Week → Day → Session → Turn → API call tree.

Steps: price every call (once per pricer and store, prices.ts), resolve each call's session
(sub-sessions fold into their parent) and turn, apply the filter, take the local day in the
chosen time zone, then (assemble.ts) group by ISO week and day and create nodes bottom-up so
every node's totals are computed exactly once.

A session that crosses midnight becomes one fragment per day it touched, each holding only
that day's calls, so day and week totals are exact (they match ccusage's daily report).

Speed (a year of heavy use is ~10⁵–10⁶ calls): everything that is the same for all calls of
one session file (resolved session, filters, sorted turns) is looked up once per file and
kept in an `OwnSession`; per call, only the call's own objects are made (its CallInfo and
its leaf node).
*/
import {agentIds, agentLabels, type AgentId} from '../core/agents.js';
import type {ToolUse, TurnEvent} from '../core/events.js';
import type {Pricer} from '../pricing/types.js';
import {assembleTree, type SessionGroup, type TurnGroup} from './assemble.js';
import {CallNode} from './call-node.js';
import {projectOf} from './labels.js';
import {localTimeIn} from './local-calendar.js';
import {callPricer} from './prices.js';
import {reportedSessionScales} from './reported.js';
import {sessionKeyOf, type StoredCall, type StoredSession, type UsageStore} from './store.js';
import type {CallInfo, SessionInfo, TreeFilter, TreeModel, TurnInfo} from './types.js';

export {hasDerivedCallTotals} from './call-node.js';

export type BuildOptions = {
	readonly timezone: string;
	readonly pricer: Pricer;
	readonly filter?: TreeFilter;
};

const noPromptTurnId = '∅';

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

function latestTurnAt(turns: TurnEvent[], time: number): TurnEvent | undefined {
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

function matchesText(needle: string, ...haystack: Array<string | undefined>): boolean {
	return haystack.some(value => value?.toLowerCase().includes(needle));
}

const noFiles: readonly string[] = Object.freeze([]);

/** Distinct files the call's tools named, in order (most calls name none: one shared array). */
function filesOf(tools: readonly ToolUse[]): readonly string[] {
	let files: string[] | undefined;
	for (const tool of tools) {
		if (tool.file && !files?.includes(tool.file)) {
			(files ??= []).push(tool.file);
		}
	}

	return files ?? noFiles;
}

/** What every call of one session id (before folding into its parent) shares. */
type OwnSession = {
	readonly agent: AgentId;
	readonly sessionId: string;
	readonly ownKey: string;
	readonly sessionKey: string;
	readonly stored: StoredSession;
	/** Excluded by the agent or device filter. */
	readonly excluded: boolean;
	readonly turns: ReadonlyMap<string, TurnEvent> | undefined;
	/** The session's turns by time, made on first need (calls that name no known turn). */
	sorted?: TurnEvent[];
};

export function buildTree(store: UsageStore, options: BuildOptions): TreeModel {
	const {timezone} = options;
	const filter = options.filter ?? {};
	const agentFilter = filter.agents && filter.agents.length > 0 ? new Set<AgentId>(filter.agents) : undefined;
	const needle = filter.text?.trim().toLowerCase() || undefined;
	const deviceFilter = filter.devices && filter.devices.length > 0 ? new Set(filter.devices) : undefined;
	const priceOf = callPricer(options.pricer, store);
	const resolved = new Map<string, string>();
	const resolve = (key: string): string => {
		let top = resolved.get(key);
		if (top === undefined) {
			top = resolveSessionKey(store, key);
			resolved.set(key, top);
		}

		return top;
	};

	const scales = reportedSessionScales(store, resolve, call => priceOf(call).costUSD);
	const devicesPresent = new Set<string>();
	const agentsPresent = new Set<AgentId>();
	const unpricedModels = new Map<string, number>();
	const localTime = localTimeIn(timezone);
	// agent → session id → OwnSession: no key string is built per call.
	const ownSessions = new Map<AgentId, Map<string, OwnSession>>();
	const groups = new Map<string, SessionGroup>();
	const turnGroups = new Map<TurnEvent, TurnGroup>();
	const noPromptTurns = new Map<SessionGroup, TurnGroup>();
	const placement = {nodes: [] as CallNode[], days: [] as string[], turns: [] as TurnGroup[]};
	let own: OwnSession | undefined;

	const ownSessionOf = (call: StoredCall): OwnSession => {
		let byId = ownSessions.get(call.agent);
		if (!byId) {
			byId = new Map();
			ownSessions.set(call.agent, byId);
		}

		let found = byId.get(call.sessionId);
		if (!found) {
			agentsPresent.add(call.agent);
			const ownKey = sessionKeyOf(call.agent, call.sessionId);
			const sessionKey = resolve(ownKey);
			const stored: StoredSession = store.sessions.get(sessionKey) ?? {agent: call.agent, sessionId: call.sessionId};
			if (stored.device !== undefined) {
				devicesPresent.add(stored.device);
			}

			const excluded =
				(agentFilter !== undefined && !agentFilter.has(stored.agent)) ||
				(deviceFilter !== undefined && !deviceFilter.has(stored.device ?? ''));
			found = {
				agent: call.agent,
				sessionId: call.sessionId,
				ownKey,
				sessionKey,
				stored,
				excluded,
				turns: store.turns.get(ownKey),
			};
			byId.set(call.sessionId, found);
		}

		return found;
	};

	for (const call of store.callSlots) {
		if (!call) {
			continue;
		}

		// Calls of one file arrive together: reuse the previous call's session when it matches.
		if (own?.sessionId !== call.sessionId || own.agent !== call.agent) {
			own = ownSessionOf(call);
		}

		if (own.excluded) {
			continue;
		}

		const day = localTime(call.time).day;
		if ((filter.since && day < filter.since) || (filter.until && day > filter.until)) {
			continue;
		}

		let turnEvent = call.turnId === undefined ? undefined : own.turns?.get(call.turnId);
		if (!turnEvent && own.turns) {
			own.sorted ??= [...own.turns.values()].sort((a, b) => a.time - b.time);
			turnEvent = latestTurnAt(own.sorted, call.time);
		}

		const {stored, sessionKey} = own;
		const model = call.model ?? 'unknown';
		if (
			needle &&
			!matchesText(
				needle,
				stored.project,
				stored.cwd,
				stored.projectFolder,
				stored.title,
				stored.sessionId,
				turnEvent?.prompt,
				model,
				agentLabels[stored.agent],
			)
		) {
			continue;
		}

		const price = priceOf(call);
		const scale = scales.get(sessionKey);
		const reported = scale !== undefined || (call.reportedCostUSD !== undefined && call.reportedCostUSD > 0);
		if (price.costUSD === null && !reported) {
			unpricedModels.set(
				model,
				(unpricedModels.get(model) ?? 0) +
					call.tokens.input +
					call.tokens.output +
					call.tokens.cacheRead +
					call.tokens.cacheWrite5m +
					call.tokens.cacheWrite1h,
			);
		}

		let group = groups.get(sessionKey);
		if (group) {
			const session = group.info as {firstTime: number; lastTime: number};
			session.firstTime = Math.min(session.firstTime, call.time);
			session.lastTime = Math.max(session.lastTime, call.time);
		} else {
			const info: SessionInfo = {
				agent: stored.agent,
				sessionId: stored.sessionId,
				project: projectOf(stored),
				cwd: stored.cwd,
				title: stored.title,
				surface: stored.surface,
				gitBranch: stored.gitBranch,
				device: stored.device,
				firstTime: call.time,
				lastTime: call.time,
			};
			group = {key: sessionKey, info, days: [], weekStamp: -1, current: undefined};
			groups.set(sessionKey, group);
		}

		let turnGroup: TurnGroup | undefined;
		let turn: TurnInfo;
		if (turnEvent) {
			turnGroup = turnGroups.get(turnEvent);
			if (!turnGroup) {
				const turnId = own.ownKey === sessionKey ? turnEvent.turnId : `${own.ownKey}/${turnEvent.turnId}`;
				turnGroup = {
					session: group,
					info: {turnId, prompt: turnEvent.prompt ?? '', time: turnEvent.time},
					weekStamp: -1,
					current: undefined,
				};
				turnGroups.set(turnEvent, turnGroup);
			}

			turn = turnGroup.info!;
		} else {
			turnGroup = noPromptTurns.get(group);
			if (!turnGroup) {
				turnGroup = {session: group, info: undefined, weekStamp: -1, current: undefined};
				noPromptTurns.set(group, turnGroup);
			}

			// Calls before any prompt each carry their own time as the turn's time.
			turn = {turnId: noPromptTurnId, prompt: '', time: call.time};
		}

		const info: CallInfo = {
			agent: call.agent,
			time: call.time,
			model,
			tokens: call.tokens,
			costUSD: scale ? scale(call, price.costUSD) : reported ? call.reportedCostUSD! : price.costUSD,
			costSource: reported ? 'reported' : 'estimated',
			pricingKey: price.pricingKey,
			longContext: price.longContext === true,
			tools: call.tools,
			files: filesOf(call.tools),
			callId: call.callId,
		};
		placement.nodes.push(new CallNode(info, group.info, turn));
		placement.days.push(day);
		placement.turns.push(turnGroup);
	}

	const {root, size} = assembleTree(placement);
	// In agents.ts order (the display order of the `a` filter), not the order the data came in.
	const present = agentIds.filter(agent => agentsPresent.has(agent));
	const model: TreeModel = {root, timezone, filter, size, agentsPresent: present, unpricedModels};
	return devicesPresent.size > 0 ? {...model, devicesPresent: [...devicesPresent].sort()} : model;
}
