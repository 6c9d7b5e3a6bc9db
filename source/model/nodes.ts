/**
The tree's nodes: each one a range of the layout's row order (assemble.ts), made when its
parent is opened.

A node is made the first time its parent's `children` is read, and its totals are summed
from its range the first time they are read (totals.ts): opening a day of 10,000 sessions
makes 10,000 nodes and sums each one's calls once, and a `--json` at session depth never
makes a turn or a call. Every total comes from one summation (`RangeTotals` over ranges) and
one distinct count (`distinctCounts`), whatever the node's kind.
*/
import {agentIds} from '../core/agents.js';
import type {ToolUse} from '../core/events.js';
import {tokensAt} from './call-columns.js';
import type {DayFragment, SessionFragment, TreeLayout, TurnFragment, WeekFragment} from './assemble.js';
import {dayLabel, weekLabel} from './labels.js';
import type {CallRows} from './rows.js';
import {type Range, RangeTotals} from './totals.js';
import type {CallInfo, NodeKind, SessionInfo, Totals, TreeNode, TurnInfo} from './types.js';

const noChildren: readonly TreeNode[] = Object.freeze([]);
const noFiles: readonly string[] = Object.freeze([]);
const noPromptTurnId = '∅';

/** Distinct files the call's tools named, in order (most calls name none: one shared array). */
export function filesOf(tools: readonly ToolUse[]): readonly string[] {
	let files: string[] | undefined;
	for (const tool of tools) {
		if (tool.file && !files?.includes(tool.file)) {
			(files ??= []).push(tool.file);
		}
	}

	return files ?? noFiles;
}

type Fragment = WeekFragment | DayFragment | SessionFragment | TurnFragment;

/** The last turn fragment of a fragment (ids are depth-first: it holds the subtree's last ids). */
function lastTurnOf(fragment: Fragment): TurnFragment {
	if ('days' in fragment) {
		return lastTurnOf(fragment.days.at(-1)!);
	}

	if ('sessions' in fragment) {
		return lastTurnOf(fragment.sessions.at(-1)!);
	}

	return 'turns' in fragment ? fragment.turns.at(-1)! : fragment;
}

export class RangeNode implements TreeNode {
	declare session?: SessionInfo;
	declare turn?: TurnInfo;
	declare continues?: {readonly fromEarlierDay: boolean; readonly toLaterDay: boolean};
	readonly #view: TreeView;
	readonly #fragment: Fragment | undefined;
	#children: readonly TreeNode[] | undefined;
	#totals: Totals | undefined;

	constructor(
		view: TreeView,
		readonly id: number,
		readonly kind: NodeKind,
		readonly key: string,
		readonly label: string,
		/** Positions [start, end) of the layout's order: this node's calls. */
		readonly start: number,
		readonly end: number,
		readonly parent: TreeNode | undefined,
		fragment: Fragment | undefined,
	) {
		this.#view = view;
		this.#fragment = fragment;
	}

	get children(): readonly TreeNode[] {
		this.#children ??= this.#view.childrenOf(this, this.#fragment);
		return this.#children;
	}

	get totals(): Totals {
		// A call's are one row's, made again on each read rather than kept: a `--depth call`
		// export reads every call once, and keeping them held a Totals per API call.
		if (this.kind === 'call') {
			return this.#view.totalsOf([this]);
		}

		this.#totals ??= this.#view.totalsOf([this]);
		return this.#totals;
	}

	/** A call node's call, made on each read from its row (kept by no node, as its totals). */
	get call(): CallInfo | undefined {
		return this.kind === 'call' ? this.#view.callInfo(this.start) : undefined;
	}

	get view(): TreeView {
		return this.#view;
	}

	/** Nodes in this subtree, itself included (ids are depth-first: a subtree is an id range). */
	get nodeCount(): number {
		return this.#view.nodeCountOf(this, this.#fragment);
	}
}

/** The layout plus what nodes are made from: session infos, stamps for distinct counts. */
export class TreeView {
	readonly root: RangeNode;
	private readonly sessionInfos = new Map<number, SessionInfo>();
	private readonly groupStamp: Int32Array;
	private readonly turnStamp: Int32Array;
	private readonly noPromptStamp: Int32Array;
	private generation = 0;

	constructor(readonly layout: TreeLayout) {
		const {rows} = layout;
		this.groupStamp = new Int32Array(rows.groups.length);
		this.noPromptStamp = new Int32Array(rows.groups.length);
		this.turnStamp = new Int32Array(rows.turns.length);
		this.root = new RangeNode(this, 0, 'root', '', 'All usage', 0, layout.order.length, undefined, undefined);
	}

