/**
Second half of buildTree: placed call leaves → Week → Day → Session → Turn → call nodes.
Day, week and root totals are built here, bottom-up; session and turn fragments are summed
once (in reused scratch builders) into their day and keep their own totals lazy
(fragment-node.ts), as call leaves do (call-node.ts).

Calls are visited once in time order (ties: arrival order). Because the local day only
moves forward in time, each week, day, session fragment (a session's calls on one day) and
turn fragment is opened when its first call arrives and never revisited, so siblings come
out in order of their first call without keyed lookups. Distinct turn and session counts
follow from that shape (a turn key is unique among a session fragment's turns, a session
among a day's), and only weeks and the root, which can hold the same turn on two days,
count through a per-group stamp.
*/
import {weekKeyOfDay} from '../core/time.js';
import {type CallNode, indexKey, recordCallsByTime} from './call-node.js';
import {dayLabel, weekLabel} from './labels.js';
import {addSessionTurns, FragmentNode} from './fragment-node.js';
import {TotalsBuilder} from './totals.js';
import type {NodeKind, SessionInfo, Totals, TreeNode, TurnInfo} from './types.js';

/** One resolved session (sub-sessions folded in) with at least one placed call. */
export type SessionGroup = {
	readonly key: string;
	readonly info: SessionInfo;
	/** Local days with calls, in order (set while assembling). */
	days: string[];
	/** Index of the last week that counted this session (distinct counts). */
	weekStamp: number;
	current: SessionFragment | undefined;
};

/** One turn of a session group (a turn id, or the calls before any prompt). */
export type TurnGroup = {
	readonly session: SessionGroup;
	/** Shared by the turn's calls; undefined for calls before any prompt (each has its own). */
	readonly info: TurnInfo | undefined;
	weekStamp: number;
	current: TurnFragment | undefined;
};

/** A call leaf with what grouping needs; the arrays are parallel, indexed by placement. */
export type Placement = {
	readonly nodes: CallNode[];
	readonly days: string[];
	readonly turns: TurnGroup[];
};

type TurnFragment = {readonly group: TurnGroup; readonly session: SessionFragment; readonly calls: CallNode[]};
type SessionFragment = {readonly group: SessionGroup; readonly day: string; readonly turns: TurnFragment[]};
type DayFragment = {readonly day: string; readonly sessions: SessionFragment[]};
type WeekFragment = {readonly week: string; readonly days: DayFragment[]};

type MutableNode = {
	id: number;
	kind: NodeKind;
	key: string;
	label: string;
	parent: TreeNode | undefined;
	children: readonly TreeNode[];
	totals: Totals;
};

/**
Placement indices in time order, equal times in arrival order. A plain array, not a typed
one: Array#sort is TimSort, which is fast on the long sorted runs that calls of one session
file form, while a typed array's comparator sort is not run-aware.
*/
function timeOrder(nodes: readonly CallNode[]): number[] {
	const times = new Float64Array(nodes.length);
	const order = new Array<number>(nodes.length);
	for (let index = 0; index < nodes.length; index++) {
		times[index] = nodes[index]!.call.time;
		order[index] = index;
	}

	return order.sort((a, b) => times[a]! - times[b]! || a - b);
}

function group(placement: Placement, order: readonly number[]): WeekFragment[] {
	const weeks: WeekFragment[] = [];
	let week: WeekFragment | undefined;
	let day: DayFragment | undefined;
	for (const index of order) {
		const dayKey = placement.days[index]!;
		const turnGroup = placement.turns[index]!;
		if (day?.day !== dayKey) {
			const weekKey = weekKeyOfDay(dayKey);
			if (week?.week !== weekKey) {
				week = {week: weekKey, days: []};
				weeks.push(week);
			}

			day = {day: dayKey, sessions: []};
			week.days.push(day);
		}

		const sessionGroup = turnGroup.session;
		let session = sessionGroup.current;
		if (session?.day !== dayKey) {
			session = {group: sessionGroup, day: dayKey, turns: []};
			sessionGroup.current = session;
			sessionGroup.days.push(dayKey);
			day.sessions.push(session);
		}

		let turn = turnGroup.current;
		if (turn?.session !== session) {
			turn = {group: turnGroup, session, calls: []};
			turnGroup.current = turn;
			session.turns.push(turn);
		}

		turn.calls.push(placement.nodes[index]!);
	}

	return weeks;
}

function adopt(parent: TreeNode, children: ReadonlyArray<{parent: TreeNode | undefined}>): void {
	for (const child of children) {
		child.parent = parent;
	}
}

function node(
	id: number,
	kind: NodeKind,
	key: string,
	label: string,
	children: ReadonlyArray<MutableNode | FragmentNode>,
	totals: Totals,
): MutableNode {
	const made: MutableNode = {
		id,
		kind,
		key,
		label,
		parent: undefined,
		children: children as readonly TreeNode[],
		totals,
	};
	adopt(made as TreeNode, children);
	return made;
}

