/**
The model side of the ledger: the device dimension (SessionInfo.device, TreeFilter.devices,
TreeModel.devicesPresent) and session-level reported cost spread over a session's calls.
*/
import {describe, expect, it} from 'vitest';
import type {CallEvent} from '../../source/core/events.js';
import {zeroTokens} from '../../source/core/tokens.js';
import {buildTree} from '../../source/model/build.js';
import {nodesOfKind} from '../../source/model/query.js';
import {UsageStore} from '../../source/model/store.js';
import {createPricer} from '../../source/pricing/index.js';

const t0 = Date.UTC(2026, 1, 10, 12);
const pricer = createPricer();

function call(sessionId: string, time: number, input: number, output: number): CallEvent {
	return {
		type: 'call',
		agent: 'claude',
		sessionId,
		time,
		model: 'claude-sonnet-4-5-20250929',
		tokens: {...zeroTokens(), input, output},
		tools: [],
	};
}

function twoDeviceStore(): UsageStore {
	return new UsageStore().addAll([
		{type: 'session', agent: 'claude', sessionId: 'desk', project: 'api', device: 'desktop'},
		{type: 'session', agent: 'claude', sessionId: 'lap', project: 'web', device: 'laptop'},
		call('desk', t0, 1000, 100),
		call('desk', t0 + 60_000, 3000, 300),
		call('lap', t0 + 120_000, 2000, 200),
	]);
}

describe('device dimension', () => {
	it('labels sessions with their device, lists devices and filters by them', () => {
		const all = buildTree(twoDeviceStore(), {timezone: 'UTC', pricer});
		expect(all.devicesPresent).toEqual(['desktop', 'laptop']);
		expect(nodesOfKind(all.root, 'session').map(node => [node.session!.project, node.session!.device])).toEqual([
			['api', 'desktop'],
			['web', 'laptop'],
		]);
		const laptop = buildTree(twoDeviceStore(), {timezone: 'UTC', pricer, filter: {devices: ['laptop']}});
		expect(laptop.root.totals.calls).toBe(1);
		expect(laptop.root.totals.tokens.input).toBe(2000);
		expect(laptop.devicesPresent).toEqual(['desktop', 'laptop']);
	});
});

describe('session-level reported cost', () => {
	it('spreads the reported figure over the session calls in proportion to their estimate', () => {
		const store = twoDeviceStore();
		const estimated = buildTree(store, {timezone: 'UTC', pricer});
		const estimatedCalls = nodesOfKind(estimated.root, 'call').filter(node => node.session!.sessionId === 'desk');
		store.add({type: 'session', agent: 'claude', sessionId: 'desk', reportedCostUSD: 0.5});
		store.add({type: 'session', agent: 'claude', sessionId: 'desk', reportedCostUSD: 0.25});
		const reported = buildTree(store, {timezone: 'UTC', pricer});
		const desk = nodesOfKind(reported.root, 'session').find(node => node.session!.sessionId === 'desk')!;
		// The largest (latest cumulative) figure wins; the other session keeps its estimate.
		expect(desk.totals.costUSD).toBeCloseTo(0.5, 9);
		expect(desk.totals.costSource).toBe('reported');
		const calls = desk.children.flatMap(turn => turn.children);
		const ratio = calls[1]!.call!.costUSD! / calls[0]!.call!.costUSD!;
		expect(ratio).toBeCloseTo(estimatedCalls[1]!.call!.costUSD! / estimatedCalls[0]!.call!.costUSD!, 9);
		const lap = nodesOfKind(reported.root, 'session').find(node => node.session!.sessionId === 'lap')!;
		expect(lap.totals.costSource).toBe('estimated');
		expect(reported.root.totals.costUSD).toBeCloseTo(0.5 + lap.totals.costUSD!, 9);
	});
});
