/**
UsageStore: everything the parsers reported, deduplicated, before any tree exists.

The pipeline feeds events in any order; the store
- merges `session` events (later fields fill gaps, never overwrite with undefined),
- keeps turns per session,
- dedupes calls globally by `dedupKey`: of two copies the store keeps the preferred one
  (a main-file copy beats a sidechain copy; then the larger token total; then the first seen),
  which is the Claude streaming/subagent rule of parsers/FORMATS.md §1.4-§1.5 generalised.

Building a tree (build.ts) only reads the store, so filters and time zones can change
without re-parsing.
*/
import type {AgentId} from '../core/agents.js';
import type {CallEvent, SessionEvent, TurnEvent, UsageEvent} from '../core/events.js';
import {totalOf} from '../core/tokens.js';

export type StoredSession = {
	agent: AgentId;
	sessionId: string;
	project?: string;
	cwd?: string;
	projectFolder?: string;
	title?: string;
	surface?: string;
	parentSessionId?: string;
	gitBranch?: string;
	device?: string;
	/** The session's own reported cost (largest figure seen), see SessionEvent. */
	reportedCostUSD?: number;
};

export type StoredCall = CallEvent & {
	/** Arrival order; keeps output deterministic whatever the map iteration order. */
	readonly order: number;
};

/**
The stored copy of a call, always with the same fields in the same order (absent ones
undefined). Why: `{...event, order}` gave every call its own V8 hidden class (the events come
from deserialized caches and varied parsers), which made every later read of a call field,
in the builder and the insight rules, a slow megamorphic lookup.
*/
function storedCall(event: CallEvent, order: number): StoredCall {
	return {
		type: 'call',
		agent: event.agent,
		sessionId: event.sessionId,
		turnId: event.turnId,
		time: event.time,
		model: event.model,
		tokens: event.tokens,
		dedupKey: event.dedupKey,
		sidechain: event.sidechain,
		reportedCostUSD: event.reportedCostUSD,
		speed: event.speed,
		tools: event.tools,
		callId: event.callId,
		order,
	};
}

export function sessionKeyOf(agent: AgentId, sessionId: string): string {
	return `${agent}:${sessionId}`;
}

/** True when copy `b` should replace the stored copy `a` of the same call. */
export function prefers(b: CallEvent, a: CallEvent): boolean {
	const aSide = a.sidechain === true;
	const bSide = b.sidechain === true;
	if (aSide !== bSide) {
		return aSide;
	}

	return totalOf(b.tokens) > totalOf(a.tokens);
}

export class UsageStore {
	readonly sessions = new Map<string, StoredSession>();
	/** Session key → turn id → turn. */
	readonly turns = new Map<string, Map<string, TurnEvent>>();
	private readonly calls: Array<StoredCall | undefined> = [];
	private readonly byDedupKey = new Map<string, number>();
	private duplicates = 0;
	private changes = 0;

	add(event: UsageEvent): void {
		this.changes++;
		switch (event.type) {
			case 'session': {
				this.addSession(event);
				break;
			}

			case 'turn': {
				this.addTurn(event);
				break;
			}

			case 'call': {
				this.addCall(event);
				break;
			}

			default: {
				event satisfies never;
			}
		}
	}

	addAll(events: Iterable<UsageEvent>): this {
		for (const event of events) {
			this.add(event);
		}

		return this;
	}

	/** Deduplicated calls in arrival order. */
	*allCalls(): Generator<StoredCall> {
		for (const call of this.calls) {
			if (call) {
				yield call;
			}
		}
	}

	/**
	The same calls as `allCalls` (skip the undefined slots), without a generator step per call:
	for the tree builder's hot loop. Read-only: never modify it.
	*/
	get callSlots(): ReadonlyArray<StoredCall | undefined> {
		return this.calls;
	}

	get callCount(): number {
		return this.calls.length;
	}

	/** The stored copy of a call with this dedup key, if any (the ledger merge asks first). */
	callWithKey(dedupKey: string): StoredCall | undefined {
		const index = this.byDedupKey.get(dedupKey);
		return index === undefined ? undefined : this.calls[index];
	}

	/** Grows with every event added: a tree's rows (rows.ts) are made again when it moved. */
	get version(): number {
		return this.changes;
	}

	/** How many call copies were dropped as duplicates. */
	get duplicateCount(): number {
		return this.duplicates;
	}

	private addSession(event: SessionEvent): void {
		const key = sessionKeyOf(event.agent, event.sessionId);
		const existing = this.sessions.get(key) ?? {agent: event.agent, sessionId: event.sessionId};
		existing.project ??= event.project;
		existing.cwd ??= event.cwd;
		existing.projectFolder ??= event.projectFolder;
		existing.title ??= event.title;
		existing.surface ??= event.surface;
		existing.parentSessionId ??= event.parentSessionId;
		existing.gitBranch ??= event.gitBranch;
		existing.device ??= event.device;
		if (event.reportedCostUSD !== undefined && event.reportedCostUSD > (existing.reportedCostUSD ?? -1)) {
			existing.reportedCostUSD = event.reportedCostUSD;
		}
		this.sessions.set(key, existing);
	}

	private addTurn(event: TurnEvent): void {
		const key = sessionKeyOf(event.agent, event.sessionId);
		let turns = this.turns.get(key);
		if (!turns) {
			turns = new Map();
			this.turns.set(key, turns);
		}

		// The first record of a turn wins: a resumed session's copied history must not move it.
		if (!turns.has(event.turnId)) {
			turns.set(event.turnId, event);
		}
	}

	private addCall(event: CallEvent): void {
		const stored = storedCall(event, this.calls.length);
		if (event.dedupKey === undefined) {
			this.calls.push(stored);
			return;
		}

		const index = this.byDedupKey.get(event.dedupKey);
		if (index === undefined) {
			this.byDedupKey.set(event.dedupKey, this.calls.length);
			this.calls.push(stored);
			return;
		}

		this.duplicates++;
		const existing = this.calls[index]!;
		if (prefers(event, existing)) {
			// Keep the original arrival order so the result does not depend on file order.
			this.calls[index] = storedCall(event, existing.order);
		}
	}
}
