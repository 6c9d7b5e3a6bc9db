#!/usr/bin/env node
/**
Load benchmark (not a test; `npm run bench -- [flags]`, after `npm run build`).

Generates seeded Claude Code corpora into `.bench/` (gitignored; kept between runs), then
measures agent-ncdu in the default configuration a user runs, side by side with ccusage's native
binary. Every run gets a private temporary HOME; the corpus is found the way a user's data is,
`CLAUDE_CONFIG_DIR=<corpus>/claude` (no `--data-dir`), and no XDG_* variable is set, so the parse
cache (`$HOME/.cache/agent-ncdu`) and the usage ledger (`$HOME/.local/share/agent-ncdu/
bench.ledger.jsonl.gz`, AGENT_NCDU_HOST=bench) live in that HOME. `--json --timezone UTC --verbose`
to a file or /dev/null; TZ=UTC. Cases, in this order within a run (a new HOME per run):
- nocache: `--no-cache` in an empty HOME of its own (parse only; writes nothing into HOME)
- cold:    empty HOME: no parse cache, no ledger (every file parsed, cache and ledger written)
- warm:    the same HOME, nothing changed since the cold run (cache hits, ledger unchanged)
- warm --depth call: again, nothing changed; the whole tree, every API call exported
- TUI listing: `agent-ncdu` with no flags in a 120×40 tmux pane, warm: ms from spawn to the
           first frame showing the browser's listing (tui-listing.mjs), peak RSS by then
- append:  the largest session file grew by --append-mb MB since the previous run (cut back after)
- ccusage: `claude daily --json --offline --timezone UTC` (an empty HOME, same CLAUDE_CONFIG_DIR)
Wall time and peak RSS come from `/usr/bin/time -v` (else polling /proc/<pid>/status VmHWM).
Prints medians and ratios vs ccusage (wall, RSS), our own load and ledger ms from --verbose
(`Loaded … in X ms`, `Ledger: … (Y ms)`), and checks that our daily token totals (cold run) equal
ccusage's.

Flags: --size 1g|5g|300m (default 1g) · --single (one file of that size instead of sessions)
· --runs N (default 3) · --no-nocache (skip the --no-cache case, for big corpora) · --ccusage DIR (where ccusage@20.0.24 is npm-installed; installed into
a temp folder when absent) · --no-ccusage · --no-tui · --append-mb N (default 4)
*/
import {execFileSync, spawn} from 'node:child_process';
import {
	closeSync,
	existsSync,
	mkdirSync,
	openSync,
	readSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	statSync,
	truncateSync,
	appendFileSync,
	chmodSync,
} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {parseArgs} from 'node:util';
import {ensureTmux, tuiListing} from './tui-listing.mjs';

const {values: args} = parseArgs({
	options: {
		size: {type: 'string', default: '1g'},
		single: {type: 'boolean', default: false},
		runs: {type: 'string', default: '3'},
		ccusage: {type: 'string'},
		'no-ccusage': {type: 'boolean', default: false},
		'append-mb': {type: 'string', default: '4'},
		'no-nocache': {type: 'boolean', default: false},
		'no-tui': {type: 'boolean', default: false},
	},
});
const repoRoot = path.resolve(import.meta.dirname, '../..');
const benchRoot = path.join(repoRoot, '.bench');
const cli = path.join(repoRoot, 'distribution', 'cli.js');
const runs = Number(args.runs);
const bytes = parseSize(args.size);
const corpus = path.join(benchRoot, `${args.single ? 'single' : 'claude'}-${args.size}`);
const hasTime = existsSync('/usr/bin/time');

function parseSize(text) {
	const match = /^(\d+(?:\.\d+)?)([kmg]?)$/i.exec(text);
	if (!match) throw new Error(`bad --size ${text}`);
	return Math.round(Number(match[1]) * {'': 1, k: 1e3, m: 1e6, g: 1e9}[match[2].toLowerCase()]);
}

