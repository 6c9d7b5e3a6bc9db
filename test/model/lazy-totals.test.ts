/**
The builder sums session and turn fragments in scratch builders and makes their Totals only
when read (model/fragment-node.ts), counts distinct turns and sessions from the tree's shape,
and numbers nodes as it makes them. Ids must still be dense depth-first pre-order, and every
node's totals must still equal, field for field and bit for bit, what the straightforward
algorithm gives: a TotalsBuilder fed each call with its session and turn keys, merged
turn → session → day → week → root.

Data: the bundled demo data (six agents, a few weeks) in two time zones, and random stores
with sessions crossing midnight and week ends, sub-agent sessions, calls before any prompt
and calls naming no turn.
*/
import path from 'node:path';
import {DiagnosticLog} from '../../source/core/diagnostics.js';
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {buildTree, hasDerivedCallTotals} from '../../source/model/build.js';
import {FragmentNode} from '../../source/model/fragment-node.js';
import {nodesOfKind, walk} from '../../source/model/query.js';
import {UsageStore} from '../../source/model/store.js';
import {TotalsBuilder} from '../../source/model/totals.js';
import type {TreeModel, TreeNode} from '../../source/model/types.js';
import {parsers} from '../../source/parsers/registry.js';
import {createPricer} from '../../source/pricing/index.js';
import {call, session, tokens, tool, turn} from '../support/events.js';

const pricer = createPricer();
const demo = path.resolve(import.meta.dirname, '../../fixtures/demo');

/** The demo data through every registered parser (as `--demo` loads it, without the cache). */
async function loadDemo(): Promise<UsageStore> {
	const log = new DiagnosticLog();
	const report = (diagnostic: Parameters<DiagnosticLog['add']>[0]) => log.add(diagnostic);
	const store = new UsageStore();
	for (const parser of parsers) {
		for (const file of await parser.discover(path.join(demo, parser.id), {env: {}, home: '/nonexistent', report})) {
			for await (const event of parser.parse(file, {report})) {
				store.add(event);
			}
		}
	}

	return store;
}

/** The reference builder of a node, by the keyed algorithm; fills `all` with every node's. */
function reference(node: TreeNode, all: Map<TreeNode, TotalsBuilder>): TotalsBuilder {
	const builder = new TotalsBuilder();
	if (node.kind === 'turn') {
		const sessionKey = node.parent!.key;
		for (const leaf of node.children) {
			builder.addCall({info: leaf.call!, sessionKey, turnKey: `${sessionKey}#${node.key}`});
		}
	} else {
		for (const child of node.children) {
			builder.merge(reference(child, all));
		}
	}

	all.set(node, builder);
	return builder;
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
	const all = new Map<TreeNode, TotalsBuilder>();
	reference(model.root, all);
	for (const [node, builder] of all) {
		const frozen = builder.freeze();
		// The sort keys recorded at build time equal the lazily built totals, bit for bit.
		if (node.kind === 'session' || node.kind === 'turn') {
			const {total, costUSD, pricedCostUSD, calls, turns, sessions, firstTime} = frozen;
			expect(node.sortKeys, `sort keys of ${node.kind} ${node.key}`).toEqual({
				total,
				costUSD,
				pricedCostUSD,
				calls,
				turns,
				sessions,
				firstTime,
			});
		}

		expect(node.totals, `${node.kind} ${node.key}`).toEqual(frozen);
	}

	// Call leaves derive theirs from the call: equal to their (lazily built) totals too.
	for (const leaf of nodesOfKind(model.root, 'call')) {
		const {total, costUSD, pricedCostUSD, calls, turns, sessions, firstTime} = leaf.totals;
		expect(leaf.sortKeys, `sort keys of call ${leaf.key}`).toEqual({
			total,
			costUSD,
			pricedCostUSD,
			calls,
			turns,
			sessions,
			firstTime,
		});
	}

	return all.size;
}

describe('fragment totals', () => {
	it('equal the keyed reference on the demo data, in UTC and in Pacific/Auckland', async () => {
		const store = await loadDemo();
		for (const timezone of ['UTC', 'Pacific/Auckland']) {
			const model = buildTree(store, {timezone, pricer});
			expect(model.root.totals.calls).toBeGreaterThan(100);
			expect(expectTotalsMatchReference(model)).toBeGreaterThan(50);
		}
	});

	it('equal the keyed reference on random stores (midnight, sub-agents, no-prompt calls)', () => {
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
				(events, timezone) => {
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

					expectTotalsMatchReference(buildTree(store, {timezone, pricer}));
				},
			),
			{numRuns: 150},
		);
	});

	it('keeps lazy totals until assigned, for leaves and fragments alike', () => {
		const store = new UsageStore().addAll([
			session('claude', 's'),
			turn('claude', 's', 't', '2026-02-12T10:00:00Z', 'hi'),
			call('claude', 's', '2026-02-12T10:00:05Z', {turnId: 't'}),
		]);
		const model = buildTree(store, {timezone: 'UTC', pricer});
		const [leaf] = nodesOfKind(model.root, 'call');
		const [turnNode] = nodesOfKind(model.root, 'turn');
		expect(turnNode).toBeInstanceOf(FragmentNode);
		const read = turnNode!.totals;
		expect(turnNode!.totals).toBe(read);
		expect(hasDerivedCallTotals(leaf!)).toBe(true);
		expect(leaf!.totals.calls).toBe(1);
		expect(hasDerivedCallTotals(leaf!)).toBe(true);
		const replaced = {...read, calls: 99};
		(turnNode as {totals: unknown}).totals = replaced;
		expect(turnNode!.totals).toBe(replaced);
		(leaf as {totals: unknown}).totals = replaced;
		expect(hasDerivedCallTotals(leaf!)).toBe(false);
		expect(leaf!.totals.calls).toBe(99);
	});
});
