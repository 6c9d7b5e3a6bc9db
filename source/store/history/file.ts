/**
Ledger files: one gzip-compressed JSON Lines file per host, `<host>.ledger.jsonl.gz`, in
`$XDG_DATA_HOME/agent-ncdu` (else `~/.local/share/agent-ncdu`) or `--ledger-dir`.

Writes go through durable-file.ts (private temporary file, fsync, rename), so a crash or a full
disk at any point leaves either the old ledger or the new one, never a half-written file.
Readers ignore temporary files.

Reading tells damage from a failed read. A read error (permission, I/O, a sync client holding
the file) is retried briefly, then thrown as `LedgerUnreadable`: the caller must not overwrite
a file it could not read. Damaged content (a cut or garbled gzip stream, no header) yields the
records before the damage, marked `damage`, so they are kept while the file is replaced.
*/
import {constants as fsConstants} from 'node:fs';
import {copyFile, open, readdir} from 'node:fs/promises';
import {createHash} from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import {promisify} from 'node:util';
import {constants as zlibConstants, createGzip, createInflateRaw, gunzip} from 'node:zlib';
import type {DiagnosticSink} from '../../core/diagnostics.js';
import {makePrivateDir, writeFileAtomic} from '../durable-file.js';
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
	/** Which version of the file was read (device, inode, size, times): see `ledgerIdentity`. */
	readonly identity: string;
	/** Set when the content was damaged: what was wrong. `records` holds what came before it. */
	readonly damage?: string;
};

/** A ledger that exists but cannot be read now, or is of a newer format: never overwrite it. */
export class LedgerUnreadable extends Error {}

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

/** Pauses before the retries of a failed read: a sync client or an I/O hiccup often lets go within a second. */
const retryPauses = [100, 400];

const identityOf = (info: {dev: number; ino: number; size: number; mtimeMs: number; ctimeMs: number}) =>
	`${info.dev}:${info.ino}:${info.size}:${info.mtimeMs}:${info.ctimeMs}`;

/** The identity of the file now (compare with `LedgerFile.identity`); undefined when it is missing. */
export async function ledgerIdentity(file: string): Promise<string | undefined> {
	const handle = await open(file, 'r').catch(() => undefined);
	try {
		return handle && identityOf(await handle.stat());
	} finally {
		await handle?.close();
	}
}

async function readBytes(file: string): Promise<{bytes: Buffer; identity: string} | undefined> {
	let failure: NodeJS.ErrnoException | undefined;
	for (const pause of [0, ...retryPauses]) {
		if (pause > 0) await sleep(pause);
		try {
			const handle = await open(file, 'r');
			try {
				const identity = identityOf(await handle.stat());
				return {bytes: await handle.readFile(), identity};
			} finally {
				await handle.close();
			}
		} catch (error) {
			failure = error as NodeJS.ErrnoException;
			if (failure.code === 'ENOENT') {
				return undefined;
			}
		}
	}

	throw new LedgerUnreadable(`cannot be read (${failure?.code ?? failure?.message})`, {cause: failure});
}

/**
The text of a damaged gzip file up to the damage: the deflate stream (after the 10-byte header
our writer makes) inflated in small steps, without the length and CRC checks.
*/
async function salvageText(bytes: Buffer): Promise<string> {
	if (bytes.length < 10 || bytes[0] !== 0x1f || bytes[1] !== 0x8b || bytes[3] !== 0) {
		return '';
	}

	const inflate = createInflateRaw({finishFlush: zlibConstants.Z_SYNC_FLUSH});
	const chunks: Buffer[] = [];
	inflate.on('data', (chunk: Buffer) => chunks.push(chunk));
	await new Promise<void>(resolve => {
		inflate.on('end', resolve);
		inflate.on('error', () => resolve());
		for (let offset = 10; offset < bytes.length; offset += 4096) {
			inflate.write(bytes.subarray(offset, offset + 4096));
		}

		inflate.end();
	});
	return Buffer.concat(chunks).toString('utf8');
}

