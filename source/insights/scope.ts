/**
The shared view every rule reads: the calls under one node in time order (equal times in tree
order), grouped into whole sessions (a session split into day fragments is one group again, so
per-session rules see its full history inside the scope). Built once per insightsFor call;
rules never walk the tree themselves.

A call of the scope is its index in that time order. Its facts are read from the tree's row
columns through the accessors (`scope.time(call)`, `scope.prompt(call)`, …), so a scope of
165,000 calls makes no object per call. The session groups and the local hours and weekdays
are made on first read: a row hint never reads local times, a histogram never groups sessions.
*/
import type {ToolUse} from '../core/events.js';
import {keyPathOf} from '../model/query.js';
import {nodeAt, sessionInfoOf, sessionNodeAt, type TimeOrder, timeOrderOf} from '../model/nodes.js';
import type {CallRows} from '../model/rows.js';
import type {SessionInfo, TreeModel, TreeNode} from '../model/types.js';
import {localTimeIn} from './local-time.js';
import type {Message} from './message.js';
import {type Rates, ratesOf} from './rates.js';
import type {DetailLine, Insight, InsightOptions, Severity} from './types.js';

/** One top-level session's calls inside the scope. */
export type SessionGroup = {
	/** Index into `rows.groups`. */
	readonly group: number;
	/** The session's key (`agent:sessionId`). */
	readonly key: string;
	/** The session's calls (indices into the scope), in time order. */
	readonly calls: Int32Array;
	/** Sums over those calls in time order; an unpriced call adds 0 to the cost. */
	readonly tokens: number;
	readonly costUSD: number;
};

type LocalColumns = {readonly hour: Uint8Array; readonly weekday: Uint8Array};

export class Scope {
	readonly rows: CallRows;
	/** Call → its row, in time order. */
	readonly rowAt: Int32Array;
	/** The node's time order, shared with every reader of the same node (billing blocks). */
	readonly order: TimeOrder;
	#sessions: SessionGroup[] | undefined;
	#local: LocalColumns | undefined;

	constructor(
		readonly model: TreeModel,
		readonly node: TreeNode,
		readonly options: InsightOptions,
	) {
		this.order = timeOrderOf(node);
		this.rows = this.order.rows;
		this.rowAt = this.order.rowAt;
	}

	/** Number of calls. */
	get size(): number {
		return this.rowAt.length;
	}

	/** Whole sessions in order of their first call. */
	get sessions(): readonly SessionGroup[] {
		this.#sessions ??= groupSessions(this.rows, this.rowAt);
		return this.#sessions;
	}

	time(call: number): number {
		return this.rows.time[this.rowAt[call]!]!;
	}

	/** Tokens of the call: input + cacheRead + cacheWrite + output. */
	total(call: number): number {
		return this.rows.total[this.rowAt[call]!]!;
	}

	/** Prompt size: input + cacheRead + cacheWrite. */
	prompt(call: number): number {
		const row = this.rowAt[call]!;
		const {input, cacheRead, cacheWrite5m, cacheWrite1h} = this.rows;
		return input[row]! + cacheRead[row]! + cacheWrite5m[row]! + cacheWrite1h[row]!;
	}

	cacheRead(call: number): number {
		return this.rows.cacheRead[this.rowAt[call]!]!;
	}

	/** Cache written, 5-minute and 1-hour. */
	cacheWrite(call: number): number {
		const row = this.rowAt[call]!;
		return this.rows.cacheWrite5m[row]! + this.rows.cacheWrite1h[row]!;
	}

	cacheWrite5m(call: number): number {
		return this.rows.cacheWrite5m[this.rowAt[call]!]!;
	}

	cacheWrite1h(call: number): number {
		return this.rows.cacheWrite1h[this.rowAt[call]!]!;
	}

	/** USD for sums: an unpriced call counts 0 (sums are then lower bounds). */
	cost(call: number): number {
		const cost = this.rows.cost[this.rowAt[call]!]!;
		return Number.isNaN(cost) ? 0 : cost;
	}

