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
import type {CallEvent, SessionEvent, UsageEvent} from '../../core/events.js';
import type {TokenCounts} from '../../core/tokens.js';
import {tokenCount, totalOf} from '../../core/tokens.js';
import {parseTime} from '../../core/time.js';
import {num} from '../amp/files.js';
import {asString, parseJsonObject} from '../read-lines.js';
import {type ReadOnlyDatabase, type SqlRow, selectColumns} from '../sqlite.js';
import type {ParseContext, SourceFile} from '../types.js';

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
	return {
		input: Math.max(0, promptWithCache - cacheRead - cacheWrite),
		output: output + reasoning,
		cacheRead,
		cacheWrite5m: cacheWrite,
		cacheWrite1h: 0,
		reasoning,
	};
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

function callEvent(row: SqlRow, time: number): CallEvent | undefined {
	const tokens = tokensOf(row);
	const cost = num(row['accumulated_cost']);
	if (totalOf(tokens) === 0 && cost === 0) {
		return undefined;
	}

	const sessionId = String(row['id']);
	return {
		type: 'call',
		agent: 'goose',
		sessionId,
		time,
		model: modelOf(row),
		tokens,
		// Ids are a day and a counter (20260501_1): two databases can hold different sessions
		// under one id, never with the same start.
		dedupKey: `goose:${sessionId}:${time}`,
		...(cost > 0 ? {reportedCostUSD: cost} : {}),
		tools: [],
		callId: sessionId,
	};
}

export function* gooseEvents(
	database: ReadOnlyDatabase,
	file: SourceFile,
	context: ParseContext,
): Generator<UsageEvent> {
	const rows = selectColumns(database, 'sessions', wantedColumns, ['id', 'created_at'], 'created_at, id');
	if (!rows) {
		context.report({
			kind: 'unknown-schema',
			agent: 'goose',
			file: file.path,
			message: 'no sessions table with id and created_at',
		});
		return;
	}

	for (const row of rows) {
		if (row['id'] === null || row['id'] === '') {
			continue;
		}

		yield sessionEvent(row);
		const time = gooseTime(row['created_at']);
		if (time === undefined) {
			context.report({
				kind: 'missing-field',
				agent: 'goose',
				file: file.path,
				message: `session ${String(row['id'])}: created_at is not a time`,
			});
			continue;
		}

		const call = callEvent(row, Math.floor(time));
		if (call) {
			yield call;
		}
	}
}
