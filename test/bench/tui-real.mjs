#!/usr/bin/env node
/**
TUI latency of the real binary on a real-format corpus (not a test; run after `npm run build`):

  node test/bench/tui-real.mjs [--data-dir .bench/claude-1g] [--presses 100] [--cache DIR]

Runs `agent-ncdu --data-dir DIR` in a pseudo-terminal (util-linux `script`, 120×40) and
measures, from the moment the process is spawned:
- first frame: the first output that draws the loading view (target ≤ 300 ms),
- browser: the first frame of the browser (the load is done; warm with the parse cache),
then presses keys and measures key → next frame: j/k cursor moves over the week and day
listings, Enter/Backspace opening and closing nodes (targets: p95 ≤ 50 ms).
The parse cache is kept in `.bench/cache-<corpus>` between runs (this script's first run fills
it), so run it twice for a warm start. `npm run bench` measures the time to the first listing
in the default configuration instead (test/bench/tui-listing.mjs).
*/
import {spawn} from 'node:child_process';
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {parseArgs} from 'node:util';

const {values: args} = parseArgs({
	options: {
		'data-dir': {type: 'string', default: '.bench/claude-1g'},
		presses: {type: 'string', default: '100'},
		cache: {type: 'string'},
	},
});
const repoRoot = path.resolve(import.meta.dirname, '../..');
const corpus = path.resolve(repoRoot, args['data-dir']);
const cacheHome = args.cache ?? path.join(repoRoot, '.bench', `cache-${path.basename(corpus)}`);
const cli = path.join(repoRoot, 'distribution', 'cli.js');
const command = `stty cols 120 rows 40; exec node ${cli} --data-dir ${corpus} --timezone UTC`;
const env = {
	PATH: process.env.PATH,
	HOME: mkdtempSync(path.join(tmpdir(), 'tui-real-')),
	TERM: 'xterm-256color',
	TZ: 'UTC',
	XDG_CACHE_HOME: cacheHome,
	NODE_ENV: 'production',
};

const started = performance.now();
const child = spawn('script', ['-qfec', command, '/dev/null'], {env, stdio: ['pipe', 'pipe', 'inherit']});
let screen = '';
let waiter;
child.stdout.on('data', chunk => {
	screen += chunk.toString('utf8');
	if (screen.length > 200_000) screen = screen.slice(-100_000);
	waiter?.();
});

/** Resolves with ms since `from` when the output since then matches `pattern`. */
function waitFor(pattern, from = performance.now(), offset = screen.length) {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`timed out waiting for ${pattern}`)), 120_000);
		waiter = () => {
			if (pattern.test(screen.slice(offset))) {
				clearTimeout(timer);
				waiter = undefined;
				resolve(performance.now() - from);
			}
		};
		waiter();
	});
}

/** Sends `keys` and resolves with ms until output stops changing for 30 ms after the first byte (the frame). */
function press(keys, settleMs = 30) {
	return new Promise(resolve => {
		const from = performance.now();
		const offset = screen.length;
		let firstByte;
		let quiet;
		waiter = () => {
			if (screen.length === offset) return;
			firstByte ??= performance.now() - from;
			clearTimeout(quiet);
			quiet = setTimeout(() => {
				waiter = undefined;
				resolve(firstByte);
			}, settleMs);
		};
		child.stdin.write(keys);
	});
}

const percentile = (values, p) =>
	[...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))];
const fmt = ms => `${ms.toFixed(0)} ms`;

const firstFrame = await waitFor(/agent-ncdu/, started, 0);
const browser = await waitFor(/Sorted by/, started, 0);
await new Promise(resolve => setTimeout(resolve, 500));
const presses = Number(args.presses);
const moves = [];
for (let index = 0; index < presses; index++) moves.push(await press(index % 20 < 10 ? 'j' : 'k'));
const opens = [];
const closes = [];
for (let index = 0; index < 10; index++) {
	opens.push(await press('\r'));
	closes.push(await press('\u007F'));
}

// Into a week, its days (one day opened and closed), and cursor moves there.
await press('\r');
const dayMoves = [];
for (let index = 0; index < presses / 2; index++) dayMoves.push(await press(index % 6 < 3 ? 'j' : 'k'));
child.stdin.write('q');
await new Promise(resolve => child.on('close', resolve));

console.log(`corpus ${corpus}`);
console.log(`first frame (loading view): ${fmt(firstFrame)}   browser ready (load + build): ${fmt(browser)}`);
console.log(
	`cursor j/k over weeks: p50 ${fmt(percentile(moves, 50))}  p95 ${fmt(percentile(moves, 95))}  (${moves.length} presses)`,
);
console.log(
	`cursor j/k over days:  p50 ${fmt(percentile(dayMoves, 50))}  p95 ${fmt(percentile(dayMoves, 95))}  (${dayMoves.length} presses)`,
);
console.log(
	`open (Enter): p50 ${fmt(percentile(opens, 50))}  p95 ${fmt(percentile(opens, 95))}   close (Backspace): p50 ${fmt(percentile(closes, 50))}  p95 ${fmt(percentile(closes, 95))}`,
);
