/**
Reads one OpenCode SQLite database (v1.2+ `message`/`part`/`session` tables, and the v2
`session_message` table; parsers/FORMATS.md §4.1) through the shared read-only adapter (sqlite.ts).
Kilo CLI, an OpenCode fork, keeps the same schema in `kilo.db` (parsers/FORMATS.md §5.7): events carry
the agent of the file. A message table without `time_created` (the row's own time) is read too:
messages then need their `time.created`. A database that cannot be opened or queried becomes one
`database-error` diagnostic.
*/
import path from 'node:path';
import type {AgentId} from '../../core/agents.js';
import type {ToolUse, UsageEvent} from '../../core/events.js';
import {asString, parseJsonObject} from '../read-lines.js';
import {databaseParser, type ReadOnlyDatabase, type SqlRow, selectColumns} from '../sqlite.js';
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

function* sessionEvents(database: ReadOnlyDatabase, agent: AgentId): Generator<UsageEvent> {
	for (const row of database.all('SELECT * FROM session')) {
		const directory = asString(row['directory']);
		const parent = asString(row['parent_id']);
		const title = asString(row['title']);
		yield {
			type: 'session',
			agent,
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
		const data = parseJsonObject(String(row['data']));
		if (!data) {
			context.report({
				kind: 'malformed-line',
				agent: file.agent,
				file: file.path,
				message: `message ${id}: data is not a JSON object`,
			});
			continue;
		}

		const messageContext = {
			agent: file.agent,
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

/** The rows of a message table (`message`, or v2 `session_message` with its `type` role column), oldest first. */
function messageRows(database: ReadOnlyDatabase, table: string): SqlRow[] | undefined {
	const order = database.columns(table).has('time_created') ? 'time_created, id' : 'id';
	const wanted = ['id', 'session_id', 'type', 'time_created', 'data'];
	return selectColumns(database, table, wanted, ['id', 'session_id', 'data'], order);
}

function* databaseEventsOf(database: ReadOnlyDatabase, file: SourceFile, context: ParseContext): Generator<UsageEvent> {
	const tables = database.tables();
	const parts = tables.has('part') ? readParts(database) : {tools: new Map(), texts: new Map()};
	if (tables.has('session')) {
		yield* sessionEvents(database, file.agent);
	}

	const messages = tables.has('message') ? messageRows(database, 'message') : undefined;
	if (messages) {
		yield* messageEvents(messages, parts, file, context);
	}

	const v2Messages = tables.has('session_message') ? messageRows(database, 'session_message') : undefined;
	if (v2Messages) {
		yield* messageEvents(v2Messages, parts, file, context, 'type');
	}

	if (!messages && !v2Messages) {
		context.report({
			kind: 'unknown-schema',
			agent: file.agent,
			file: file.path,
			message: 'no message or session_message table with id, session_id and data',
		});
	}
}

export const parseDatabase = databaseParser(databaseEventsOf);