	/** The totals of the calls in these ranges of positions. */
	totalsOf(ranges: readonly Range[]): Totals {
		return new RangeTotals(this.layout.rows, this.layout.order, ranges, this.distinctCounts(ranges));
	}

	/** Distinct sessions (groups) and turns among the calls in these ranges of positions. */
	distinctCounts(ranges: readonly Range[]): {turns: number; sessions: number} {
		const {rows, order} = this.layout;
		const generation = ++this.generation;
		let sessions = 0;
		let turns = 0;
		for (const {start, end} of ranges)
			for (let position = start; position < end; position++) {
				const row = order[position]!;
				const group = rows.group[row]!;
				if (this.groupStamp[group] !== generation) {
					this.groupStamp[group] = generation;
					sessions++;
				}

				const turn = rows.turn[row]!;
				const stamps = turn >= 0 ? this.turnStamp : this.noPromptStamp;
				const slot = turn >= 0 ? turn : group;
				if (stamps[slot] !== generation) {
					stamps[slot] = generation;
					turns++;
				}
			}

		return {turns, sessions};
	}

	childrenOf(node: RangeNode, fragment: Fragment | undefined): readonly TreeNode[] {
		switch (node.kind) {
			case 'root': {
				return this.weekNodes(node);
			}

			case 'week': {
				return this.dayNodes(node, fragment as WeekFragment);
			}

			case 'day': {
				return (fragment as DayFragment).sessions.map(session => this.sessionNode(node, session));
			}

			case 'session': {
				return (fragment as SessionFragment).turns.map(turn => this.turnNode(node, turn));
			}

			case 'turn': {
				return this.callNodes(node, fragment as TurnFragment);
			}

			case 'call': {
				return noChildren;
			}
		}
	}

	/** The session info of a group in this tree (first and last selected call of the whole session). */
	sessionInfo(group: number): SessionInfo {
		let info = this.sessionInfos.get(group);
		if (!info) {
			const {firstTime, lastTime} = this.layout.groupSpans.get(group)!;
			const {stored, project} = this.layout.rows.groups[group]!;
			info = {
				agent: stored.agent,
				sessionId: stored.sessionId,
				project,
				cwd: stored.cwd,
				title: stored.title,
				surface: stored.surface,
				gitBranch: stored.gitBranch,
				device: stored.device,
				firstTime,
				lastTime,
			};
			this.sessionInfos.set(group, info);
		}

		return info;
	}

	/** What a turn fragment shows: its prompt, or the first call's time for calls before any prompt. */
	turnInfo(turn: number, position: number): TurnInfo {
		const {rows, order} = this.layout;
		return turn >= 0
			? rows.turns[turn]!.info
			: {turnId: noPromptTurnId, prompt: '', time: rows.time[order[position]!]!};
	}

	callInfo(position: number): CallInfo {
		const {rows, order} = this.layout;
		const row = order[position]!;
		const cost = rows.cost[row]!;
		const tools = rows.toolsOf(row);
		return {
			agent: agentIds[rows.agent[row]!]!,
			time: rows.time[row]!,
			model: rows.models[rows.model[row]!]!,
			tokens: tokensAt(rows, row),
			costUSD: Number.isNaN(cost) ? null : cost,
			costSource: rows.reported[row] === 1 ? 'reported' : 'estimated',
			longContext: rows.longContext[row] === 1,
			tools,
			files: filesOf(tools),
			pricingKey: rows.pricingKeys[rows.pricingKey[row]!],
			callId: rows.callIdOf(row),
		};
	}

	nodeCountOf(node: RangeNode, fragment: Fragment | undefined): number {
		if (node.kind === 'root') {
			return this.layout.size;
		}

		if (node.kind === 'call') {
			return 1;
		}

		const last = lastTurnOf(fragment!);
		return last.id + (last.end - last.start) + 1 - node.id;
	}

	private weekNodes(root: RangeNode): TreeNode[] {
		return this.layout.weeks.map(
			week =>
				new RangeNode(
					this,
					week.id,
					'week',
					week.week,
					weekLabel(
						week.week,
						week.days.map(day => day.day),
					),
					week.start,
					week.end,
					root,
					week,
				),
		);
	}

	private dayNodes(week: RangeNode, fragment: WeekFragment): TreeNode[] {
		return fragment.days.map(
			day => new RangeNode(this, day.id, 'day', day.day, dayLabel(day.day), day.start, day.end, week, day),
		);
	}

	private sessionNode(day: RangeNode, fragment: SessionFragment): RangeNode {
		const {key} = this.layout.rows.groups[fragment.group]!;
		const info = this.sessionInfo(fragment.group);
		const made = new RangeNode(
			this,
			fragment.id,
			'session',
			key,
			info.project,
			fragment.start,
			fragment.end,
			day,
			fragment,
		);
		made.session = info;
		const span = this.layout.groupSpans.get(fragment.group)!;
		if (span.firstDay !== span.lastDay) {
			made.continues = {
				fromEarlierDay: span.firstDay !== fragment.day.day,
				toLaterDay: span.lastDay !== fragment.day.day,
			};
		}

		return made;
	}

