/**
An own usage history that cannot be read for a while (here EACCES; in real life EIO or a sync
client holding the file) is not damage: the built CLI reports it, leaves the file exactly as it
was (not renamed, not overwritten) and the next run, once it is readable again, still has every
call — also those whose transcripts were deleted meanwhile.

Root ignores file modes, and CI runs as root: then the CLI runs as `nobody` (uid/gid 65534),
as in permissions-cli.test.ts.
*/
import {chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCliAsUser, publicFixtures} from '../support/cli.js';

describe.skipIf(process.platform === 'win32')('an own usage history that cannot be read', () => {
	it('is reported and left alone, and loses nothing once it is readable again', async () => {
		// World-writable folders (mkdtemp makes 0700 ones, which `nobody` cannot enter).
		const root = mkdtempSync(path.join(tmpdir(), 'agent-ncdu-ledger-eacces-'));
		chmodSync(root, 0o777);
		const home = path.join(root, 'home');
		mkdirSync(home, {mode: 0o777});
		chmodSync(home, 0o777);
		const data = path.join(root, 'data');
		cpSync(path.join(publicFixtures, 'claude-code', 'spotter'), path.join(data, 'claude'), {recursive: true});
		const ledgers = path.join(root, 'ledgers');
		const args = ['--json', '--timezone', 'UTC', '--data-dir', data, '--ledger-dir', ledgers];

		const first = await runCliAsUser(args, home);
		expect(first.code).toBe(0);
		const all = JSON.parse(first.stdout).totals.calls;
		const ledger = path.join(ledgers, 'test-host.history');
		const saved = readFileSync(ledger);

		// Some transcripts are cleaned up while the history cannot be read.
		const projects = path.join(data, 'claude', 'projects');
		const project = readdirSync(projects)[0]!;
		renameSync(path.join(projects, project), path.join(root, project));
		chmodSync(ledger, 0o000);
		const blocked = await runCliAsUser(args, home);
		chmodSync(ledger, 0o600);
		expect(blocked.code).toBe(0);
		expect(JSON.parse(blocked.stdout).totals.calls).toBeLessThan(all);
		// Not renamed, not replaced: byte for byte what the first run wrote.
		expect(readdirSync(ledgers)).toEqual(['test-host.history']);
		expect(readFileSync(ledger)).toEqual(saved);
		expect(blocked.stderr).toMatch(/^⚠ agent-ncdu: usage history not saved: .*cannot be read \(EACCES\)/m);
		expect(blocked.stderr.match(/⚠/g)).toHaveLength(1);

		const again = await runCliAsUser(args, home);
		expect(again.code).toBe(0);
		expect(again.stderr).toBe('');
		expect(JSON.parse(again.stdout).totals.calls).toBe(all);
	});
});
