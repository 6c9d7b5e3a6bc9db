/**
buildTree: UsageStore → the read-only Week → Day → Session → Turn → API call tree.

Steps: price every call (once per pricer), resolve each call's session (sub-sessions fold
into their parent) and turn, apply the filter, bucket by day and ISO week in the chosen
time zone, then create nodes bottom-up so every node's totals are computed exactly once.

A session that crosses midnight becomes one fragment per day it touched, each holding only
that day's calls, so day and week totals are exact (they match ccusage's daily report).
*/
import {agentLabels, type AgentId} from '../core/agents.js';
import {dayKey, weekKeyOfDay} from '../core/time.js';
import type {TurnEvent} from '../core/events.js';
import type {CallPrice, Pricer} from '../pricing/types.js';
import {sessionKeyOf, type StoredCall, type StoredSession, type UsageStore} from './store.js';
import {type CallLeaf, callTotals, TotalsBuilder} from './totals.js';
import type {CallInfo, NodeKind, SessionInfo, TreeFilter, TreeModel, TreeNode, TurnInfo} from './types.js';
import {dayLabel, projectOf, weekLabel} from './labels.js';
import {reportedSessionScales} from './reported.js';

export type BuildOptions = {
	readonly timezone: string;
	readonly pricer: Pricer;
	readonly filter?: TreeFilter;
};

type MutableNode = {
	id: number;
	kind: NodeKind;
	key: string;
	label: string;
	parent: MutableNode | undefined;
	children: MutableNode[];
	totals: TreeNode['totals'];
	session?: SessionInfo;
	turn?: TurnInfo;
	call?: CallInfo;
	continues?: {fromEarlierDay: boolean; toLaterDay: boolean};
};

type PlacedCall = CallLeaf & {day: string; session: SessionInfo; turn: TurnInfo};

const noPromptTurnId = '∅';
const priceCache = new WeakMap<Pricer, WeakMap<StoredCall, CallPrice>>();

function priceOf(pricer: Pricer, call: StoredCall): CallPrice {
	let cache = priceCache.get(pricer);
	if (!cache) {
		cache = new WeakMap();
		priceCache.set(pricer, cache);
	}

	let price = cache.get(call);
	if (!price) {
		price = pricer.priceCall({agent: call.agent, model: call.model, tokens: call.tokens, speed: call.speed, time: call.time});
		cache.set(call, price);
	}

	return price;
}

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

