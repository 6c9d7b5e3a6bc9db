/**
The insights contract: what every rule returns and what callers (TUI pane, JSON export,
header) may pass in. Insights are plain data (numbers and strings). User text appears only
in the message's quote parts (message.ts), never in `figures`, so a reader that must leave
prompts out can.
*/
import type {AgentId} from '../core/agents.js';
import type {NodeKind} from '../model/types.js';
import type {Pricer} from '../pricing/types.js';
import type {Message} from './message.js';

export type Severity = 'info' | 'warning' | 'critical';

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
