/**
Store ⇄ usage history.

Merging rules (why history survives while counts stay exact):
- keyed calls (with a `dedupKey`) go through UsageStore.add, so the store's own preference
  rule decides between the live copy and the history copy, exactly as between two live copies;
- unkeyed calls are matched by fingerprint (records.ts) as a multiset: a history that holds a
  fingerprint n times adds only the copies beyond those already present. Live-vs-live copies
  are never touched, so a history never changes what the live transcripts alone would count;
- history turns carry no prompt; a live turn with the same id always wins (first record wins).
*/
import type {CallEvent} from '../../core/events.js';
import {totalOf} from '../../core/tokens.js';
import {prefers, sessionKeyOf, type UsageStore} from '../../model/store.js';
import type {CallFilter} from '../pack/codec.js';
import {ownership} from './events.js';
import type {HistoryFile} from './file.js';
import {fingerprintOf} from './records.js';
import {historyVersion} from './file.js';

/** Gives every session that has calls a device (live data of this machine, WSL's Windows side). */
export function stampDevice(store: UsageStore, device: string): void {
	const {calls} = store;
	for (let row = 0; row < calls.length; row++) {
		const agent = calls.agent[row]!;
		const sessionId = calls.sessionId[row]!;
		// Calls arrive session by session: skip the key lookup while the session is the same.
		if (row > 0 && calls.sessionId[row - 1] === sessionId && calls.agent[row - 1] === agent) {
			continue;
		}

		const key = sessionKeyOf(agent, sessionId);
		if (!store.sessions.has(key)) {
			store.add({type: 'session', agent, sessionId});
		}
	}

	// Through the store (a session event only fills gaps), so the store counts the change.
	for (const session of [...store.sessions.values()]) {
		if (session.device === undefined) {
			store.add({type: 'session', agent: session.agent, sessionId: session.sessionId, device});
		}
	}
}

function unkeyedCounts(store: UsageStore): Map<string, number> {
	const counts = new Map<string, number>();
	const {calls} = store;
	for (let row = 0; row < calls.length; row++) {
		if (calls.dedupKey[row] === undefined) {
			const fingerprint = fingerprintOf(calls.eventAt(row));
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
			if (!remembersStoredCall(store, call.dedupKey, call.sidechain === true, totalOf(call.tokens))) {
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

/** Whether a keyed call's copy in the store is present and at least as good (nothing to add). */
function remembersStoredCall(store: UsageStore, dedupKey: string | undefined, sidechain: boolean, total: number) {
	const row = dedupKey === undefined ? undefined : store.rowWithKey(dedupKey);
	return row !== undefined && !prefers(sidechain, total, store.calls.isSidechain(row), store.calls.total(row));
}

/**
The history reader's filter (file.ts): leaves out the calls the store already holds as well,
so a start makes no object for the 10^5 history calls that are still live.
*/
export function liveCallFilter(store: UsageStore): CallFilter {
	return (dedupKey, sidechain, total) => !remembersStoredCall(store, dedupKey, sidechain, total);
}

export type MergeStats = {readonly files: number; readonly records: number; readonly restoredCalls: number};

/** Merges history files into a store that already holds (and device-stamped) the live data. */
export function mergeLedgers(
	store: UsageStore,
	files: ReadonlyArray<Pick<HistoryFile, 'host' | 'events'>>,
): MergeStats {
	const before = store.callCount;
	const present = unkeyedCounts(store);
	let records = 0;
	for (const file of files) {
		records += file.events.length;
		const calls: CallEvent[] = [];
		for (const event of file.events) {
			if (event.type === 'call') {
				if (!remembersStoredCall(store, event.dedupKey, event.sidechain === true, totalOf(event.tokens))) {
					calls.push(event);
				}
			} else if (event.type === 'session') {
				store.add({...event, device: event.device ?? file.host});
			} else {
				store.add(event);
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

/**
A cheap summary of what historyEventsOf (events.ts) would write (counts and sums, no serialisation). Equal
summaries mean the ledger has nothing new worth a rewrite; a change that keeps every count
and sum (a renamed project) waits for the next real change, which loses nothing.
*/
export function summaryOf(store: UsageStore, ownDevices: ReadonlySet<string>, cutoff = 0): string {
	// A run asks before reading the history and again before writing it: once per store state.
	const question = `${cutoff}:${[...ownDevices].sort().join('\n')}`;
	const known = summaries.get(store);
	if (known?.version === store.version && known.question === question) {
		return known.summary;
	}

	const summary = computeSummary(store, ownDevices, cutoff);
	summaries.set(store, {version: store.version, question, summary});
	return summary;
}

const summaries = new WeakMap<UsageStore, {version: number; question: string; summary: string}>();

function computeSummary(store: UsageStore, ownDevices: ReadonlySet<string>, cutoff: number): string {
	const own = ownership(store, ownDevices);
	let calls = 0;
	let tokens = 0;
	let times = 0;
	const columns = store.calls;
	let ownSession = false;
	for (let row = 0; row < columns.length; row++) {
		const time = columns.time[row]!;
		// Calls arrive session by session: ask about the session only when it changes.
		if (
			row === 0 ||
			columns.sessionId[row] !== columns.sessionId[row - 1] ||
			columns.agent[row] !== columns.agent[row - 1]
		) {
			ownSession = own(columns.agent[row]!, columns.sessionId[row]!);
		}

		if (time >= cutoff && ownSession) {
			calls++;
			tokens +=
				columns.input[row]! +
				columns.cacheRead[row]! +
				columns.cacheWrite5m[row]! +
				columns.cacheWrite1h[row]! +
				columns.output[row]! * 3 +
				columns.reasoning[row]! * 7;
			times += time % 1_000_003;
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

	return `${historyVersion}:${calls}:${tokens}:${times}:${sessions}:${turns}:${reported}`;
}
