import {mkdtemp, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {type Line, readLines} from '../../source/parsers/read-lines.js';

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
});
