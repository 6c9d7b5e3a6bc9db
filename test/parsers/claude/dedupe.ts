/** Dedupe parsed calls with the real rule: the UsageStore the builder reads from. */
import type {CallEvent} from '../../../source/core/events.js';
import {UsageStore} from '../../../source/model/store.js';

/**
The calls the store keeps, as the caller's own objects (with any extra fields they carry).
The store keeps only the event fields, so each copy is tagged through `callId` (which plays no
part in deduplication) and the winners are mapped back.
*/
export function dedupe<T extends CallEvent>(calls: T[]): T[] {
	const store = new UsageStore().addAll(calls.map((call, index) => ({...call, callId: String(index)})));
	return [...store.allCalls()].map(call => calls[Number(call.callId)]!);
}