function ensureCorpus() {
	if (existsSync(path.join(corpus, 'corpus.json')))
		return JSON.parse(readFileSync(path.join(corpus, 'corpus.json'), 'utf8'));
	rmSync(corpus, {recursive: true, force: true});
	console.error(`generating ${args.size}${args.single ? ' single-file' : ''} corpus in ${corpus} …`);
	const out = execFileSync(
		'npx',
		['tsx', path.join(repoRoot, 'test/bench/generate.ts'), corpus, String(bytes), ...(args.single ? ['single'] : [])],
		{cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit']},
	);
	console.error(out.toString().trim());
	return JSON.parse(readFileSync(path.join(corpus, 'corpus.json'), 'utf8'));
}

/** The native ccusage binary, npm-installed into a temp folder when not given. */
function ensureCcusage() {
	if (args['no-ccusage']) return undefined;
	const dir = args.ccusage ?? path.join(tmpdir(), 'ccusage-bench');
	const binary = () => path.join(dir, 'node_modules/@ccusage/ccusage-linux-x64/bin/ccusage');
	if (!existsSync(binary())) {
		try {
			mkdirSync(dir, {recursive: true});
			execFileSync(
				'npm',
				[
					'install',
					'--no-fund',
					'--no-audit',
					'--prefix',
					dir,
					'ccusage@20.0.24',
					'@ccusage/ccusage-linux-x64@20.0.24',
				],
				{stdio: 'inherit'},
			);
		} catch {
			console.error('ccusage not available; measuring agent-ncdu only');
			return undefined;
		}
	}

	// npm unpacks the platform package without the executable bit.
	chmodSync(binary(), 0o755);
	return binary();
}

/** Runs a command once; resolves wall ms and peak RSS (MB). */
function measure(command, commandArgs, env, stdoutFile) {
	const timeFile = path.join(tmpdir(), `bench-time-${process.pid}.txt`);
	const [file, argv] = hasTime
		? ['/usr/bin/time', ['-v', '-o', timeFile, command, ...commandArgs]]
		: [command, commandArgs];
	return new Promise((resolve, reject) => {
		const started = process.hrtime.bigint();
		// Output goes to a file when kept (a 5 GB corpus exports more JSON than a string can hold).
		const outFd = stdoutFile ? openSync(stdoutFile, 'w') : 'ignore';
		const child = spawn(file, argv, {env, stdio: ['ignore', outFd, 'pipe']});
		if (typeof outFd === 'number') closeSync(outFd);
		let stderr = '';
		child.stderr.on('data', chunk => (stderr += chunk));
		let polledKb = 0;
		const poll = hasTime
			? undefined
			: setInterval(() => {
					try {
						const kb = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0);
						polledKb = Math.max(polledKb, kb);
					} catch {}
				}, 20);
		child.on('close', code => {
			const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
			if (poll) clearInterval(poll);
			if (code !== 0) return reject(new Error(`${command} exited ${code}: ${stderr.slice(-2000)}`));
			let rssMb = polledKb / 1024;
			if (hasTime) {
				const report = readFileSync(timeFile, 'utf8');
				rssMb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(report)?.[1] ?? 0) / 1024;
			}

			resolve({wallMs, rssMb, stderr});
		});
	});
}

const claudeDir = path.join(corpus, 'claude');
const homes = new Set();
/** A new empty HOME (a user's first run); removed by `dropHome` or at exit. */
function freshHome() {
	const home = mkdtempSync(path.join(tmpdir(), 'bench-home-'));
	homes.add(home);
	return home;
}

function dropHome(home) {
	rmSync(home, {recursive: true, force: true});
	homes.delete(home);
}

