#!/usr/bin/env node
/**
TUI time-to-listing (not a test; after `npm run build`; `npm run bench` imports it):

  HOME=DIR CLAUDE_CONFIG_DIR=DIR node test/bench/tui-listing.mjs [--runs N] [--cli FILE] [-- CLI-ARGS]

Starts `agent-ncdu` (no flags: the default configuration) in a 120×40 tmux pane on a private
tmux server, with this process's environment, and polls `tmux capture-pane -p` every 20 ms until
the browser's listing is on screen: an ISO week row (`2026-W47`) and the footer key hints
(`?:help`), which the loading view (progress bar, `q: quit`) does not show. Reports the ms from
spawning tmux to the capture that first showed the listing (an upper bound, within one poll), and
the process's peak RSS by then (VmHWM of the pane's process). Then kills the tmux server.
Run it warm (the parse cache and ledger already in HOME) to measure a user's usual start.
*/
import {execFile, execFileSync} from 'node:child_process';
import {existsSync, readFileSync, rmSync} from 'node:fs';
import path from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import {fileURLToPath} from 'node:url';
import {parseArgs, promisify} from 'node:util';

const execFileAsync = promisify(execFile);
const listing = screen => /\b\d{4}-W\d{2}\b/.test(screen) && screen.includes('?:help');
let servers = 0;

/** Peak RSS (MB) of a live process, 0 when it is gone. */
function peakRssMb(pid) {
	try {
		return Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
	} catch {
		return 0;
	}
}

/** Kills the private tmux server, waits (≤ 5 s) for the pane's process to end, removes the socket. */
async function stopServer(tmux, pid) {
	const socket = await tmux(['display-message', '-p', '#{socket_path}']).then(
		({stdout}) => stdout.trim(),
		() => '',
	);
	await tmux(['kill-server']).catch(() => {});
	for (let waited = 0; pid && existsSync(`/proc/${pid}`) && waited < 5000; waited += 20) await sleep(20);
	if (socket) rmSync(socket, {force: true});
}

/** One start of `node <cli> [args]` in tmux; resolves {wallMs, rssMb} at the first listing frame. */
export async function tuiListing({cli, env, args = [], timeoutMs = 600_000, pollMs = 20}) {
	const socket = `agent-ncdu-bench-${process.pid}-${servers++}`;
	const tmux = tmuxArgs => execFileAsync('tmux', ['-L', socket, ...tmuxArgs], {env});
	const command = ['exec', process.execPath, cli, ...args].map(word => `'${word.replaceAll("'", "'\\''")}'`);
	const started = performance.now();
	let pid;
	try {
		await tmux(['-f', '/dev/null', 'new-session', '-d', '-x', '120', '-y', '40', command.join(' ')]);
		pid = Number((await tmux(['display-message', '-p', '#{pane_pid}'])).stdout.trim());
		while (performance.now() - started < timeoutMs) {
			const {stdout} = await tmux(['capture-pane', '-p']);
			if (listing(stdout)) return {wallMs: performance.now() - started, rssMb: peakRssMb(pid), screen: stdout};
			await sleep(pollMs);
		}

		throw new Error(`no listing on screen after ${timeoutMs} ms`);
	} finally {
		await stopServer(tmux, pid);
	}
}

/** Installs tmux with apt-get when it is missing (the bench needs it for the TUI case). */
export function ensureTmux() {
	try {
		execFileSync('tmux', ['-V'], {stdio: 'ignore'});
	} catch {
		execFileSync('apt-get', ['install', '-y', 'tmux'], {stdio: 'inherit'});
	}
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	const {values, positionals} = parseArgs({
		allowPositionals: true,
		options: {
			runs: {type: 'string', default: '1'},
			cli: {type: 'string', default: path.resolve(import.meta.dirname, '../../distribution/cli.js')},
		},
	});
	ensureTmux();
	for (let run = 0; run < Number(values.runs); run++) {
		const {wallMs, rssMb} = await tuiListing({cli: path.resolve(values.cli), env: process.env, args: positionals});
		console.log(`listing on screen after ${wallMs.toFixed(0)} ms, peak RSS ${rssMb.toFixed(0)} MB`);
	}
}
