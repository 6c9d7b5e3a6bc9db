/**
The insights entry point: every rule for one scope, ranked, plus the short row hints.

Ranking: the recommendations (each has a measured saving) first, by saving; then the rest by
severity (critical, warning, info), estimated saving (largest first) and rule order below. At most `perRuleLimit` (5)
insights per rule are kept, then at most `limit` (50) in all. Rules read one shared Scope
(scope.ts) built once per call: the node's calls in time order, read from the row columns.
*/
import {cacheWriteOf, promptOf} from '../core/tokens.js';
import type {TreeModel, TreeNode} from '../model/types.js';
import {percentText} from './format.js';
import {activitySplit, rereadFiles} from './rules/activity.js';
import {billingWindows} from './rules/billing.js';
import {cacheEfficiency} from './rules/cache.js';
import {concentration} from './rules/concentration.js';
import {contextCompounding, contextGrowthOf, contextThresholds} from './rules/context.js';
import {longSessions, sessionLengths, weekdayPattern} from './rules/habits.js';
import {recommendations} from './rules/recommendations.js';
import {isVaguePrompt, vaguePrompts, vagueThresholds} from './rules/vague-prompts.js';
import {buildScope, type Scope} from './scope.js';
import type {Insight, InsightOptions, Severity} from './types.js';

export type {Insight, InsightOptions, PlanId, Severity} from './types.js';
export {blockStatus, blockSummary, planPresets, type BlockStatus} from './block-status.js';
export {dailySeries, hourHistogram, toolsByHour, weekdayHistogram} from './series.js';

const rules: ReadonlyArray<(scope: Scope) => Insight[]> = [
	billingWindows,
	contextCompounding,
	concentration,
	vaguePrompts,
	cacheEfficiency,
	activitySplit,
	rereadFiles,
	weekdayPattern,
	sessionLengths,
	longSessions,
];

const severityRank: Record<Severity, number> = {critical: 0, warning: 1, info: 2};

export function insightsFor(model: TreeModel, node: TreeNode, options: InsightOptions = {}): Insight[] {
	const scope = buildScope(model, node, options);
	if (scope.size === 0) {
		return [];
	}

	const found = rules.flatMap(rule => rule(scope));
	const all = [...recommendations(scope, found), ...found];
	const order = new Map(all.map((insight, index) => [insight, index]));
	all.sort(
		(a, b) =>
			Number(b.rule === 'recommendation') - Number(a.rule === 'recommendation') ||
			severityRank[a.severity] - severityRank[b.severity] ||
			(b.estimatedSavingUSD ?? 0) - (a.estimatedSavingUSD ?? 0) ||
			order.get(a)! - order.get(b)!,
	);
	// Per-session rules could list hundreds of sessions at the root; keep the best-ranked few
	// (recommendations above already summed all of them).
	const perRule = new Map<string, number>();
	const kept = all.filter(insight => {
		const count = (perRule.get(insight.rule) ?? 0) + 1;
		perRule.set(insight.rule, count);
		return count <= (options.perRuleLimit ?? 5);
	});
	return kept.slice(0, options.limit ?? 50);
}

const hintCache = new WeakMap<TreeNode, string | null>();
const lowCacheRate = 0.3;
const hintMinPrompt = 100_000;

/** A hint reads only the node's own calls: its scope needs no more of a model than the node. */
const hintScope = (node: TreeNode) => buildScope({root: node} as TreeModel, node);

function computeHint(node: TreeNode): string | undefined {
	if (node.kind === 'session') {
		const scope = hintScope(node);
		const group = scope.sessions[0];
		const growth =
			group && group.calls.length >= contextThresholds.minCalls ? contextGrowthOf(scope, group) : undefined;
		if (growth && growth.growth >= contextThresholds.growth) {
			return `ctx ×${Math.round(growth.growth)}`;
		}
	}

	if (node.kind === 'turn' && node.turn && isVaguePrompt(node.turn.prompt)) {
		// The turn's first call, read from the columns (no call nodes made for a list row).
		const scope = hintScope(node);
		if (scope.size > 0 && scope.prompt(0) >= vagueThresholds.minContext) {
			return 'vague';
		}
	}

	const t = node.totals.tokens;
	const prompt = promptOf(t);
	if (prompt >= hintMinPrompt && node.totals.cacheHitRate < lowCacheRate && t.cacheRead + cacheWriteOf(t) > 0) {
		return `cache ${percentText(node.totals.cacheHitRate)}`;
	}

	return undefined;
}

/** A short hint for a list row ("ctx ×14", "cache 12%", "vague"); memoized per node. */
export function rowHint(node: TreeNode): string | undefined {
	let hint = hintCache.get(node);
	if (hint === undefined) {
		hint = computeHint(node) ?? null;
		hintCache.set(node, hint);
	}

	return hint ?? undefined;
}