/** A user's environment: HOME, the Claude folder, no XDG_* (cache and ledger in HOME). */
const userEnv = home => ({
	PATH: process.env.PATH,
	HOME: home,
	TZ: 'UTC',
	CLAUDE_CONFIG_DIR: claudeDir,
	AGENT_NCDU_HOST: 'bench',
});
// Per process: two benches on different corpora at once must not write into each other's output.
const oursFile = path.join(benchRoot, `ours-${process.pid}.json`);
const ccusageFile = path.join(benchRoot, `ccusage-${process.pid}.json`);
const ours = async (home, extra = [], keep = false) =>
	withStats(
		await measure(
			process.execPath,
			[cli, '--json', '--timezone', 'UTC', '--verbose', ...extra],
			userEnv(home),
			keep ? oursFile : undefined,
		),
	);

/** Adds what our --verbose stderr says: load ms, ledger ms, parse cache hits/misses, the ledger line. */
function withStats(result) {
	const lines = result.stderr.split('\n');
	const loaded = lines.find(line => line.startsWith('Loaded')) ?? '';
	const ledger = lines.find(line => line.startsWith('Ledger:')) ?? '';
	const cache = /parse cache (\d+) hits \/ (\d+) misses/.exec(loaded);
	return {
		...result,
		loaded,
		ledger,
		loadMs: Number(/ in (\d+) ms/.exec(loaded)?.[1] ?? NaN),
		ledgerMs: Number(/\((\d+) ms\)\.?$/.exec(ledger)?.[1] ?? NaN),
		hits: Number(cache?.[1] ?? NaN),
		misses: Number(cache?.[2] ?? NaN),
	};
}

/** Our `days` array, cut out of the export without parsing all of it (`,"days":[{` is top level; session `days` hold strings). */
function ourDays(file) {
	return cutJson(readFileSync(file), ',"days":[{');
}

/** The JSON value that follows `marker` (`,"name":` plus the value's first byte), parsed. */
function cutJson(buffer, marker) {
	const start = buffer.indexOf(marker) + marker.indexOf(':') + 1;
	let depth = 0;
	let inString = false;
	for (let index = start; index < buffer.length; index++) {
		const byte = buffer[index];
		if (inString) {
			if (byte === 0x5c) index++;
			else if (byte === 0x22) inString = false;
		} else if (byte === 0x22) inString = true;
		else if (byte === 0x5b || byte === 0x7b) depth++;
		else if ((byte === 0x5d || byte === 0x7d) && --depth === 0)
			return JSON.parse(buffer.toString('utf8', start, index + 1));
	}

	throw new Error(`no ${marker} in our export`);
}

function sessionFiles(folder, found = []) {
	for (const entry of readdirSync(folder, {withFileTypes: true})) {
		const full = path.join(folder, entry.name);
		if (entry.isDirectory() && entry.name !== 'subagents') sessionFiles(full, found);
		else if (entry.isFile() && entry.name.endsWith('.jsonl')) found.push(full);
	}

	return found;
}

/** New lines for the append case: the file's own lines with fresh message/request ids. */
function appendChunk(file, iteration, targetBytes) {
	// The first few MB are enough source lines (a single file may be larger than a string can be).
	const head = Buffer.alloc(Math.min(statSync(file).size, 2 * targetBytes));
	const fd = openSync(file, 'r');
	readSync(fd, head, 0, head.length, 0);
	closeSync(fd);
	const text = head.toString('utf8').split('\n').slice(0, -1).filter(Boolean);
	const lines = [];
	let size = 0;
	for (let index = 0; size < targetBytes; index = (index + 1) % text.length) {
		const line = text[index]
			.replaceAll('"msg_', `"msg_a${iteration}_${lines.length}_`)
			.replaceAll('"req_', `"req_a${iteration}_${lines.length}_`);
		lines.push(line);
		size += line.length + 1;
	}

	return lines.join('\n') + '\n';
}

const median = values => {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted.length === 0 ? NaN : sorted[Math.floor((sorted.length - 1) / 2)];
};

