/**
History files: one per host, `<host>.history`, in `$XDG_DATA_HOME/agent-ncdu` (else
`~/.local/share/agent-ncdu`) or `--ledger-dir`. They hold the content-free events of every
call this host's agents ever logged (events.ts), so usage outlives the agents' own cleanup and
other devices sharing the folder can count this host's calls once.

Layout (format `agent-ncdu-history`, version 1; ARCHITECTURE.md §6):
- a header line, JSON: `{"format","version","host","writtenAt","summary"}` and a newline;
- then blocks, each `[payload length: u32 LE][SHA-1 of the payload: 20 bytes][payload]`, the
  payload being one range of pack columns (store/pack/codec.ts): four u32 LE counts (events,
  string bytes, ints, floats), the strings as a JSON array, the ints (u32 LE) and the floats
  (f64 LE).

Numbers are little-endian (a big-endian machine swaps them on the way in and out). Why this
shape: a start reads the whole history, so it is the pack codec's columns, copied
straight into typed arrays (no gunzip, no JSON per call), and every block carries its own
checksum, so damage (a cut or garbled end) loses only the blocks from the damage on. Blocks
hold about `blockBytes` of numbers each.

Writes go through durable-file.ts (private temporary file, fsync, rename): a crash or a full
disk leaves the old file or the new one, never half of one. A read error (permission, I/O, a
sync client holding the file) is retried briefly, then thrown as `LedgerUnreadable`: the caller
must not overwrite a file it could not read.
*/
import {createHash} from 'node:crypto';
import {constants as fsConstants} from 'node:fs';
import {copyFile, open, readdir} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import type {DiagnosticSink} from '../../core/diagnostics.js';
import type {UsageEvent} from '../../core/events.js';
import {makePrivateDir, writeFileAtomic} from '../durable-file.js';
import {type CallFilter, decodeRange, eventsOf, type PackColumns, PackEncoder} from '../pack/codec.js';
import {contentFree} from './events.js';
import {LegacyTooNew, legacyLedgerSuffix, parseLegacyLedger} from './legacy-ledger.js';

export const historySuffix = '.history';
export const historyFormat = 'agent-ncdu-history';
export const historyVersion = 1;

/** About this many bytes of number columns per block. */
const blockBytes = 32 * 1024;
const blockHeaderBytes = 4 + 20;
const countsBytes = 16;

export type HistoryFile = {
	readonly path: string;
	/** The host that wrote it (its header), else the file name's host part. */
	readonly host: string;
	/**
	Content-free events (events.ts), valid by core/limits.ts; without the calls the reader's
	filter left out (calls already live, see merge.ts `liveCallFilter`).
	*/
	readonly events: UsageEvent[];
	/** Calls in the file, those left out included. */
	readonly calls: number;
	/** Events dropped as invalid. */
	readonly skipped: number;
	/** merge.ts summaryOf() of the events, as the writer stored it. */
	readonly summary?: string;
	/** Which version of the file was read (device, inode, size, times): see `historyIdentity`. */
	readonly identity: string;
	/** Set when the content was damaged: what was wrong. `events` holds what came before it. */
	readonly damage?: string;
	/** True for a `<host>.ledger.jsonl.gz` of the format before this one (legacy-ledger.ts). */
	readonly legacy?: boolean;
};

/** A history that exists but cannot be read now, or is of a newer format: never overwrite it. */
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
export function safeHostName(host: string): string {
	return host.replace(/[^\w.-]/g, '_');
}

export function historyFileName(host: string): string {
	return `${safeHostName(host)}${historySuffix}`;
}

/** Pauses before the retries of a failed read: a sync client or an I/O hiccup often lets go within a second. */
const retryPauses = [100, 400];

const identityOf = (info: {dev: number; ino: number; size: number; mtimeMs: number; ctimeMs: number}) =>
	`${info.dev}:${info.ino}:${info.size}:${info.mtimeMs}:${info.ctimeMs}`;

/** The identity of the file now (compare with `HistoryFile.identity`); undefined when it is missing. */
export async function historyIdentity(file: string): Promise<string | undefined> {
	const handle = await open(file, 'r').catch(() => undefined);
	try {
		return handle && identityOf(await handle.stat());
	} finally {
		await handle?.close();
	}
}