	/** Per-token rates of the call's kinds (rates.ts); undefined when unpriced. */
	rates(call: number): Rates | undefined {
		return ratesOf(this.rows, this.rowAt[call]!, this.options.pricer);
	}

	/** The call's model as logged. */
	modelName(call: number): string {
		return this.rows.models[this.rows.model[this.rowAt[call]!]!]!;
	}

	/** Index into `rows.turns`; -1 for a call before any prompt of its session. */
	turn(call: number): number {
		return this.rows.turn[this.rowAt[call]!]!;
	}

	/** The prompt text of the call's turn; empty before any prompt. */
	promptText(call: number): string {
		const turn = this.turn(call);
		return turn >= 0 ? this.rows.turns[turn]!.info.prompt : '';
	}

	/** The key of the call's top-level session. */
	sessionKey(call: number): string {
		return this.rows.groups[this.rows.group[this.rowAt[call]!]!]!.key;
	}

	project(call: number): string {
		return this.rows.groups[this.rows.group[this.rowAt[call]!]!]!.project;
	}

	/** Local day (YYYY-MM-DD) in the tree's time zone. */
	day(call: number): string {
		return this.rows.days[this.rows.day[this.rowAt[call]!]!]!;
	}

	/** Local hour, 0–23. */
	hour(call: number): number {
		return this.local().hour[call]!;
	}

	/** Local weekday, 0 = Monday … 6 = Sunday. */
	weekday(call: number): number {
		return this.local().weekday[call]!;
	}

	/** Number of tool calls the call made. */
	toolCount(call: number): number {
		const row = this.rowAt[call]!;
		return this.rows.toolStart[row + 1]! - this.rows.toolStart[row]!;
	}

	/** What the call's tool number `tool` (0 … toolCount − 1) did: an index into `activities`. */
	toolActivity(call: number, tool: number): number {
		return this.rows.toolActivity[this.rows.toolStart[this.rowAt[call]!]! + tool]!;
	}

	/** The call's tools with their names and files (made on each read: ask for the few that matter). */
	tools(call: number): readonly ToolUse[] {
		return this.rows.toolsOf(this.rowAt[call]!);
	}

	/** What the tree shows of a session: project, agent, first and last call. */
	session(group: SessionGroup): SessionInfo {
		return sessionInfoOf(this.node, group.group);
	}

	private local(): LocalColumns {
		if (!this.#local) {
			const at = localTimeIn(this.model.timezone);
			const hour = new Uint8Array(this.size);
			const weekday = new Uint8Array(this.size);
			for (let call = 0; call < this.size; call++) {
				const local = at(this.time(call));
				hour[call] = local.hour;
				weekday[call] = local.weekday;
			}

			this.#local = {hour, weekday};
		}

		return this.#local;
	}
}

/** Calls grouped by top-level session, sessions in order of first call; sums in time order. */
function groupSessions(rows: CallRows, rowAt: Int32Array): SessionGroup[] {
	// A Map, not an array over every group of the tree: a row hint's scope is one session.
	const slotOf = new Map<number, number>();
	const groups: number[] = [];
	const slots = new Int32Array(rowAt.length);
	for (let call = 0; call < rowAt.length; call++) {
		const group = rows.group[rowAt[call]!]!;
		let slot = slotOf.get(group);
		if (slot === undefined) {
			slot = groups.length;
			slotOf.set(group, slot);
			groups.push(group);
		}

		slots[call] = slot;
	}

	const counts = new Int32Array(groups.length);
	for (const slot of slots) {
		counts[slot]!++;
	}

	const calls = [...counts].map(count => new Int32Array(count));
	const filled = new Int32Array(groups.length);
	const tokens = new Float64Array(groups.length);
	const costs = new Float64Array(groups.length);
	for (let call = 0; call < rowAt.length; call++) {
		const slot = slots[call]!;
		const row = rowAt[call]!;
		const cost = rows.cost[row]!;
		calls[slot]![filled[slot]!++] = call;
		tokens[slot]! += rows.total[row]!;
		costs[slot]! += Number.isNaN(cost) ? 0 : cost;
	}

	return groups.map((group, slot) => ({
		group,
		key: rows.groups[group]!.key,
		calls: calls[slot]!,
		tokens: tokens[slot]!,
		costUSD: costs[slot]!,
	}));
}

