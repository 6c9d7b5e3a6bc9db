/**
The shared view every rule reads: the calls under one node, in time order, grouped into
whole sessions (a session split into day fragments is one group again, so per-session
rules see its full history inside the scope). Built once per insightsFor call; rules never
walk the tree themselves.
*/
import {promptOf, totalOf} from '../core/tokens.js';
import {keyPathOf, walk} from '../model/query.js';
import type {CallInfo, SessionInfo, TreeModel, TreeNode, TurnInfo} from '../model/types.js';
import {localTime} from './local-time.js';
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

export function buildScope(model: TreeModel, node: TreeNode, options: InsightOptions = {}): Scope {
	const calls: ScopedCall[] = [];
	walk(node, item => {
		if (item.kind === 'call' && item.call) {
			const turnNode = item.parent ?? item;
			const sessionNode = turnNode.parent;
			const sessionKey = sessionNode?.kind === 'session' ? sessionNode.key : `${item.session?.agent ?? 'unknown'}:${item.session?.sessionId ?? ''}`;
			calls.push({node: item, call: item.call, turn: item.turn ?? {turnId: '', prompt: '', time: item.call.time}, turnNode, sessionKey, prompt: promptOf(item.call.tokens)});
		}

		return undefined;
	});
	calls.sort((a, b) => a.call.time - b.call.time || a.node.id - b.node.id);
	const groups = new Map<string, SessionGroup>();
	for (const scoped of calls) {
		let group = groups.get(scoped.sessionKey);
		if (!group) {
			group = {key: scoped.sessionKey, info: scoped.node.session!, fragments: [], calls: [], turnIds: [], tokens: 0, costUSD: 0};
			groups.set(scoped.sessionKey, group);
		}

		const fragment = scoped.turnNode.parent;
		if (fragment && !group.fragments.includes(fragment)) {
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
export function sessionName(group: SessionGroup, timezone: string): string {
	const first = group.calls[0];
	const day = first ? localTime(first.call.time, timezone).day : '';
	return `${group.info.project} (${group.info.agent}, ${day})`;
}

/** Key path of the first fragment of a session group, for scoping a per-session insight. */
export function scopeOfNode(node: TreeNode): Insight['scope'] {
	return {nodeId: node.id, kind: node.kind, keyPath: keyPathOf(node)};
}

export function makeInsight(
	scope: Scope,
	fields: {rule: string; subject?: string; severity: Severity; message: string; figures: Insight['figures']; at?: TreeNode; estimatedSavingUSD?: number; estimatedSavingTokens?: number},
): Insight {
	const at = fields.at ?? scope.node;
	const insight: Insight = {
		id: `${fields.rule}:${fields.subject ?? keyPathOf(at).join('/')}`,
		rule: fields.rule,
		severity: fields.severity,
		scope: scopeOfNode(at),
		message: fields.message,
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
