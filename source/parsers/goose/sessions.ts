/**
Goose `sessions.db` rows → events (FORMATS.md §5.6). Goose records usage per session: the
`accumulated_*` counters are the session's running sums (the plain ones, read when those are
missing, are the latest request's), so each session with usage becomes one call dated at its
`created_at`, as ccusage dates it. Goose's input count includes cache reads and writes (its
providers fold Anthropic's separate cache counts in); newer builds also keep the cache counts,
which are then carved out of input. A total above input + output is output the provider counted
apart (Gemini's thoughts): it is added to output as reasoning. `accumulated_cost` is Goose's own
figure.
*/
import path from 'node:path';
import type {SessionEvent} from '../../core/events.js';
import type {TokenCounts} from '../../core/tokens.js';
import {tokenCount} from '../../core/tokens.js';
import {inclusiveInput} from '../token-counters.js';
import {parseTime} from '../../core/time.js';
import {asString, parseJsonObject, num} from '../read-lines.js';
import {sessionTableReader} from '../session-table.js';
import type {SqlRow} from '../sqlite.js';

const wantedColumns = [
	'id',
	'name',
	'working_dir',
	'created_at',
	'model_config_json',
	'provider_name',
	'parent_session_id',
	'total_tokens',
	'input_tokens',
	'output_tokens',
	'accumulated_total_tokens',
	'accumulated_input_tokens',
	'accumulated_output_tokens',
	'accumulated_cache_read_tokens',
	'accumulated_cache_write_tokens',
	'accumulated_cost',
] as const;

/** A positive count in the first of `columns` that has one; undefined when none has. */
function firstCount(row: SqlRow, ...columns: string[]): number | undefined {
	for (const column of columns) {
		const value = tokenCount(row[column]);
		if (value > 0) {
			return value;
		}
	}

	return undefined;
}

/** `created_at` as Goose stores it (SQLite's `CURRENT_TIMESTAMP`, UTC, no zone), ISO, or epoch s/ms. */
export function gooseTime(value: unknown): number | undefined {
	const text = typeof value === 'string' ? value.trim() : value;
	if (typeof text === 'string' && /^\d+$/.test(text)) {
		return parseTime(Number(text));
	}

	if (typeof text === 'string' && /^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}:\d{2}(\.\d+)?)?$/.test(text)) {
		return parseTime(`${text.length === 10 ? `${text}T00:00:00` : text.replace(' ', 'T')}Z`);
	}

	return parseTime(text);
}

function modelOf(row: SqlRow): string | undefined {
	const config = typeof row['model_config_json'] === 'string' ? parseJsonObject(row['model_config_json']) : undefined;
	const model = config?.['model_name'];
	return typeof model === 'string' ? asString(model.trim()) : undefined;
}

function tokensOf(row: SqlRow): TokenCounts {
	const promptWithCache = firstCount(row, 'accumulated_input_tokens', 'input_tokens') ?? 0;
	const output = firstCount(row, 'accumulated_output_tokens', 'output_tokens') ?? 0;
	const total = firstCount(row, 'accumulated_total_tokens', 'total_tokens') ?? promptWithCache + output;
	const cacheRead = tokenCount(row['accumulated_cache_read_tokens']);
	const cacheWrite = tokenCount(row['accumulated_cache_write_tokens']);
	const reasoning = Math.max(0, total - promptWithCache - output);
	return inclusiveInput({input: promptWithCache, cacheRead, cacheWrite, output: output + reasoning, reasoning});
}

function sessionEvent(row: SqlRow): SessionEvent {
	const cwd = asString(row['working_dir']);
	const title = asString(row['name']);
	const parent = asString(row['parent_session_id']);
	return {
		type: 'session',
		agent: 'goose',
		sessionId: String(row['id']),
		...(cwd ? {cwd, project: path.basename(cwd)} : {}),
		...(title ? {title} : {}),
		...(parent && parent !== row['id'] ? {parentSessionId: parent} : {}),
	};
}

export const gooseEvents = sessionTableReader({
	columns: wantedColumns,
	start: 'created_at',
	time: gooseTime,
	session: sessionEvent,
	tokens: tokensOf,
	cost: row => num(row['accumulated_cost']) || undefined,
	model: modelOf,
	// Ids are a day and a counter (20260501_1): two databases can hold different sessions
	// under one id, never with the same start.
	dedupKey: (sessionId, time) => `goose:${sessionId}:${time}`,
});