function compareDaily(ccusageJson, oursJson) {
	const theirs = JSON.parse(ccusageJson).daily;
	const byDate = new Map(oursJson.map(day => [day.date, day]));
	const differences = [];
	let costDelta = 0;
	for (const day of theirs) {
		const mine = byDate.get(day.date);
		byDate.delete(day.date);
		const pairs = mine
			? [
					['input', day.inputTokens, mine.tokens.input],
					['output', day.outputTokens, mine.tokens.output],
					['cacheRead', day.cacheReadTokens, mine.tokens.cacheRead],
					['cacheWrite', day.cacheCreationTokens, mine.tokens.cacheWrite],
					['total', day.totalTokens, mine.tokens.total],
				]
			: [['day missing', 1, 0]];
		for (const [field, expected, actual] of pairs)
			if (expected !== actual) differences.push(`${day.date} ${field}: ccusage ${expected}, ours ${actual}`);
		if (mine && typeof mine.costUSD === 'number')
			costDelta = Math.max(costDelta, Math.abs(mine.costUSD - day.totalCost) / Math.max(1e-9, day.totalCost));
	}

	for (const date of byDate.keys()) differences.push(`${date}: only in ours`);
	return {days: theirs.length, differences, maxCostRelDelta: costDelta};
}

const info = ensureCorpus();
const ccusage = ensureCcusage();
console.error(
	`corpus: ${path.relative(repoRoot, corpus)} — ${(info.bytes / 1e9).toFixed(2)} GB, ${info.files} files, ${info.calls} API responses; ${runs} runs each`,
);
const results = {
	ccusage: [],
	nocache: [],
	cold: [],
	warm: [],
	'warm --depth call': [],
	'TUI listing': [],
	append: [],
};
const stateWarnings = [];
let ccusageOutput;
let oursOutput;
let oursByModel;
const target = sessionFiles(path.join(claudeDir, 'projects'))
	.map(file => ({file, size: statSync(file).size}))
	.sort((a, b) => b.size - a.size)[0];
const appendBytes = Number(args['append-mb']) * 1e6;
if (!args['no-tui']) ensureTmux();

/** Notes a run whose --verbose stats contradict the state its case name promises. */
function expectState(name, result, ok) {
	if (!ok) stateWarnings.push(`${name}: ${result.loaded} ${result.ledger}`);
	return result;
}

async function runCcusage(run) {
	const home = freshHome();
	try {
		const result = await measure(
			ccusage,
			['claude', 'daily', '--json', '--offline', '--timezone', 'UTC'],
			{PATH: process.env.PATH, HOME: home, CLAUDE_CONFIG_DIR: claudeDir},
			run === 0 ? ccusageFile : undefined,
		);
		if (run === 0) ccusageOutput = readFileSync(ccusageFile, 'utf8');
		results.ccusage.push(result);
	} finally {
		dropHome(home);
	}
}

async function runNocache() {
	const home = freshHome();
	try {
		results.nocache.push(await ours(home, ['--no-cache']));
	} finally {
		dropHome(home);
	}
}

/** cold → warm → warm --depth call → TUI listing → append, in one new HOME. */
async function runOurs(run) {
	const home = freshHome();
	try {
		const empty = readdirSync(home).length === 0;
		const cold = await ours(home, [], run === 0);
		results.cold.push(expectState('cold', cold, empty && cold.hits === 0 && / 0 file\(s\)/.test(cold.ledger)));
		if (run === 0) {
			oursOutput = ourDays(oursFile);
			oursByModel = cutJson(readFileSync(oursFile), ',"byModel":{');
		}

		const warm = async extra => {
			const result = await ours(home, extra);
			return expectState('warm', result, result.misses === 0 && result.ledger.includes('unchanged'));
		};
		results.warm.push(await warm([]));
		// The whole tree, every API call included (a far bigger document than the default).
		results['warm --depth call'].push(await warm(['--depth', 'call']));
		if (!args['no-tui']) results['TUI listing'].push(await tuiListing({cli, env: userEnv(home)}));
		await runAppend(home, run);
	} finally {
		dropHome(home);
	}
}

