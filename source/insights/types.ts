/**
The insights contract: what every rule returns and what callers (TUI pane, JSON export,
header) may pass in. Insights are plain data (numbers and strings). User text appears only
in the message's quote parts (message.ts), never in `figures`, so a reader that must leave
prompts out can.
*/
import type {AgentId} from '../core/agents.js';
import type {NodeKind} from '../model/types.js';
import type {Pricer} from '../pricing/types.js';
import type {Message, Quote} from './message.js';

export type Severity = 'info' | 'warning' | 'critical';

/**
A number and what it counts, formatted by the reader: `tokens` 1.2M tokens, `usd` $3.40,
`ratio` 42%, `minutes` 2 h 5 min, `times` ×18, `count` "88 calls" (the noun in the singular;
plural by adding s), `perMinute` 40k tokens/min.
*/
export type Amount =
	| {readonly amount: number; readonly unit: 'tokens' | 'usd' | 'ratio' | 'minutes' | 'times' | 'tokensPerMinute'}
	| {readonly amount: number; readonly unit: 'count'; readonly noun: string};
/** One piece of a detail line: the rule's words, an amount, or quoted user text (a prompt). */
export type DetailPart = string | Amount | Quote;
export type DetailLine = readonly DetailPart[];

export type Insight = {
	/** Stable id: `<rule>:<scope key path or subject>` (unique within one insightsFor result). */
	id: string;
	rule: string;
	severity: Severity;
	scope: {nodeId: number; kind: NodeKind; keyPath: string[]};
	/** The rule's words and the user text it quotes, as parts; `messageText` makes it one text. */
	message: Message;
	/** The numbers that triggered the insight (raw values, not formatted); never user text. */
	figures: Record<string, number | string>;
	/**
	What a person reads under the message: at most two lines of figures with their units
	(the reader formats them: `detailText` in format.ts), words, and quoted user text. The JSON
	export keeps `figures` instead; these lines are for the TUI.
	*/
	details: readonly DetailLine[];
	/**
	The node the insight is about, as a key path from the root of the time tree (week, day,
	session, turn, call keys: model/query.ts `keyPathOf`); absent when it is about the whole scope.
	*/
	target?: readonly string[];
	estimatedSavingUSD?: number;
	estimatedSavingTokens?: number;
};

/**
The `--plan` presets, the one list the flag, its help, the TUI and the billing rule use:
community estimates of tokens per 5-hour window (input + output only; block-status.ts);
not official.
*/
export const planIds = ['pro', 'max5', 'max20'] as const;
export type PlanId = (typeof planIds)[number];

export function isPlanId(value: string): value is PlanId {
	return (planIds as readonly string[]).includes(value);
}

export type InsightOptions = {
	/** Epoch ms used for "active block" and "frees up in" figures; billing rules need it. */
	now?: number;
	/**
	Prices token kinds exactly (cache savings, re-read cost). Without it, per-token rates are
	derived from each call's own cost with fixed list-price ratios (see rates.ts).
	*/
	pricer?: Pricer;
	/** Token limit of one 5-hour block, compared with the block's total tokens (ccusage `-t`). */
	tokenLimit?: number;
	/** Plan preset (community estimate), compared with the block's input + output tokens. */
	plan?: PlanId;
	/** Token limit of a rolling 7-day window, compared with total tokens. */
	weeklyTokenLimit?: number;
	/** Agents counted in billing windows; default: Claude when present, else every agent. */
	blockAgents?: readonly AgentId[];
	/** At most this many insights of one rule (after ranking); default 5. */
	perRuleLimit?: number;
	/** At most this many insights from insightsFor (after ranking); default 50. */
	limit?: number;
};
