/**
Streaming line reader for JSONL: reads a file as Buffers, splits on `\n` without decoding
lines it will skip, strips a trailing `\r`, skips blank lines. Never holds more than one
chunk plus one line in memory, so a multi-GB file or a 100 MB single line is fine.

`markers`: when given, a line is decoded only if it contains at least one of these byte
strings (e.g. `"usage":{`; line-markers.ts also accepts `"usage": {` on a line written with
spaced separators); the rest is skipped without `toString()` or `JSON.parse`.

Encoding: UTF-8, with or without a byte order mark; a file that starts with a UTF-16 byte order
mark is converted to UTF-8 as it streams (utf16.ts), so its lines read like the original's.
*/
import {closeSync, constants, createReadStream, fstatSync, openSync, readSync} from 'node:fs';
import {type LineMarkers, lineMarkers} from './line-markers.js';
import {Utf16ToUtf8, utf16Order} from './utf16.js';
import {asRecord} from '../core/json-object.js';

export type Line = {
	/** The decoded line ('' when `bytes` is set instead). */
	readonly text: string;
	/**
	The raw line (trailing `\r` and a leading byte order mark cut off), only for lines the
	`undecoded` option picked; valid until the consumer asks for the next line.
	*/
	readonly bytes?: Buffer;
	/** 1-based. */
	readonly number: number;
	/** True for a last line without a trailing newline (possibly still being written). */
	readonly unterminated: boolean;
};

export type ReadLinesOptions = {
	readonly markers?: readonly string[];
	readonly onBytes?: (bytes: number) => void;
	/** Byte offset to start at (used to re-read only an appended tail). */
	readonly start?: number;
	/**
	Lines longer than this are skipped (reported via onOversized). Default 64 MiB: no usage
	line comes near it (the largest real lines are pasted images, a few MB), and decoding a
	line costs about three times its size in memory.
	*/
	readonly maxLineBytes?: number;
	readonly onOversized?: (lineNumber: number, bytes: number) => void;
	/**
	Lines (already past `markers`) for which this returns true are handed over raw in
	`Line.bytes` instead of decoded, for callers that can read what they need from the bytes
	(decoding tool output the caller never looks at was most of a cold load).
	*/
	readonly undecoded?: (line: Buffer) => boolean;
};

const newline = 0x0a;
const carriageReturn = 0x0d;

/** Files up to this size are read in one synchronous call rather than streamed. */
const smallFileBytes = 4 * 1024 * 1024;

/**
Read buffers, reused: a fresh buffer per file cost more than the read itself (every new
multi-page allocation is page faults and, in a process with worker threads, TLB shootdowns
when it is freed). A few files may be read at once on one thread (the loader interleaves
them), so this is a small free list rather than one buffer.
*/
const spareBuffers: Buffer[] = [];

function takeBuffer(size: number): Buffer {
	const spare = spareBuffers.pop();
	return spare && spare.length >= size ? spare : Buffer.allocUnsafeSlow(Math.max(size, 256 * 1024));
}

function giveBack(buffer: Buffer): void {
	if (spareBuffers.length < 4) {
		spareBuffers.push(buffer);
	}
}

/**
A small regular file's bytes (from `start`), read synchronously into a buffer from the free
list (`giveBack` it when done); undefined for anything else. A typical transcript is ~100 KB:
streaming it costs four thread-pool round trips (open, read, read, close) that took more time
than parsing it. Opened non-blocking, so a FIFO that replaced the file never hangs us (it is
not a regular file and goes the streaming way, which reports it).
*/
function readSmallFile(path: string, start: number): {buffer: Buffer; length: number} | undefined {
	let fd: number;
	try {
		fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
	} catch {
		return undefined;
	}

	try {
		const info = fstatSync(fd);
		if (!info.isFile() || info.size - start > smallFileBytes) {
			return undefined;
		}

		const wanted = Math.max(0, info.size - start);
		const buffer = takeBuffer(wanted);
		let filled = 0;
		try {
			while (filled < wanted) {
				const read = readSync(fd, buffer, filled, wanted - filled, start + filled);
				if (read === 0) break;
				filled += read;
			}
		} catch {
			giveBack(buffer);
			// Let the stream meet the same error and report it the usual way.
			return undefined;
		}

		return {buffer, length: filled};
	} catch {
		return undefined;
	} finally {
		closeSync(fd);
	}
}

export async function* readLines(path: string, options: ReadLinesOptions = {}): AsyncGenerator<Line> {
	const small = readSmallFile(path, options.start ?? 0);
	if (small) {
		try {
			yield* readLinesFrom([small.buffer.subarray(0, small.length)], options);
		} finally {
			giveBack(small.buffer);
		}

		return;
	}

	const stream = createReadStream(path, {highWaterMark: 1024 * 1024, start: options.start ?? 0});
	yield* readLinesFrom(stream as AsyncIterable<Buffer>, options);
}

/**
The same line splitting over any stream of Buffers (e.g. a decompressed `.zst` rollout).
`options.start` is ignored here: the caller positions its own stream.
*/
export async function* readLinesFrom(
	chunks: AsyncIterable<Buffer> | Iterable<Buffer>,
	options: ReadLinesOptions = {},
): AsyncGenerator<Line> {
	const lines = new LineSplitter(options);
	for await (const chunk of utf8Chunks(chunks, options)) {
		let start = 0;
		for (let end = chunk.indexOf(newline); end !== -1; end = chunk.indexOf(newline, start)) {
			const line = lines.complete(chunk.subarray(start, end));
			if (line) {
				yield line;
			}

			start = end + 1;
		}

		lines.carry(chunk.subarray(start));
	}

	const last = lines.finish();
	if (last) {
		yield last;
	}
}

