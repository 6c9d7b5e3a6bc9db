/**
Records of the usage history's previous format (`agent-ncdu-ledger`, version 1; read only to
migrate it, legacy-ledger.ts). One JSON object per line; the first line is a header.

Content-free by construction: prompts, titles, cwd paths, tool arguments and file paths are
never written. A record keeps only what totals, dedup and the tree need: ids, times, agent,
session, project name, model, token counts, cost and its source, tool names and activities.

Line kinds (`k`): `h` header, `s` session, `t` turn (id and time only), `c` call, `r` a
session cost the agent itself reported (the Claude Code status line). Unknown kinds and
malformed lines are skipped, so a newer writer never breaks an older reader.
*/
import {activities, type Activity} from '../../core/activity.js';
import {type AgentId, isAgentId} from '../../core/agents.js';
import type {CallEvent, ToolUse, UsageEvent} from '../../core/events.js';
import {eventProblem} from '../../core/limits.js';
import type {TokenCounts} from '../../core/tokens.js';

export const ledgerFormat = 'agent-ncdu-ledger';
export const ledgerVersion = 1;

export type LedgerHeader = {
	k: 'h';
	format: string;
	version: number;
	host: string;
	writtenAt: string;
	digest?: string;
	summary?: string;
};
export type LedgerSession = {
	k: 's';
	a: AgentId;
	s: string;
	d?: string;
	p?: string;
	sf?: string;
	ps?: string;
	gb?: string;
};
export type LedgerTurn = {k: 't'; a: AgentId; s: string; id: string; t: number};
/** tk: [input, cacheRead, cacheWrite5m, cacheWrite1h, output, reasoning]; to: [[tool, activity]]. */
export type LedgerCall = {
	k: 'c';
	a: AgentId;
	s: string;
	u?: string;
	t: number;
	m?: string;
	tk: number[];
	key?: string;
	sc?: 1;
	r?: number;
	sp?: 'fast';
	to?: Array<[string, Activity]>;
	id?: string;
};
export type LedgerReported = {k: 'r'; a: AgentId; s: string; usd: number};
export type LedgerRecord = LedgerSession | LedgerTurn | LedgerCall | LedgerReported;

export function tokensToArray(t: TokenCounts): number[] {
	return [t.input, t.cacheRead, t.cacheWrite5m, t.cacheWrite1h, t.output, t.reasoning];
}

/** The six counts in order; validRecord has checked them (core/limits.ts) before any record gets here. */
function tokensFromArray(values: readonly number[]): TokenCounts {
	const [input = 0, cacheRead = 0, cacheWrite5m = 0, cacheWrite1h = 0, output = 0, reasoning = 0] = values;
	return {input, cacheRead, cacheWrite5m, cacheWrite1h, output, reasoning};
}

/**
Identity of a call across sources that may lack a dedup key: agent, session, time, model and
every token count. Two copies with this identity are the same API call.
*/
export function fingerprintOf(call: Pick<CallEvent, 'agent' | 'sessionId' | 'time' | 'model' | 'tokens'>): string {
	return `${call.agent}\u0000${call.sessionId}\u0000${call.time}\u0000${call.model ?? ''}\u0000${tokensToArray(call.tokens).join(',')}`;
}

export function recordToCall(record: LedgerCall): CallEvent {
	const tools: ToolUse[] = (record.to ?? []).map(([name, activity]) => ({name, activity}));
	return {
		type: 'call',
		agent: record.a,
		sessionId: record.s,
		turnId: record.u,
		time: record.t,
		model: record.m,
		tokens: tokensFromArray(record.tk),
		dedupKey: record.key,
		sidechain: record.sc === 1 ? true : undefined,
		reportedCostUSD: record.r,
		speed: record.sp,
		tools,
		callId: record.id,
	};
}

const isString = (value: unknown): value is string => typeof value === 'string';
const optionalString = (value: unknown) => value === undefined || isString(value);

/** The shape of each line kind (types only); the values are checked by core/limits.ts after. */
function shapeOf(line: Record<string, unknown>): LedgerRecord | undefined {
	if (!isString(line['a']) || !isAgentId(line['a']) || !isString(line['s'])) {
		return undefined;
	}

	switch (line['k']) {
		case 's': {
			return ['d', 'p', 'sf', 'ps', 'gb'].every(key => optionalString(line[key])) ? (line as LedgerSession) : undefined;
		}

		case 't': {
			return isString(line['id']) && typeof line['t'] === 'number' ? (line as LedgerTurn) : undefined;
		}

		case 'c': {
			const tools = line['to'];
			const toolsOk =
				tools === undefined ||
				(Array.isArray(tools) &&
					tools.every(tool => Array.isArray(tool) && isString(tool[0]) && activities.includes(tool[1] as Activity)));
			const tokensOk =
				Array.isArray(line['tk']) && line['tk'].length === 6 && line['tk'].every(n => typeof n === 'number');
			return typeof line['t'] === 'number' &&
				tokensOk &&
				toolsOk &&
				(line['r'] === undefined || typeof line['r'] === 'number') &&
				(line['sp'] === undefined || line['sp'] === 'fast') &&
				['u', 'm', 'key', 'id'].every(key => optionalString(line[key]))
				? (line as LedgerCall)
				: undefined;
		}

		case 'r': {
			return typeof line['usd'] === 'number' ? (line as LedgerReported) : undefined;
		}

		default: {
			return undefined;
		}
	}
}

/** The event a record stands for (a reported cost is a session event with that figure). */
export function recordEvent(record: LedgerRecord): UsageEvent {
	switch (record.k) {
		case 's': {
			return {
				type: 'session',
				agent: record.a,
				sessionId: record.s,
				device: record.d,
				project: record.p,
				surface: record.sf,
				parentSessionId: record.ps,
				gitBranch: record.gb,
			};
		}

		case 't': {
			return {type: 'turn', agent: record.a, sessionId: record.s, turnId: record.id, time: record.t, prompt: ''};
		}

		case 'c': {
			return recordToCall(record);
		}

		case 'r': {
			return {type: 'session', agent: record.a, sessionId: record.s, reportedCostUSD: record.usd};
		}

		default: {
			return record satisfies never;
		}
	}
}

/**
Validates one parsed line; undefined for anything malformed, of an unknown kind, or with a
value beyond core/limits.ts's bounds (another machine's ledger is data like any transcript).
*/
export function validRecord(value: unknown): LedgerRecord | undefined {
	if (typeof value !== 'object' || value === null) {
		return undefined;
	}

	const record = shapeOf(value as Record<string, unknown>);
	return record && eventProblem(recordEvent(record)) === undefined ? record : undefined;
}
