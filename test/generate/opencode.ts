/**
Builds OpenCode SQLite databases for tests and demo data, in the v1.2+ schema of
parsers/FORMATS.md §4.1 (`session`, `message`, `part` with JSON `data` columns; `session_message`
for v2 when asked). Written with node-sqlite3-wasm in read-write mode — the parser itself
only ever reads private snapshots.

`generateOpenCodeDatabase` is deterministic (mulberry32, no clock): the same options make the
same rows; it returns the assistant calls it wrote so demos/tests can check totals.
*/
import {mkdirSync} from 'node:fs';
import path from 'node:path';
import sqlite3, {type Database as WasmDatabase} from 'node-sqlite3-wasm';

// A CommonJS package: under plain Node ESM (tsx scripts) its class is on the default export.
const Database =
	(sqlite3 as unknown as {Database?: typeof WasmDatabase}).Database ??
	(sqlite3 as unknown as typeof import('node-sqlite3-wasm')).Database;
type Database = WasmDatabase;
import {mulberry32} from './codex.js';

export const openCodeSchema = `
CREATE TABLE project (id TEXT PRIMARY KEY, worktree TEXT NOT NULL, time_created INTEGER NOT NULL, time_updated INTEGER NOT NULL);
CREATE TABLE session (id TEXT PRIMARY KEY, project_id TEXT NOT NULL, parent_id TEXT, slug TEXT NOT NULL, directory TEXT NOT NULL,
	title TEXT NOT NULL, version TEXT NOT NULL, time_created INTEGER NOT NULL, time_updated INTEGER NOT NULL,
	time_compacting INTEGER, time_archived INTEGER);
CREATE TABLE message (id TEXT PRIMARY KEY, session_id TEXT NOT NULL, time_created INTEGER NOT NULL, time_updated INTEGER NOT NULL, data TEXT NOT NULL);
CREATE TABLE part (id TEXT PRIMARY KEY, message_id TEXT NOT NULL, session_id TEXT NOT NULL, time_created INTEGER NOT NULL,
	time_updated INTEGER NOT NULL, data TEXT NOT NULL);
CREATE INDEX message_session_idx ON message (session_id);
CREATE INDEX part_message_idx ON part (message_id);
`;

export const sessionMessageSchema = `
CREATE TABLE session_message (id TEXT PRIMARY KEY, session_id TEXT NOT NULL, type TEXT NOT NULL, time_created INTEGER NOT NULL,
	time_updated INTEGER NOT NULL, data TEXT NOT NULL);
`;

export type SessionRow = {id: string; directory: string; title: string; parentId?: string; created: number};
export type MessageRow = {id: string; sessionId: string; created: number; data: Record<string, unknown>};
export type PartRow = {
	id: string;
	messageId: string;
	sessionId: string;
	created: number;
	data: Record<string, unknown>;
};

/** A writable database with the OpenCode schema (tests close it themselves). */
export function createOpenCodeDatabase(file: string, options: {v2?: boolean} = {}): Database {
	const database = new Database(file);
	database.exec(openCodeSchema + (options.v2 ? sessionMessageSchema : ''));
	return database;
}

export function insertSession(database: Database, row: SessionRow): void {
	database.run(
		'INSERT INTO session (id, project_id, parent_id, slug, directory, title, version, time_created, time_updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
		[
			row.id,
			'global',
			row.parentId ?? null,
			row.id.slice(-6),
			row.directory,
			row.title,
			'1.2.6',
			row.created,
			row.created,
		],
	);
}

export function insertMessage(
	database: Database,
	row: MessageRow,
	table: 'message' | 'session_message' = 'message',
): void {
	if (table === 'session_message') {
		database.run(
			'INSERT INTO session_message (id, session_id, type, time_created, time_updated, data) VALUES (?, ?, ?, ?, ?, ?)',
			[row.id, row.sessionId, String(row.data['role']), row.created, row.created, JSON.stringify(row.data)],
		);
		return;
	}

	database.run('INSERT INTO message (id, session_id, time_created, time_updated, data) VALUES (?, ?, ?, ?, ?)', [
		row.id,
		row.sessionId,
		row.created,
		row.created,
		JSON.stringify(row.data),
	]);
}

export function insertPart(database: Database, row: PartRow): void {
	database.run(
		'INSERT INTO part (id, message_id, session_id, time_created, time_updated, data) VALUES (?, ?, ?, ?, ?, ?)',
		[row.id, row.messageId, row.sessionId, row.created, row.created, JSON.stringify(row.data)],
	);
}

