/**
Builders for realistic normalized events in tests: short to write, complete enough to
exercise the tree (agents, sessions, turns, tools, tokens by kind).
*/
import type {Activity} from '../../source/core/activity.js';
import type {AgentId} from '../../source/core/agents.js';
import type {CallEvent, SessionEvent, ToolUse, TurnEvent} from '../../source/core/events.js';
import {type TokenCounts, zeroTokens} from '../../source/core/tokens.js';

export function tokens(partial: Partial<TokenCounts>): TokenCounts {
	return {...zeroTokens(), ...partial};
}

export function session(agent: AgentId, sessionId: string, extra: Partial<SessionEvent> = {}): SessionEvent {
	return {type: 'session', agent, sessionId, cwd: `/home/dev/${sessionId}-project`, ...extra};
}

export function turn(agent: AgentId, sessionId: string, turnId: string, iso: string, prompt: string): TurnEvent {
	return {type: 'turn', agent, sessionId, turnId, time: Date.parse(iso), prompt};
}

export function tool(name: string, activity: Activity, file?: string): ToolUse {
	return file ? {name, activity, file} : {name, activity};
}

export function call(agent: AgentId, sessionId: string, iso: string, extra: Partial<CallEvent> = {}): CallEvent {
	return {
		type: 'call',
		agent,
		sessionId,
		time: Date.parse(iso),
		model: agent === 'codex' ? 'gpt-5.3-codex' : 'claude-sonnet-4-5',
		tokens: tokens({input: 1000, cacheRead: 20_000, cacheWrite5m: 500, output: 300}),
		tools: [],
		...extra,
	};
}
