/**
Permission denied, end to end: the built CLI run as an unprivileged user over a Claude Code
and a Codex folder where one transcript (mode 000) and one folder (mode 000) cannot be read.
Totals equal those of the readable files alone, `--verbose` names both, exit code 0.

Root ignores file modes, and CI runs as root: so when the suite is root, the CLI is started
as `nobody` (uid/gid 65534, Node's spawn options), which is exactly the user's situation.
The per-parser version of this test (permissions.test.ts) has to skip as root.
*/
import {chmodSync, copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCliAsUser, publicFixtures, repoRoot} from '../support/cli.js';

/** A world-readable folder tree (mkdtemp makes 0700 folders, which `nobody` cannot enter). */
function openFolder(): string {
	const dir = mkdtempSync(path.join(tmpdir(), 'agent-ncdu-perm-cli-'));
	chmodSync(dir, 0o777);
	return dir;
}

describe.skipIf(process.platform === 'win32')('the CLI with unreadable files and folders', () => {
	it('counts everything readable, names what it could not read, and exits 0', async () => {
		const root = openFolder();
		const data = path.join(root, 'data');
		cpSync(path.join(publicFixtures, 'claude-code', 'spotter'), path.join(data, 'claude'), {recursive: true});
		cpSync(path.join(publicFixtures, 'codex', 'localpush'), path.join(data, 'codex'), {recursive: true});
		const home = path.join(root, 'home');
		mkdirSync(home, {mode: 0o777});
		chmodSync(home, 0o777);
		const args = ['--json', '--timezone', 'UTC', '--no-cache', '--no-ledger', '--verbose', '--data-dir', data];
		const before = await runCliAsUser(args, home);
		expect(before.code).toBe(0);
		const all = JSON.parse(before.stdout);

		// Lock one Claude project folder and one Codex transcript away from the user.
		const projects = path.join(data, 'claude', 'projects');
		const {readdirSync} = await import('node:fs');
		const lockedProject = path.join(projects, readdirSync(projects)[0]!);
		const codexFiles = readdirSync(path.join(data, 'codex'), {recursive: true, encoding: 'utf8'}).filter(name =>
			name.endsWith('.jsonl'),
		);
		expect(codexFiles.length).toBeGreaterThan(0);
		const lockedFile = path.join(data, 'codex', codexFiles[0]!);

		// Expected: the same folders with the locked parts moved out of the data folder.
		const away = (file: string) => path.join(root, `away-${path.basename(file)}`);
		renameSync(lockedProject, away(lockedProject));
		renameSync(lockedFile, away(lockedFile));
		const readableOnly = await runCliAsUser(args, home);
		renameSync(away(lockedProject), lockedProject);
		renameSync(away(lockedFile), lockedFile);
		const expected = JSON.parse(readableOnly.stdout);

		chmodSync(lockedProject, 0o000);
		chmodSync(lockedFile, 0o000);
		try {
			const result = await runCliAsUser(args, home);
			expect(result.code).toBe(0);
			const document = JSON.parse(result.stdout);
			expect(document.totals).toEqual(expected.totals);
			expect(document.totals.calls).toBeGreaterThan(0);
			expect(document.totals.calls).toBeLessThan(all.totals.calls);
			expect(result.stderr).toContain(path.basename(lockedProject));
			expect(result.stderr).toContain(path.basename(lockedFile));
			expect(result.stderr).toMatch(/EACCES/);
			expect(result.stderr).not.toMatch(/\n\s+at /);
		} finally {
			chmodSync(lockedProject, 0o755);
			chmodSync(lockedFile, 0o644);
		}
	});

	it('reads a read-only (0444) OpenCode database without touching it', async () => {
		const root = openFolder();
		const folder = path.join(root, 'data', 'opencode');
		mkdirSync(folder, {recursive: true, mode: 0o777});
		chmodSync(path.join(root, 'data'), 0o777);
		chmodSync(folder, 0o777);
		const database = path.join(folder, 'opencode.db');
		copyFileSync(path.join(repoRoot, 'fixtures', 'demo', 'opencode', 'opencode.db'), database);
		const home = path.join(root, 'home');
		mkdirSync(home, {mode: 0o777});
		chmodSync(home, 0o777);
		const args = ['--json', '--timezone', 'UTC', '--no-cache', '--verbose', '--data-dir', path.join(root, 'data')];

		chmodSync(database, 0o644);
		const writable = await runCliAsUser(args, home);
		expect(writable.code).toBe(0);
		const expected = JSON.parse(writable.stdout);
		expect(expected.totals.calls).toBeGreaterThan(0);

		chmodSync(database, 0o444);
		const bytes = readFileSync(database);
		const result = await runCliAsUser(args, home);
		expect(result.code).toBe(0);
		expect(JSON.parse(result.stdout).totals).toEqual(expected.totals);
		expect(result.stderr).not.toMatch(/opencode\.db/);
		expect(readFileSync(database).equals(bytes)).toBe(true);
	});
});