/** The largest session file grows, one run measures it, and the file is cut back. */
async function runAppend(home, run) {
	appendFileSync(target.file, appendChunk(target.file, run, appendBytes));
	try {
		const result = await ours(home);
		results.append.push(expectState('append', result, result.misses >= 1));
	} finally {
		truncateSync(target.file, target.size);
	}
}

try {
	for (let run = 0; run < runs; run++) {
		// Interleaved so machine load affects every case alike.
		if (ccusage) await runCcusage(run);
		if (!args['no-nocache']) await runNocache();
		await runOurs(run);
	}
} finally {
	truncateSync(target.file, target.size);
	for (const home of homes) dropHome(home);
}

const rows = [];
const base =
	results.ccusage.length > 0
		? {wall: median(results.ccusage.map(r => r.wallMs)), rss: median(results.ccusage.map(r => r.rssMb))}
		: undefined;
const ms = values => (values.some(Number.isFinite) ? median(values.filter(Number.isFinite)).toFixed(0) : '');
for (const [name, list] of Object.entries(results)) {
	if (list.length === 0) continue;
	const wall = median(list.map(r => r.wallMs));
	const rss = median(list.map(r => r.rssMb));
	rows.push({
		case: name,
		'wall s (median)': (wall / 1000).toFixed(2),
		'peak RSS MB': rss.toFixed(0),
		'wall × ccusage': base ? (wall / base.wall).toFixed(2) : '',
		'RSS × ccusage': base ? (rss / base.rss).toFixed(2) : '',
		'load ms': ms(list.map(r => r.loadMs)),
		'ledger ms': ms(list.map(r => r.ledgerMs)),
		'all wall s': list.map(r => (r.wallMs / 1000).toFixed(2)).join(' '),
	});
}

console.log(
	`\n${path.basename(corpus)}: ${(info.bytes / 1e9).toFixed(2)} GB, ${info.files} files, ${info.calls} responses; append = ${args['append-mb']} MB onto ${path.basename(target.file)} (${(target.size / 1e6).toFixed(1)} MB); default configuration (CLAUDE_CONFIG_DIR, cache and ledger in a private HOME)`,
);
console.table(rows);
console.log(`our load stats (warm): ${results.warm.at(-1)?.loaded ?? ''}`);
console.log(`our ledger (warm):     ${results.warm.at(-1)?.ledger ?? ''}`);
console.log(`our ledger (append):   ${results.append.at(-1)?.ledger ?? ''}`);
if (stateWarnings.length > 0)
	console.log(`STARTING STATE NOT AS NAMED (${stateWarnings.length}):\n  ${stateWarnings.join('\n  ')}`);
if (ccusageOutput && oursOutput) {
	const parity = compareDaily(ccusageOutput, oursOutput);
	console.log(
		parity.differences.length === 0
			? `daily token parity with ccusage: OK (${parity.days} days identical; max relative cost difference ${parity.maxCostRelDelta.toExponential(2)})`
			: `daily token parity with ccusage: ${parity.differences.length} DIFFERENCES\n${parity.differences.slice(0, 20).join('\n')}`,
	);
}

if (ccusageOutput && oursByModel) {
	// Cost differences by model: tiered models (Sonnet 4.5 over 200k) are where we and ccusage
	// price differently (whole request at the tier rate vs each token class split at 200k).
	const theirs = new Map();
	for (const day of JSON.parse(ccusageOutput).daily)
		for (const entry of day.modelBreakdowns)
			theirs.set(entry.modelName, (theirs.get(entry.modelName) ?? 0) + entry.cost);
	const lines = [...theirs].map(
		([model, cost]) =>
			`${model}: ccusage $${cost.toFixed(2)}, ours $${(oursByModel[model]?.costUSD ?? 0).toFixed(2)} (${((((oursByModel[model]?.costUSD ?? 0) - cost) / cost) * 100).toFixed(2)}%)`,
	);
	console.log(`cost by model:\n  ${lines.join('\n  ')}`);
}

rmSync(oursFile, {force: true});
rmSync(ccusageFile, {force: true});