async function decompress(bytes: Buffer): Promise<{text: string; damage?: string}> {
	try {
		return {text: (await gunzipAsync(bytes)).toString('utf8')};
	} catch (error) {
		return {text: await salvageText(bytes), damage: (error as Error).message};
	}
}

/**
Reads one ledger; undefined when it does not exist. Throws `LedgerUnreadable` when it cannot be
read; returns the records before the damage (with `damage` set) when its content is damaged.
*/
export async function readLedgerFile(file: string): Promise<LedgerFile | undefined> {
	const read = await readBytes(file);
	if (!read) {
		return undefined;
	}

	const {text, damage: streamDamage} = await decompress(read.bytes);
	let damage = streamDamage;
	const records: LedgerRecord[] = [];
	let header: LedgerHeader | undefined;
	let skipped = 0;
	const lines = text.split('\n');
	// A damaged stream's last line is cut off (complete lines end with a newline).
	const complete = damage ? lines.slice(0, -1) : lines;
	for (const line of complete) {
		if (line.length === 0) {
			continue;
		}

		let value: unknown;
		try {
			value = JSON.parse(line);
		} catch {
			skipped++;
			// After damage nothing more is trusted.
			if (damage) break;
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
		damage ??= 'not an agent-ncdu ledger (no header)';
	} else if (header.version > ledgerVersion) {
		throw new LedgerUnreadable(`was written by a newer agent-ncdu (ledger version ${header.version})`);
	}

	const host = typeof header?.host === 'string' && header.host ? header.host : path.basename(file, ledgerSuffix);
	return {
		path: file,
		host,
		records,
		skipped,
		// A damaged file's header no longer describes its records: the next write must happen.
		digest: !damage && typeof header?.digest === 'string' ? header.digest : undefined,
		summary: !damage && typeof header?.summary === 'string' ? header.summary : undefined,
		identity: read.identity,
		damage,
	};
}

/**
Every host's ledger in `dir` except `exclude` (this host's, read on its own). Unreadable ones
are reported and skipped; damaged ones are reported and give what was readable.
*/
export async function readLedgerDir(dir: string, report: DiagnosticSink, exclude?: string): Promise<LedgerFile[]> {
	let names: string[];
	try {
		names = await readdir(dir);
	} catch {
		return [];
	}

	const files: LedgerFile[] = [];
	for (const name of names.filter(entry => entry.endsWith(ledgerSuffix)).sort()) {
		const file = path.join(dir, name);
		if (file === exclude) {
			continue;
		}

		try {
			const ledger = await readLedgerFile(file);
			if (ledger?.damage) {
				report({
					kind: 'unreadable-file',
					file,
					message: `usage ledger damaged (${ledger.damage}); using its ${ledger.records.length} readable records`,
				});
			}

			if (ledger) {
				files.push(ledger);
			}
		} catch (error) {
			report({kind: 'unreadable-file', file, message: `usage ledger unreadable: ${(error as Error).message}`});
		}
	}

	return files;
}

/** Copies a damaged ledger aside (`….corrupt-<time>`) before it is replaced; returns the copy's path. */
export async function keepDamagedCopy(file: string): Promise<string> {
	const target = `${file}.corrupt-${Date.now()}`;
	await copyFile(file, target, fsConstants.COPYFILE_EXCL);
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

/** Atomically replaces `<dir>/<host>.ledger.jsonl.gz`; returns its path and size in bytes. */
export async function writeLedgerFile(
	dir: string,
	host: string,
	records: Iterable<LedgerRecord> | EncodedRecords,
): Promise<{path: string; bytes: number}> {
	const encoded = 'digest' in records ? records : encodeRecords(records);
	await makePrivateDir(dir);
	const target = path.join(dir, ledgerFileName(host));
	const bytes = await writeFileAtomic(target, chunksOf(host, encoded, new Date()), createGzip({level: 6}));
	return {path: target, bytes};
}
