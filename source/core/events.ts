/**
Normalized events: the only thing parsers hand to the rest of the program
(source/ARCHITECTURE.md §3). Parsers never compute cost tiers, days or trees; they say what the
agent recorded, in agent-neutral words.

Session keys are agent-scoped strings; the builder prefixes them with the agent id, so two
agents can never collide.
*/
import type {Activity} from './activity.js';
import type {AgentId} from './agents.js';
import type {TokenCounts} from './tokens.js';

/** A tool call made by one API response. */
export type ToolUse = {
	/** The tool name as the agent logged it (`Read`, `shell`, `mcp__github__get_issue`). */
	readonly name: string;
	readonly activity: Activity;
	/** A file path the tool touched, when it names one (never its content). */
	readonly file?: string;
};

/** Describes a session; may be emitted several times (later fields fill gaps). */
export type SessionEvent = {
	readonly type: 'session';
	readonly agent: AgentId;
	readonly sessionId: string;
	/** Human project name (last path segment of the cwd, or a slug). */
	readonly project?: string;
	readonly cwd?: string;
	/**
	The folder the agent filed the session under when no cwd is known: the cwd with its
	separators made dashes (`-home-alice-shop`), so a whole path. Shown as the project name
	only when nothing better is known, and never kept in the usage history (a path).
	*/
	readonly projectFolder?: string;
	readonly title?: string;
	/** Where the agent ran: `cli`, `vscode`, `desktop`, `exec`, … */
	readonly surface?: string;
	/** Set when this session's usage belongs to another (reviewer/sub-agent transcripts). */
	readonly parentSessionId?: string;
	readonly gitBranch?: string;
	/** The machine the session ran on (multi-machine ledgers, WSL's Windows side, imports). */
	readonly device?: string;
	/**
	The whole session's cost as the agent itself reported it (Claude Code's status line
	`cost.total_cost_usd`); cumulative, so the largest figure seen wins.
	*/
	readonly reportedCostUSD?: number;
};

/** A human prompt: starts a turn. */
export type TurnEvent = {
	readonly type: 'turn';
	readonly agent: AgentId;
	readonly sessionId: string;
	/** Unique within the session (line uuid, message id, or a counter). */
	readonly turnId: string;
	/** Epoch milliseconds. */
	readonly time: number;
	/** The prompt text, trimmed and cut to at most 200 characters. */
	readonly prompt: string;
	/** 1-based line of the source file that recorded it, where the format has lines (for diagnostics; not stored). */
	readonly line?: number;
};

/** One billed model request. */
export type CallEvent = {
	readonly type: 'call';
	readonly agent: AgentId;
	readonly sessionId: string;
	/** The turn this call belongs to; absent → the session's latest turn by time (or none). */
	readonly turnId?: string;
	/** Epoch milliseconds. */
	readonly time: number;
	/** Model id as logged; undefined when the agent did not record one. */
	readonly model?: string;
	readonly tokens: TokenCounts;
	/**
	Global dedup key (already agent-specific, e.g. `claude:msg_x:req_y`). Copies with the
	same key are one call; the store keeps the preferred copy (`prefers` in model/store.ts).
	*/
	readonly dedupKey?: string;
	/** Copies from sub-agent/sidechain files lose to a main-file copy of the same call. */
	readonly sidechain?: boolean;
	/** USD the agent itself recorded for this call (`reported` cost). */
	readonly reportedCostUSD?: number;
	/** Pricing modifiers recorded on the call (`fast` mode, …). */
	readonly speed?: 'fast';
	readonly tools: readonly ToolUse[];
	/** Opaque id of the response (message id), shown in the info pane. */
	readonly callId?: string;
	/** 1-based line of the source file that recorded it, where the format has lines (for diagnostics; not stored). */
	readonly line?: number;
};

export type UsageEvent = SessionEvent | TurnEvent | CallEvent;
