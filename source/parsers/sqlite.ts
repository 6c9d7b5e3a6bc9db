/**
The one SQLite adapter (used by the OpenCode parser, loaded with a dynamic import only when
a database exists). `openReadOnly(path)` snapshots the database into a private temp copy
(sqlite-snapshot.ts: the agent's folder is never opened by SQLite, so nothing is ever
written there, and committed WAL contents are included) and queries the copy with
`node:sqlite` when the running Node has it (22.5+), else with `node-sqlite3-wasm` (pure
WASM, no compiler, no network beyond npm). Errors (corrupt file, not a database) throw;
the caller turns them into a `database-error` diagnostic.
*/
import {snapshotDatabase} from './sqlite-snapshot.js';

export type SqlValue = string | number | null;
export type SqlRow = Record<string, unknown>;

export type ReadOnlyDatabase = {
	all(sql: string, params?: readonly SqlValue[]): SqlRow[];
	/** Names of the tables in the database (to pick the schema generation). */
	tables(): Set<string>;
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

/** Which engine openReadOnly uses on this Node (for diagnostics and tests). */
export async function sqliteEngine(): Promise<'node:sqlite' | 'node-sqlite3-wasm'> {
	try {
		await import('node:sqlite' as string);
		return 'node:sqlite';
	} catch {
		return 'node-sqlite3-wasm';
	}
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
