#!/usr/bin/env node
/**
Status line benchmark (not a test; `npm run bench:statusline`, after `npm run build` and once
`npm run bench` has generated `.bench/claude-1g`).

A status line runs every few seconds, so what matters is one warm run on a long history. The
generated corpus has every file written "now"; on a real machine a transcript was last written
when its last record was. So this copies the corpus once to `.bench/statusline-1g` and sets each
file's mtime to its last record's timestamp, then runs `agent-ncdu statusline` with "now" just
after the newest record (AGENT_NCDU_NOW, through test/support/inject/clock.mjs), the first run filling the parse cache. Prints the
median wall time and peak RSS of the warm runs, and `node -e 0` for the start-up floor.
*/
import {spawnSync} from 'node:child_process';
import {
	closeSync,
	cpSync,
	existsSync,
	fstatSync,
	mkdtempSync,
	openSync,
	readFileSync,
	readSync,
	readdirSync,
	utimesSync,
	writeFileSync,
} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const source = path.join(repoRoot, '.bench', 'claude-1g', 'claude');
const corpus = path.join(repoRoot, '.bench', 'statusline-1g');
const cli = path.join(repoRoot, 'distribution', 'cli.js');
const runs = Number(process.argv[2] ?? 7);

if (!existsSync(source)) {
	console.error('no .bench/claude-1g yet: run `npm run bench -- --runs 1 --no-ccusage` first');
	process.exit(2);
}

/** The last `"timestamp"` in a file's final 8 KB (transcripts are appended in time order). */
function lastTimestamp(file) {
	const fd = openSync(file, 'r');
	try {
		const size = fstatSync(fd).size;
		const length = Math.min(size, 8192);
		const buffer = Buffer.alloc(length);
		readSync(fd, buffer, 0, length, size - length);
		const matches = [...buffer.toString('utf8').matchAll(/"timestamp":"([^"]+)"/g)];
		return matches.length > 0 ? Date.parse(matches.at(-1)[1]) : undefined;
	} finally {
		closeSync(fd);
	}
}

const stampFile = path.join(corpus, 'newest.txt');
if (!existsSync(stampFile)) {
	console.error(`copying the corpus to ${corpus} and dating each file by its last record …`);
	cpSync(source, path.join(corpus, 'claude'), {recursive: true});
	let newest = 0;
	for (const name of readdirSync(path.join(corpus, 'claude'), {recursive: true, encoding: 'utf8'})) {
		if (name.endsWith('.jsonl')) {
			const file = path.join(corpus, 'claude', name);
			const time = lastTimestamp(file);
			if (time !== undefined) {
				newest = Math.max(newest, time);
				utimesSync(file, time / 1000, time / 1000);
			}
		}
	}

	writeFileSync(stampFile, new Date(newest).toISOString());
}

const now = new Date(Date.parse(readFileSync(stampFile, 'utf8').trim()) + 60_000).toISOString();
const home = mkdtempSync(path.join(tmpdir(), 'bench-statusline-'));
const env = {
	PATH: process.env.PATH,
	HOME: home,
	TZ: 'UTC',
	CLAUDE_CONFIG_DIR: path.join(corpus, 'claude'),
	AGENT_NCDU_NOW: now,
	AGENT_NCDU_HOST: 'bench',
};
const input = readFileSync(path.join(repoRoot, 'fixtures', 'statusline', 'spotter-session.json'));
const hasTime = existsSync('/usr/bin/time');

function once(command, args) {
	const timeFile = path.join(home, 'time.txt');
	const started = process.hrtime.bigint();
	const result = hasTime
		? spawnSync('/usr/bin/time', ['-v', '-o', timeFile, command, ...args], {env, input})
		: spawnSync(command, args, {env, input});
	const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
	const rssMb = hasTime
		? Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(readFileSync(timeFile, 'utf8'))?.[1] ?? 0) / 1024
		: Number.NaN;
	return {wallMs, rssMb, stdout: result.stdout.toString().trim()};
}

const median = values => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
// The clock of each run starts at AGENT_NCDU_NOW (test/support/inject/clock.mjs).
const statusArgs = ['--import', path.join(repoRoot, 'test', 'support', 'inject', 'clock.mjs'), cli, 'statusline'];
const first = once(process.execPath, [...statusArgs, '--timezone', 'UTC']);
const warm = Array.from({length: runs}, () => once(process.execPath, [...statusArgs, '--timezone', 'UTC']));
const floor = Array.from({length: runs}, () => once(process.execPath, ['-e', '0']));
const files = readdirSync(path.join(corpus, 'claude'), {recursive: true, encoding: 'utf8'}).filter(name =>
	name.endsWith('.jsonl'),
).length;
console.log(`status line on ${files} transcripts (1 GB), now = ${now}, ${runs} warm runs`);
console.log(`  output:               ${first.stdout}`);
console.log(`  first run (cold cache): ${first.wallMs.toFixed(0)} ms`);
console.log(
	`  warm median:            ${median(warm.map(run => run.wallMs)).toFixed(0)} ms, peak RSS ${median(warm.map(run => run.rssMb)).toFixed(0)} MB`,
);
console.log(`  node -e 0 (floor):      ${median(floor.map(run => run.wallMs)).toFixed(0)} ms`);
