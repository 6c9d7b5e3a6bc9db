import {describe, expect, it} from 'vitest';
import {buildTree} from '../../source/model/build.js';
import {findByKeyPath, nodesOfKind} from '../../source/model/query.js';
import {UsageStore} from '../../source/model/store.js';
import {stampDevice} from '../../source/store/history/merge.js';
import {createPricer} from '../../source/pricing/index.js';
import {call, session, tokens, tool, turn} from '../support/events.js';

const pricer = createPricer();
const build = (store: UsageStore, timezone = 'UTC', filter = {}) => buildTree(store, {timezone, pricer, filter});

describe('dedupe (UsageStore)', () => {
	it('keeps the main-file copy over a sidechain copy, whatever the order and size', () => {
		const main = call('claude', 's1', '2026-02-12T10:00:00Z', {dedupKey: 'k', tokens: tokens({input: 5, output: 10})});
		const side = call('claude', 's1', '2026-02-12T10:00:00Z', {
			dedupKey: 'k',
			sidechain: true,
			tokens: tokens({input: 5, output: 99}),
		});
		for (const order of [
			[main, side],
			[side, main],
		]) {
			const store = new UsageStore().addAll(order);
			expect([...store.allCalls()].map(c => c.tokens.output)).toEqual([10]);
			expect(store.duplicateCount).toBe(1);
		}
	});

	it('between two main copies keeps the larger usage (streamed output grows)', () => {
		const store = new UsageStore().addAll([
			call('claude', 's1', '2026-02-12T10:00:00Z', {dedupKey: 'k', tokens: tokens({input: 5, output: 3})}),
			call('claude', 's1', '2026-02-12T10:00:01Z', {dedupKey: 'k', tokens: tokens({input: 5, output: 100})}),
			call('claude', 's1', '2026-02-12T10:00:02Z', {dedupKey: 'k', tokens: tokens({input: 5, output: 50})}),
		]);
		expect([...store.allCalls()].map(c => c.tokens.output)).toEqual([100]);
	});

	it('never dedupes calls without a key', () => {
		const store = new UsageStore().addAll([
			call('claude', 's1', '2026-02-12T10:00:00Z'),
			call('claude', 's1', '2026-02-12T10:00:00Z'),
		]);
		expect(store.callCount).toBe(2);
	});
});