/** An assistant message `data` in the shape OpenCode 1.2 stores (parsers/FORMATS.md §4.2). */
export function assistantData(options: {
	id: string;
	sessionId: string;
	parentId: string;
	created: number;
	model: string;
	provider: string;
	input: number;
	output: number;
	reasoning: number;
	cacheRead: number;
	cacheWrite: number;
	cost: number;
	cwd: string;
}): Record<string, unknown> {
	const {input, output, reasoning, cacheRead, cacheWrite} = options;
	return {
		id: options.id,
		sessionID: options.sessionId,
		role: 'assistant',
		parentID: options.parentId,
		modelID: options.model,
		providerID: options.provider,
		mode: 'build',
		agent: 'build',
		path: {cwd: options.cwd, root: options.cwd},
		cost: options.cost,
		tokens: {
			total: input + output + reasoning + cacheRead + cacheWrite,
			input,
			output,
			reasoning,
			cache: {read: cacheRead, write: cacheWrite},
		},
		time: {created: options.created, completed: options.created + 3000},
		finish: 'stop',
	};
}

export type GeneratedCall = {
	sessionId: string;
	messageId: string;
	time: number;
	model: string;
	input: number;
	output: number;
	reasoning: number;
	cacheRead: number;
	cacheWrite: number;
	cost: number;
};

const models = [
	{model: 'claude-sonnet-4-5', provider: 'anthropic'},
	{model: 'gpt-5', provider: 'openai'},
	{model: 'gemini-2.5-pro', provider: 'google'},
];
const projects = ['/home/dev/webapp', '/home/dev/api-server', '/home/dev/dotfiles'];
const tools = [
	{tool: 'read', input: {filePath: 'src/index.ts'}},
	{tool: 'edit', input: {filePath: 'src/app.ts'}},
	{tool: 'bash', input: {command: 'npm test'}},
	{tool: 'bash', input: {command: 'git status'}},
	{tool: 'grep', input: {pattern: 'TODO'}},
];

/**
`<dir>/opencode.db` (or `<dir>/<fileName>`: Kilo CLI keeps OpenCode's schema in `kilo.db`) with
`sessions` sessions spread over `days` days from `startDay` (YYYY-MM-DD).
*/
export async function generateOpenCodeDatabase(
	dir: string,
	options: {seed: number; sessions: number; startDay: string; days: number; fileName?: string},
): Promise<{calls: GeneratedCall[]}> {
	const random = mulberry32(options.seed);
	const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
	mkdirSync(dir, {recursive: true});
	const database = createOpenCodeDatabase(path.join(dir, options.fileName ?? 'opencode.db'));
	const calls: GeneratedCall[] = [];
	const start = Date.parse(`${options.startDay}T00:00:00Z`);
	try {
		database.exec('BEGIN');
		for (let s = 0; s < options.sessions; s++) {
			const sessionId = `ses_${String(s).padStart(4, '0')}${Math.floor(random() * 1e8).toString(36)}`;
			const directory = pick(projects);
			let time = start + Math.floor(random() * options.days) * 86_400_000 + Math.floor((8 + random() * 10) * 3_600_000);
			insertSession(database, {
				id: sessionId,
				directory,
				title: `Session ${s + 1} in ${path.basename(directory)}`,
				created: time,
			});
			const {model, provider} = pick(models);
			const turns = 1 + Math.floor(random() * 4);
			for (let t = 0; t < turns; t++) {
				const userId = `msg_${sessionId.slice(4)}_${t}_u`;
				insertMessage(database, {
					id: userId,
					sessionId,
					created: time,
					data: {id: userId, sessionID: sessionId, role: 'user', time: {created: time}},
				});
				insertPart(database, {
					id: `prt_${userId}`,
					messageId: userId,
					sessionId,
					created: time,
					data: {type: 'text', text: `Please do task ${t + 1}`},
				});
				const steps = 1 + Math.floor(random() * 5);
				for (let step = 0; step < steps; step++) {
					time += 2000 + Math.floor(random() * 30_000);
					const messageId = `msg_${sessionId.slice(4)}_${t}_${step}`;
					const call = {
						sessionId,
						messageId,
						time,
						model,
						input: 50 + Math.floor(random() * 3000),
						output: 20 + Math.floor(random() * 1500),
						reasoning: provider === 'anthropic' ? 0 : Math.floor(random() * 800),
						cacheRead: Math.floor(random() * 40_000),
						cacheWrite: Math.floor(random() * 4000),
						cost: random() < 0.5 ? Math.round(random() * 5000) / 100_000 : 0,
					};
					calls.push(call);
					insertMessage(database, {
						id: messageId,
						sessionId,
						created: time,
						data: assistantData({...call, id: messageId, parentId: userId, created: time, provider, cwd: directory}),
					});
					const tool = pick(tools);
					insertPart(database, {
						id: `prt_${messageId}`,
						messageId,
						sessionId,
						created: time,
						data: {type: 'tool', tool: tool.tool, state: {status: 'completed', input: tool.input}},
					});
				}
			}
		}

		database.exec('COMMIT');
	} finally {
		database.close();
	}

	return {calls};
}
