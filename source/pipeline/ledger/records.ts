/**
Ledger records: the compact, content-free form of what a load saw (format `agent-ncdu-ledger`,
version 1). One JSON object per line; the first line is a header.

Content-free by construction: prompts, titles, cwd paths, tool arguments and file paths are
never written. A record keeps only what totals, dedup and the tree need: ids, times, agent,
session, project name, model, token counts, cost and its source, tool names and activities.

Line kinds (`k`): `h` header, `s` session, `t` turn (id and time only), `c` call, `r` a
session cost the agent itself reported (the Claude Code status line). Unknown kinds and
malformed lines are skipped, so a newer writer never breaks an older reader.
*/
import {activities, type Activity} from '../../core/activity.js';
import {type AgentId, isAgentId} from '../../core/agents.js';
import type {CallEvent, ToolUse} from '../../core/events.js';
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

export function tokensFromArray(values: readonly number[]): TokenCounts {
	const at = (index: number) => (Number.isFinite(values[index]) && values[index]! >= 0 ? values[index]! : 0);
	return {input: at(0), cacheRead: at(1), cacheWrite5m: at(2), cacheWrite1h: at(3), output: at(4), reasoning: at(5)};
}

/**
Identity of a call across sources that may lack a dedup key: agent, session, time, model and
every token count. Two copies with this identity are the same API call.
*/
export function fingerprintOf(call: Pick<CallEvent, 'agent' | 'sessionId' | 'time' | 'model' | 'tokens'>): string {
	return `${call.agent}\u0000${call.sessionId}\u0000${call.time}\u0000${call.model ?? ''}\u0000${tokensToArray(call.tokens).join(',')}`;
}

export function callToRecord(call: CallEvent): LedgerCall {
	const record: LedgerCall = {k: 'c', a: call.agent, s: call.sessionId, t: call.time, tk: tokensToArray(call.tokens)};
	if (call.turnId !== undefined) record.u = call.turnId;
	if (call.model !== undefined) record.m = call.model;
	if (call.dedupKey !== undefined) record.key = call.dedupKey;
	if (call.sidechain) record.sc = 1;
	if (call.reportedCostUSD !== undefined) record.r = call.reportedCostUSD;
	if (call.speed) record.sp = call.speed;
	if (call.tools.length > 0) record.to = call.tools.map(tool => [tool.name, tool.activity]);
	if (call.callId !== undefined) record.id = call.callId;
	return record;
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
const isTime = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value > 0;
const optionalString = (value: unknown) => value === undefined || isString(value);

/** Validates one parsed line; undefined for anything malformed or of an unknown kind. */
export function validRecord(value: unknown): LedgerRecord | undefined {
	if (typeof value !== 'object' || value === null) {
		return undefined;
	}

	const line = value as Record<string, unknown>;
	if (!isString(line['a']) || !isAgentId(line['a']) || !isString(line['s'])) {
		return undefined;
	}

	switch (line['k']) {
		case 's': {
			return ['d', 'p', 'sf', 'ps', 'gb'].every(key => optionalString(line[key])) ? (line as LedgerSession) : undefined;
		}

		case 't': {
			return isString(line['id']) && isTime(line['t']) ? (line as LedgerTurn) : undefined;
		}

		case 'c': {
			const tools = line['to'];
			const toolsOk =
				tools === undefined ||
				(Array.isArray(tools) &&
					tools.every(tool => Array.isArray(tool) && isString(tool[0]) && activities.includes(tool[1] as Activity)));
			const tokensOk =
				Array.isArray(line['tk']) && line['tk'].length === 6 && line['tk'].every(n => typeof n === 'number');
			const costOk = line['r'] === undefined || (typeof line['r'] === 'number' && Number.isFinite(line['r']));
			return isTime(line['t']) &&
				tokensOk &&
				toolsOk &&
				costOk &&
				['u', 'm', 'key', 'id'].every(key => optionalString(line[key]))
				? (line as LedgerCall)
				: undefined;
		}

		case 'r': {
			return typeof line['usd'] === 'number' && Number.isFinite(line['usd']) && line['usd'] >= 0
				? (line as LedgerReported)
				: undefined;
		}

		default: {
			return undefined;
		}
	}
}
