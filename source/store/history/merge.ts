/**
Store ⇄ ledger records.

Merging rules (why history survives while counts stay exact):
- keyed calls (with a `dedupKey`) go through UsageStore.add, so the store's own preference
  rule decides between the live copy and the ledger copy, exactly as between two live copies;
- unkeyed calls are matched by fingerprint (records.ts) as a multiset: a ledger that holds a
  fingerprint n times adds only the copies beyond those already present. Live-vs-live copies
  are never touched, so a ledger never changes what the live transcripts alone would count;
- ledger turns carry no prompt; a live turn with the same id always wins (first record wins).
*/
import type {AgentId} from '../../core/agents.js';
import type {CallEvent} from '../../core/events.js';
import {projectOf} from '../../model/labels.js';
import {prefers, sessionKeyOf, type UsageStore} from '../../model/store.js';
import type {LedgerFile} from './file.js';
import {
	callToRecord,
	fingerprintOf,
	type LedgerCall,
	type LedgerRecord,
	type LedgerSession,
	ledgerVersion,
	recordToCall,
} from './records.js';

/** Gives every session that has calls a device (live data of this machine, WSL's Windows side). */
export function stampDevice(store: UsageStore, device: string): void {
	let previous: CallEvent | undefined;
	for (const call of store.allCalls()) {
		// Calls arrive session by session: skip the key lookup while the session is the same.
		if (previous?.sessionId === call.sessionId && previous.agent === call.agent) {
			continue;
		}

		previous = call;
		const key = sessionKeyOf(call.agent, call.sessionId);
		if (!store.sessions.has(key)) {
			store.sessions.set(key, {agent: call.agent, sessionId: call.sessionId});
		}
	}

	for (const session of store.sessions.values()) {
		session.device ??= device;
	}
}

function unkeyedCounts(store: UsageStore): Map<string, number> {
	const counts = new Map<string, number>();
	for (const call of store.allCalls()) {
		if (call.dedupKey === undefined) {
			const fingerprint = fingerprintOf(call);
			counts.set(fingerprint, (counts.get(fingerprint) ?? 0) + 1);
		}
	}

	return counts;
}

/** Adds calls from another source, unkeyed ones as a multiset against `present` (updated). */
function addCalls(store: UsageStore, calls: Iterable<CallEvent>, present: Map<string, number>): void {
	const seen = new Map<string, number>();
	for (const call of calls) {
		if (call.dedupKey !== undefined) {
			// Ask first, so remembered copies of calls still live are not counted as duplicates.
			const existing = store.callWithKey(call.dedupKey);
			if (!existing || prefers(call, existing)) {
				store.add(call);
			}

			continue;
		}

		const fingerprint = fingerprintOf(call);
		const count = (seen.get(fingerprint) ?? 0) + 1;
		seen.set(fingerprint, count);
		if (count > (present.get(fingerprint) ?? 0)) {
			store.add(call);
			present.set(fingerprint, count);
		}
	}
}

/** A keyed ledger call whose live copy is present and at least as good: nothing to add. */
function remembersLiveCall(store: UsageStore, record: LedgerCall): boolean {
	if (record.key === undefined) {
		return false;
	}

	const existing = store.callWithKey(record.key);
	if (!existing) {
		return false;
	}

	const recordSide = record.sc === 1;
	if (recordSide !== (existing.sidechain === true)) {
		return recordSide;
	}

	const [input = 0, cacheRead = 0, cacheWrite5m = 0, cacheWrite1h = 0, output = 0] = record.tk;
	return (
		input + cacheRead + cacheWrite5m + cacheWrite1h + output <=
		existing.tokens.input +
			existing.tokens.cacheRead +
			existing.tokens.cacheWrite5m +
			existing.tokens.cacheWrite1h +
			existing.tokens.output
	);
}

export type MergeStats = {readonly files: number; readonly records: number; readonly restoredCalls: number};

