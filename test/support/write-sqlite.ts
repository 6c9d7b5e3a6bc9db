/**
Writable SQLite databases for tests of the SQLite-based parsers (Hermes, Goose, Kilo, Z Code,
Antigravity): a schema, then rows, written with node-sqlite3-wasm. The parsers themselves only
ever read private snapshots.
*/
import {mkdirSync} from 'node:fs';
import path from 'node:path';
import sqlite3, {type Database as WasmDatabase} from 'node-sqlite3-wasm';

// A CommonJS package: under plain Node ESM its class is on the default export.
const Database =
	(sqlite3 as unknown as {Database?: typeof WasmDatabase}).Database ??
	(sqlite3 as unknown as typeof import('node-sqlite3-wasm')).Database;

export type SqlParameter = string | number | null | Uint8Array;

/** Creates `file` (and its folder) with `schema`, runs each `[sql, parameters]`, and closes it. */
export function writeDatabase(
	file: string,
	schema: string,
	statements: ReadonlyArray<readonly [string, readonly SqlParameter[]]> = [],
): string {
	mkdirSync(path.dirname(file), {recursive: true});
	const database = new Database(file);
	try {
		database.exec(schema);
		for (const [sql, parameters] of statements) {
			database.run(sql, [...parameters]);
		}
	} finally {
		database.close();
	}

	return file;
}
