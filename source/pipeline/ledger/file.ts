/**
Ledger files: one gzip-compressed JSON Lines file per host, `<host>.ledger.jsonl.gz`, in
`$XDG_DATA_HOME/agent-ncdu` (else `~/.local/share/agent-ncdu`) or `--ledger-dir`.

Writes are atomic: the new content goes to a temporary file in the same folder, is fsynced,
then renamed over the old file, so a crash or a full disk at any point leaves either the old
ledger or the new one, never a half-written file. Readers ignore temporary files. A ledger
that cannot be decoded is moved aside (never overwritten) so no history is lost silently.
*/
import {createWriteStream} from 'node:fs';
import {mkdir, open, readdir, readFile, rename, rm} from 'node:fs/promises';
import {createHash} from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import {Readable} from 'node:stream';
import {pipeline} from 'node:stream/promises';
import {promisify} from 'node:util';
import {createGzip, gunzip} from 'node:zlib';
import type {DiagnosticSink} from '../../core/diagnostics.js';
import {type LedgerHeader, type LedgerRecord, ledgerFormat, ledgerVersion, validRecord} from './records.js';

const gunzipAsync = promisify(gunzip);

export const ledgerSuffix = '.ledger.jsonl.gz';

export type LedgerFile = {
	readonly path: string;
	/** The host that wrote it (its header), else the file name's host part. */
	readonly host: string;
	readonly records: LedgerRecord[];
	/** Lines skipped as malformed. */
	readonly skipped: number;
	/** sha1 of the record lines, as the writer stored it in the header (skips unchanged rewrites). */
	readonly digest?: string;
	/** merge.ts summaryOf() of the records, as the writer stored it. */
	readonly summary?: string;
};

export function defaultLedgerDir(env: Readonly<Record<string, string | undefined>>, home: string): string {
	const base =
		env['XDG_DATA_HOME'] && path.isAbsolute(env['XDG_DATA_HOME'])
			? env['XDG_DATA_HOME']
			: path.join(home, '.local', 'share');
	return path.join(base, 'agent-ncdu');
}

/** This machine's name as a device label. */
export function hostName(env: Readonly<Record<string, string | undefined>> = process.env): string {
	return env['AGENT_NCDU_HOST']?.trim() || os.hostname() || 'localhost';
}

/** A file-name-safe form of a host name. */
export function ledgerFileName(host: string): string {
	return `${host.replace(/[^\w.-]/g, '_')}${ledgerSuffix}`;
}

/** Reads one ledger; undefined when it does not exist. Throws only when the file is corrupt. */
export async function readLedgerFile(file: string): Promise<LedgerFile | undefined> {
	let compressed: Buffer;
	try {
		compressed = await readFile(file);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
			return undefined;
		}

		throw error;
	}

	// A truncated or foreign file fails here (gzip checks its length and CRC).
	const text = (await gunzipAsync(compressed)).toString('utf8');
	const records: LedgerRecord[] = [];
	let header: LedgerHeader | undefined;
	let skipped = 0;
	for (const line of text.split('\n')) {
		if (line.length === 0) {
			continue;
		}

		let value: unknown;
		try {
			value = JSON.parse(line);
		} catch {
			skipped++;
			continue;
		}

		if ((value as {k?: unknown} | null)?.k === 'h') {
			header = value as LedgerHeader;
			continue;
		}

		const record = validRecord(value);
		if (record) {
			records.push(record);
		} else {
			skipped++;
		}
	}

	if (!header || header.format !== ledgerFormat || typeof header.version !== 'number') {
		throw new Error('not an agent-ncdu ledger (no header)');
	}

	if (header.version > ledgerVersion) {
		throw new Error(`written by a newer agent-ncdu (ledger version ${header.version})`);
	}

	const host = typeof header.host === 'string' && header.host ? header.host : path.basename(file, ledgerSuffix);
	return {
		path: file,
		host,
		records,
		skipped,
		digest: typeof header.digest === 'string' ? header.digest : undefined,
		summary: typeof header.summary === 'string' ? header.summary : undefined,
	};
}

/** Every host's ledger in `dir` (unreadable ones are reported and left untouched). */
export async function readLedgerDir(dir: string, report: DiagnosticSink): Promise<LedgerFile[]> {
	let names: string[];
	try {
		names = await readdir(dir);
	} catch {
		return [];
	}

	const files: LedgerFile[] = [];
	for (const name of names.filter(entry => entry.endsWith(ledgerSuffix)).sort()) {
		const file = path.join(dir, name);
		try {
			const ledger = await readLedgerFile(file);
			if (ledger) {
				files.push(ledger);
			}
		} catch (error) {
			report({kind: 'unreadable-file', file, message: `usage ledger unreadable: ${(error as Error).message}`});
		}
	}

	return files;
}

/** Moves a corrupt ledger aside so the next write does not replace the history it may hold. */
export async function setAside(file: string): Promise<string> {
	const target = `${file}.corrupt-${Date.now()}`;
	await rename(file, target);
	return target;
}

/** The record lines of a ledger and their digest (stored in the header). */
export function encodeRecords(records: Iterable<LedgerRecord>): {lines: string[]; digest: string} {
	const lines: string[] = [];
	const hash = createHash('sha1');
	for (const record of records) {
		const line = JSON.stringify(record);
		lines.push(line);
		hash.update(line).update('\n');
	}

	return {lines, digest: hash.digest('hex')};
}

export type EncodedRecords = {lines: readonly string[]; digest: string; summary?: string};

function* chunksOf(host: string, encoded: EncodedRecords, now: Date): Generator<string> {
	const header: LedgerHeader = {
		k: 'h',
		format: ledgerFormat,
		version: ledgerVersion,
		host,
		writtenAt: now.toISOString(),
		digest: encoded.digest,
		summary: encoded.summary,
	};
	yield JSON.stringify(header) + '\n';
	let batch = '';
	for (const line of encoded.lines) {
		batch += line + '\n';
		if (batch.length > 65_536) {
			yield batch;
			batch = '';
		}
	}

	if (batch) {
		yield batch;
	}
}

export type WriteHooks = {
	/** Test seam: called after the temporary file is complete, before the rename. */
	readonly beforeRename?: (temporary: string) => Promise<void> | void;
};

/** Atomically replaces `<dir>/<host>.ledger.jsonl.gz`; returns its path and size in bytes. */
export async function writeLedgerFile(
	dir: string,
	host: string,
	records: Iterable<LedgerRecord> | EncodedRecords,
	hooks: WriteHooks = {},
): Promise<{path: string; bytes: number}> {
	const encoded = 'digest' in records ? records : encodeRecords(records);
	await mkdir(dir, {recursive: true});
	const target = path.join(dir, ledgerFileName(host));
	const temporary = `${target}.${process.pid}.${Date.now()}.tmp`;
	try {
		await pipeline(
			Readable.from(chunksOf(host, encoded, new Date())),
			createGzip({level: 6}),
			createWriteStream(temporary),
		);
		const handle = await open(temporary, 'r+');
		let bytes: number;
		try {
			await handle.sync();
			bytes = (await handle.stat()).size;
		} finally {
			await handle.close();
		}

		await hooks.beforeRename?.(temporary);
		await rename(temporary, target);
		// Make the rename itself durable (best effort: not every file system allows it).
		const folder = await open(dir, 'r').catch(() => undefined);
		await folder?.sync().catch(() => undefined);
		await folder?.close();
		return {path: target, bytes};
	} catch (error) {
		await rm(temporary, {force: true}).catch(() => undefined);
		throw error;
	}
}
