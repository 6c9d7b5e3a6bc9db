import {mkdtemp, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {type Line, readLines, readLinesFrom} from '../../source/parsers/read-lines.js';

async function tempFile(content: string | Buffer): Promise<string> {
	const dir = await mkdtemp(path.join(tmpdir(), 'agent-ncdu-lines-'));
	const file = path.join(dir, 'x.jsonl');
	await writeFile(file, content);
	return file;
}

async function collect(iterable: AsyncIterable<Line>): Promise<Line[]> {
	const lines: Line[] = [];
	for await (const line of iterable) {
		lines.push(line);
	}

	return lines;
}

describe('readLines', () => {
	it('splits on LF, strips CR, skips blank lines and keeps 1-based numbers', async () => {
		const file = await tempFile('a\r\n\nb\nc');
		const lines = await collect(readLines(file));
		expect(lines).toEqual([
			{text: 'a', number: 1, unterminated: false},
			{text: 'b', number: 3, unterminated: false},
			{text: 'c', number: 4, unterminated: true},
		]);
	});

	it('decodes only lines that contain a marker', async () => {
		const file = await tempFile('{"type":"progress"}\n{"usage":{"a":1}}\n{"type":"user"}\n');
		const lines = await collect(readLines(file, {markers: ['"usage":{', '"type":"user"']}));
		expect(lines.map(line => line.number)).toEqual([2, 3]);
	});

	it('reassembles lines across 1 MiB chunk boundaries and multi-byte characters', async () => {
		const long = 'é'.repeat(700_000); // 1.4 MB of 2-byte characters
		const file = await tempFile(`${long}\nshort\n`);
		const lines = await collect(readLines(file));
		expect(lines[0]!.text).toBe(long);
		expect(lines[1]!.text).toBe('short');
	});

	it('skips an oversized line, reports it, and reads on', async () => {
		const file = await tempFile(`${'x'.repeat(3_000_000)}\nafter\n`);
		const oversized: number[] = [];
		const lines = await collect(readLines(file, {maxLineBytes: 1_000_000, onOversized: line => oversized.push(line)}));
		expect(oversized).toEqual([1]);
		expect(lines).toEqual([{text: 'after', number: 2, unterminated: false}]);
	});

	it('starts at a byte offset (for appended tails)', async () => {
		const file = await tempFile('first\nsecond\n');
		const lines = await collect(readLines(file, {start: 6}));
		expect(lines.map(line => line.text)).toEqual(['second']);
	});

	it('keeps files read at the same time apart, and a reused read buffer never leaks old bytes', async () => {
		// Small files are read into buffers from a free list; interleaved readers must each see
		// their own file, and a later, shorter file must not see the tail of an earlier one.
		const long = await tempFile(`${Array.from({length: 2000}, (_, index) => `long-${index}`).join('\n')}\n`);
		const other = await tempFile('x1\nx2\nx3\n');
		const a = readLines(long)[Symbol.asyncIterator]();
		const b = readLines(other)[Symbol.asyncIterator]();
		const seenA: string[] = [];
		const seenB: string[] = [];
		for (let step = 0; step < 2005; step++) {
			const nextA = await a.next();
			if (!nextA.done) seenA.push(nextA.value.text);
			const nextB = await b.next();
			if (!nextB.done) seenB.push(nextB.value.text);
		}

		expect(seenA).toEqual(Array.from({length: 2000}, (_, index) => `long-${index}`));
		expect(seenB).toEqual(['x1', 'x2', 'x3']);
		const short = await tempFile('only\n');
		expect((await collect(readLines(short))).map(line => line.text)).toEqual(['only']);
		const unterminated = await tempFile('y1\ny2');
		expect(await collect(readLines(unterminated))).toEqual([
			{text: 'y1', number: 1, unterminated: false},
			{text: 'y2', number: 2, unterminated: true},
		]);
	});

	it('matches key-value markers on lines written with spaced separators, and only there', async () => {
		const file = await tempFile(
			[
				'{"type": "user", "message": {"content": "hi"}}',
				'{ "type" : "progress", "data": {"usage" :{"a": 1}}}',
				'{"type": "progress", "data": {"text": "usage: 1"}}',
				// Compact: a spaced marker inside a string value does not make this line a candidate.
				'{"type":"progress","text":"{\\"type\\": \\"user\\"}"}',
				'{"type":"assistant","message":{"usage":{"a":1}}}',
			].join('\n'),
		);
		const lines = await collect(readLines(file, {markers: ['"usage":{', '"type":"user"']}));
		expect(lines.map(line => line.number)).toEqual([1, 2, 5]);
	});

	it('keeps the first record after a UTF-8 byte order mark, also on a spaced line (the check looks past the mark)', async () => {
		const file = await tempFile(
			Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"type": "user"}\n{}\n')]),
		);
		const lines = await collect(readLines(file, {markers: ['"type":"user"']}));
		expect(lines).toEqual([{text: '{"type": "user"}', number: 1, unterminated: false}]);
	});

	it.each([
		['utf16le', (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])],
		['utf16be', (text: string) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()])],
	])('converts a %s file with a byte order mark, whatever its chunk boundaries', async (_, encode) => {
		const text = '{"type":"user","text":"héllo 😀 ✓"}\r\n{"n":2}\n\n{"usage":{"é":"😀"}}';
		const expected = [
			{text: '{"type":"user","text":"héllo 😀 ✓"}', number: 1, unterminated: false},
			{text: '{"usage":{"é":"😀"}}', number: 4, unterminated: true},
		];
		const bytes = encode(text);
		const file = await tempFile(bytes);
		expect(await collect(readLines(file, {markers: ['"usage":{', '"type":"user"']}))).toEqual(expected);
		// Chunks of 1, 3 and 5 bytes split code units and surrogate pairs (the streamed path).
		for (const size of [1, 3, 5]) {
			const chunks = Array.from({length: Math.ceil(bytes.length / size)}, (_, at) =>
				bytes.subarray(at * size, (at + 1) * size),
			);
			let counted = 0;
			const lines = await collect(
				readLinesFrom(chunks, {markers: ['"usage":{', '"type":"user"'], onBytes: bytes => (counted += bytes)}),
			);
			expect(lines).toEqual(expected);
			expect(counted).toBe(bytes.length);
		}
	});
});