	private turnNode(session: RangeNode, fragment: TurnFragment): RangeNode {
		const turn = this.turnInfo(fragment.turn, fragment.start);
		const made = new RangeNode(
			this,
			fragment.id,
			'turn',
			turn.turnId,
			turn.prompt || '(no prompt)',
			fragment.start,
			fragment.end,
			session,
			fragment,
		);
		made.session = session.session;
		made.turn = turn;
		return made;
	}

	private callNodes(turn: RangeNode, fragment: TurnFragment): TreeNode[] {
		const nodes: TreeNode[] = [];
		const {rows, order} = this.layout;
		for (let position = fragment.start; position < fragment.end; position++) {
			const model = rows.models[rows.model[order[position]!]!]!;
			const index = position - fragment.start;
			const made = new RangeNode(
				this,
				fragment.id + 1 + index,
				'call',
				String(index + 1),
				model,
				position,
				position + 1,
				turn,
				fragment,
			);
			made.session = turn.session;
			made.turn = fragment.turn >= 0 ? turn.turn : this.turnInfo(-1, position);
			nodes.push(made);
		}

		return nodes;
	}
}

/**
The totals of several nodes of one tree taken together, each call and each session and turn
counted once (a whole session from its day fragments).
*/
export function totalsAcross(nodes: readonly TreeNode[]): Totals {
	const ranges = nodes as readonly RangeNode[];
	return ranges[0]!.view.totalsOf(ranges);
}

/**
Time, tokens and priced cost (0 when unpriced) of every call under a node, in tree order,
read straight from the rows: for per-hour and per-day series over thousands of calls.
*/
export function forEachCall(
	node: TreeNode,
	visit: (time: number, tokens: number, pricedCostUSD: number) => void,
): void {
	const {start, end, view} = node as RangeNode;
	const {rows, order} = view.layout;
	for (let position = start; position < end; position++) {
		const row = order[position]!;
		const cost = rows.cost[row]!;
		visit(rows.time[row]!, rows.total[row]!, Number.isNaN(cost) ? 0 : cost);
	}
}

/** A node's calls in time order, read as rows of the tree's columns. */
export type TimeOrder = {
	readonly rows: CallRows;
	/** The node's calls as rows, in time order; equal times keep tree order. */
	readonly rowAt: Int32Array;
	/** The position of each of those calls in the layout's order (where it sits in the tree). */
	readonly positionAt: Int32Array;
};

const timeOrders = new WeakMap<TreeNode, TimeOrder>();

/**
The calls under a node in time order, ties in tree order, memoized per node: the root's order
is read by the export's insights and by the billing status alike.
*/
export function timeOrderOf(node: TreeNode): TimeOrder {
	let found = timeOrders.get(node);
	if (!found) {
		found = sortByTime(node as RangeNode);
		timeOrders.set(node, found);
	}

	return found;
}

function sortByTime({start, end, view}: RangeNode): TimeOrder {
	const {rows, order} = view.layout;
	const times = new Float64Array(end - start);
	const positions = new Array<number>(end - start);
	for (let position = start; position < end; position++) {
		times[position - start] = rows.time[order[position]!]!;
		positions[position - start] = position;
	}

	// Each turn fragment is a sorted run of positions, which Array#sort (TimSort) merges fast.
	positions.sort((a, b) => times[a - start]! - times[b - start]! || a - b);
	const positionAt = Int32Array.from(positions);
	const rowAt = positionAt.map(position => order[position]!);
	return {rows, rowAt, positionAt};
}

/** What the tree shows of a session group (first and last selected call of the whole session). */
export function sessionInfoOf(node: TreeNode, group: number): SessionInfo {
	return (node as RangeNode).view.sessionInfo(group);
}

/** The session fragment node holding this position (made, with its day's other sessions, if need be). */
export function sessionNodeAt(root: TreeNode, position: number): TreeNode | undefined {
	return nodeAt(root, position, 'session');
}

/**
The node of `kind` (week, day, session, turn or call) holding this position: the path down
from the root through the children that hold it (made, with their siblings, if need be).
*/
export function nodeAt(root: TreeNode, position: number, kind: TreeNode['kind']): TreeNode | undefined {
	const holds = (node: TreeNode) => (node as RangeNode).start <= position && position < (node as RangeNode).end;
	let node: TreeNode | undefined = root;
	while (node && node.kind !== kind) {
		node = node.children.find(holds);
	}

	return node;
}
