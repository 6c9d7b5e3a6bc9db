/**
Benchmark corpus generator (run with `npx tsx`): writes a seeded Claude Code corpus into
`<dir>/claude/projects/…` (the `--data-dir` layout) and prints its stats as JSON.

Usage: tsx test/bench/generate.ts DIR BYTES [single]
`single` writes one large session file instead of ~1,260 sessions per GB, for the
"one 1 GB file" case.
*/
import {once} from 'node:events';
import {mkdir, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {generateClaudeCorpus} from '../generate/claude.js';

const [dir, bytesText, mode] = process.argv.slice(2);
if (!dir || !bytesText) {
	console.error('usage: tsx test/bench/generate.ts DIR BYTES [single]');
	process.exit(2);
}

const targetBytes = Number(bytesText);
const root = path.join(dir, 'claude');
await mkdir(root, {recursive: true});
const started = Date.now();
const result =
	mode === 'single'
		? await generateSingleFile(root, targetBytes)
		: await generateClaudeCorpus(root, {seed: 20_260_101, sessions: 1, startDay: '2025-11-01', days: 365, targetBytes});
await writeFile(path.join(dir, 'corpus.json'), JSON.stringify({...result, mode: mode ?? 'sessions', targetBytes}));
console.log(JSON.stringify({...result, seconds: (Date.now() - started) / 1000}));

/** One big transcript: generate a normal corpus, then concatenate its main session files. */
async function generateSingleFile(target: string, bytes: number) {
	const {createReadStream, createWriteStream} = await import('node:fs');
	const {readdir, rm} = await import('node:fs/promises');
	const scratch = path.join(dir!, 'scratch');
	const result = await generateClaudeCorpus(scratch, {
		seed: 7,
		sessions: 1,
		startDay: '2025-11-01',
		days: 365,
		targetBytes: bytes,
	});
	const outFolder = path.join(target, 'projects', '-home-dev-src-big');
	await mkdir(outFolder, {recursive: true});
	const out = createWriteStream(path.join(outFolder, 'big-session.jsonl'));
	let files = 0;
	for (const project of await readdir(path.join(scratch, 'projects'))) {
		for (const entry of await readdir(path.join(scratch, 'projects', project), {withFileTypes: true})) {
			if (entry.isFile() && entry.name.endsWith('.jsonl')) {
				for await (const chunk of createReadStream(path.join(scratch, 'projects', project, entry.name))) {
					if (!out.write(chunk)) {
						await once(out, 'drain');
					}
				}

				files++;
			}
		}
	}

	out.end();
	await new Promise<void>(resolve => out.on('close', () => resolve()));
	await rm(scratch, {recursive: true, force: true});
	return {...result, files: 1, concatenated: files};
}
