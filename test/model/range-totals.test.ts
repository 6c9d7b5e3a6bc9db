/**
Every node is a range of one sorted row order (model/assemble.ts, nodes.ts), made when its
parent is opened, with totals summed over its range. Ids must be dense depth-first pre-order,
and every node's totals must equal what its call leaves add up to, recomputed here without the
model's code: tokens exactly, cost to 1e-9, distinct sessions and turns by key, first and last
time, models, agents, cost source, and activity shares that add up to the node's tokens.

Data: the bundled demo data (six agents, a few weeks) in two time zones, and random stores
with sessions crossing midnight and week ends, sub-agent sessions, calls before any prompt
and calls naming no turn; each in every view (time, project, model, agent, device).
*/
import fc from 'fast-check';
import {type TokenCounts, tokenKinds, zeroTokens} from '../../source/core/tokens.js';
import {describe, expect, it} from 'vitest';
import {buildTree} from '../../source/model/build.js';
import {nodesOfKind, walk} from '../../source/model/query.js';
import {UsageStore} from '../../source/model/store.js';
import type {TreeModel, TreeNode} from '../../source/model/types.js';
import {viewNames} from '../../source/model/views.js';
import {createPricer} from '../../source/pricing/index.js';
import {loadDemo} from '../support/demo-store.js';
import {call, session, tokens, tool, turn} from '../support/events.js';

const pricer = createPricer();
type Expected = {
	tokens: TokenCounts;
	calls: number;
	sessions: Set<string>;
	turns: Set<string>;
	pricedCostUSD: number;
	unpricedTokens: number;
	firstTime: number;
	lastTime: number;
	models: Set<string>;
	agents: Set<string>;
	reported: number;
};

/**
What a node's totals must be, recomputed here from its call leaves alone (by their session
and turn nodes' keys), without the model's TotalsBuilder: fills `all` with every node's.
*/
function reference(
	node: TreeNode,
	all: Map<TreeNode, Expected>,
	context: {session?: string; turn?: string} = {},
): Expected {
	const expected: Expected = {
		tokens: zeroTokens(),
		calls: 0,
		sessions: new Set(),
		turns: new Set(),
		pricedCostUSD: 0,
		unpricedTokens: 0,
		firstTime: Number.POSITIVE_INFINITY,
		lastTime: Number.NEGATIVE_INFINITY,
		models: new Set(),
		agents: new Set(),
		reported: 0,
	};
	const session = node.kind === 'session' ? node.key : context.session;
	const turn = node.kind === 'turn' ? `${session}#${node.key}` : context.turn;
	if (node.call) {
		const {call} = node;
		for (const kind of tokenKinds) {
			expected.tokens[kind] = call.tokens[kind];
		}

		const total =
			call.tokens.input +
			call.tokens.cacheRead +
			call.tokens.cacheWrite5m +
			call.tokens.cacheWrite1h +
			call.tokens.output;
		Object.assign(expected, {
			calls: 1,
			sessions: new Set([session]),
			turns: new Set([turn]),
			pricedCostUSD: call.costUSD ?? 0,
			unpricedTokens: call.costUSD === null ? total : 0,
			firstTime: call.time,
			lastTime: call.time,
			models: new Set([call.model]),
			agents: new Set([call.agent]),
			reported: call.costSource === 'reported' ? 1 : 0,
		});
	}

	for (const child of node.children) {
		const part = reference(child, all, {session, turn});
		for (const kind of tokenKinds) {
			expected.tokens[kind] += part.tokens[kind];
		}

		expected.calls += part.calls;
		expected.pricedCostUSD += part.pricedCostUSD;
		expected.unpricedTokens += part.unpricedTokens;
		expected.firstTime = Math.min(expected.firstTime, part.firstTime);
		expected.lastTime = Math.max(expected.lastTime, part.lastTime);
		expected.reported += part.reported;
		for (const [into, from] of [
			[expected.sessions, part.sessions],
			[expected.turns, part.turns],
			[expected.models, part.models],
			[expected.agents, part.agents],
		] as const) {
			for (const item of from) {
				into.add(item);
			}
		}
	}

	all.set(node, expected);
	return expected;
}

/** Ids are dense and depth-first pre-order (root 0), and `size` counts every node. */
function expectPreorderIds(model: TreeModel): void {
	let next = 0;
	walk(model.root, node => {
		expect(node.id).toBe(next++);
	});
	expect(model.size).toBe(next);
}

