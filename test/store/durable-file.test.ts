/**
The durable-file helpers on real files and real processes: private modes, the advisory lock
(a live holder is waited for and then given up on; a dead or old holder is taken over), and
the clean-up of what killed runs left behind (ours only).
*/
import {spawn, spawnSync} from 'node:child_process';
import {
	chmodSync,
	existsSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	statSync,
	utimesSync,
	writeFileSync,
} from 'node:fs';
import {hostname, tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {makePrivateDir, removeStaleFiles, withFileLock, writeFileAtomic} from '../../source/store/durable-file.js';
import {repoRoot} from '../support/cli.js';

const machine = hostname().replace(/[^\w-]/g, '_') || 'localhost';

function folder(): string {
	return mkdtempSync(path.join(tmpdir(), 'agent-ncdu-durable-'));
}

/** The pid of a process that has exited. */
function deadPid(): number {
	const child = spawnSync(process.execPath, ['-e', '']);
	return child.pid!;
}

/** A process that stays alive until the suite ends. */
const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], {stdio: 'ignore'});
afterAll(() => {
	sleeper.kill();
});

const lockText = (pid: number, host: string, time: number) => JSON.stringify({pid, host, time});

function age(file: string, minutes: number): void {
	const then = new Date(Date.now() - minutes * 60_000);
	utimesSync(file, then, then);
}

describe.skipIf(process.platform === 'win32')('durable files', () => {
	it('writes files 0600 in folders made 0700, replacing the target whole', async () => {
		const dir = path.join(folder(), 'a', 'b');
		await makePrivateDir(dir);
		expect(statSync(dir).mode & 0o777).toBe(0o700);
		expect(statSync(path.dirname(dir)).mode & 0o777).toBe(0o700);
		const target = path.join(dir, 'file');
		writeFileSync(target, 'old, world-readable', {mode: 0o644});
		expect(await writeFileAtomic(target, ['new ', Buffer.from('content')])).toBe(11);
		expect(readFileSync(target, 'utf8')).toBe('new content');
		expect(statSync(target).mode & 0o777).toBe(0o600);
		expect(readdirSync(dir)).toEqual(['file']);
	});

	it('waits for a live holder, then gives up without running the action', async () => {
		const target = path.join(folder(), 'x.history');
		writeFileSync(`${target}.lock`, lockText(sleeper.pid!, machine, Date.now()));
		let ran = false;
		const result = await withFileLock(
			target,
			async () => {
				ran = true;
			},
			300,
		);
		expect(result).toEqual({locked: false});
		expect(ran).toBe(false);
		expect(existsSync(`${target}.lock`)).toBe(true);
	});

	it('takes over the lock of a dead process, an old lock and an empty old lock, and releases it', async () => {
		const held = [
			lockText(deadPid(), machine, Date.now()),
			lockText(sleeper.pid!, 'another-machine', Date.now() - 11 * 60_000),
			'',
		];
		for (const text of held) {
			const target = path.join(folder(), 'x.history');
			writeFileSync(`${target}.lock`, text);
			if (text === '') age(`${target}.lock`, 1);
			const result = await withFileLock(target, async () => readFileSync(`${target}.lock`, 'utf8'), 0);
			expect(result.locked).toBe(true);
			expect(result.locked && JSON.parse(result.value)).toMatchObject({pid: process.pid, host: machine});
			expect(readdirSync(path.dirname(target))).toEqual([]);
		}
	});

	it('does not break a fresh lock of another machine (its pid means nothing here)', async () => {
		const target = path.join(folder(), 'x.history');
		writeFileSync(`${target}.lock`, lockText(deadPid(), 'another-machine', Date.now()));
		expect(await withFileLock(target, async () => 'ran', 100)).toEqual({locked: false});
	});

	it('gives up on a stale lock it is not allowed to remove, instead of spinning', async () => {
		// The built module, run as a user who may not change the folder (root may change any).
		const dir = folder();
		chmodSync(dir, 0o755);
		const target = path.join(dir, 'x.history');
		writeFileSync(`${target}.lock`, lockText(deadPid(), machine, Date.now()));
		const script = `import(${JSON.stringify(path.join(repoRoot, 'distribution/store/durable-file.js'))})
			.then(m => m.withFileLock(${JSON.stringify(target)}, async () => 'ran', 300))
			.then(result => console.log(JSON.stringify(result)))`;
		const user = process.getuid?.() === 0 ? {uid: 65_534, gid: 65_534} : {};
		if (process.getuid?.() !== 0) chmodSync(dir, 0o555);
		const child = spawnSync(process.execPath, ['-e', script], {...user, encoding: 'utf8', timeout: 10_000});
		chmodSync(dir, 0o755);
		expect(child.stdout.trim()).toBe(JSON.stringify({locked: false}));
		expect(existsSync(`${target}.lock`)).toBe(true);
	});

	it('serialises two writers in one process', async () => {
		const target = path.join(folder(), 'counter');
		writeFileSync(target, '0');
		const increment = () =>
			withFileLock(
				target,
				async () => {
					const value = Number(readFileSync(target, 'utf8'));
					await new Promise(resolve => setTimeout(resolve, 20));
					await writeFileAtomic(target, String(value + 1));
				},
				5000,
			);
		await Promise.all([increment(), increment(), increment()]);
		expect(readFileSync(target, 'utf8')).toBe('3');
	});

	it('removes temporary files and locks that dead or old runs left, and nothing else', async () => {
		const dir = folder();
		const dead = deadPid();
		const files = {
			deadTemporary: `me.history.${dead}-1@${machine}.tmp`,
			liveTemporary: `me.history.${process.pid}-1@${machine}.tmp`,
			otherMachineFresh: `me.history.${dead}-1@another-machine.tmp`,
			otherMachineOld: `me.history.${dead}-2@another-machine.tmp`,
			legacyFresh: 'me.history.123.1700000000000.tmp',
			legacyOld: 'me.history.124.1700000000000.tmp',
			deadLock: 'me.history.lock',
			liveLock: 'you.history.lock',
			notOurs: `notes.txt.${dead}-1@${machine}.tmp`,
			ledger: 'me.history',
		};
		for (const name of Object.values(files)) {
			writeFileSync(path.join(dir, name), 'x');
		}

		writeFileSync(path.join(dir, files.deadLock), lockText(dead, machine, Date.now()));
		writeFileSync(path.join(dir, files.liveLock), lockText(process.pid, machine, Date.now()));
		age(path.join(dir, files.otherMachineOld), 11);
		age(path.join(dir, files.legacyOld), 11);
		await removeStaleFiles(dir, name => name.endsWith('.history'));
		expect(readdirSync(dir).sort()).toEqual(
			[
				files.liveTemporary,
				files.otherMachineFresh,
				files.legacyFresh,
				files.liveLock,
				files.notOurs,
				files.ledger,
			].sort(),
		);
	});
});
