/**
A 100 MB single line in the middle of a real sample file, for every line-oriented parser: it
is skipped with a diagnostic on its line number, memory stays bounded (the line is never
decoded), and the lines around it give exactly the events they give without it. The line is
written to disk in 1 MiB slices; it never exists as one JS string.
*/
import {closeSync, openSync, rmSync, writeSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {expectSane, jsonlSamples, rootWith, runParser, type Sample, sampleLines} from './support.js';

const hugeBytes = 100 * 1024 * 1024;
/** Every parser's usage markers, so no parser may skip the line on its prefilter alone. */
const head =
	'{"type":"user","message":{"type":"StatusUpdate","role":"assistant","usage":{"input_tokens":1},"token_count":1},"pad":"';

function writeWithHugeLine(file: string, before: readonly string[], after: readonly string[]): void {
	const fd = openSync(file, 'w');
	try {
		writeSync(fd, before.map(line => `${line}\n`).join('') + head);
		const slice = Buffer.alloc(1024 * 1024, 'x');
		for (let written = head.length; written < hugeBytes; written += slice.length) {
			writeSync(fd, slice);
		}

		writeSync(fd, `"}\n${after.map(line => `${line}\n`).join('')}`);
	} finally {
		closeSync(fd);
	}
}

/** Largest RSS growth seen while `task` runs (sampled; an upper bound is all we assert). */
async function peakGrowth<T>(task: () => Promise<T>): Promise<{result: T; growth: number}> {
	const start = process.memoryUsage.rss();
	let peak = start;
	const timer = setInterval(() => {
		peak = Math.max(peak, process.memoryUsage.rss());
	}, 5);
	try {
		const result = await task();
		peak = Math.max(peak, process.memoryUsage.rss());
		return {result, growth: peak - start};
	} finally {
		clearInterval(timer);
	}
}

describe.each(jsonlSamples)('a 100 MB line in a $agent file', (sample: Sample) => {
	it('is skipped with a diagnostic, memory stays bounded, and the lines around it still count', async () => {
		const lines = sampleLines(sample);
		const middle = Math.floor(lines.length / 2);
		const before = lines.slice(0, middle);
		const after = lines.slice(middle);
		const blank = rootWith(sample, [...before, '', ...after].map(line => `${line}\n`).join(''));
		const huge = rootWith(sample, '');
		writeWithHugeLine(huge.file, before, after);
		try {
			const baseline = await runParser(sample.agent, blank.root);
			const {result: run, growth} = await peakGrowth(() => runParser(sample.agent, huge.root));
			expectSane(run);
			expect(run.events).toEqual(baseline.events);
			const onLine = run.diagnostics.filter(d => d.line === middle + 1);
			expect(onLine.map(d => [d.kind, d.message.includes('too long')])).toEqual([['malformed-line', true]]);
			// Without the line limit the line is buffered, joined and decoded: ≥ 300 MB.
			expect(growth).toBeLessThan(200 * 1024 * 1024);
		} finally {
			rmSync(blank.root, {recursive: true, force: true});
			rmSync(huge.root, {recursive: true, force: true});
		}
	});
});