/** Merges ledger files into a store that already holds (and device-stamped) the live data. */
export function mergeLedgers(
	store: UsageStore,
	files: ReadonlyArray<Pick<LedgerFile, 'host' | 'records'>>,
): MergeStats {
	const before = store.callCount;
	const present = unkeyedCounts(store);
	let records = 0;
	for (const file of files) {
		records += file.records.length;
		const calls: CallEvent[] = [];
		for (const record of file.records) {
			switch (record.k) {
				case 's': {
					store.add({
						type: 'session',
						agent: record.a,
						sessionId: record.s,
						project: record.p,
						surface: record.sf,
						parentSessionId: record.ps,
						gitBranch: record.gb,
						device: record.d ?? file.host,
					});
					break;
				}

				case 't': {
					store.add({
						type: 'turn',
						agent: record.a,
						sessionId: record.s,
						turnId: record.id,
						time: record.t,
						prompt: '',
					});
					break;
				}

				case 'c': {
					if (!remembersLiveCall(store, record)) {
						calls.push(recordToCall(record));
					}

					break;
				}

				case 'r': {
					store.add({
						type: 'session',
						agent: record.a,
						sessionId: record.s,
						reportedCostUSD: record.usd,
						device: file.host,
					});
					break;
				}
			}
		}

		addCalls(store, calls, present);
	}

	return {files: files.length, records, restoredCalls: store.callCount - before};
}

/** Merges everything of `source` (another load: WSL's Windows side) into `target`. */
export function mergeStore(target: UsageStore, source: UsageStore): void {
	for (const session of source.sessions.values()) {
		target.add({type: 'session', ...session});
	}

	for (const turns of source.turns.values()) {
		for (const turn of turns.values()) {
			target.add(turn);
		}
	}

	addCalls(target, source.allCalls(), unkeyedCounts(target));
}

function ownership(store: UsageStore, ownDevices: ReadonlySet<string>): (agent: AgentId, sessionId: string) => boolean {
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
A cheap summary of what recordsOf would write (counts and sums, no serialisation). Equal
summaries mean the ledger has nothing new worth a rewrite; a change that keeps every count
and sum (a renamed project) waits for the next real change, which loses nothing.
*/
export function summaryOf(store: UsageStore, ownDevices: ReadonlySet<string>, cutoff = 0): string {
	const own = ownership(store, ownDevices);
	let calls = 0;
	let tokens = 0;
	let times = 0;
	for (const call of store.allCalls()) {
		if (call.time >= cutoff && own(call.agent, call.sessionId)) {
			calls++;
			tokens +=
				call.tokens.input +
				call.tokens.cacheRead +
				call.tokens.cacheWrite5m +
				call.tokens.cacheWrite1h +
				call.tokens.output * 3 +
				call.tokens.reasoning * 7;
			times += call.time % 1_000_003;
		}
	}

	let sessions = 0;
	let turns = 0;
	let reported = 0;
	for (const [key, session] of store.sessions) {
		if (own(session.agent, session.sessionId)) {
			sessions++;
			turns += store.turns.get(key)?.size ?? 0;
			reported += session.reportedCostUSD ?? 0;
		}
	}

	return `${ledgerVersion}:${calls}:${tokens}:${times}:${sessions}:${turns}:${reported}`;
}

/**
The records of this machine's devices, oldest history first dropped by retention: calls
before `cutoff` go, and so do sessions and turns left without calls (sessions with a reported
cost figure stay while that figure is recent).
*/
export function* recordsOf(store: UsageStore, ownDevices: ReadonlySet<string>, cutoff = 0): Generator<LedgerRecord> {
	const own = ownership(store, ownDevices);

	const keptSessions = new Set<string>();
	const calls: LedgerRecord[] = [];
	for (const call of store.allCalls()) {
		if (call.time >= cutoff && own(call.agent, call.sessionId)) {
			keptSessions.add(sessionKeyOf(call.agent, call.sessionId));
			calls.push(callToRecord(call));
		}
	}

	for (const [key, session] of store.sessions) {
		if ((!keptSessions.has(key) && session.reportedCostUSD === undefined) || !own(session.agent, session.sessionId)) {
			continue;
		}

		const record: LedgerSession = {k: 's', a: session.agent, s: session.sessionId};
		if (session.device !== undefined) record.d = session.device;
		if (session.project !== undefined || session.cwd !== undefined) record.p = projectOf(session);
		if (session.surface !== undefined) record.sf = session.surface;
		if (session.parentSessionId !== undefined) record.ps = session.parentSessionId;
		if (session.gitBranch !== undefined) record.gb = session.gitBranch;
		yield record;
		if (session.reportedCostUSD !== undefined) {
			yield {k: 'r', a: session.agent, s: session.sessionId, usd: session.reportedCostUSD};
		}

		for (const turn of store.turns.get(key)?.values() ?? []) {
			if (turn.time >= cutoff) {
				yield {k: 't', a: turn.agent, s: turn.sessionId, id: turn.turnId, t: turn.time};
			}
		}
	}

	yield* calls;
}
