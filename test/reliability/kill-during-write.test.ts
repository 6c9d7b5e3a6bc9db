/**
Fault injection: the built CLI is killed with SIGKILL in the middle of saving its parse cache
and usage history, again and again, with new transcripts appearing between the runs. The next
run must still count every call (the first transcripts are gone by then: only the history has
them), and must clean up every temporary file and lock the killed runs left.

Where `strace` can trace (it can in CI), each run is killed exactly before one system call of
the save: the first `writev` (the pack's payload), `fsync` (the pack's temporary file) and
`rename` (the pack) of a run; with a cache folder that cannot be created (the cache is then
not saved), the first `rename` (the ledger) and `fsync` (the ledger's temporary file); and the calls on the ledger's lock and folder: the write of the
lock's content (an empty lock is left), its takeover (a rename), the folder's fsync after the
ledger's rename, and the unlink that releases the lock. strace counts calls per thread and
libuv runs file calls on several threads, so only first calls, or calls on one path (`-P`),
are exact. Without strace, runs are killed after a sweep of delays over the length of an
undisturbed run instead (real timing, less exact).
*/
import {execFile, spawnSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, readdirSync, renameSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {generateClaudeCorpus} from '../generate/claude.js';
import {cliPath, emptyHome, runJson} from '../support/cli.js';

const strace =
	process.platform === 'linux' &&
	spawnSync('strace', ['-f', '-qq', '-o', '/dev/null', '-e', 'trace=none', 'true']).status === 0;

type KillPoint =
	| {readonly syscall: string; readonly path?: 'lock' | 'folder'; readonly cacheUnwritable?: true}
	| {readonly afterMs: number};

/** In this order, so that each first call is the one named (see above). */
const syscallPoints: KillPoint[] = [
	{syscall: 'writev'},
	{syscall: 'fsync'},
	{syscall: 'rename'},
	{syscall: 'rename', cacheUnwritable: true},
	{syscall: 'rename', path: 'lock'},
	{syscall: 'fsync', path: 'folder'},
	{syscall: 'unlink', path: 'lock'},
	{syscall: 'fsync', cacheUnwritable: true},
	{syscall: 'write', path: 'lock'},
];

/** The same environment runJson gives the CLI (support/cli.ts), for the runs started here. */
function cliEnv(home: string): Record<string, string> {
	return {
		PATH: process.env['PATH'] ?? '',
		HOME: home,
		TZ: 'UTC',
		XDG_CACHE_HOME: path.join(home, '.cache'),
		XDG_DATA_HOME: path.join(home, '.local/share'),
		AGENT_NCDU_HOST: 'test-host',
	};
}

/** Runs the CLI and kills it at `point`; resolves with whether it was killed. */
function runKilled(args: string[], home: string, ledgers: string, point: KillPoint): Promise<boolean> {
	const cli = [cliPath, '--json', '--timezone', 'UTC', ...args];
	let command = [process.execPath];
	const env = cliEnv(home);
	if ('syscall' in point) {
		const only = {lock: ['-P', path.join(ledgers, 'test-host.history.lock')], folder: ['-P', ledgers]};
		const inject = ['-e', `trace=${point.syscall}`, '-e', `inject=${point.syscall}:signal=KILL:when=1`];
		const paths = point.path ? only[point.path] : [];
		command = ['strace', '-f', '-qq', '-o', '/dev/null', ...paths, ...inject, ...command];
		if (point.cacheUnwritable) {
			// A folder inside a file: creating it fails (ENOTDIR), so no pack is written.
			env['XDG_CACHE_HOME'] = path.join(cliPath, 'cache');
		}
	}

	return new Promise(resolve => {
		const child = execFile(command[0]!, [...command.slice(1), ...cli], {env}, error => {
			resolve(error !== null && (error.signal === 'SIGKILL' || error.code === 137));
		});
		if ('afterMs' in point) {
			setTimeout(() => child.kill('SIGKILL'), point.afterMs);
		}
	});
}

const leftovers = (dir: string) => readdirSync(dir).filter(name => name.endsWith('.tmp') || name.endsWith('.lock'));

describe.skipIf(process.platform === 'win32')('SIGKILL while saving the cache and the history', () => {
	it('loses no call and leaves nothing behind', {timeout: 180_000}, async () => {
		const root = mkdtempSync(path.join(tmpdir(), 'agent-ncdu-kill-'));
		const data = path.join(root, 'data');
		const gone = path.join(root, 'gone');
		const ledgers = path.join(root, 'ledgers');
		const home = emptyHome();
		const args = ['--data-dir', data, '--ledger-dir', ledgers];
		const addSession = (seed: number) =>
			generateClaudeCorpus(path.join(data, 'claude'), {seed, sessions: 2, startDay: '2026-03-01', days: 3});

		await addSession(1);
		const started = Date.now();
		await runJson(args, {HOME: home});
		const runMs = Date.now() - started;
		// Those transcripts are cleaned up: from now on only the history has their calls.
		mkdirSync(gone);
		renameSync(data, path.join(gone, 'data'));

		const points: KillPoint[] = strace
			? syscallPoints
			: Array.from({length: 8}, (_, index) => ({afterMs: Math.round(runMs * (0.5 + index / 14))}));
		const killed: boolean[] = [];
		for (const [index, point] of points.entries()) {
			await addSession(100 + index);
			killed.push(await runKilled(args, home, ledgers, point));
		}

		if (strace) {
			// Every run reached its system call: each was really killed there.
			expect(killed).toEqual(points.map(() => true));
		}

		const expected = await runJson(
			['--no-ledger', '--no-cache', '--data-dir', path.join(gone, 'data'), '--data-dir', data],
			{HOME: emptyHome()},
		);
		const next = await runJson(args, {HOME: home});
		expect(next.totals.calls).toBe(expected.totals.calls);
		expect(next.totals.tokens).toEqual(expected.totals.tokens);
		const cache = path.join(home, '.cache', 'agent-ncdu');
		const packs = path.join(cache, readdirSync(cache)[0]!);
		expect([...leftovers(ledgers), ...leftovers(packs)]).toEqual([]);

		// And the history it saved is whole: with every transcript gone, every call is still there.
		renameSync(data, path.join(gone, 'later'));
		mkdirSync(data);
		const fromHistory = await runJson(args, {HOME: home});
		expect(fromHistory.totals.calls).toBe(expected.totals.calls);
	});
});
