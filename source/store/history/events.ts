/**
What the usage history keeps of the store: content-free events, by construction.

A history file may be shared between devices (a synced `--ledger-dir`), so it holds only what
totals, dedup and the tree need: ids, times, agent, session, the project's name (not its
path), model, token counts, reported costs, tool names and activities. Prompts, titles, cwd
paths and the files tools touched have no field to go in: `contentFree` builds each event
from the allowed fields alone, for what is written and again for what is read (another
device's file is data like any transcript), and checks every value with core/limits.ts.
*/
import type {AgentId} from '../../core/agents.js';
import type {CallEvent, SessionEvent, TurnEvent, UsageEvent} from '../../core/events.js';
import {eventProblem} from '../../core/limits.js';
import {namedProjectOf} from '../../model/labels.js';
import {sessionKeyOf, type UsageStore} from '../../model/store.js';

type Mutable<T> = {-readonly [K in keyof T]: T[K]};

function contentFreeSession(event: SessionEvent): SessionEvent {
	const kept: Mutable<SessionEvent> = {type: 'session', agent: event.agent, sessionId: event.sessionId};
	// The project's name only: never the cwd, nor the agent's encoded folder (both are paths).
	const project = namedProjectOf(event);
	if (project !== undefined) kept.project = project;
	if (event.surface !== undefined) kept.surface = event.surface;
	if (event.parentSessionId !== undefined) kept.parentSessionId = event.parentSessionId;
	if (event.gitBranch !== undefined) kept.gitBranch = event.gitBranch;
	if (event.device !== undefined) kept.device = event.device;
	if (event.reportedCostUSD !== undefined) kept.reportedCostUSD = event.reportedCostUSD;
	return kept;
}

function contentFreeCall(event: CallEvent): CallEvent {
	// A call's only content is the files its tools touched: without any, no copy (a start reads 10^5 calls).
	if (event.tools.every(tool => tool.file === undefined)) {
		return event;
	}

	const kept: Mutable<CallEvent> = {
		type: 'call',
		agent: event.agent,
		sessionId: event.sessionId,
		time: event.time,
		tokens: event.tokens,
		tools: event.tools.map(tool => ({name: tool.name, activity: tool.activity})),
	};
	if (event.turnId !== undefined) kept.turnId = event.turnId;
	if (event.model !== undefined) kept.model = event.model;
	if (event.dedupKey !== undefined) kept.dedupKey = event.dedupKey;
	if (event.sidechain !== undefined) kept.sidechain = event.sidechain;
	if (event.reportedCostUSD !== undefined) kept.reportedCostUSD = event.reportedCostUSD;
	if (event.speed !== undefined) kept.speed = event.speed;
	if (event.callId !== undefined) kept.callId = event.callId;
	return kept;
}

/** The event as the history keeps it; undefined when a value is outside core/limits.ts's bounds. */
export function contentFree(event: UsageEvent): UsageEvent | undefined {
	if (eventProblem(event) !== undefined) {
		return undefined;
	}

	switch (event.type) {
		case 'session': {
			return contentFreeSession(event);
		}

		case 'turn': {
			const turn: TurnEvent = {
				type: 'turn',
				agent: event.agent,
				sessionId: event.sessionId,
				turnId: event.turnId,
				time: event.time,
				prompt: '',
			};
			return turn;
		}

		case 'call': {
			return contentFreeCall(event);
		}

		default: {
			return event satisfies never;
		}
	}
}

/** Whether a session belongs to one of this machine's devices (a session without one does). */
export function ownership(
	store: UsageStore,
	ownDevices: ReadonlySet<string>,
): (agent: AgentId, sessionId: string) => boolean {
	const known = new Map<string, boolean>();
	return (agent, sessionId) => {
		const key = sessionKeyOf(agent, sessionId);
		let own = known.get(key);
		if (own === undefined) {
			const device = store.sessions.get(key)?.device;
			own = device === undefined || ownDevices.has(device);
			known.set(key, own);
		}

		return own;
	};
}

/**
The events of this machine's devices, oldest history first dropped by retention: calls before
`cutoff` go, and so do sessions and turns left without calls (sessions with a reported cost
figure stay while that figure is recent). Sessions and their turns come first, then calls.
*/
export function* historyEventsOf(
	store: UsageStore,
	ownDevices: ReadonlySet<string>,
	cutoff = 0,
): Generator<UsageEvent> {
	const own = ownership(store, ownDevices);
	const keptSessions = new Set<string>();
	const calls: CallEvent[] = [];
	for (const call of store.allCalls()) {
		if (call.time >= cutoff && own(call.agent, call.sessionId)) {
			keptSessions.add(sessionKeyOf(call.agent, call.sessionId));
			calls.push(call);
		}
	}

	for (const [key, session] of store.sessions) {
		if ((!keptSessions.has(key) && session.reportedCostUSD === undefined) || !own(session.agent, session.sessionId)) {
			continue;
		}

		yield {type: 'session', ...session};
		for (const turn of store.turns.get(key)?.values() ?? []) {
			if (turn.time >= cutoff) {
				yield turn;
			}
		}
	}

	yield* calls;
}