/** Turns of one session sorted by time, for attaching calls that name no (known) turn. */
function sortedTurns(store: UsageStore, sessionKey: string): TurnEvent[] {
	return [...(store.turns.get(sessionKey)?.values() ?? [])].sort((a, b) => a.time - b.time);
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

const quarterHour = 15 * 60_000;

/**
dayKey through Intl costs microseconds per call; calls cluster in time, so memoize per
quarter hour (every zone offset since 1970 is a multiple of 15 minutes and changes on a
quarter-hour boundary). A bucket is memoized only when both its ends fall on the same day;
otherwise each time is computed exactly.
*/
function memoizedDayKey(timezone: string): (time: number) => string {
	const byBucket = new Map<number, string | null>();
	return time => {
		const bucket = Math.floor(time / quarterHour);
		let day = byBucket.get(bucket);
		if (day === undefined) {
			const first = dayKey(bucket * quarterHour, timezone);
			day = first === dayKey(bucket * quarterHour + quarterHour - 1, timezone) ? first : null;
			byBucket.set(bucket, day);
		}

		return day ?? dayKey(time, timezone);
	};
}

function matchesText(needle: string, ...haystack: Array<string | undefined>): boolean {
	return haystack.some(value => value?.toLowerCase().includes(needle));
}

export function buildTree(store: UsageStore, options: BuildOptions): TreeModel {
	const {timezone, pricer} = options;
	const filter = options.filter ?? {};
	const agentFilter = filter.agents && filter.agents.length > 0 ? new Set<AgentId>(filter.agents) : undefined;
	const needle = filter.text?.trim().toLowerCase() || undefined;
	const deviceFilter = filter.devices && filter.devices.length > 0 ? new Set(filter.devices) : undefined;
	const devicesPresent = new Set<string>();
	const scales = reportedSessionScales(store, session => resolveSessionKey(store, session), call => priceOf(pricer, call).costUSD);
	const agentsPresent = new Set<AgentId>();
	const unpricedModels = new Map<string, number>();
	const sessionInfos = new Map<string, SessionInfo>();
	const turnCache = new Map<string, TurnEvent[]>();
	const placed: PlacedCall[] = [];
	const dayOf = memoizedDayKey(timezone);

	for (const call of store.allCalls()) {
		agentsPresent.add(call.agent);
		const ownKey = sessionKeyOf(call.agent, call.sessionId);
		const sessionKey = resolveSessionKey(store, ownKey);
		const stored: StoredSession = store.sessions.get(sessionKey) ?? {agent: call.agent, sessionId: call.sessionId};
		if (stored.device !== undefined) {
			devicesPresent.add(stored.device);
		}

		if ((agentFilter && !agentFilter.has(stored.agent)) || (deviceFilter && !deviceFilter.has(stored.device ?? ''))) {
			continue;
		}

		const day = dayOf(call.time);
		if ((filter.since && day < filter.since) || (filter.until && day > filter.until)) {
			continue;
		}

		let turnEvent = call.turnId === undefined ? undefined : store.turns.get(ownKey)?.get(call.turnId);
		if (!turnEvent) {
			let turns = turnCache.get(ownKey);
			if (!turns) {
				turns = sortedTurns(store, ownKey);
				turnCache.set(ownKey, turns);
			}

			turnEvent = latestTurnAt(turns, call.time);
		}

		const model = call.model ?? 'unknown';
		if (needle && !matchesText(needle, stored.project, stored.cwd, stored.title, stored.sessionId, turnEvent?.prompt, model, agentLabels[stored.agent])) {
			continue;
		}

		const price = priceOf(pricer, call);
		const scale = scales.get(sessionKey);
		const reported = scale !== undefined || (call.reportedCostUSD !== undefined && call.reportedCostUSD > 0);
		if (price.costUSD === null && !reported) {
			unpricedModels.set(model, (unpricedModels.get(model) ?? 0) + call.tokens.input + call.tokens.output + call.tokens.cacheRead + call.tokens.cacheWrite5m + call.tokens.cacheWrite1h);
		}

		let session = sessionInfos.get(sessionKey);
		if (!session) {
			session = {
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
			sessionInfos.set(sessionKey, session);
		} else {
			const mutable = session as {firstTime: number; lastTime: number};
			mutable.firstTime = Math.min(mutable.firstTime, call.time);
			mutable.lastTime = Math.max(mutable.lastTime, call.time);
		}

		const turnId = turnEvent ? (ownKey === sessionKey ? turnEvent.turnId : `${ownKey}/${turnEvent.turnId}`) : noPromptTurnId;
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
			files: [...new Set(call.tools.flatMap(tool => (tool.file ? [tool.file] : [])))],
			callId: call.callId,
		};
		placed.push({
			info,
			day,
			session,
			sessionKey,
			turnKey: `${sessionKey}#${turnId}`,
			turn: {turnId, prompt: turnEvent?.prompt ?? '', time: turnEvent?.time ?? call.time},
		});
	}

	const model = assemble(placed, {timezone, filter, agentsPresent, unpricedModels});
	return devicesPresent.size > 0 ? {...model, devicesPresent: [...devicesPresent].sort()} : model;
}

type AssembleContext = {
	timezone: string;
	filter: TreeFilter;
	agentsPresent: Set<AgentId>;
	unpricedModels: Map<string, number>;
};

/**
A call node's totals are built on first read and then kept: the TUI reads only the rows it
shows, and one Totals (with its Maps and activity record) per API call is most of a large
tree's memory. The value is the same whenever it is built (a pure function of the call).
*/
/**
True while a call node's totals are still the builder's lazy ones (read or not), which are by
construction `callTotals` of `node.call`; lets the export write them straight from the call
without materialising (and keeping) a Totals object per leaf.
*/
export function hasDerivedCallTotals(node: TreeNode): boolean {
	return node.kind === 'call' && node.call !== undefined && Object.getOwnPropertyDescriptor(node, 'totals')?.get !== undefined;
}

function defineLazyTotals(node: MutableNode, build: () => TreeNode['totals']): void {
	// The getter caches without replacing itself, so hasDerivedCallTotals stays true after a
	// read; only an explicit assignment turns the property into plain (no longer derived) data.
	let cached: TreeNode['totals'] | undefined;
	Object.defineProperty(node, 'totals', {
		enumerable: true,
		configurable: true,
		get: () => (cached ??= build()),
		set: (value: TreeNode['totals']) => Object.defineProperty(node, 'totals', {value, writable: true, enumerable: true, configurable: true}),
	});
}

/** Groups placed calls into nested maps, then creates nodes bottom-up. */
function assemble(placed: PlacedCall[], context: AssembleContext): TreeModel {
	placed.sort((a, b) => a.info.time - b.info.time);
	const weeks = new Map<string, Map<string, Map<string, Map<string, PlacedCall[]>>>>();
	const sessionDays = new Map<string, string[]>();
	const weekOfDay = new Map<string, string>();
	for (const call of placed) {
		let week = weekOfDay.get(call.day);
		if (week === undefined) {
			week = weekKeyOfDay(call.day);
			weekOfDay.set(call.day, week);
		}

		let days = weeks.get(week);
		if (!days) {
			days = new Map();
			weeks.set(week, days);
		}

		let sessions = days.get(call.day);
		if (!sessions) {
			sessions = new Map();
			days.set(call.day, sessions);
		}

		let turns = sessions.get(call.sessionKey);
		if (!turns) {
			turns = new Map();
			sessions.set(call.sessionKey, turns);
			const list = sessionDays.get(call.sessionKey) ?? [];
			list.push(call.day);
			sessionDays.set(call.sessionKey, list);
		}

		let calls = turns.get(call.turnKey);
		if (!calls) {
			calls = [];
			turns.set(call.turnKey, calls);
		}

		calls.push(call);
	}

	const make = (kind: NodeKind, key: string, label: string, children: MutableNode[], totals: TotalsBuilder | (() => TreeNode['totals'])): MutableNode => {
		const node = {id: 0, kind, key, label, parent: undefined, children} as Omit<MutableNode, 'totals'> as MutableNode;
		if (totals instanceof TotalsBuilder) {
			node.totals = totals.freeze();
		} else {
			defineLazyTotals(node, totals);
		}

		for (const child of children) {
			child.parent = node;
		}

		return node;
	};

	const rootTotals = new TotalsBuilder();
	const weekNodes: MutableNode[] = [];
	for (const [week, days] of weeks) {
		const weekTotals = new TotalsBuilder();
		const dayNodes: MutableNode[] = [];
		for (const [day, sessions] of days) {
			const dayTotals = new TotalsBuilder();
			const sessionNodes: MutableNode[] = [];
			for (const [sessionKey, turns] of sessions) {
				const sessionTotals = new TotalsBuilder();
				const turnNodes: MutableNode[] = [];
				let sessionInfo: SessionInfo | undefined;
				for (const [, calls] of turns) {
					const turnTotals = new TotalsBuilder();
					const callNodes = calls.map((call, index) => {
						turnTotals.addCall(call);
						const node = make('call', String(index + 1), call.info.model, [], () => callTotals(call));
						node.call = call.info;
						node.session = call.session;
						node.turn = call.turn;
						return node;
					});
					const first = calls[0]!;
					sessionInfo = first.session;
					const turnNode = make('turn', first.turn.turnId, first.turn.prompt || '(no prompt)', callNodes, turnTotals);
					turnNode.turn = first.turn;
					turnNode.session = first.session;
					turnNodes.push(turnNode);
					sessionTotals.merge(turnTotals);
				}

				const daysOfSession = sessionDays.get(sessionKey)!;
				const sessionNode = make('session', sessionKey, sessionInfo!.project, turnNodes, sessionTotals);
				sessionNode.session = sessionInfo;
				if (daysOfSession.length > 1) {
					sessionNode.continues = {fromEarlierDay: daysOfSession[0] !== day, toLaterDay: daysOfSession.at(-1) !== day};
				}

				sessionNodes.push(sessionNode);
				dayTotals.merge(sessionTotals);
			}

			dayNodes.push(make('day', day, dayLabel(day), sessionNodes, dayTotals));
			weekTotals.merge(dayTotals);
		}

		weekNodes.push(make('week', week, weekLabel(week, [...days.keys()]), dayNodes, weekTotals));
		rootTotals.merge(weekTotals);
	}

	const root = make('root', '', 'All usage', weekNodes, rootTotals);
	let nextId = 0;
	const number = (node: MutableNode): void => {
		node.id = nextId++;
		for (const child of node.children) {
			number(child);
		}
	};

	number(root);
	return {
		root,
		timezone: context.timezone,
		filter: context.filter,
		size: nextId,
		agentsPresent: [...context.agentsPresent],
		unpricedModels: context.unpricedModels,
	};
}
