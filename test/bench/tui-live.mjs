#!/usr/bin/env node
/**
TUI live update on a real corpus (not a test; after `npm run build`):

  HOME=DIR CLAUDE_CONFIG_DIR=DIR node test/bench/tui-live.mjs [--runs N]

Opens `agent-ncdu` (default configuration) in a 120×30 tmux pane, resets the remembered view
(`R`: the root, no filter), waits 3 s, then appends one assistant response (a copy of the file's
last one with a new message id and the current time) to the 100th largest transcript, and polls
the header every 20 ms until its call count moves. Reports the ms from the append to that frame,
then cuts the transcript back to its size (the corpus is left as it was) and stops tmux. Run it
warm, as `npm run bench` leaves the corpus (e.g. HOME=/tmp/bh CLAUDE_CONFIG_DIR=.bench/claude-1g/claude).
*/
import {execFileSync} from 'node:child_process';
import {appendFileSync, readFileSync, readdirSync, statSync, truncateSync} from 'node:fs';
import path from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import {parseArgs} from 'node:util';

const {values} = parseArgs({options: {runs: {type: 'string', default: '3'}}});
const repoRoot = path.resolve(import.meta.dirname, '../..');
const cli = path.join(repoRoot, 'distribution', 'cli.js');
const projects = path.join(process.env.CLAUDE_CONFIG_DIR ?? '', 'projects');
const calls = screen => /([\d,]+) calls/.exec(screen)?.[1];

function transcript() {
	const files = readdirSync(projects, {recursive: true})
		.filter(name => String(name).endsWith('.jsonl') && !String(name).includes('subagents'))
		.map(name => path.join(projects, String(name)))
		.map(file => ({file, size: statSync(file).size}))
		.sort((a, b) => b.size - a.size);
	return files[Math.min(99, files.length - 1)].file;
}

function responseNow(file) {
	const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
	const line = JSON.parse(lines.findLast(text => text.includes('"usage"')));
	line.message.id = `msg_bench_live_${Date.now()}`;
	line.timestamp = new Date().toISOString();
	return `${JSON.stringify(line)}\n`;
}

async function once(run) {
	const socket = `agent-ncdu-live-${process.pid}-${run}`;
	const tmux = (...args) => execFileSync('tmux', ['-L', socket, ...args], {encoding: 'utf8'});
	tmux('-f', '/dev/null', 'new-session', '-d', '-x', '120', '-y', '30', `exec ${process.execPath} ${cli}`);
	const file = transcript();
	const size = statSync(file).size;
	try {
		while (!tmux('capture-pane', '-p').includes('Filters:')) await sleep(50);
		tmux('send-keys', 'R');
		await sleep(3000);
		const before = calls(tmux('capture-pane', '-p'));
		const appended = performance.now();
		appendFileSync(file, responseNow(file));
		for (;;) {
			const now = calls(tmux('capture-pane', '-p'));
			if (now !== before) return {ms: performance.now() - appended, before, now};
			if (performance.now() - appended > 30_000) throw new Error('no update on screen after 30 s');
			await sleep(20);
		}
	} finally {
		truncateSync(file, size);
		tmux('kill-server');
	}
}

for (let run = 0; run < Number(values.runs); run++) {
	const {ms, before, now} = await once(run);
	console.log(`append → header ${before} → ${now} calls: ${ms.toFixed(0)} ms`);
}
