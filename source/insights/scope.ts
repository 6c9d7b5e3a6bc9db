/**
The shared view every rule reads: the calls under one node, in time order, grouped into
whole sessions (a session split into day fragments is one group again, so per-session
rules see its full history inside the scope). Built once per insightsFor call; rules never
walk the tree themselves.
*/
import {promptOf, totalOf} from '../core/tokens.js';
import {recordedCallsByTime} from '../model/call-node.js';
import {keyPathOf} from '../model/query.js';
import type {CallInfo, SessionInfo, TreeModel, TreeNode, TurnInfo} from '../model/types.js';
import {type LocalTime, localTimeIn} from './local-time.js';
import type {Message} from './message.js';
import type {Insight, InsightOptions, Severity} from './types.js';

export type ScopedCall = {
	readonly node: TreeNode;
	readonly call: CallInfo;
	readonly turn: TurnInfo;
	/** The turn node the call sits under (its totals cover only this day's fragment). */
	readonly turnNode: TreeNode;
	readonly sessionKey: string;
	/** Prompt size: input + cacheRead + cacheWrite. */
	readonly prompt: number;
	/** Local day, hour and weekday of the call in the tree's time zone. */
	readonly local: LocalTime;
};

export type SessionGroup = {
	readonly key: string;
	readonly info: SessionInfo;
	/** Day fragments of the session inside the scope, in time order. */
	readonly fragments: TreeNode[];
	/** Calls in time order. */
	readonly calls: ScopedCall[];
	/** Turn ids in order of first call. */
	readonly turnIds: string[];
	tokens: number;
	costUSD: number;
};

export type Scope = {
	readonly model: TreeModel;
	readonly node: TreeNode;
	readonly options: InsightOptions;
	readonly calls: readonly ScopedCall[];
	readonly sessions: readonly SessionGroup[];
};

/** Cost of a call for sums: unpriced calls count as 0 (sums are then lower bounds). */
export const callCost = (call: CallInfo): number => call.costUSD ?? 0;

const byTime = new WeakMap<TreeNode, readonly TreeNode[]>();

function collectCalls(node: TreeNode, into: TreeNode[]): void {
	if (node.call) {
		into.push(node);
	}

	for (const child of node.children) {
		collectCalls(child, into);
	}
}

/**
The call leaves under a node in time order, ties in tree order (node id), memoized per node:
the root's list is asked for by the export's insights and by the billing status alike.
Leaves are collected depth-first, which is already time order within each turn and day, so
the (stable, run-aware) sort does little work.
*/
export function callNodesByTime(node: TreeNode): readonly TreeNode[] {
	let nodes = byTime.get(node) ?? recordedCallsByTime(node);
	if (!nodes) {
		const collected: TreeNode[] = [];
		collectCalls(node, collected);
		collected.sort((a, b) => a.call!.time - b.call!.time || a.id - b.id);
		nodes = collected;
		byTime.set(node, nodes);
	}

	return nodes;
}

export function buildScope(model: TreeModel, node: TreeNode, options: InsightOptions = {}): Scope {
	const at = localTimeIn(model.timezone ?? 'UTC');
	const calls: ScopedCall[] = [];
	for (const item of callNodesByTime(node)) {
		if (item.kind !== 'call') {
			continue;
		}

		const call = item.call!;
		const turnNode = item.parent ?? item;
		const sessionNode = turnNode.parent;
		const sessionKey =
			sessionNode?.kind === 'session'
				? sessionNode.key
				: `${item.session?.agent ?? 'unknown'}:${item.session?.sessionId ?? ''}`;
		calls.push({
			node: item,
			call,
			turn: item.turn ?? {turnId: '', prompt: '', time: call.time},
			turnNode,
			sessionKey,
			prompt: promptOf(call.tokens),
			local: at(call.time),
		});
	}

	const groups = new Map<string, SessionGroup>();
	let group: SessionGroup | undefined;
	for (const scoped of calls) {
		if (group?.key !== scoped.sessionKey) {
			group = groups.get(scoped.sessionKey);
			if (!group) {
				group = {
					key: scoped.sessionKey,
					info: scoped.node.session!,
					fragments: [],
					calls: [],
					turnIds: [],
					tokens: 0,
					costUSD: 0,
				};
				groups.set(scoped.sessionKey, group);
			}
		}

		const fragment = scoped.turnNode.parent;
		if (fragment && group.fragments.at(-1) !== fragment && !group.fragments.includes(fragment)) {
			group.fragments.push(fragment);
		}

		if (group.turnIds.at(-1) !== scoped.turn.turnId && !group.turnIds.includes(scoped.turn.turnId)) {
			group.turnIds.push(scoped.turn.turnId);
		}

		group.calls.push(scoped);
		// A call's total straight from its tokens: reading node.totals would build (and keep) a
		// Totals object per call just for this sum.
		group.tokens += totalOf(scoped.call.tokens);
		group.costUSD += callCost(scoped.call);
	}

	return {model, node, options, calls, sessions: [...groups.values()]};
}

/** A short human name for a session group: project · agent · day of its first call. */
export function sessionName(group: SessionGroup, _timezone?: string): string {
	const first = group.calls[0];
	const day = first ? first.local.day : '';
	return `${group.info.project} (${group.info.agent}, ${day})`;
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
	};
	if (fields.estimatedSavingUSD !== undefined) {
		insight.estimatedSavingUSD = Math.round(fields.estimatedSavingUSD * 100) / 100;
	}

	if (fields.estimatedSavingTokens !== undefined) {
		insight.estimatedSavingTokens = Math.round(fields.estimatedSavingTokens);
	}

	return insight;
}
