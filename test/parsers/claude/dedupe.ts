/** Dedupe parsed calls with the real rule: the UsageStore the builder reads from. */
import type {CallEvent} from '../../../source/core/events.js';
import {UsageStore} from '../../../source/model/store.js';

/** The calls the store keeps (extra fields of the events survive: the store copies them). */
export function dedupe<T extends CallEvent>(calls: T[]): T[] {
	const store = new UsageStore().addAll(calls);
	return [...store.allCalls()] as unknown as T[];
}
