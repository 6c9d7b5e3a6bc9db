/**
The shared view every rule reads: the calls under one node, in time order, grouped into
whole sessions (a session split into day fragments is one group again, so per-session
rules see its full history inside the scope). Built once per insightsFor call; rules never
walk the tree themselves.
*/
import {promptOf, totalOf} from '../core/tokens.js';
import {callsByTime, sessionFragmentNode} from '../model/nodes.js';
import {keyPathOf} from '../model/query.js';
import type {CallInfo, SessionInfo, TreeModel, TreeNode, TurnInfo} from '../model/types.js';
import {type LocalTime, localTimeIn} from './local-time.js';
import type {Message} from './message.js';
import type {Insight, InsightOptions, Severity} from './types.js';

export type ScopedCall = {
	readonly call: CallInfo;
	readonly turn: TurnInfo;
	readonly session: SessionInfo;
	readonly sessionKey: string;
	/** Prompt size: input + cacheRead + cacheWrite. */
	readonly prompt: number;
	/** Local day, hour and weekday of the call in the tree's time zone. */
	readonly local: LocalTime;
};

export type SessionGroup = {
	readonly key: string;
	readonly info: SessionInfo;
	/** Ids of the session's day fragments inside the scope, in time order (see `onlyFragment`). */
	readonly fragmentIds: number[];
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
	const at = localTimeIn(model.timezone ?? 'UTC');
	const calls: ScopedCall[] = [];
	const fragmentIds: number[] = [];
	for (const item of callsByTime(node)) {
		calls.push({
			call: item.call,
			turn: item.turn,
			session: item.session,
			sessionKey: item.sessionKey,
			prompt: promptOf(item.call.tokens),
			local: at(item.call.time),
		});
		fragmentIds.push(item.fragmentId);
	}

	const groups = new Map<string, SessionGroup>();
	let group: SessionGroup | undefined;
	for (const [index, scoped] of calls.entries()) {
		if (group?.key !== scoped.sessionKey) {
			group = groups.get(scoped.sessionKey);
			if (!group) {
				group = {
					key: scoped.sessionKey,
					info: scoped.session,
					fragmentIds: [],
					calls: [],
					turnIds: [],
					tokens: 0,
					costUSD: 0,
				};
				groups.set(scoped.sessionKey, group);
			}
		}

		const fragment = fragmentIds[index]!;
		if (group.fragmentIds.at(-1) !== fragment && !group.fragmentIds.includes(fragment)) {
			group.fragmentIds.push(fragment);
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

/** The session's node when the scope holds only one day of it (where a per-session insight points). */
export function onlyFragment(scope: Scope, group: SessionGroup): TreeNode | undefined {
	return group.fragmentIds.length === 1 ? sessionFragmentNode(scope.model, group.fragmentIds[0]!) : undefined;
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
