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

async function* decompressedChunks(path: string, onBytes?: (bytes: number) => void): AsyncGenerator<Buffer> {
	const ready: Buffer[] = [];
	// fzstd may reuse its output buffer: copy each piece.
	const decompressor = new Decompress(data => {
		ready.push(Buffer.from(data));
	});
	const stream = createReadStream(path, {highWaterMark: 256 * 1024});
	for await (const chunk of stream as AsyncIterable<Buffer>) {
		onBytes?.(chunk.length);
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
