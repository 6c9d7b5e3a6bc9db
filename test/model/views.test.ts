/**
Other roots for the same tree (model/views.ts): every view holds the same calls under its root,
each call once, grouped by project, model, agent or device first. Checked on the demo data, on
a generated Claude corpus (sub-agents, sessions crossing midnight) and on small hand-made
stores for what each view promises (whole sessions by project, sessions split by model, the
device of unstamped sessions, filters, the previous day under a model).
*/
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {buildTree, regroup} from '../../source/model/build.js';
import {unknownDeviceLabel} from '../../source/model/labels.js';
import {findByKeyPath, keyPathOf, nodesOfKind, previousPeriodOf, walk} from '../../source/model/query.js';
import {UsageStore} from '../../source/model/store.js';
import type {TreeFilter, TreeModel, TreeNode} from '../../source/model/types.js';
import {type ViewName, viewNames, viewLevels} from '../../source/model/views.js';
import {claudeParser} from '../../source/parsers/claude/index.js';
import {createPricer} from '../../source/pricing/index.js';
import {stampDevice} from '../../source/store/history/merge.js';
import {generateClaudeCorpus} from '../generate/claude.js';
import {loadDemo} from '../support/demo-store.js';
import {call, session, tokens, turn} from '../support/events.js';

const pricer = createPricer();
const build = (store: UsageStore, view: ViewName, filter: TreeFilter = {}) =>
	buildTree(store, {timezone: 'UTC', pricer, filter, view});

/** Every call leaf as `session key|turn key|time|model|total`: the identity of one call, whatever the view. */
function callsOf(model: TreeModel): string[] {
	const calls: string[] = [];
	walk(model.root, node => {
		if (node.kind === 'call') {
			const turnNode = node.parent!;
			const sessionNode = turnNode.parent!;
			calls.push(`${sessionNode.key}|${turnNode.key}|${node.call!.time}|${node.call!.model}|${node.totals.total}`);
		}
	});
	return calls.sort();
}

/** The kinds from the root down to the calls, as the view promises them. */
function kindsDown(model: TreeModel): Set<string> {
	const paths = new Set<string>();
	walk(model.root, node => {
		if (node.kind === 'call') {
			paths.add(
				keyPathOf(node)
					.map((_, index, keys) => findByKeyPath(model, keys.slice(0, index + 1)).kind)
					.join('>'),
			);
		}
	});
	return paths;
}

function expectSameCallsInEveryView(store: UsageStore): void {
	const time = build(store, 'time');
	const timeCalls = callsOf(time);
	expect(timeCalls.length).toBe(time.root.totals.calls);
	for (const view of viewNames) {
		const model = build(store, view);
		expect(model.view).toBe(view);
		// The root's totals are the same calls' totals.
		const {totals} = model.root;
		expect(totals.tokens).toEqual(time.root.totals.tokens);
		expect(totals.pricedCostUSD).toBeCloseTo(time.root.totals.pricedCostUSD, 9);
		expect([totals.models, totals.agents]).toEqual([time.root.totals.models, time.root.totals.agents]);
		// Costs are float sums in another order: equal to 1e-9, tokens and calls exactly.
		for (const [agent, breakdown] of time.root.totals.byAgent) {
			const same = totals.byAgent.get(agent)!;
			expect([same.tokens, same.calls]).toEqual([breakdown.tokens, breakdown.calls]);
			expect(same.costUSD).toBeCloseTo(breakdown.costUSD!, 9);
		}

		expect([...totals.byAgent.keys()]).toEqual([...time.root.totals.byAgent.keys()]);
		expect([totals.calls, totals.sessions, totals.turns]).toEqual([
			time.root.totals.calls,
			time.root.totals.sessions,
			time.root.totals.turns,
		]);
		// The root's children partition the calls: their calls add up, and every call is there once.
		const childCalls = model.root.children.reduce((sum, child) => sum + child.totals.calls, 0);
		expect(childCalls).toBe(totals.calls);
		expect(callsOf(model)).toEqual(timeCalls);
		expect(kindsDown(model)).toEqual(new Set([[...viewLevels[view], 'call'].join('>')]));
		// A view made from another one's selection is the same tree.
		expect(callsOf(regroup(time, view))).toEqual(timeCalls);
		expect(regroup(time, view).size).toBe(model.size);
	}
}

describe('views of the demo data', () => {
	let demo: UsageStore;
	beforeAll(async () => {
		demo = await loadDemo();
	});

	it('hold the same calls under every root, each once', () => {
		expectSameCallsInEveryView(demo);
	});

	it('group by project, model and agent under stable, readable keys', () => {
		const project = build(demo, 'project');
		const sessions = nodesOfKind(build(demo, 'time').root, 'session');
		expect(new Set(project.root.children.map(node => node.key))).toEqual(
			new Set(sessions.map(node => node.session!.project)),
		);
		for (const node of project.root.children) {
			expect(node.kind).toBe('project');
			expect(node.label).toBe(node.key);
			expect(node.children.every(child => child.session!.project === node.key)).toBe(true);
		}

		const model = build(demo, 'model');
		for (const node of model.root.children) {
			expect(node.kind).toBe('model');
			expect(node.totals.models).toEqual([node.key]);
		}

		const agent = build(demo, 'agent');
		expect(agent.root.children.map(node => node.key).sort()).toEqual([...agent.root.totals.agents].sort());
		expect(agent.root.children.find(node => node.key === 'claude')?.label).toBe('Claude Code');
		// The same key path finds the same node in a tree built again.
		const deep = nodesOfKind(project.root, 'turn')[3]!;
		const again = findByKeyPath(build(demo, 'project'), keyPathOf(deep));
		expect(keyPathOf(again)).toEqual(keyPathOf(deep));
		expect(again.totals.total).toBe(deep.totals.total);
	});

	it('filter the same calls in every view', () => {
		const days = nodesOfKind(build(demo, 'time').root, 'day').map(day => day.key);
		const filters: TreeFilter[] = [{agents: ['codex']}, {since: days[2], until: days[4]}, {text: 'test'}];
		for (const filter of filters) {
			const time = build(demo, 'time', filter);
			expect(time.root.totals.calls).toBeGreaterThan(0);
			for (const view of viewNames) {
				const model = build(demo, view, filter);
				expect(callsOf(model)).toEqual(callsOf(time));
			}
		}
	});
});