async function readBytes(
	file: string,
	headIsEnough?: (head: Buffer) => boolean,
): Promise<{bytes: Buffer; identity: string} | undefined> {
	let failure: NodeJS.ErrnoException | undefined;
	for (const pause of [0, ...retryPauses]) {
		if (pause > 0) await sleep(pause);
		try {
			const handle = await open(file, 'r');
			try {
				const identity = identityOf(await handle.stat());
				if (headIsEnough) {
					// A positioned read: the whole-file read below still starts at the beginning.
					const head = Buffer.alloc(headerLimit);
					const {bytesRead} = await handle.read(head, 0, headerLimit, 0);
					if (headIsEnough(head.subarray(0, bytesRead))) {
						return {bytes: head.subarray(0, bytesRead), identity};
					}
				}

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

type Header = {format?: unknown; version?: unknown; host?: unknown; summary?: unknown};

const headerLimit = 64 * 1024;
const headerStart = Buffer.from(`{"format":"${historyFormat}"`);

/**
The header line, or undefined when the file does not start with one. A file that starts like
ours but whose header cannot be read, or names no version this program knows how to compare,
is treated as unreadable (thrown), never as damage: it may be a newer release's file, and
damage would get it replaced.
*/
function parseHeader(bytes: Buffer): {header: Header; end: number} | undefined {
	const end = bytes.subarray(0, headerLimit).indexOf(0x0a);
	let header: Header | null = null;
	try {
		header = end < 0 ? null : (JSON.parse(bytes.toString('utf8', 0, end)) as Header | null);
	} catch {}

	if (header?.format === historyFormat && Number.isInteger(header.version) && (header.version as number) >= 1) {
		return {header, end: end + 1};
	}

	if (bytes.subarray(0, headerStart.length).equals(headerStart)) {
		throw new LedgerUnreadable('has a history header this release cannot read');
	}

	return undefined;
}

/** The summary a history file's header carries, if its first bytes hold a readable header. */
function summaryInHeader(head: Buffer): string | undefined {
	try {
		const summary = parseHeader(head)?.header.summary;
		return typeof summary === 'string' ? summary : undefined;
	} catch {
		return undefined;
	}
}

/** The file is little-endian; a big-endian machine swaps the number columns on the way in and out. */
const bigEndian = os.endianness() === 'BE';

/** Little-endian column bytes ⇄ this machine's order, in place (a no-op on little-endian machines). */
function toOrFromLittleEndian(bytes: Buffer, width: 4 | 8): Buffer {
	if (bigEndian) {
		if (width === 4) bytes.swap32();
		else bytes.swap64();
	}

	return bytes;
}

/**
A copy of `length` bytes at `offset` as a typed array of `Kind` (copied: the view must be
aligned, and a big-endian machine swaps the copy).
*/
function copyOut<Kind extends Uint32Array | Float64Array>(
	bytes: Buffer,
	offset: number,
	length: number,
	make: (buffer: ArrayBuffer) => Kind,
	width: 4 | 8,
): Kind {
	const copy = Buffer.alloc(length);
	bytes.copy(copy, 0, offset, offset + length);
	toOrFromLittleEndian(copy, width);
	// Buffer.alloc of a non-empty size owns its own ArrayBuffer at offset 0: the view is aligned.
	return make(copy.buffer as ArrayBuffer);
}

/** One block's events; throws (an Error with a message saying what) when it is damaged. */
function decodeBlock(payload: Buffer, keep: CallFilter): UsageEvent[] {
	if (payload.length < countsBytes) throw new Error('block too short');
	const [events, stringBytes, intCount, floatCount] = [0, 4, 8, 12].map(at => payload.readUInt32LE(at)) as [
		number,
		number,
		number,
		number,
	];
	const intsAt = countsBytes + stringBytes;
	const floatsAt = intsAt + intCount * 4;
	if (floatsAt + floatCount * 8 !== payload.length) throw new Error('block sizes do not add up');
	const strings = JSON.parse(payload.toString('utf8', countsBytes, intsAt)) as unknown;
	if (!Array.isArray(strings) || !strings.every(value => typeof value === 'string')) {
		throw new Error('block strings are not strings');
	}

	const columns: PackColumns = {
		strings: strings as string[],
		ints: copyOut(payload, intsAt, intCount * 4, buffer => new Uint32Array(buffer), 4),
		floats: copyOut(payload, floatsAt, floatCount * 8, buffer => new Float64Array(buffer), 8),
	};
	return eventsOf(
		decodeRange(columns, {events, intStart: 0, intEnd: intCount, floatStart: 0, floatEnd: floatCount}, keep),
	);
}

type Decoded = {events: UsageEvent[]; calls: number; skipped: number; damage?: string};

/** The events of every sound block up to the first damaged one, made content-free and checked. */
function decodeBlocks(bytes: Buffer, start: number, keep: CallFilter | undefined): Decoded {
	const decoded: Decoded = {events: [], calls: 0, skipped: 0};
	let blockCalls = 0;
	const counted: CallFilter = (dedupKey, sidechain, total) => {
		blockCalls++;
		return keep?.(dedupKey, sidechain, total) ?? true;
	};
	for (let offset = start; offset < bytes.length; ) {
		if (bytes.length - offset < blockHeaderBytes) return {...decoded, damage: 'cut short'};
		const length = bytes.readUInt32LE(offset);
		const payload = bytes.subarray(offset + blockHeaderBytes, offset + blockHeaderBytes + length);
		if (payload.length < length) return {...decoded, damage: 'cut short'};
		const digest = bytes.subarray(offset + 4, offset + blockHeaderBytes);
		if (!createHash('sha1').update(payload).digest().equals(digest)) return {...decoded, damage: 'checksum mismatch'};
		let events: UsageEvent[];
		blockCalls = 0;
		try {
			events = decodeBlock(payload, counted);
		} catch (error) {
			return {...decoded, damage: `a block does not decode (${(error as Error).message})`};
		}

		decoded.calls += blockCalls;

		for (const event of events) {
			const kept = contentFree(event);
			if (kept) decoded.events.push(kept);
			else decoded.skipped++;
		}

		offset += blockHeaderBytes + length;
	}

	return decoded;
}

/**
Reads one history file (or a legacy ledger, by its name); undefined when it does not exist.
Throws `LedgerUnreadable` when it cannot be read or is of a newer version; returns the events
before the damage (with `damage` set) when its content is damaged. Calls `keep` rejects are
left out (a legacy ledger, read only once to migrate it, keeps all).

`liveSummary`: the summary (merge.ts summaryOf) of the calls already loaded. When the file's
header holds the same one, the file has nothing they lack (it was written from the same
calls): its blocks are neither checked nor decoded, and it gives no events. That is the
common start, where nothing was deleted since the history was written.
*/
export async function readHistoryFile(
	file: string,
	keep?: CallFilter,
	liveSummary?: string,
): Promise<HistoryFile | undefined> {
	// When the header alone says the file holds nothing new, its blocks are not even read.
	const headIsEnough =
		liveSummary === undefined || file.endsWith(legacyLedgerSuffix)
			? undefined
			: (head: Buffer) => summaryInHeader(head) === liveSummary;
	const read = await readBytes(file, headIsEnough);
	if (!read) {
		return undefined;
	}

	const fallbackHost = path.basename(file).replace(/\.history$|\.ledger\.jsonl\.gz$/, '');
	if (file.endsWith(legacyLedgerSuffix)) {
		const legacy = await parseLegacyLedger(read.bytes, fallbackHost).catch((error: unknown) => {
			throw error instanceof LegacyTooNew ? new LedgerUnreadable(error.message) : error;
		});
		const calls = legacy.events.filter(event => event.type === 'call').length;
		return {...legacy, calls, path: file, identity: read.identity, legacy: true};
	}

	const parsed = parseHeader(read.bytes);
	if (parsed && (parsed.header.version as number) > historyVersion) {
		throw new LedgerUnreadable(`was written by a newer agent-ncdu (history version ${String(parsed.header.version)})`);
	}

	const summary = parsed && typeof parsed.header.summary === 'string' ? parsed.header.summary : undefined;
	const decoded = !parsed
		? {events: [], calls: 0, skipped: 0, damage: 'not an agent-ncdu history (no header)'}
		: summary !== undefined && summary === liveSummary
			? {events: [], calls: 0, skipped: 0}
			: decodeBlocks(read.bytes, parsed.end, keep);
	const host = typeof parsed?.header.host === 'string' && parsed.header.host ? parsed.header.host : fallbackHost;
	return {
		path: file,
		host,
		...decoded,
		// A damaged file's header no longer describes its events: the next write must happen.
		summary: decoded.damage ? undefined : summary,
		identity: read.identity,
	};
}

/** The paths of the files in the ledger folder whose names match, sorted; none when the folder is missing. */
export async function filesIn(dir: string, matches: (name: string) => boolean): Promise<string[]> {
	const names = await readdir(dir).catch(() => [] as string[]);
	return names
		.filter(matches)
		.sort()
		.map(name => path.join(dir, name));
}

const isHistoryName = (name: string) => name.endsWith(historySuffix) || name.endsWith(legacyLedgerSuffix);

/**
Every host's history in `dir` except those in `exclude` (this host's, read on their own).
Unreadable ones are reported and skipped; damaged ones are reported and give what was readable.
*/
export async function readHistoryDir(
	dir: string,
	report: DiagnosticSink,
	exclude: readonly string[] = [],
	keep?: CallFilter,
): Promise<HistoryFile[]> {
	const files: HistoryFile[] = [];
	for (const file of await filesIn(dir, isHistoryName)) {
		if (exclude.includes(file)) {
			continue;
		}

		try {
			const history = await readHistoryFile(file, keep);
			if (history?.damage) {
				report({
					kind: 'unreadable-file',
					file,
					message: `usage history damaged (${history.damage}); using its ${history.calls} readable calls`,
				});
			}

			if (history) {
				files.push(history);
			}
		} catch (error) {
			report({kind: 'unreadable-file', file, message: `usage history unreadable: ${(error as Error).message}`});
		}
	}

	return files;
}

/** Copies a damaged history aside (`….corrupt-<time>`) before it is replaced; returns the copy's path. */
export async function keepDamagedCopy(file: string): Promise<string> {
	const target = `${file}.corrupt-${Date.now()}`;
	await copyFile(file, target, fsConstants.COPYFILE_EXCL);
	return target;
}

function blockOf(encoder: PackEncoder, events: number): Buffer[] {
	const {strings, ints, floats} = encoder.finish();
	const text = Buffer.from(JSON.stringify(strings), 'utf8');
	const counts = Buffer.alloc(countsBytes);
	for (const [index, value] of [events, text.length, ints.length, floats.length].entries()) {
		counts.writeUInt32LE(value, index * 4);
	}

	const parts = [
		counts,
		text,
		toOrFromLittleEndian(Buffer.from(ints.buffer, ints.byteOffset, ints.byteLength), 4),
		toOrFromLittleEndian(Buffer.from(floats.buffer, floats.byteOffset, floats.byteLength), 8),
	];
	const payloadLength = parts.reduce((sum, part) => sum + part.length, 0);
	const digest = createHash('sha1');
	for (const part of parts) digest.update(part);
	const length = Buffer.alloc(4);
	length.writeUInt32LE(payloadLength);
	return [length, digest.digest(), ...parts];
}

/** The file's bytes in chunks: the header line, then one block per `blockBytes` of events. */
function* chunksOf(host: string, events: Iterable<UsageEvent>, summary: string | undefined): Generator<Buffer> {
	const header = {format: historyFormat, version: historyVersion, host, writtenAt: new Date().toISOString(), summary};
	yield Buffer.from(JSON.stringify(header) + '\n', 'utf8');
	let encoder = new PackEncoder(4096);
	let count = 0;
	for (const event of events) {
		const kept = contentFree(event);
		if (!kept) continue;
		encoder.add([kept]);
		count++;
		if (encoder.byteLength >= blockBytes) {
			yield* blockOf(encoder, count);
			encoder = new PackEncoder(4096);
			count = 0;
		}
	}

	if (count > 0) {
		yield* blockOf(encoder, count);
	}
}

/** Atomically replaces `<dir>/<host>.history`; returns its path and size in bytes. */
export async function writeHistoryFile(
	dir: string,
	host: string,
	events: Iterable<UsageEvent>,
	summary?: string,
): Promise<{path: string; bytes: number}> {
	await makePrivateDir(dir);
	const target = path.join(dir, historyFileName(host));
	const bytes = await writeFileAtomic(target, chunksOf(host, events, summary));
	return {path: target, bytes};
}
