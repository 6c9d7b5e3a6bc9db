/**
Lines of one rollout file, plain or zstd-compressed (`.jsonl.zst`, newer codex-rs).

`.zst` files are decompressed as a stream with `fzstd` (pure JS, no native code): memory stays
bounded by the zstd window plus one line, like plain files. Progress counts compressed bytes,
so it matches the file sizes discovery reported.
*/
import {createReadStream} from 'node:fs';
import {Decompress} from 'fzstd';
import {type Line, type ReadLinesOptions, readLines, readLinesFrom} from '../read-lines.js';
import type {SourceFile} from '../types.js';

export function rolloutLines(file: SourceFile, options: ReadLinesOptions): AsyncGenerator<Line> {
	if (file.kind !== 'zst') {
		return readLines(file.path, options);
	}

	const {onBytes, ...rest} = options;
	return readLinesFrom(decompressedChunks(file.path, onBytes), rest);
}

/**
zstd's own decoder refuses frames that need a window above 128 MiB unless told otherwise
(ZSTD_WINDOWLOG_LIMIT_DEFAULT = 27). fzstd has no such limit: it allocates whatever the frame
header asks (up to 2 GB), so one flipped bit in a damaged file cost 0.5 GB and seconds.
*/
export const maxZstdWindowBytes = 128 * 1024 * 1024;

/** The window a zstd frame header asks for (as the decoder computes it); undefined if not zstd. */
export function zstdWindowSize(header: Uint8Array): number | undefined {
	if (header.length < 6 || header[0] !== 0x28 || header[1] !== 0xb5 || header[2] !== 0x2f || header[3] !== 0xfd) {
		return undefined;
	}

	const flags = header[4]!;
	const singleSegment = (flags >> 5) & 1;
	if (!singleSegment) {
		const descriptor = header[5]!;
		const base = 2 ** (10 + (descriptor >> 3));
		return base + (base / 8) * (descriptor & 7);
	}

	// Single segment: the window is the whole content, whose size follows the dictionary id.
	const sizeFlag = flags >> 6;
	const dictionaryBytes = [0, 1, 2, 4][flags & 3]!;
	const sizeBytes = sizeFlag === 0 ? 1 : 2 ** sizeFlag;
	const at = 5 + dictionaryBytes;
	if (header.length < at + sizeBytes) {
		return undefined;
	}

	let size = 0;
	for (let index = sizeBytes - 1; index >= 0; index--) {
		size = size * 256 + header[at + index]!;
	}

	return sizeFlag === 1 ? size + 256 : size;
}

async function* decompressedChunks(path: string, onBytes?: (bytes: number) => void): AsyncGenerator<Buffer> {
	const ready: Buffer[] = [];
	let checked = false;
	// fzstd may reuse its output buffer: copy each piece.
	const decompressor = new Decompress(data => {
		ready.push(Buffer.from(data));
	});
	const stream = createReadStream(path, {highWaterMark: 256 * 1024});
	for await (const chunk of stream as AsyncIterable<Buffer>) {
		onBytes?.(chunk.length);
		if (!checked) {
			checked = true;
			const window = zstdWindowSize(chunk);
			if (window !== undefined && window > maxZstdWindowBytes) {
				stream.destroy();
				// Thrown into parse(), which reports it as unreadable-file and keeps the file's events so far (none).
				throw new Error(`zstd frame asks for a ${window}-byte window (limit ${maxZstdWindowBytes}); damaged file?`);
			}
		}

		decompressor.push(chunk);
		while (ready.length > 0) {
			yield ready.shift()!;
		}
	}

	decompressor.push(new Uint8Array(0), true);
	while (ready.length > 0) {
		yield ready.shift()!;
	}
}
