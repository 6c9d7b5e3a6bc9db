#!/usr/bin/env node
/**
Discovery benchmark (not a test): the hand-written walker (source/parsers/walk.ts, used by the
parsers' `discover`) against fast-glob's sync and stream APIs with `stats: true`, on the 1 GB
bench corpus (13k files). Run after `npm run build` and once `npm run bench` has generated
`.bench/claude-1g`:

	node test/bench/discover.mjs [runs]

Each contender lists every `*.jsonl` with its size, mtime and inode, `runs` times in turn (so a
warm page cache favours none of them); prints the median and the fastest wall time of each.
*/
import {existsSync} from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const corpus = path.join(repoRoot, '.bench', 'claude-1g', 'claude', 'projects');
const runs = Number(process.argv[2] ?? 9);
if (!existsSync(corpus)) {
	console.error('no .bench/claude-1g yet: run `npm run bench -- --runs 1 --no-ccusage` first');
	process.exit(2);
}

const {findFiles} = await import(path.join(repoRoot, 'distribution', 'parsers', 'walk.js'));
const globOptions = {cwd: corpus, absolute: true, stats: true, onlyFiles: true, followSymbolicLinks: false, dot: true};
const pick = entry => ({path: entry.path, size: entry.stats.size, mtimeMs: entry.stats.mtimeMs, ino: entry.stats.ino});

const contenders = {
	walker: async () => findFiles(corpus, {agent: 'claude', match: name => name.endsWith('.jsonl'), report() {}}),
	'fast-glob sync': async () => fg.sync('**/*.jsonl', globOptions).map(pick),
	'fast-glob stream': async () => {
		const found = [];
		for await (const entry of fg.stream('**/*.jsonl', globOptions)) {
			found.push(pick(entry));
		}

		return found;
	},
};

const times = Object.fromEntries(Object.keys(contenders).map(name => [name, []]));
const counts = {};
for (let run = 0; run < runs; run++) {
	for (const [name, list] of Object.entries(contenders)) {
		const start = performance.now();
		const found = await list();
		times[name].push(performance.now() - start);
		counts[name] = found.length;
	}
}

const median = values => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
for (const [name, values] of Object.entries(times)) {
	console.log(
		`${name.padEnd(17)} ${String(counts[name]).padStart(6)} files  median ${median(values).toFixed(1).padStart(7)} ms  best ${Math.min(
			...values,
		)
			.toFixed(1)
			.padStart(7)} ms  (${runs} runs)`,
	);
}
