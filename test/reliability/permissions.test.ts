/**
Permission denied, for every parser: a copy of the sample whose mode is 000, and a folder
holding another copy whose mode is 000, next to the real sample. Each is one diagnostic
(unreadable-file / unreadable-folder) and the sample gives exactly the calls it gives alone.
Parsers run behind the pipeline's per-file guard (the Claude parser leaves an open() error to
it), and may announce the unreadable file's session before failing to read it: only calls count.
Root ignores file modes, so this cannot be provoked when the suite runs as root (CI may): the
suite skips then. (Checked locally as `nobody` with `setpriv --reuid=65534 … vitest --configLoader runner`.)
*/
import {chmodSync, copyFileSync, mkdirSync, rmSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {
	expectSane,
	jsonlSamples,
	jsonSamples,
	type Run,
	rootWith,
	runParser,
	type Sample,
	sampleLines,
	skipsForRoot,
} from './support.js';

describe.skipIf(skipsForRoot).each([...jsonlSamples, ...jsonSamples])(
	'$agent with permission denied ($file)',
	(sample: Sample) => {
		it('reports the unreadable file and folder once each and loses nothing else', async () => {
			const content = `${sampleLines(sample).join('\n')}\n`;
			const plain = rootWith(sample, content);
			const denied = rootWith(sample, content);
			const folder = path.dirname(denied.file);
			const name = path.basename(denied.file);
			const lockedFolder = path.join(folder, 'locked');
			const lockedFile = path.join(folder, 'denied', name);
			mkdirSync(lockedFolder);
			copyFileSync(denied.file, path.join(lockedFolder, name));
			mkdirSync(path.dirname(lockedFile));
			copyFileSync(denied.file, lockedFile);
			chmodSync(lockedFile, 0o000);
			chmodSync(lockedFolder, 0o000);
			try {
				const expected = await runParser(sample.agent, plain.root);
				const run = await runParser(sample.agent, denied.root, {guarded: true});
				expectSane(run);
				const calls = (events: Run['events']) => events.filter(event => event.type === 'call');
				expect(calls(run.events)).toEqual(calls(expected.events));
				expect(calls(run.events).length).toBeGreaterThan(0);
				const told = run.diagnostics.filter(
					d => !expected.diagnostics.some(e => e.message === d.message && e.line === d.line),
				);
				expect(
					told.map(d => [d.kind, path.relative(folder, d.file ?? ''), /EACCES|permission/i.test(d.message)]).sort(),
				).toEqual([
					['unreadable-file', `denied/${name}`, true],
					['unreadable-folder', 'locked', true],
				]);
			} finally {
				chmodSync(lockedFolder, 0o755);
				rmSync(plain.root, {recursive: true, force: true});
				rmSync(denied.root, {recursive: true, force: true});
			}
		});
	},
);