/**
The state of splitting one stream into lines: the start of a line that continues in the next
chunk, the line count, and whether the line being read is already too long to keep.
*/
class LineSplitter {
	private readonly markers: LineMarkers | undefined;
	private readonly maxLineBytes: number;
	/** The pieces of the line the last chunk ended in (copies: a stream may reuse its chunk buffer). */
	private pending: Buffer[] = [];
	private pendingBytes = 0;
	/** The line being read outgrew maxLineBytes: its bytes are only counted, not kept. */
	private oversized = false;
	private lineNumber = 0;

	constructor(private readonly options: ReadLinesOptions) {
		this.markers = options.markers ? lineMarkers(options.markers) : undefined;
		this.maxLineBytes = options.maxLineBytes ?? 64 * 1024 * 1024;
	}

	/** The line that ends with `piece` (the bytes before a newline), unless it is skipped. */
	complete(piece: Buffer): Line | undefined {
		const bytes = this.pendingBytes + piece.length;
		let line: Line | undefined;
		if (this.oversized || bytes > this.maxLineBytes) {
			this.lineNumber++;
			this.options.onOversized?.(this.lineNumber, bytes);
			this.oversized = false;
		} else {
			line = this.lineOf(this.pending.length === 0 ? piece : Buffer.concat([...this.pending, piece]), false);
		}

		this.pending = [];
		this.pendingBytes = 0;
		return line;
	}

	/** Keeps the bytes after a chunk's last newline: the start of a line the next chunk ends. */
	carry(tail: Buffer): void {
		if (this.oversized) {
			this.pendingBytes += tail.length;
		} else if (tail.length > 0) {
			this.pending.push(Buffer.from(tail));
			this.pendingBytes += tail.length;
			if (this.pendingBytes > this.maxLineBytes) {
				this.oversized = true;
				this.pending = [];
			}
		}
	}

	/** At the end of the stream: the last line when it has no newline (possibly still being written). */
	finish(): Line | undefined {
		if (this.oversized) {
			this.lineNumber++;
			this.options.onOversized?.(this.lineNumber, this.pendingBytes);
			return undefined;
		}

		return this.pending.length > 0 ? this.lineOf(Buffer.concat(this.pending), true) : undefined;
	}

	/** Counts the line, and hands it over unless it is blank or lacks every marker. */
	private lineOf(line: Buffer, unterminated: boolean): Line | undefined {
		this.lineNumber++;
		let end = line.length;
		if (end > 0 && line[end - 1] === carriageReturn) {
			end--;
		}

		// A UTF-8 byte order mark (a file saved by a Windows editor) would make line 1 invalid JSON.
		const begin =
			this.lineNumber === 1 && !this.options.start && line[0] === 0xef && line[1] === 0xbb && line[2] === 0xbf ? 3 : 0;
		if (end <= begin || (this.markers && !this.markers.matches(begin === 0 ? line : line.subarray(begin)))) {
			return undefined;
		}

		if (this.options.undecoded?.(line)) {
			return {text: '', bytes: line.subarray(begin, end), number: this.lineNumber, unterminated};
		}

		return {text: line.toString('utf8', begin, end), number: this.lineNumber, unterminated};
	}
}

/**
The chunks as UTF-8: unchanged, or converted when the stream starts with a UTF-16 byte order
mark (only at the start of a file: a tail read from `start` keeps its bytes). Progress counts
the bytes read, so it matches the file sizes discovery reported.
*/
async function* utf8Chunks(
	chunks: AsyncIterable<Buffer> | Iterable<Buffer>,
	options: ReadLinesOptions,
): AsyncGenerator<Buffer> {
	// The first two bytes decide; a stream may hand them over one at a time.
	let head: Buffer | undefined = options.start ? undefined : Buffer.alloc(0);
	let converter: Utf16ToUtf8 | undefined;
	for await (const chunk of chunks) {
		options.onBytes?.(chunk.length);
		if (converter) {
			yield converter.push(chunk);
		} else if (!head) {
			yield chunk;
		} else if (head.length + chunk.length < 2) {
			head = Buffer.concat([head, chunk]);
		} else {
			const start = head.length === 0 ? chunk : Buffer.concat([head, chunk]);
			head = undefined;
			const order = utf16Order(start);
			converter = order ? new Utf16ToUtf8(order) : undefined;
			yield converter ? converter.push(start.subarray(2)) : start;
		}
	}

	if (head?.length) {
		yield head;
	}

	if (converter) {
		yield converter.end();
	}
}

/** JSON.parse that returns undefined instead of throwing; only plain objects pass. */
export function parseJsonObject(text: string): Record<string, unknown> | undefined {
	try {
		return asRecord(JSON.parse(text));
	} catch {
		return undefined;
	}
}

/** Narrowing helpers for untrusted JSON (asRecord is core's, here with the others for the parsers). */
export {asRecord};

export function asString(value: unknown): string | undefined {
	return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** A positive finite number (a cost, a time in ms), else 0. */
export function num(value: unknown): number {
	return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}

/** Cuts a prompt to a one-line preview of at most `max` characters. */
export function promptPreview(text: string, max = 200): string {
	const oneLine = text.replace(/\s+/g, ' ').trim();
	return oneLine.length > max ? oneLine.slice(0, max - 1) + '…' : oneLine;
}
