/**
Things named like transcripts that are not files, for every parser's discovery: a FIFO (opening
it would block forever), a symlink to /dev/null, a symlink that points at itself (ELOOP) and a
folder symlink that loops back to its parent. Each is one diagnostic (or, for the folder loop,
not followed at all), nothing hangs, and the real sample next to them gives exactly the events
it gives alone.
*/
import {constants, mkdirSync, openSync, closeSync, rmSync, symlinkSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {mkfifoSync} from '../parsers/claude/mkfifo.js';
import {
	expectSane,
	jsonlSamples,
	jsonSamples,
	type Run,
	rootWith,
	runParser,
	type Sample,
	sampleLines,
} from './support.js';

/** Unblocks a reader stuck opening `fifo` (only if a parser wrongly opened it), so nothing hangs. */
function releaseFifo(fifo: string): void {
	try {
		closeSync(openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK));
	} catch {}
}

async function withDeadline(run: Promise<Run>, ms: number): Promise<Run | 'timed out'> {
	let timer: NodeJS.Timeout | undefined;
	const deadline = new Promise<'timed out'>(resolve => {
		timer = setTimeout(() => resolve('timed out'), ms);
	});
	try {
		return await Promise.race([run, deadline]);
	} finally {
		clearTimeout(timer);
	}
}

describe.each([...jsonlSamples, ...jsonSamples])('$agent discovery next to special files ($file)', (sample: Sample) => {
	it('reports a FIFO, a /dev/null link and a self-link, ignores a folder loop, and loses nothing', async () => {
		const content = sampleLines(sample).join('\n') + '\n';
		const plain = rootWith(sample, content);
		const special = rootWith(sample, content);
		const folder = path.dirname(special.file);
		const name = path.basename(special.file);
		const at = (kind: string) => {
			mkdirSync(path.join(folder, kind));
			return path.join(folder, kind, name);
		};

		const fifo = at('fifo');
		mkfifoSync(fifo);
		symlinkSync('/dev/null', at('devnull'));
		const loop = at('loop');
		symlinkSync(loop, loop);
		symlinkSync('..', path.join(folder, 'folder-loop'));
		try {
			const expected = await runParser(sample.agent, plain.root);
			const run = await withDeadline(runParser(sample.agent, special.root), 15_000);
			expect(run).not.toBe('timed out');
			const result = run as Run;
			expectSane(result);
			expect(result.events).toEqual(expected.events);
			const told = result.diagnostics.filter(
				d => !expected.diagnostics.some(e => e.message === d.message && e.line === d.line),
			);
			expect(told.map(d => [d.kind, path.relative(folder, d.file ?? '')]).sort()).toEqual([
				['not-a-file', `devnull/${name}`],
				['not-a-file', `fifo/${name}`],
				['unreadable-file', `loop/${name}`],
			]);
		} finally {
			releaseFifo(fifo);
			rmSync(plain.root, {recursive: true, force: true});
			rmSync(special.root, {recursive: true, force: true});
		}
	});
});

it('an OpenCode database name that is a FIFO is reported, not opened; the legacy files beside it still load', async () => {
	const sample = jsonSamples.find(s => s.agent === 'opencode')!;
	const {root} = rootWith(sample, sampleLines(sample).join('\n'));
	const fifo = path.join(root, 'opencode.db');
	mkfifoSync(fifo);
	try {
		const run = await withDeadline(runParser('opencode', root), 15_000);
		expect(run).not.toBe('timed out');
		const result = run as Run;
		expectSane(result);
		expect(result.events.filter(event => event.type === 'call').length).toBeGreaterThan(0);
		expect(result.diagnostics.map(d => [d.kind, path.basename(d.file ?? '')])).toEqual([['not-a-file', 'opencode.db']]);
	} finally {
		releaseFifo(fifo);
		rmSync(root, {recursive: true, force: true});
	}
});
