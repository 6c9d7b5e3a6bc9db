/**
Issue 16 defect 15: epoch 0 (1970-01-01T00:00:00Z) is a time like any other. The first/last
time of every total treated 0 as "no time yet", so a call at epoch 0 was never the first one
and a node of calls at 0 alone had no last time.
*/
import {describe, expect, it} from 'vitest';
import {buildTree} from '../../source/model/build.js';
import {nodesOfKind} from '../../source/model/query.js';
import {UsageStore} from '../../source/model/store.js';
import {callTotals, TotalsBuilder} from '../../source/model/totals.js';
import type {CallInfo} from '../../source/model/types.js';
import {createPricer} from '../../source/pricing/index.js';
import {call, session} from '../support/events.js';

const epoch = '1970-01-01T00:00:00.000Z';
const later = '2026-02-12T10:00:00.000Z';

describe('epoch 0 in first/last times', () => {
	it('is the first time of every node above a call at epoch 0, and the last of a node holding only that call', () => {
		const store = new UsageStore().addAll([
			session('claude', 'old'),
			call('claude', 'old', epoch),
			session('claude', 'new'),
			call('claude', 'new', later),
		]);
		const model = buildTree(store, {timezone: 'UTC', pricer: createPricer()});
		expect([model.root.totals.firstTime, model.root.totals.lastTime]).toEqual([0, Date.parse(later)]);
		const [oldDay] = nodesOfKind(model.root, 'day');
		expect(oldDay?.key).toBe('1970-01-01');
		expect([oldDay?.totals.firstTime, oldDay?.totals.lastTime]).toEqual([0, 0]);
	});

	it('survives merging in either order, and one call alone', () => {
		const atEpoch = callTotals({info: leafOf(epoch)});
		expect([atEpoch.firstTime, atEpoch.lastTime]).toEqual([0, 0]);
		for (const times of [
			[epoch, later],
			[later, epoch],
		]) {
			const merged = new TotalsBuilder();
			for (const time of times) {
				const part = new TotalsBuilder();
				part.addCallInfo(leafOf(time));
				merged.merge(part);
			}

			expect([merged.firstTime, merged.lastTime]).toEqual([0, Date.parse(later)]);
		}
	});
});

function leafOf(iso: string): CallInfo {
	const event = call('claude', 's', iso);
	return {
		agent: event.agent,
		time: event.time,
		model: 'claude-sonnet-4-5',
		tokens: event.tokens,
		costUSD: 0.01,
		costSource: 'estimated',
		longContext: false,
		tools: [],
		files: [],
	};
}