describe('views of a generated Claude corpus', () => {
	it('hold the same calls under every root, each once', async () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'agent-ncdu-views-'));
		await generateClaudeCorpus(dir, {seed: 17, sessions: 40, startDay: '2026-03-01', days: 12});
		const store = new UsageStore();
		const context = {env: {}, home: '/nonexistent', report: () => undefined};
		for (const file of await claudeParser.discover(dir, context)) {
			for await (const event of claudeParser.parse(file, context)) {
				store.add(event);
			}
		}

		expect(store.callCount).toBeGreaterThan(200);
		expectSameCallsInEveryView(store);
	});
});

describe('what each view promises', () => {
	const store = () =>
		new UsageStore().addAll([
			session('claude', 'late', {project: 'night-owl'}),
			turn('claude', 'late', 't1', '2026-02-12T23:50:00Z', 'refactor the parser'),
			call('claude', 'late', '2026-02-12T23:55:00Z', {turnId: 't1'}),
			call('claude', 'late', '2026-02-13T00:05:00Z', {turnId: 't1', model: 'claude-opus-4-6'}),
			call('claude', 'late', '2026-02-13T00:07:00Z', {turnId: 't1'}),
			session('codex', 'day', {project: 'api'}),
			turn('codex', 'day', '1', '2026-02-13T09:00:00Z', 'add pagination'),
			call('codex', 'day', '2026-02-13T09:01:00Z', {turnId: '1', tokens: tokens({input: 10, output: 5})}),
		]);

	it('project: whole sessions, a session that crossed midnight is one node', () => {
		const model = build(store(), 'project');
		expect(model.root.label).toBe('All usage (by project)');
		const owl = findByKeyPath(model, ['night-owl', 'claude:late']);
		expect(owl.kind).toBe('session');
		expect(owl.totals.calls).toBe(3);
		expect(owl.continues).toBeUndefined();
		// Its turn is whole too: one node over both days.
		expect(owl.children.map(node => node.totals.calls)).toEqual([3]);
		// In the time view the same session is two day fragments.
		expect(nodesOfKind(build(store(), 'time').root, 'session').filter(node => node.key === 'claude:late')).toHaveLength(
			2,
		);
	});

	it('model: a session under a model holds only that model’s calls', () => {
		const model = build(store(), 'model');
		const sonnet = findByKeyPath(model, ['claude-sonnet-4-5', '2026-02-13', 'claude:late']);
		const opus = findByKeyPath(model, ['claude-opus-4-6', '2026-02-13', 'claude:late']);
		expect([sonnet.kind, opus.kind]).toEqual(['session', 'session']);
		expect([sonnet.totals.calls, opus.totals.calls]).toEqual([1, 1]);
		expect(opus.totals.models).toEqual(['claude-opus-4-6']);
		// Still a fragment of a session that crossed midnight, and the whole session's span.
		expect(sonnet.continues).toEqual({fromEarlierDay: true, toLaterDay: false});
		expect(sonnet.session!.firstTime).toBe(Date.parse('2026-02-12T23:55:00Z'));
		// The day before, under the same model.
		const day = findByKeyPath(model, ['claude-sonnet-4-5', '2026-02-13']);
		expect(previousPeriodOf(day)?.key).toBe('2026-02-12');
		expect(previousPeriodOf(day)?.parent).toBe(day.parent);
		expect(previousPeriodOf(findByKeyPath(model, ['claude-opus-4-6', '2026-02-13']))).toBeUndefined();
	});

	it('agent and device: weeks under each; sessions with no device under a labelled group', () => {
		const agent = build(store(), 'agent');
		expect(agent.root.children.map(node => [node.key, node.label]).sort()).toEqual([
			['claude', 'Claude Code'],
			['codex', 'Codex'],
		]);
		expect(findByKeyPath(agent, ['codex', '2026-W07', '2026-02-13', 'codex:day']).kind).toBe('session');

		const unstamped = build(store(), 'device');
		expect(unstamped.root.children.map(node => node.label)).toEqual([unknownDeviceLabel]);
		const stamped = store();
		stampDevice(stamped, 'laptop');
		stamped.addAll([
			session('codex', 'desk', {project: 'api', device: 'desktop'}),
			call('codex', 'desk', '2026-02-14T10:00:00Z'),
		]);
		const device = build(stamped, 'device');
		expect(device.devicesPresent).toEqual(['desktop', 'laptop']);
		expect(device.root.children.map(node => [node.key, node.totals.calls] as [string, number]).sort()).toEqual([
			['desktop', 1],
			['laptop', 4],
		]);
		// The device filter keeps its device's group only.
		const filtered = build(stamped, 'device', {devices: ['laptop']});
		expect(filtered.root.children.map((node: TreeNode) => node.key)).toEqual(['laptop']);
	});
});
