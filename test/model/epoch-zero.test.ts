/**
Issue 16 defect 15: epoch 0 (1970-01-01T00:00:00Z) is a time like any other. The first/last
time of every total treated 0 as "no time yet", so a call at epoch 0 was never the first one
and a node of calls at 0 alone had no last time.
*/
import {describe, expect, it} from 'vitest';
import {buildTree} from '../../source/model/build.js';
import {nodesOfKind} from '../../source/model/query.js';
import {UsageStore} from '../../source/model/store.js';
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

	it('holds in either arrival order, and for one call alone', () => {
		for (const times of [
			[epoch, later],
			[later, epoch],
		]) {
			const store = new UsageStore().addAll([session('claude', 's'), ...times.map(time => call('claude', 's', time))]);
			const model = buildTree(store, {timezone: 'UTC', pricer: createPricer()});
			expect([model.root.totals.firstTime, model.root.totals.lastTime]).toEqual([0, Date.parse(later)]);
			const [atEpoch] = nodesOfKind(model.root, 'call');
			expect([atEpoch?.totals.firstTime, atEpoch?.totals.lastTime]).toEqual([0, 0]);
		}
	});
});