describe('buildTree', () => {
	const midnightStore = () =>
		new UsageStore().addAll([
			session('claude', 'late', {project: 'night-owl'}),
			turn('claude', 'late', 't1', '2026-02-12T23:50:00Z', 'refactor the parser'),
			call('claude', 'late', '2026-02-12T23:55:00Z', {turnId: 't1'}),
			call('claude', 'late', '2026-02-13T00:05:00Z', {turnId: 't1'}),
			session('codex', 'day', {project: 'api'}),
			turn('codex', 'day', '1', '2026-02-13T09:00:00Z', 'add pagination'),
			call('codex', 'day', '2026-02-13T09:01:00Z', {turnId: '1'}),
		]);

	it('is built from fresh rows once the store changed, a device stamp included', () => {
		const store = midnightStore();
		expect(build(store).devicesPresent).toBeUndefined();
		stampDevice(store, 'laptop');
		const model = build(store, 'UTC', {devices: ['laptop']});
		expect(model.devicesPresent).toEqual(['laptop']);
		expect(model.root.totals.calls).toBe(3);
		store.add(call('codex', 'day', '2026-02-13T09:02:00Z', {turnId: '1'}));
		expect(build(store).root.totals.calls).toBe(4);
	});

	it('splits a session that crosses midnight into per-day fragments; day totals add up', () => {
		const model = build(midnightStore());
		const days = nodesOfKind(model.root, 'day');
		expect(days.map(day => day.key)).toEqual(['2026-02-12', '2026-02-13']);
		const [first, second] = days.map(day => day.children.find(s => s.key === 'claude:late')!);
		expect(first!.totals.calls).toBe(1);
		expect(second!.totals.calls).toBe(1);
		expect(first!.continues).toEqual({fromEarlierDay: false, toLaterDay: true});
		expect(second!.continues).toEqual({fromEarlierDay: true, toLaterDay: false});
		// The session counts once in the week and root, once per day.
		expect(model.root.totals.sessions).toBe(2);
		expect(days[1]!.totals.sessions).toBe(2);
		expect(days[0]!.totals.total + days[1]!.totals.total).toBe(model.root.totals.total);
		// Whole-session times, not the fragment's.
		expect(second!.session!.firstTime).toBe(Date.parse('2026-02-12T23:55:00Z'));
	});

	it('buckets in the chosen time zone', () => {
		const model = build(midnightStore(), 'Asia/Tokyo');
		expect(nodesOfKind(model.root, 'day').map(day => day.key)).toEqual(['2026-02-13']);
		expect(nodesOfKind(model.root, 'session')).toHaveLength(2);
	});

	it('nests Week → Day → Session → Turn → Call with ISO weeks', () => {
		const model = build(midnightStore());
		const callNode = findByKeyPath(model, ['2026-W07', '2026-02-13', 'codex:day', '1', '1']);
		expect(callNode.kind).toBe('call');
		expect(callNode.call!.model).toBe('gpt-5.3-codex');
		expect(callNode.parent!.turn!.prompt).toBe('add pagination');
		expect(callNode.session!.project).toBe('api');
	});

	it('applies agent, date and text filters and remembers agents present', () => {
		const store = midnightStore();
		expect(build(store, 'UTC', {agents: ['codex']}).root.totals.calls).toBe(1);
		expect(build(store, 'UTC', {since: '2026-02-13'}).root.totals.calls).toBe(2);
		expect(build(store, 'UTC', {until: '2026-02-12'}).root.totals.calls).toBe(1);
		expect(build(store, 'UTC', {text: 'PAGINATION'}).root.totals.calls).toBe(1);
		expect(build(store, 'UTC', {text: 'night-owl'}).root.totals.calls).toBe(2);
		const filtered = build(store, 'UTC', {agents: ['codex']});
		expect([...filtered.agentsPresent].sort()).toEqual(['claude', 'codex']);
	});

	it('attaches calls without a known turn to the latest earlier prompt, or to "(no prompt)"', () => {
		const model = build(
			new UsageStore().addAll([
				turn('claude', 's', 'a', '2026-02-12T10:00:00Z', 'first'),
				turn('claude', 's', 'b', '2026-02-12T11:00:00Z', 'second'),
				call('claude', 's', '2026-02-12T09:00:00Z'),
				call('claude', 's', '2026-02-12T10:30:00Z'),
				call('claude', 's', '2026-02-12T11:30:00Z', {turnId: 'missing'}),
			]),
		);
		const turns = nodesOfKind(model.root, 'turn');
		expect(turns.map(node => [node.label, node.totals.calls])).toEqual([
			['(no prompt)', 1],
			['first', 1],
			['second', 1],
		]);
	});

	it('folds a sub-session (parentSessionId) into its parent session', () => {
		const model = build(
			new UsageStore().addAll([
				session('codex', 'parent', {project: 'app'}),
				session('codex', 'review', {parentSessionId: 'parent'}),
				turn('codex', 'review', '1', '2026-02-12T10:00:00Z', 'review the diff'),
				call('codex', 'parent', '2026-02-12T09:00:00Z'),
				call('codex', 'review', '2026-02-12T10:01:00Z', {turnId: '1'}),
			]),
		);
		const sessions = nodesOfKind(model.root, 'session');
		expect(sessions.map(node => [node.key, node.totals.calls, node.totals.turns])).toEqual([['codex:parent', 2, 2]]);
	});

	it('splits a call over the activities of its tools; no tool is conversation', () => {
		const model = build(
			new UsageStore().addAll([
				call('claude', 's', '2026-02-12T10:00:00Z', {
					tools: [tool('Read', 'reading', 'a.ts'), tool('Read', 'reading', 'b.ts'), tool('Bash', 'git')],
					tokens: tokens({input: 300}),
				}),
				call('claude', 's', '2026-02-12T10:01:00Z', {tokens: tokens({output: 50})}),
			]),
		);
		const {activity} = model.root.totals;
		expect(activity.reading.tokens).toBeCloseTo(200);
		expect(activity.git.tokens).toBeCloseTo(100);
		expect(activity.conversation.tokens).toBe(50);
		expect(nodesOfKind(model.root, 'call')[0]!.call!.files).toEqual(['a.ts', 'b.ts']);
	});

	it('propagates unpriced models as null cost but keeps the priced part and names the model', () => {
		const model = build(
			new UsageStore().addAll([
				call('claude', 's', '2026-02-12T10:00:00Z'),
				call('claude', 's', '2026-02-12T10:01:00Z', {model: 'totally-unknown-model-9', tokens: tokens({input: 1234})}),
			]),
		);
		expect(model.root.totals.costUSD).toBeNull();
		expect(model.root.totals.pricedCostUSD).toBeGreaterThan(0);
		expect(model.root.totals.unpricedTokens).toBe(1234);
		expect([...model.unpricedModels]).toEqual([['totally-unknown-model-9', 1234]]);
	});

	it('uses a reported cost over the estimate and marks mixed sources', () => {
		const model = build(
			new UsageStore().addAll([
				call('opencode', 's', '2026-02-12T10:00:00Z', {reportedCostUSD: 0.5}),
				call('opencode', 's', '2026-02-12T10:01:00Z'),
			]),
		);
		const calls = nodesOfKind(model.root, 'call');
		expect(calls[0]!.call!.costUSD).toBe(0.5);
		expect(calls[0]!.call!.costSource).toBe('reported');
		expect(calls[1]!.call!.costSource).toBe('estimated');
		expect(model.root.totals.costSource).toBe('mixed');
	});
});
