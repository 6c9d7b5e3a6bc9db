/**
The read-only usage tree: Week → Day → Session → Turn → API call under one root, or another
view of the same calls (views.ts: by project, model, agent or device first). Nodes
below a day and their totals are made when first read (nodes.ts); everything else (UI,
insights, JSON export, OTLP) only reads the tree. Pure data: no fs, no React.
*/
import type {Activity} from '../core/activity.js';
import type {AgentId} from '../core/agents.js';
import type {ToolUse} from '../core/events.js';
import type {TokenCounts} from '../core/tokens.js';
import type {LevelKind, ViewName} from './views.js';

export type NodeKind = 'root' | LevelKind | 'call';

/**
`reported`: every priced part came from the agent's own figure; `estimated`: from tokens ×
list price; `mixed`: both; `none`: no calls.
*/
export type CostSource = 'reported' | 'estimated' | 'mixed' | 'none';

export type ActivityShare = {tokens: number; costUSD: number};

export type Totals = {
	readonly tokens: TokenCounts;
	/** input + cacheRead + cacheWrite + output. */
	readonly total: number;
	/** USD; null when any part of it is unpriced. */
	readonly costUSD: number | null;
	/** USD of the priced parts only (what the UI can still show as "≥ $x"). */
	readonly pricedCostUSD: number;
	readonly costSource: CostSource;
	/** Tokens of calls whose model has no price. */
	readonly unpricedTokens: number;
	readonly calls: number;
	readonly turns: number;
	readonly sessions: number;
	/** Epoch ms of the first and last call; 0 when empty. */
	readonly firstTime: number;
	readonly lastTime: number;
	/** Models by total tokens, largest first. */
	readonly models: readonly string[];
	/** Agents by total tokens, largest first (ties in `agentIds` order). */
	readonly agents: readonly AgentId[];
	/** cacheRead / (input + cacheRead + cacheWrite). */
	readonly cacheHitRate: number;
	readonly activity: Readonly<Record<Activity, ActivityShare>>;
	/** Per model and per agent: tokens, cost (null when unpriced) and calls. */
	readonly byModel: ReadonlyMap<string, Breakdown>;
	readonly byAgent: ReadonlyMap<string, Breakdown>;
};

export type Breakdown = {readonly tokens: TokenCounts; readonly costUSD: number | null; readonly calls: number};

export type SessionInfo = {
	readonly agent: AgentId;
	/** Agent-scoped id as the agent wrote it. */
	readonly sessionId: string;
	readonly project: string;
	readonly cwd?: string;
	readonly title?: string;
	readonly surface?: string;
	readonly gitBranch?: string;
	/** The machine the session ran on, when known (ledger, WSL, import). */
	readonly device?: string;
	/** First and last call of the whole session (not only this day's fragment). */
	readonly firstTime: number;
	readonly lastTime: number;
};

export type TurnInfo = {
	readonly turnId: string;
	/** Prompt preview; empty when the calls came before any prompt. */
	readonly prompt: string;
	readonly time: number;
};

export type CallInfo = {
	readonly agent: AgentId;
	readonly time: number;
	readonly model: string;
	readonly tokens: TokenCounts;
	readonly costUSD: number | null;
	readonly costSource: 'reported' | 'estimated';
	readonly pricingKey?: string;
	readonly longContext: boolean;
	readonly tools: readonly ToolUse[];
	readonly files: readonly string[];
	readonly callId?: string;
};

export type TreeNode = {
	/** Dense id, unique in one tree (0 = root). */
	readonly id: number;
	readonly kind: NodeKind;
	/**
	Stable key among siblings, also used in paths and the remembered view:
	week `2026-W07`, day `2026-02-12`, session `claude:<sessionId>`, turn `<turnId>`,
	call `<index>` (or the call id), project its name, model the model as logged, agent its id
	(`claude`), device its name (`(unknown)` for sessions that carry none).
	*/
	readonly key: string;
	/**
	Human label (week/day: the key; session: project; turn: prompt; call: model; project, model,
	device: the key; agent: the agent's name).
	*/
	readonly label: string;
	readonly parent: TreeNode | undefined;
	readonly children: readonly TreeNode[];
	readonly totals: Totals;
	/** On session nodes and below (the session the node belongs to). */
	readonly session?: SessionInfo;
	readonly turn?: TurnInfo;
	readonly call?: CallInfo;
	/**
	Session and turn fragments of a session that crossed midnight: whether it continued
	from an earlier day / into a later day.
	*/
	readonly continues?: {readonly fromEarlierDay: boolean; readonly toLaterDay: boolean};
};

export type TreeFilter = {
	readonly agents?: readonly AgentId[];
	/** Inclusive YYYY-MM-DD bounds in the tree's time zone. */
	readonly since?: string;
	readonly until?: string;
	/** Case-insensitive text matched against project, prompt, model, session id. */
	readonly text?: string;
	/** Only sessions of these devices (SessionInfo.device); all when empty/undefined. */
	readonly devices?: readonly string[];
};

export type TreeModel = {
	readonly root: TreeNode;
	/** How the calls are grouped under the root (views.ts). */
	readonly view: ViewName;
	readonly timezone: string;
	readonly filter: TreeFilter;
	/** Number of nodes, root included. */
	readonly size: number;
	/** Every agent that had calls before filtering, in `agentIds` order (the agent filter cycle). */
	readonly agentsPresent: readonly AgentId[];
	/** Every device that had calls before filtering, sorted (for a device filter cycle). */
	readonly devicesPresent?: readonly string[];
	/** Models that had calls but no price, with their token totals. */
	readonly unpricedModels: ReadonlyMap<string, number>;
};
