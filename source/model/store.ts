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
import {CallColumns} from './call-columns.js';
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

export function sessionKeyOf(agent: AgentId, sessionId: string): string {
	return `${agent}:${sessionId}`;
}

/**
True when a copy (sidechain flag, token total) should replace the stored copy of the same call:
a main-file copy beats a sidechain copy; then the larger token total wins; on a tie the stored
copy stays.
*/
export function prefers(sidechain: boolean, total: number, storedSidechain: boolean, storedTotal: number): boolean {
	if (sidechain !== storedSidechain) {
		return storedSidechain;
	}

	return total > storedTotal;
}

export class UsageStore {
	readonly sessions = new Map<string, StoredSession>();
	/** Session key → turn id → turn. */
	readonly turns = new Map<string, Map<string, TurnEvent>>();
	/** Deduplicated calls in arrival order (a preferred copy takes the place of the first). */
	readonly calls = new CallColumns();
	private readonly byDedupKey = new Map<string, number>();
	/**
	Rows whose file, read again while agents write, no longer holds them (pipeline/live.ts: a
	SQLite row updated in place gets a new dedup key). Kept as rows (row numbers never move),
	never shown (rows.ts) or saved (`allCalls`); a copy with the same key brings one back.
	*/
	private readonly retractedRows = new Set<number>();
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
				const row = this.placeCall(event.dedupKey, event.sidechain === true, totalOf(event.tokens));
				if (row >= 0) {
					this.calls.writeEvent(row, event);
				}

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

	/** Adds the calls of a cached file's decoded range, row by row, without making events. */
	addCalls(batch: CallColumns): void {
		this.changes++;
		for (let from = 0; from < batch.length; from++) {
			const row = this.placeCall(batch.dedupKey[from], batch.isSidechain(from), batch.total(from));
			if (row >= 0) {
				this.calls.copyRow(row, batch, from);
			}
		}
	}

	/** Deduplicated calls in arrival order, as events (made here: for the history and imports). */
	*allCalls(): Generator<CallEvent> {
		for (let row = 0; row < this.calls.length; row++) {
			if (!this.retractedRows.has(row)) yield this.calls.eventAt(row);
		}
	}

	/** Takes back the call with this dedup key: its file no longer holds it (see `retractedRows`). */
	retract(dedupKey: string): void {
		const row = this.byDedupKey.get(dedupKey);
		if (row !== undefined && !this.retractedRows.has(row)) {
			this.retractedRows.add(row);
			this.changes++;
		}
	}

	isRetracted(row: number): boolean {
		return this.retractedRows.has(row);
	}

	get callCount(): number {
		return this.calls.length;
	}

	/** The row of the stored copy of a call with this dedup key, if any (the history merge asks first). */
	rowWithKey(dedupKey: string): number | undefined {
		return this.byDedupKey.get(dedupKey);
	}

	/** Grows with every change: a tree's rows (rows.ts) are made again when it moved. */
	get version(): number {
		return this.changes;
	}

	/** How many call copies were dropped as duplicates. */
	get duplicateCount(): number {
		return this.duplicates;
	}

	/**
	Where a call goes: a new row at the end, the row of a stored copy it is preferred to, or -1
	when a stored copy is preferred. A preferred copy keeps the first copy's row (its arrival
	position), so the result does not depend on file order.
	*/
	private placeCall(dedupKey: string | undefined, sidechain: boolean, total: number): number {
		const end = this.calls.length;
		if (dedupKey === undefined) {
			return end;
		}

		const row = this.byDedupKey.get(dedupKey);
		if (row === undefined) {
			this.byDedupKey.set(dedupKey, end);
			return end;
		}

		if (this.retractedRows.delete(row)) {
			return row;
		}

		this.duplicates++;
		return prefers(sidechain, total, this.calls.isSidechain(row), this.calls.total(row)) ? row : -1;
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
}
