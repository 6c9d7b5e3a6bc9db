/**
ZCode `db.sqlite` rows → events (FORMATS.md §5.8). `model_usage` holds one row per model request;
`session` names each session's folder. ZCode's counts are inclusive: `input_tokens` holds the
cache reads and writes (its `computed_total_tokens` is input + output) and `output_tokens` holds
the reasoning. So the cache slices are carved out of input, each clamped to what is left of it
(as ccusage does: a row may claim more cache reads than input), and reasoning is the part of
output it names. A computed total above input + output is output counted apart, added to output
as reasoning. Rows of requests that did not complete (`status` other than `completed`, which
record no tokens) are left out. Requests that share a `turn_id` form one turn; the database names
no prompt text.
*/
import path from 'node:path';
import type {CallEvent, SessionEvent, TurnEvent, UsageEvent} from '../../core/events.js';
import type {TokenCounts} from '../../core/tokens.js';
import {tokenCount, totalOf} from '../../core/tokens.js';
import {inclusiveInput} from '../token-counters.js';
import {parseTime} from '../../core/time.js';
import {asString} from '../read-lines.js';
import {type ReadOnlyDatabase, type SqlRow, selectColumns} from '../sqlite.js';
import type {ParseContext, SourceFile} from '../types.js';

const usageColumns = [
	'id',
	'session_id',
	'turn_id',
	'model_id',
	'status',
	'started_at',
	'completed_at',
	'input_tokens',
	'output_tokens',
	'reasoning_tokens',
	'cache_read_input_tokens',
	'cache_creation_input_tokens',
	'computed_total_tokens',
] as const;

const sessionColumns = ['id', 'directory', 'path', 'title'] as const;

export function tokensOf(row: SqlRow): TokenCounts {
	const prompt = tokenCount(row['input_tokens']);
	const output = tokenCount(row['output_tokens']);
	const cacheRead = Math.min(tokenCount(row['cache_read_input_tokens']), prompt);
	const cacheWrite = Math.min(tokenCount(row['cache_creation_input_tokens']), prompt - cacheRead);
	const apart = Math.max(0, tokenCount(row['computed_total_tokens']) - prompt - output);
	const reasoning = Math.min(tokenCount(row['reasoning_tokens']), output) + apart;
	return inclusiveInput({input: prompt, cacheRead, cacheWrite, output: output + apart, reasoning});
}

function sessionEvent(row: SqlRow): SessionEvent {
	const cwd = asString(row['directory']) ?? asString(row['path']);
	const title = asString(row['title']);
	return {
		type: 'session',
		agent: 'zcode',
		sessionId: String(row['id']),
		...(cwd ? {cwd, project: path.basename(cwd)} : {}),
		...(title ? {title} : {}),
	};
}

function callEvent(row: SqlRow, sessionId: string, time: number): CallEvent | undefined {
	const tokens = tokensOf(row);
	if (totalOf(tokens) === 0) {
		return undefined;
	}

	const id = String(row['id']);
	const turnId = asString(row['turn_id']);
	const model = typeof row['model_id'] === 'string' ? asString(row['model_id'].trim()) : undefined;
	return {
		type: 'call',
		agent: 'zcode',
		sessionId,
		...(turnId ? {turnId} : {}),
		time,
		model,
		tokens,
		// One row per request, its id unique: a copy of the database holds the same row.
		dedupKey: `zcode:${id}`,
		tools: [],
		callId: id,
	};
}

/** A request's time: when it started (as ccusage dates it), else when it completed. */
function timeOfRow(row: SqlRow): number | undefined {
	const time = parseTime(row['started_at']) ?? parseTime(row['completed_at']);
	return time === undefined ? undefined : Math.floor(time);
}

function* usageEvents(rows: SqlRow[], file: SourceFile, context: ParseContext): Generator<UsageEvent> {
	const turns = new Set<string>();
	for (const row of rows) {
		if (row['id'] === null || row['id'] === '' || (row['status'] !== undefined && row['status'] !== 'completed')) {
			continue;
		}

		const time = timeOfRow(row);
		if (time === undefined) {
			const message = `request ${String(row['id'])}: started_at is not a time`;
			context.report({kind: 'missing-field', agent: 'zcode', file: file.path, message});
			continue;
		}

		const sessionId = asString(row['session_id']) ?? 'unknown';
		const call = callEvent(row, sessionId, time);
		if (!call) {
			continue;
		}

		const turnKey = `${sessionId}\u0000${call.turnId}`;
		if (call.turnId && !turns.has(turnKey)) {
			turns.add(turnKey);
			const turn: TurnEvent = {type: 'turn', agent: 'zcode', sessionId, turnId: call.turnId, time, prompt: ''};
			yield turn;
		}

		yield call;
	}
}

export function* zcodeEvents(
	database: ReadOnlyDatabase,
	file: SourceFile,
	context: ParseContext,
): Generator<UsageEvent> {
	const order = database.columns('model_usage').has('started_at') ? 'started_at, id' : 'id';
	const rows = selectColumns(database, 'model_usage', usageColumns, ['id', 'input_tokens', 'output_tokens'], order);
	if (!rows) {
		context.report({
			kind: 'unknown-schema',
			agent: 'zcode',
			file: file.path,
			message: 'no model_usage table with id, input_tokens and output_tokens',
		});
		return;
	}

	for (const row of selectColumns(database, 'session', sessionColumns, ['id']) ?? []) {
		if (row['id'] !== null && row['id'] !== '') {
			yield sessionEvent(row);
		}
	}

	yield* usageEvents(rows, file, context);
}
