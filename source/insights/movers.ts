/**
What moved most between a week (or a day) and the period before it (issue 17, item 4): the
sessions, projects and models whose tokens grew or shrank the most, with their change of cost.
Read from both nodes' calls as rows (one pass each over the columns, no object per call).
*/
import {timeOrderOf} from '../model/nodes.js';
import {previousPeriodOf} from '../model/query.js';
import type {TreeNode} from '../model/types.js';

export type Mover = {
	readonly key: string;
	/** Project; a session is `project · first 8 characters of its id`. */
	readonly label: string;
	/** This period minus the previous one. */
	readonly tokens: number;
	readonly costUSD: number;
};

export type MoverKind = 'projects' | 'sessions' | 'models';

export type MovedMost = {
	/** The period compared with (the week or day before). */
	readonly previous: TreeNode;
	/** Per kind, the largest rises then the largest falls of tokens, each at most `count` long. */
	readonly movers: Readonly<Record<MoverKind, {readonly up: readonly Mover[]; readonly down: readonly Mover[]}>>;
};

type Sums = Map<string, {label: string; tokens: number; costUSD: number}>;

const moverKinds: readonly MoverKind[] = ['projects', 'sessions', 'models'];

/** Adds `sign` × each call of `node` to the sums of its project, session and model. */
function addCalls(node: TreeNode, sign: 1 | -1, sums: Record<MoverKind, Sums>): void {
	const {rows, rowAt} = timeOrderOf(node);
	for (const row of rowAt) {
		const group = rows.groups[rows.group[row]!]!;
		const model = rows.models[rows.model[row]!]!;
		const cost = rows.cost[row]!;
		const tokens = sign * rows.total[row]!;
		const costUSD = sign * (Number.isNaN(cost) ? 0 : cost);
		add(sums.projects, group.project, group.project, tokens, costUSD);
		add(sums.sessions, group.key, `${group.project} · ${group.stored.sessionId.slice(0, 8)}`, tokens, costUSD);
		add(sums.models, model, model, tokens, costUSD);
	}
}

function add(sums: Sums, key: string, label: string, tokens: number, costUSD: number): void {
	const sum = sums.get(key);
	if (sum) {
		sum.tokens += tokens;
		sum.costUSD += costUSD;
	} else {
		sums.set(key, {label, tokens, costUSD});
	}
}

/** Ties go by key, so the order does not depend on which calls came first. */
const byKey = (a: Mover, b: Mover) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/**
What moved most in a week or a day against the period before it; undefined for other nodes
and when the period before had no usage (everything would be "new").
*/
export function movedMost(node: TreeNode, count = 3): MovedMost | undefined {
	const previous = previousPeriodOf(node);
	if (!previous) {
		return undefined;
	}

	const sums = {projects: new Map(), sessions: new Map(), models: new Map()} satisfies Record<MoverKind, Sums>;
	addCalls(node, 1, sums);
	addCalls(previous, -1, sums);
	const movers = {} as Record<MoverKind, {up: Mover[]; down: Mover[]}>;
	for (const kind of moverKinds) {
		const all = [...sums[kind]].map(([key, sum]): Mover => ({key, ...sum}));
		movers[kind] = {
			up: all
				.filter(mover => mover.tokens > 0)
				.sort((a, b) => b.tokens - a.tokens || byKey(a, b))
				.slice(0, count),
			down: all
				.filter(mover => mover.tokens < 0)
				.sort((a, b) => a.tokens - b.tokens || byKey(a, b))
				.slice(0, count),
		};
	}

	return {previous, movers};
}
