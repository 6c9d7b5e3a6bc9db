/**
Hermes `state.db` rows → events (FORMATS.md §5.5). Hermes records usage per session only: the
`sessions` row carries the session's summed counters, so each row with usage becomes one call
at the session's start, as ccusage dates it. Counters are Hermes' canonical buckets
(agent/usage_pricing.py): `input_tokens` is uncached input, cache reads and writes are apart,
and `output_tokens` is the provider's completion count, which already holds the
`reasoning_tokens` part.

Columns come and go between Hermes versions, so only the columns this database has are read;
`id` and `started_at` are the minimum.
*/
import path from 'node:path';
import type {SessionEvent} from '../../core/events.js';
import {type TokenCounts, tokenCount} from '../../core/tokens.js';
import {parseTime} from '../../core/time.js';
import {asString, parseJsonObject, num} from '../read-lines.js';
import {sessionTableReader} from '../session-table.js';
import type {SqlRow} from '../sqlite.js';

const wantedColumns = [
	'id',
	'source',
	'model',
	'model_config',
	'parent_session_id',
	'started_at',
	'end_reason',
	'input_tokens',
	'output_tokens',
	'cache_read_tokens',
	'cache_write_tokens',
	'reasoning_tokens',
	'estimated_cost_usd',
	'actual_cost_usd',
	'cwd',
	'git_branch',
	'title',
] as const;

/** A parent ended this way started a new conversation on the same chat (hermes_state_common.py). */
const resetEndReasons = new Set([
	'session_reset',
	'session_switch',
	'idle',
	'daily',
	'suspended',
	'resume_pending_expired',
]);

/** The value of a `_…_from` marker in the session's `model_config` JSON. */
function marker(row: SqlRow, name: string): string | undefined {
	const config = typeof row['model_config'] === 'string' ? parseJsonObject(row['model_config']) : undefined;
	return asString(config?.[name]);
}

/**
The session whose usage this row continues, if any. A child row is a compression continuation
(the parent ended with `compression`) or a sub-agent run: both are the parent conversation. A
`/branch` fork or a reset on the same chat is a conversation of its own, and stays one. A marker
counts only when it names this parent: continuations inherit their parent's `model_config`.
*/
function continuedSession(row: SqlRow, byId: ReadonlyMap<string, SqlRow>): string | undefined {
	const parentId = asString(row['parent_session_id']);
	const parent = parentId ? byId.get(parentId) : undefined;
	if (!(parentId && parent) || parentId === row['id']) {
		return undefined;
	}

	const parentEnd = asString(parent['end_reason']) ?? '';
	const branched = marker(row, '_branched_from') === parentId || parentEnd === 'branched';
	const reset = marker(row, '_reset_from') === parentId || resetEndReasons.has(parentEnd);
	return branched || reset ? undefined : parentId;
}

function sessionEvent(row: SqlRow, byId: ReadonlyMap<string, SqlRow>): SessionEvent {
	const cwd = asString(row['cwd']);
	const parentSessionId = continuedSession(row, byId);
	return {
		type: 'session',
		agent: 'hermes',
		sessionId: String(row['id']),
		...(cwd ? {cwd, project: path.basename(cwd)} : {}),
		...(asString(row['title']) ? {title: asString(row['title'])} : {}),
		...(asString(row['source']) ? {surface: asString(row['source'])} : {}),
		...(asString(row['git_branch']) ? {gitBranch: asString(row['git_branch'])} : {}),
		...(parentSessionId ? {parentSessionId} : {}),
	};
}

/** Hermes' own figure: the provider's actual cost, else Hermes' estimate; a recorded 0 (a subscription) is no figure. */
function recordedCost(row: SqlRow): number | undefined {
	const actual = num(row['actual_cost_usd']);
	const estimated = num(row['estimated_cost_usd']);
	return actual > 0 ? actual : estimated > 0 ? estimated : undefined;
}

function tokensOf(row: SqlRow): TokenCounts {
	const output = tokenCount(row['output_tokens']);
	return {
		input: tokenCount(row['input_tokens']),
		output,
		cacheRead: tokenCount(row['cache_read_tokens']),
		cacheWrite5m: tokenCount(row['cache_write_tokens']),
		cacheWrite1h: 0,
		reasoning: Math.min(tokenCount(row['reasoning_tokens']), output),
	};
}

export const hermesEvents = sessionTableReader({
	columns: wantedColumns,
	start: 'started_at',
	time: parseTime,
	session: sessionEvent,
	tokens: tokensOf,
	cost: recordedCost,
	model: row => asString(typeof row['model'] === 'string' ? row['model'].trim() : undefined),
	// One row per session: a copy of this database (another HERMES_HOME entry) holds the same row.
	dedupKey: sessionId => `hermes:${sessionId}`,
});