export function buildScope(model: TreeModel, node: TreeNode, options: InsightOptions = {}): Scope {
	return new Scope(model, node, options);
}

const turnsMemo = new WeakMap<SessionGroup, number[]>();

/** The session's turns (indices into `rows.turns`, -1 before any prompt) in order of first call. */
export function turnsOf(scope: Scope, group: SessionGroup): readonly number[] {
	let turns = turnsMemo.get(group);
	if (!turns) {
		const seen = new Set<number>();
		for (const call of group.calls) {
			seen.add(scope.turn(call));
		}

		turns = [...seen];
		turnsMemo.set(group, turns);
	}

	return turns;
}

/** The session's node when the scope holds only one day of it (where a per-session insight points). */
export function onlyFragment(scope: Scope, group: SessionGroup): TreeNode | undefined {
	const first = group.calls[0]!;
	// A session's fragments are its days, and days only move forward in time.
	return scope.day(first) === scope.day(group.calls.at(-1)!)
		? sessionNodeAt(scope.model.root, scope.order.positionAt[first]!)
		: undefined;
}

/** A short human name for a session group: project · agent · day of its first call. */
export function sessionName(scope: Scope, group: SessionGroup): string {
	const info = scope.session(group);
	return `${info.project} (${info.agent}, ${scope.day(group.calls[0]!)})`;
}

/**
Where an insight about one call's week, day, session, turn or call points: the key path of
that node in the time tree (the TUI opens it; ARCHITECTURE.md §8). `undefined` when the call's
node is not in the tree (never for a call of the scope).
*/
export function targetOf(scope: Scope, call: number, kind: 'day' | 'session' | 'turn' | 'call'): string[] | undefined {
	const node = nodeAt(scope.model.root, scope.order.positionAt[call]!, kind);
	return node ? keyPathOf(node) : undefined;
}

/** Key path of the first fragment of a session group, for scoping a per-session insight. */
export function scopeOfNode(node: TreeNode): Insight['scope'] {
	return {nodeId: node.id, kind: node.kind, keyPath: keyPathOf(node)};
}

export function makeInsight(
	scope: Scope,
	fields: {
		rule: string;
		subject?: string;
		severity: Severity;
		/** Plain text, or parts when the message quotes user text (message.ts). */
		message: string | Message;
		figures: Insight['figures'];
		/** At most two lines of figures for a person (types.ts `details`). */
		details: readonly DetailLine[];
		/** The node the insight is about (`targetOf`); none for the whole scope. */
		target?: readonly string[] | undefined;
		at?: TreeNode;
		estimatedSavingUSD?: number;
		estimatedSavingTokens?: number;
	},
): Insight {
	const at = fields.at ?? scope.node;
	const insight: Insight = {
		id: `${fields.rule}:${fields.subject ?? keyPathOf(at).join('/')}`,
		rule: fields.rule,
		severity: fields.severity,
		scope: scopeOfNode(at),
		message: typeof fields.message === 'string' ? [fields.message] : fields.message,
		figures: fields.figures,
		details: fields.details.slice(0, 2),
	};
	if (fields.target) {
		insight.target = fields.target;
	}

	if (fields.estimatedSavingUSD !== undefined) {
		insight.estimatedSavingUSD = Math.round(fields.estimatedSavingUSD * 100) / 100;
	}

	if (fields.estimatedSavingTokens !== undefined) {
		insight.estimatedSavingTokens = Math.round(fields.estimatedSavingTokens);
	}

	return insight;
}
