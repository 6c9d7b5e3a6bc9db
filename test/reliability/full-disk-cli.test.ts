/**
A full disk, for real: the built CLI's usage history and parse cache live on a tiny tmpfs that
is filled to the last byte before the run. The run still prints every call, says in one `⚠`
line each that the history and the cache were not saved (without --verbose; --verbose never
calls it "unchanged"), keeps the previous history byte for byte and leaves no temporary file.

Mounting needs a mount namespace: `unshare -Urm` (an unprivileged user namespace), which also
works as root. Where neither is allowed (some containers), the test is skipped.
*/
import {execFile, spawnSync} from 'node:child_process';
import {cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {cliPath, publicFixtures, runCli} from '../support/cli.js';

const canMount =
	process.platform === 'linux' &&
	spawnSync('unshare', ['-Urm', 'sh', '-c', 'mount -t tmpfs -o size=64k tmpfs /tmp && true']).status === 0;

/**
Runs the CLI with `state` (its XDG cache and ledger folders) on a full tmpfs: the tmpfs starts
as a copy of `state`, is filled up, the CLI runs, then the tmpfs's content (filler removed) is
copied back to `after` for inspection.
*/
function runOnFullDisk(
	state: string,
	after: string,
	args: string[],
	env: Record<string, string>,
): Promise<{code: number; stdout: string; stderr: string}> {
	const script = [
		'set -e',
		'mount -t tmpfs -o size=2m tmpfs "$MOUNT"',
		'cp -a "$STATE/." "$MOUNT/"',
		'dd if=/dev/zero of="$MOUNT/filler" bs=4k 2>/dev/null || true',
		'set +e',
		'"$@"',
		'code=$?',
		'rm "$MOUNT/filler"',
		'cp -a "$MOUNT/." "$AFTER/"',
		'exit $code',
	].join('\n');
	const mount = path.join(path.dirname(state), 'mount');
	mkdirSync(mount, {recursive: true});
	return new Promise(resolve => {
		execFile(
			'unshare',
			['-Urm', 'sh', '-c', script, 'sh', process.execPath, cliPath, ...args],
			{env: {...env, MOUNT: mount, STATE: state, AFTER: after}, maxBuffer: 64 * 1024 * 1024},
			(error, stdout, stderr) => {
				resolve({code: error ? ((error as {code?: number}).code ?? 1) : 0, stdout, stderr});
			},
		);
	});
}

function filesUnder(dir: string): string[] {
	return readdirSync(dir, {recursive: true, encoding: 'utf8'}).sort();
}

describe.skipIf(!canMount)('a full disk', () => {
	it('still shows every call, warns once each for history and cache, and keeps the old history', async () => {
		const root = mkdtempSync(path.join(tmpdir(), 'agent-ncdu-full-disk-'));
		const data = path.join(root, 'data');
		cpSync(path.join(publicFixtures, 'claude-code', 'vibecodingtracker'), path.join(data, 'claude'), {recursive: true});
		// The state's paths are the same in both runs: the mount point inside the namespace.
		const mount = path.join(root, 'mount');
		const home = path.join(root, 'home');
		const env = {
			PATH: process.env['PATH'] ?? '',
			HOME: home,
			TZ: 'UTC',
			AGENT_NCDU_HOST: 'test-host',
			XDG_CACHE_HOME: path.join(mount, 'cache'),
		};
		const args = ['--json', '--timezone', 'UTC', '--data-dir', data, '--ledger-dir', path.join(mount, 'ledgers')];
		const seeded = await runCli(args, env);
		expect(seeded.code).toBe(0);
		const state = path.join(root, 'state');
		cpSync(mount, state, {recursive: true});
		const ledgerBefore = readFileSync(path.join(state, 'ledgers', 'test-host.history'));

		// New work since: the next run has calls to save and a file to cache.
		cpSync(path.join(publicFixtures, 'codex', 'ccusage-synthetic'), path.join(data, 'codex'), {recursive: true});
		const expected = JSON.parse((await runCli([...args, '--no-ledger', '--no-cache'], env)).stdout);
		const after = path.join(root, 'after');
		mkdirSync(after);
		const full = await runOnFullDisk(state, after, args, env);
		expect(full.code).toBe(0);
		expect(JSON.parse(full.stdout).totals).toEqual(expected.totals);
		const warnings = full.stderr.split('\n').filter(line => line.startsWith('⚠'));
		expect(warnings).toHaveLength(2);
		expect(warnings[0]).toMatch(/^⚠ agent-ncdu: usage history not saved: ENOSPC/);
		expect(warnings[1]).toMatch(/^⚠ agent-ncdu: parse cache not saved: ENOSPC/);
		expect(readFileSync(path.join(after, 'ledgers', 'test-host.history'))).toEqual(ledgerBefore);
		expect(filesUnder(after)).toEqual(filesUnder(state));

		const verbose = await runOnFullDisk(state, after, [...args, '--verbose'], env);
		expect(verbose.stderr).toMatch(/^Ledger: .*; not saved \(/m);
		expect(verbose.stderr).not.toMatch(/unchanged/);
	});
});
