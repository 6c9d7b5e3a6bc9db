/**
The one SQLite adapter, for every agent that keeps its usage in a database (OpenCode, Hermes,
Goose, Kilo, Z Code, Antigravity, …). `openReadOnly(path)` snapshots the database into a
private temp copy (sqlite-snapshot.ts: the agent's folder is never opened by SQLite, so
nothing is ever written there, and committed WAL contents are included) and queries the copy
with `node:sqlite` when the running Node has it (22.5+), else with `node-sqlite3-wasm` (pure
WASM, no compiler, no network beyond npm); both engines are imported only when a database is
opened. Errors (corrupt file, not a database) throw; `databaseEvents` turns them into one
`database-error` diagnostic. `findDatabases` is discovery for databases at known places.
*/
import {readdir, stat} from 'node:fs/promises';
import path from 'node:path';
import type {AgentId} from '../core/agents.js';
import type {DiagnosticSink} from '../core/diagnostics.js';
import type {UsageEvent} from '../core/events.js';
import {snapshotDatabase} from './sqlite-snapshot.js';
import type {AgentParser, ParseContext, SourceFile} from './types.js';
import {errorText} from '../core/diagnostics.js';

export type SqlValue = string | number | null;
export type SqlRow = Record<string, unknown>;

export type ReadOnlyDatabase = {
	all(sql: string, params?: readonly SqlValue[]): SqlRow[];
	/** Names of the tables in the database (to pick the schema generation). */
	tables(): Set<string>;
	/** Column names of `table` (empty when there is none): agents add columns from version to version. */
	columns(table: string): Set<string>;
	close(): Promise<void>;
};

type Connection = {all(sql: string, params: readonly SqlValue[]): SqlRow[]; close(): void};

async function connectNative(file: string, readOnly: boolean): Promise<Connection | undefined> {
	const specifier = 'node:sqlite';
	let native: {DatabaseSync: new (path: string, options: object) => NativeDatabase};
	try {
		native = (await import(specifier)) as typeof native;
	} catch {
		return undefined;
	}

	const database = new native.DatabaseSync(file, {readOnly});
	return {all: (sql, params) => database.prepare(sql).all(...params), close: () => database.close()};
}

type NativeDatabase = {prepare(sql: string): {all(...params: readonly SqlValue[]): SqlRow[]}; close(): void};

async function connectWasm(file: string, readOnly: boolean): Promise<Connection> {
	const module = await import('node-sqlite3-wasm');
	const wasm = (module as unknown as {default?: typeof module}).default ?? module;
	const database = new wasm.Database(file, {readOnly, fileMustExist: true});
	return {all: (sql, params) => database.all(sql, [...params]) as SqlRow[], close: () => database.close()};
}

export async function openReadOnly(file: string): Promise<ReadOnlyDatabase> {
	const snapshot = await snapshotDatabase(file);
	let connection: Connection;
	try {
		// The copy is private; it is opened writable only when SQLite must roll a hot journal back.
		const readOnly = !snapshot.hotJournal;
		connection = (await connectNative(snapshot.path, readOnly)) ?? (await connectWasm(snapshot.path, readOnly));
		// A file that is not a database opens lazily; touch the schema now so it fails here.
		connection.all('SELECT count(*) AS n FROM sqlite_master', []);
	} catch (error) {
		await snapshot.dispose();
		throw error;
	}

	let closed = false;
	return {
		all: (sql, params = []) => connection.all(sql, params),
		tables: () =>
			new Set(
				connection.all("SELECT name FROM sqlite_master WHERE type = 'table'", []).map(row => String(row['name'])),
			),
		columns: table =>
			new Set(connection.all('SELECT name FROM pragma_table_info(?)', [table]).map(row => String(row['name']))),
		async close() {
			if (closed) {
				return;
			}

			closed = true;
			connection.close();
			await snapshot.dispose();
		},
	};
}

/**
The rows of `table`, with only those of the `wanted` columns this database has (agents add
columns from version to version; a column a version lacks reads as absent). Undefined when the
table lacks any of the `required` columns.
*/
export function selectColumns(
	database: ReadOnlyDatabase,
	table: string,
	wanted: readonly string[],
	required: readonly string[],
	orderBy?: string,
): SqlRow[] | undefined {
	const present = database.columns(table);
	if (!required.every(column => present.has(column))) {
		return undefined;
	}

	const columns = wanted.filter(column => present.has(column)).map(column => `"${column}"`);
	const order = orderBy ? ` ORDER BY ${orderBy}` : '';
	return database.all(`SELECT ${columns.join(', ')} FROM "${table}"${order}`);
}

/** What an agent makes of one of its databases (a file of kind `sqlite`). */
export type DatabaseReader = (
	database: ReadOnlyDatabase,
	file: SourceFile,
	context: ParseContext,
) => Iterable<UsageEvent>;

/**
The `parse` of database files: the events `read` makes of one agent database, read from a
private snapshot. A database that cannot be opened or queried is one `database-error` diagnostic
and no events at all: totals from a half-read database would look complete and be wrong.
*/
export function databaseParser(read: DatabaseReader): AgentParser['parse'] {
	return async function* (file, context) {
		let database: ReadOnlyDatabase | undefined;
		let events: UsageEvent[] = [];
		try {
			database = await openReadOnly(file.path);
			for (const event of read(database, file, context)) {
				events.push(event);
			}
		} catch (error) {
			context.report({kind: 'database-error', agent: file.agent, file: file.path, message: errorText(error)});
			events = [];
		} finally {
			await database?.close();
		}

		context.onBytes?.(file.size);
		yield* events;
	};
}

/**
The databases among `candidates` (full paths) that exist, as SourceFiles of kind `sqlite`, not
`cacheable` (a database changes through its `-wal` without its own mtime changing). A missing
file is skipped quietly; a folder, FIFO or unreadable entry with that name is a diagnostic.
*/
export async function findDatabases(
	agent: AgentId,
	root: string,
	candidates: readonly string[],
	report: DiagnosticSink,
): Promise<SourceFile[]> {
	const files: SourceFile[] = [];
	for (const candidate of candidates) {
		try {
			const info = await stat(candidate);
			if (info.isFile()) {
				files.push({
					agent,
					path: candidate,
					root,
					size: info.size,
					mtimeMs: info.mtimeMs,
					kind: 'sqlite',
					cacheable: false,
				});
			} else {
				report({kind: 'not-a-file', agent, file: candidate, message: 'not a regular file; skipped'});
			}
		} catch (error) {
			const code = (error as NodeJS.ErrnoException).code;
			if (code !== 'ENOENT' && code !== 'ENOTDIR') {
				report({kind: 'unreadable-file', agent, file: candidate, message: errorText(error)});
			}
		}
	}

	return files;
}

/**
The databases directly in `folder` whose file name passes `match`, sorted by name (discovery of
agents that name a database per channel: `opencode-beta.db`, `kilo-dev.db`). A missing folder is
quiet; an unreadable one is a diagnostic.
*/
export async function databasesIn(
	agent: AgentId,
	root: string,
	folder: string,
	match: (name: string) => boolean,
	report: DiagnosticSink,
): Promise<SourceFile[]> {
	let names: string[];
	try {
		names = await readdir(folder);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code !== 'ENOENT' && code !== 'ENOTDIR') {
			report({kind: 'unreadable-folder', agent, file: folder, message: errorText(error)});
		}

		return [];
	}

	const candidates = names
		.filter(match)
		.sort()
		.map(name => path.join(folder, name));
	return findDatabases(agent, root, candidates, report);
}
