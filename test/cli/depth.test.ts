/**
`--depth` through the built binary on the bundled demo data (six agents): `--json` and a
non-TTY stdout default to session depth (no turn or call nodes, sessions without `children`)
while every session keeps the totals of all its calls, as a `--depth call` run shows; each
level is exactly the whole tree cut there. (The bad-value ✖ line is in reliability.test.ts.)
*/
import {describe, expect, it} from 'vitest';
import {runCli, runJson} from '../support/cli.js';

type TokensJson = Record<string, number>;
type NodeJson = {
	kind: string;
	key: string;
	totals: {
		tokens: TokensJson;
		costUSD: number | null;
		calls: number;
		turns: number;
		firstTime: string | null;
		lastTime: string | null;
	};
	children?: NodeJson[];
};
type DocumentJson = {depth: string; totals: unknown; days: unknown; sessions: unknown; tree: NodeJson};

const levels = ['root', 'week', 'day', 'session', 'turn', 'call'];

/** Nodes of one kind, keyed by their key path (week/day/session/…), in document order. */
function nodesByPath(
	node: NodeJson,
	kind: string,
	prefix = '',
	found = new Map<string, NodeJson>(),
): Map<string, NodeJson> {
	const here = `${prefix}/${node.key}`;
	if (node.kind === kind) {
		found.set(here, node);
	}

	for (const child of node.children ?? []) {
		nodesByPath(child, kind, here, found);
	}

	return found;
}

/** A whole tree cut below `depth`, `children` dropped at the cut (the documented shape). */
function cut(node: NodeJson, depth: string): NodeJson {
	if (node.kind === depth && depth !== 'call') {
		const {children: _children, ...rest} = node;
		return rest;
	}

	return {...node, children: (node.children ?? []).map(child => cut(child, depth))};
}

const demo = ['--demo', '--no-cache'];

describe('--depth', () => {
	it('defaults to session (also without --json on a pipe); each session keeps the totals of its calls', async () => {
		const byDefault = (await runJson(demo)) as DocumentJson;
		const piped = await runCli([...demo, '--timezone', 'UTC']);
		expect(piped.code).toBe(0);
		const whole = (await runJson([...demo, '--depth', 'call'])) as DocumentJson;
		expect(byDefault.depth).toBe('session');
		expect((JSON.parse(piped.stdout) as DocumentJson).depth).toBe('session');
		expect(whole.depth).toBe('call');
		expect(nodesByPath(byDefault.tree, 'turn').size + nodesByPath(byDefault.tree, 'call').size).toBe(0);

		const sessions = nodesByPath(byDefault.tree, 'session');
		const wholeSessions = nodesByPath(whole.tree, 'session');
		expect(sessions.size).toBeGreaterThan(20);
		expect([...sessions.keys()]).toEqual([...wholeSessions.keys()]);
		for (const [where, session] of sessions) {
			expect(session, where).not.toHaveProperty('children');
			const calls = [...nodesByPath(wholeSessions.get(where)!, 'call').values()];
			expect(calls.length, where).toBeGreaterThan(0);
			expect(session.totals.calls, where).toBe(calls.length);
			for (const field of Object.keys(session.totals.tokens)) {
				expect(session.totals.tokens[field], `${where} ${field}`).toBe(
					calls.reduce((sum, call) => sum + call.totals.tokens[field]!, 0),
				);
			}

			const costs = calls.map(call => call.totals.costUSD);
			expect(session.totals.costUSD, where).toBeCloseTo(
				costs.reduce<number>((sum, cost) => sum + (cost ?? 0), 0),
				6,
			);
			const times = calls.map(call => call.totals.firstTime!).sort();
			expect([session.totals.firstTime, session.totals.lastTime], where).toEqual([times[0], times.at(-1)]);
		}

		// Everything outside the tree is the same document.
		expect(byDefault.totals).toEqual(whole.totals);
		expect(byDefault.days).toEqual(whole.days);
		expect(byDefault.sessions).toEqual(whole.sessions);
	});

	it('week, day, session, turn and call: the whole tree cut at that level, same totals', async () => {
		const whole = (await runJson([...demo, '--depth', 'call'])) as DocumentJson;
		for (const depth of ['week', 'day', 'session', 'turn']) {
			// `--depth=LEVEL` and any letter case are accepted too.
			const document = (await runJson([
				...demo,
				depth === 'turn' ? '--depth=Turn' : '--depth',
				...(depth === 'turn' ? [] : [depth]),
			])) as DocumentJson;
			expect(document.depth).toBe(depth);
			expect(document.tree, depth).toEqual(cut(whole.tree, depth));
			const kinds = new Set(levels.flatMap(kind => (nodesByPath(document.tree, kind).size > 0 ? [kind] : [])));
			expect([...kinds], depth).toEqual(levels.slice(0, levels.indexOf(depth) + 1));
			expect(document.totals, depth).toEqual(whole.totals);
		}

		// The whole tree: every call leaf keeps its empty children, as before --depth existed.
		const calls = [...nodesByPath(whole.tree, 'call').values()];
		expect(calls.length).toBeGreaterThan(1000);
		expect(calls.every(call => Array.isArray(call.children) && call.children.length === 0)).toBe(true);
	});
});