/** Scratch builders for the fragment sums (never frozen: see FragmentNode). */
const scratch = {session: new TotalsBuilder(), turn: new TotalsBuilder()};

/**
Node ids in depth-first pre-order (root = 0), handed out as nodes are made: every parent takes
its id before its children are made, and siblings are made in order.
*/
type Ids = {next: number};

/** A session fragment's node (lazy totals); its sum is merged into the day's builder. */
function sessionNode(fragment: SessionFragment, dayTotals: TotalsBuilder, ids: Ids): FragmentNode {
	const {group: session, day} = fragment;
	const sessionId = ids.next++;
	const turnNodes = fragment.turns.map(turn => {
		const turnId = ids.next++;
		const {calls} = turn;
		for (let index = 0; index < calls.length; index++) {
			const call = calls[index]!;
			call.key = indexKey(index);
			call.id = ids.next++;
		}

		const first = calls[0]!;
		const made = new FragmentNode('turn', first.turn.turnId, first.turn.prompt || '(no prompt)', calls, session.info);
		made.id = turnId;
		made.turn = first.turn;
		adopt(made, calls);
		return made;
	});
	const made = new FragmentNode('session', session.key, session.info.project, turnNodes, session.info);
	made.id = sessionId;
	adopt(made, turnNodes);
	if (session.days.length > 1) {
		made.continues = {fromEarlierDay: session.days[0] !== day, toLaterDay: session.days.at(-1) !== day};
	}

	scratch.session.reset();
	addSessionTurns(scratch.session, turnNodes, scratch.turn, (turn, sum) => {
		(turn as FragmentNode).sortKeys = sum.sortKeys({turns: 1, sessions: 1});
	});
	made.sortKeys = scratch.session.sortKeys({turns: turnNodes.length, sessions: 1});
	dayTotals.merge(scratch.session);
	return made;
}

/**
Leaves in time order with ties in node-id order (what insight scopes sort by), from the
placement's time order (ties in arrival order): only runs of equal times need re-sorting.
*/
function leavesByTime(placement: Placement, order: readonly number[]): CallNode[] {
	const leaves = order.map(index => placement.nodes[index]!);
	for (let start = 0; start < leaves.length; ) {
		let end = start + 1;
		while (end < leaves.length && leaves[end]!.call.time === leaves[start]!.call.time) {
			end++;
		}

		if (end - start > 1) {
			const run = leaves.slice(start, end).sort((a, b) => a.id - b.id);
			leaves.splice(start, run.length, ...run);
		}

		start = end;
	}

	return leaves;
}

/** The root node of grouped placements, numbered depth-first (root = 0). */
export function assembleTree(placement: Placement): {root: TreeNode; size: number} {
	const order = timeOrder(placement.nodes);
	const weeks = group(placement, order);
	const ids: Ids = {next: 1};
	const rootTotals = new TotalsBuilder();
	const rootCounts = {turns: 0, sessions: 0};
	const weekNodes = weeks.map((week, weekIndex) => {
		const weekId = ids.next++;
		const weekTotals = new TotalsBuilder();
		const weekCounts = {turns: 0, sessions: 0};
		const dayNodes = week.days.map(day => {
			const dayId = ids.next++;
			const dayTotals = new TotalsBuilder();
			let turns = 0;
			const sessionNodes = day.sessions.map(fragment => {
				// Week stamps start at -1 and only grow: a group counts once per week, and its
				// first week counts it for the root too.
				const session = fragment.group;
				if (session.weekStamp !== weekIndex) {
					rootCounts.sessions += session.weekStamp < 0 ? 1 : 0;
					session.weekStamp = weekIndex;
					weekCounts.sessions++;
				}

				for (const turn of fragment.turns) {
					if (turn.group.weekStamp !== weekIndex) {
						rootCounts.turns += turn.group.weekStamp < 0 ? 1 : 0;
						turn.group.weekStamp = weekIndex;
						weekCounts.turns++;
					}
				}

				turns += fragment.turns.length;
				return sessionNode(fragment, dayTotals, ids);
			});
			weekTotals.merge(dayTotals);
			return node(
				dayId,
				'day',
				day.day,
				dayLabel(day.day),
				sessionNodes,
				dayTotals.freeze({turns, sessions: sessionNodes.length}),
			);
		});
		rootTotals.merge(weekTotals);
		return node(
			weekId,
			'week',
			week.week,
			weekLabel(
				week.week,
				week.days.map(day => day.day),
			),
			dayNodes,
			weekTotals.freeze(weekCounts),
		);
	});
	const root = node(0, 'root', '', 'All usage', weekNodes, rootTotals.freeze(rootCounts));
	recordCallsByTime(root as TreeNode, leavesByTime(placement, order));
	return {root: root as TreeNode, size: ids.next};
}