function expectTotalsMatchReference(model: TreeModel): number {
	expectPreorderIds(model);
	const all = new Map<TreeNode, Expected>();
	reference(model.root, all);
	for (const [node, expected] of all) {
		const {totals} = node;
		const label = `${node.kind} ${node.key}`;
		expect(totals.tokens, label).toEqual(expected.tokens);
		expect(totals.calls, label).toBe(expected.calls);
		expect(totals.sessions, label).toBe(expected.sessions.size);
		expect(totals.turns, label).toBe(expected.turns.size);
		expect(totals.pricedCostUSD, label).toBeCloseTo(expected.pricedCostUSD, 9);
		expect(totals.unpricedTokens, label).toBe(expected.unpricedTokens);
		expect(totals.costUSD === null, label).toBe(expected.unpricedTokens > 0);
		expect(totals.costSource, label).toBe(
			expected.reported === 0 ? 'estimated' : expected.reported === expected.calls ? 'reported' : 'mixed',
		);
		expect([totals.firstTime, totals.lastTime], label).toEqual([expected.firstTime, expected.lastTime]);
		expect(new Set(totals.models), label).toEqual(expected.models);
		expect(new Set(totals.agents), label).toEqual(expected.agents);
		const activityTokens = Object.values(totals.activity).reduce((sum, share) => sum + share.tokens, 0);
		expect(activityTokens, label).toBeCloseTo(totals.total, 3);
	}

	return all.size;
}

describe('range totals', () => {
	it('equal what their calls add up to on the demo data, in UTC and in Pacific/Auckland', async () => {
		const store = await loadDemo();
		for (const timezone of ['UTC', 'Pacific/Auckland']) {
			for (const view of viewNames) {
				const model = buildTree(store, {timezone, pricer, view});
				expect(model.root.totals.calls).toBeGreaterThan(100);
				expect(expectTotalsMatchReference(model)).toBeGreaterThan(50);
			}
		}
	});

	it('equal what their calls add up to on random stores (midnight, sub-agents, no-prompt calls)', () => {
		const start = Date.UTC(2026, 1, 13, 20);
		const event = fc.record({
			session: fc.constantFrom('a', 'b', 'sub'),
			minute: fc.integer({min: 0, max: 4 * 24 * 60}),
			turn: fc.constantFrom('t1', 't2', 't3', undefined),
			model: fc.constantFrom('claude-sonnet-4-5', 'claude-opus-4-6', 'mystery-model'),
			input: fc.integer({min: 0, max: 50_000}),
			reported: fc.option(fc.double({min: 0.001, max: 2, noNaN: true}), {nil: undefined}),
			tools: fc.array(
				fc.constantFrom(tool('Read', 'reading', '/a.ts'), tool('Bash', 'executing'), tool('Edit', 'writing', '/b.ts')),
				{maxLength: 3},
			),
		});
		fc.assert(
			fc.property(
				fc.array(event, {minLength: 1, maxLength: 60}),
				fc.constantFrom('UTC', 'Europe/Berlin'),
				fc.constantFrom(...viewNames),
				(events, timezone, view) => {
					const store = new UsageStore().addAll([
						session('claude', 'a'),
						session('claude', 'b'),
						session('claude', 'sub', {parentSessionId: 'a'}),
					]);
					for (const id of ['a', 'b', 'sub']) {
						store.add(turn('claude', id, 't1', new Date(start + 60 * 60_000).toISOString(), 'continue'));
						store.add(turn('claude', id, 't2', new Date(start + 30 * 60 * 60_000).toISOString(), 'fix the parser'));
					}

					for (const item of events) {
						const iso = new Date(start + item.minute * 60_000).toISOString();
						store.add(
							call('claude', item.session, iso, {
								turnId: item.turn,
								model: item.model,
								tokens: tokens({input: item.input, cacheRead: 3 * item.input, output: 77}),
								reportedCostUSD: item.reported,
								tools: item.tools,
							}),
						);
					}

					expectTotalsMatchReference(buildTree(store, {timezone, pricer, view}));
				},
			),
			{numRuns: 150},
		);
	});

	it('makes a node once, when its parent is opened, and keeps it and its totals', () => {
		const store = new UsageStore().addAll([
			session('claude', 's'),
			turn('claude', 's', 't', '2026-02-12T10:00:00Z', 'hi'),
			call('claude', 's', '2026-02-12T10:00:05Z', {turnId: 't'}),
		]);
		const model = buildTree(store, {timezone: 'UTC', pricer});
		const day = model.root.children[0]!.children[0]!;
		expect(day.children).toBe(day.children);
		const [turnNode] = nodesOfKind(model.root, 'turn');
		expect(turnNode!.totals).toBe(turnNode!.totals);
		expect(nodesOfKind(model.root, 'turn')[0]).toBe(turnNode);
		expect(turnNode!.children[0]!.parent).toBe(turnNode);
	});
});
