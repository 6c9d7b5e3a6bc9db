/**
Reads one OpenCode SQLite database (v1.2+ `message`/`part`/`session` tables, and the v2
`session_message` table; formats.md §4.1) through the shared read-only adapter (sqlite.ts).
A database that cannot be opened or queried becomes one `database-error` diagnostic.
*/
import path from 'node:path';
import type {ToolUse, UsageEvent} from '../../core/events.js';
import {asString} from '../read-lines.js';
import {databaseEvents, type ReadOnlyDatabase, type SqlRow} from '../sqlite.js';
import type {ParseContext, SourceFile} from '../types.js';
import {callFromMessage, turnFromMessage} from './message.js';
import {classifyTool} from '../../core/activity.js';

type PartIndex = {tools: Map<string, ToolUse[]>; texts: Map<string, string[]>};

function pushTo<T>(map: Map<string, T[]>, key: string, value: T): void {
	const list = map.get(key);
	if (list) {
		list.push(value);
	} else {
		map.set(key, [value]);
	}
}

/** Tool parts of every message and the text of user messages (prompts), cut short in SQL. */
function readParts(database: ReadOnlyDatabase): PartIndex {
	const index: PartIndex = {tools: new Map(), texts: new Map()};
	const rows = database.all(
		`SELECT message_id, json_extract(data, '$.type') AS type, json_extract(data, '$.tool') AS tool,
			json_extract(data, '$.state.input.filePath') AS file, json_extract(data, '$.state.input.command') AS command,
			substr(json_extract(data, '$.text'), 1, 400) AS text, json_extract(data, '$.synthetic') AS synthetic
		FROM part WHERE json_valid(data) AND json_extract(data, '$.type') IN ('tool', 'text') ORDER BY message_id, id`,
	);
	for (const row of rows) {
		const messageId = String(row['message_id']);
		const tool = asString(row['tool']);
		if (row['type'] === 'tool' && tool) {
			const file = asString(row['file']);
			pushTo(index.tools, messageId, {
				name: tool,
				activity: classifyTool(tool, asString(row['command'])),
				...(file ? {file} : {}),
			});
		} else if (row['type'] === 'text' && !row['synthetic']) {
			const text = asString(row['text']);
			if (text) {
				pushTo(index.texts, messageId, text);
			}
		}
	}

	return index;
}

function* sessionEvents(database: ReadOnlyDatabase): Generator<UsageEvent> {
	for (const row of database.all('SELECT * FROM session')) {
		const directory = asString(row['directory']);
		const parent = asString(row['parent_id']);
		const title = asString(row['title']);
		yield {
			type: 'session',
			agent: 'opencode',
			sessionId: String(row['id']),
			...(directory ? {cwd: directory, project: path.basename(directory)} : {}),
			...(title ? {title} : {}),
			...(parent ? {parentSessionId: parent} : {}),
		};
	}
}

function* messageEvents(
	rows: SqlRow[],
	parts: PartIndex,
	file: SourceFile,
	context: ParseContext,
	roleColumn?: string,
): Generator<UsageEvent> {
	for (const row of rows) {
		const id = String(row['id']);
		let data: Record<string, unknown> | undefined;
		try {
			const parsed: unknown = JSON.parse(String(row['data']));
			data =
				parsed && typeof parsed === 'object' && !Array.isArray(parsed)
					? (parsed as Record<string, unknown>)
					: undefined;
		} catch {
			data = undefined;
		}

		if (!data) {
			context.report({
				kind: 'malformed-line',
				agent: 'opencode',
				file: file.path,
				message: `message ${id}: data is not a JSON object`,
			});
			continue;
		}

		const messageContext = {
			id,
			sessionId: String(row['session_id']),
			role: roleColumn ? asString(row[roleColumn]) : undefined,
			createdMs: typeof row['time_created'] === 'number' ? row['time_created'] : undefined,
		};
		const turn = turnFromMessage(data, messageContext, parts.texts.get(id) ?? []);
		if (turn) {
			yield turn;
			continue;
		}

		const call = callFromMessage(data, messageContext, parts.tools.get(id) ?? []);
		if (call) {
			yield call;
		}
	}
}

function* databaseEventsOf(database: ReadOnlyDatabase, file: SourceFile, context: ParseContext): Generator<UsageEvent> {
	const tables = database.tables();
	const parts = tables.has('part') ? readParts(database) : {tools: new Map(), texts: new Map()};
	if (tables.has('session')) {
		yield* sessionEvents(database);
	}

	const order = 'ORDER BY time_created, id';
	if (tables.has('message')) {
		const rows = database.all(`SELECT id, session_id, time_created, data FROM message ${order}`);
		yield* messageEvents(rows, parts, file, context);
	}

	if (tables.has('session_message')) {
		const rows = database.all(`SELECT id, session_id, type, time_created, data FROM session_message ${order}`);
		yield* messageEvents(rows, parts, file, context, 'type');
	}

	if (!tables.has('message') && !tables.has('session_message')) {
		context.report({
			kind: 'unknown-schema',
			agent: 'opencode',
			file: file.path,
			message: 'no message or session_message table',
		});
	}
}

export function parseDatabase(file: SourceFile, context: ParseContext): AsyncIterable<UsageEvent> {
	return databaseEvents(file, context, database => databaseEventsOf(database, file, context));
}
