/**
`agent-ncdu watch` on the BUILT binary, as a user runs it in a tmux pane: default data
locations, parse cache and history on. A session that grows past 60 % and then 80 % of the
5-hour block's limit gets one line per level; SIGTERM stops it cleanly, and the calls it saw
while running are in the history (still counted after their transcript is deleted).
*/
import {type ChildProcess, spawn} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {cliPath, runCli, userEnvironment} from '../support/cli.js';
import {ClaudeSessionWriter} from '../support/claude-session.js';
import {waitFor} from '../support/wait-for.js';

const children: ChildProcess[] = [];
afterEach(() => {
	for (const child of children.splice(0)) child.kill('SIGKILL');
});

/** A user's private HOME whose Claude Code data is in `~/.claude` (the default location). */
function userHome() {
	const home = mkdtempSync(path.join(tmpdir(), 'agent-ncdu-watch-'));
	return {home, claude: path.join(home, '.claude'), env: userEnvironment(home)};
}

function startWatch(args: string[], env: Record<string, string>) {
	const child = spawn(process.execPath, [cliPath, 'watch', ...args], {env, stdio: ['ignore', 'pipe', 'pipe']});
	children.push(child);
	const lines: string[] = [];
	let stderr = '';
	let buffered = '';
	child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
		buffered += chunk;
		const complete = buffered.split('\n');
		buffered = complete.pop()!;
		lines.push(...complete);
	});
	child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
		stderr += chunk;
	});
	const exited = new Promise<number | null>(resolve => child.on('exit', code => resolve(code)));
	return {child, lines, exited, stderr: () => stderr};
}

describe('agent-ncdu watch', () => {
	it('prints a line as the block passes 60 % and 80 % of --token-limit, and keeps the history on SIGTERM', async () => {
		const {home, claude, env} = userHome();
		const now = Date.now();
		const at = (minutesAgo: number) => new Date(now - minutesAgo * 60_000);
		const session = new ClaudeSessionWriter(claude, '/home/dev/src/search-service');
		session.prompt('Add fuzzy matching to the search endpoint', at(12));
		session.respond({input: 40_000, output: 10_000}, at(11));

		const watch = startWatch(['--token-limit', '100000', '--timezone', 'UTC'], env);
		await waitFor(() => watch.lines.length > 0, {timeoutMs: 20_000, message: watch.stderr});
		expect(watch.lines[0]).toMatch(/^agent-ncdu watch: 1 files, 1 calls · today /);
		expect(watch.lines.some(line => line.includes('% of the 5-hour block'))).toBe(false);

		session.respond({input: 10_000, output: 5000}, at(2));
		await waitFor(() => watch.lines.some(line => line.includes('60% of the 5-hour block')), {
			message: () => watch.lines.join('\n'),
		});
		expect(watch.lines.at(-1)).toMatch(
			/⚠ 60% of the 5-hour block: 65(\.0)?% used \(65(\.0)?k of 100k tokens, token limit\)/,
		);

		session.respond({input: 15_000, output: 5000}, at(1));
		await waitFor(() => watch.lines.some(line => line.includes('80% of the 5-hour block')), {
			message: () => watch.lines.join('\n'),
		});
		expect(watch.lines.at(-1)).toMatch(/⚠ 80% of the 5-hour block: 85(\.0)?% used \(85(\.0)?k of 100k tokens/);
		// Each level once: a later write inside the same level says nothing.
		session.respond({input: 100, output: 100}, at(0));
		await new Promise(resolve => setTimeout(resolve, 4000)); // past the next check (at most one every 3 s)
		expect(watch.lines.filter(line => line.includes('% of the 5-hour block'))).toHaveLength(2);

		watch.child.kill('SIGTERM');
		expect(await watch.exited).toBe(0);
		expect(watch.lines.at(-1)).toMatch(/stopped: 4 calls · history up to date$/);

		// The transcript is gone; the history still has every call the run saw.
		rmSync(session.file);
		const after = await runCli(['--json', '--depth', 'day'], env);
		expect(after.code).toBe(0);
		expect(JSON.parse(after.stdout).totals.calls).toBe(4);
		rmSync(home, {recursive: true, force: true});
	}, 60_000);

	it.each([['--json'], ['--csv'], ['--statement', '2026-11'], ['--otlp-once']])(
		'refuses %s (an output written once) with a one-line message',
		async (...flag) => {
			const result = await runCli(['watch', ...flag]);
			expect(result.code).toBe(1);
			expect(result.stderr.trim()).toMatch(new RegExp(`^✖ \`watch\` runs until stopped; ${flag[0]} writes once`));
		},
	);

	it('refuses --import (one run only) with a one-line message', async () => {
		const result = await runCli(['watch', '--import', 'other.json']);
		expect(result.code).toBe(1);
		expect(result.stderr.trim()).toMatch(/^✖ .*--import/);
		expect(result.stderr.trim().split('\n')).toHaveLength(1);
	});
});
