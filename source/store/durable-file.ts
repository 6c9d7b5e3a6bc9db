/**
Durable files: the one way agent-ncdu writes its own persistent files (the usage history, the
parse cache's packs, the reported-cost side files), so that a crash, a full disk or a second
run at the same moment never leaves a half-written file and never loses another run's work.

- `writeFileAtomic`: a private (0600) temporary file next to the target, fsynced, then renamed
  over the target (and the folder fsynced): readers see the old file or the new one, never a
  mix. A failed write removes its temporary file and throws.
- `withFileLock`: an advisory lock `<target>.lock` (created with O_EXCL, holding pid, host and
  time) around a read-merge-write. A lock whose process is gone, or that is older than any
  write takes, is taken over. Waiting is bounded: then the caller goes on without the lock.
- `removeStaleFiles`: temporary files and locks a killed run left behind, matched by our own
  name patterns only, once their process is gone (same machine) or they are old.
- `makePrivateDir`: folders we create are 0700 (the parse cache holds prompt text).

Temporary files are named `<target>.<pid>-<n>@<machine>.tmp`: the machine name tells whether
the pid can be checked here (a shared folder may hold another machine's files).
*/
import {createWriteStream} from 'node:fs';
import {link, mkdir, open, readdir, readFile, rename, rm, stat} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {Readable} from 'node:stream';
import {pipeline} from 'node:stream/promises';
import {setTimeout as sleep} from 'node:timers/promises';

export const privateFileMode = 0o600;
export const privateDirMode = 0o700;

/** A temporary file or lock older than this is stale whoever made it (a write takes seconds). */
const staleAfterMs = 10 * 60_000;
/** A lock without readable content (its writer died between create and write) is stale after this. */
const emptyLockStaleMs = 5000;

const machine = os.hostname().replace(/[^\w-]/g, '_') || 'localhost';
let sequence = 0;

const temporaryPattern = /^(.+)\.(\d+)-\d+@([\w-]+)\.tmp$/;
/** Names of earlier releases: `<target>.<pid>.tmp` and `<target>.<pid>.<epoch ms>.tmp`. */
const legacyTemporaryPattern = /^(.+?)\.\d+(?:\.\d+)?\.tmp$/;
const lockSuffix = '.lock';

export async function makePrivateDir(dir: string): Promise<void> {
	await mkdir(dir, {recursive: true, mode: privateDirMode});
}

function temporaryPathOf(target: string): string {
	return `${target}.${process.pid}-${++sequence}@${machine}.tmp`;
}

export type FileContent = Uint8Array | string | Iterable<Uint8Array | string> | AsyncIterable<Uint8Array | string>;

/** Replaces `target` atomically with `content`; the new file has mode 0600. Returns its size in bytes. */
export async function writeFileAtomic(target: string, content: FileContent): Promise<number> {
	const temporary = temporaryPathOf(target);
	try {
		const source = Readable.from(typeof content === 'string' || content instanceof Uint8Array ? [content] : content);
		const sink = createWriteStream(temporary, {flags: 'wx', mode: privateFileMode});
		await pipeline(source, sink);
		const handle = await open(temporary, 'r+');
		let bytes: number;
		try {
			await handle.sync();
			bytes = (await handle.stat()).size;
		} finally {
			await handle.close();
		}

		await rename(temporary, target);
		await syncFolder(path.dirname(target));
		return bytes;
	} catch (error) {
		await rm(temporary, {force: true}).catch(() => undefined);
		throw error;
	}
}

/** Makes a rename durable (best effort: not every file system allows syncing a folder). */
async function syncFolder(dir: string): Promise<void> {
	const folder = await open(dir, 'r').catch(() => undefined);
	await folder?.sync().catch(() => undefined);
	await folder?.close().catch(() => undefined);
}

function processIsGone(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return false;
	} catch (error) {
		// EPERM: it exists, it belongs to someone else.
		return (error as NodeJS.ErrnoException).code === 'ESRCH';
	}
}

type LockHolder = {readonly pid?: number; readonly host?: string; readonly time?: number};

async function lockIsStale(text: string, lockPath: string): Promise<boolean> {
	let holder: LockHolder | undefined;
	try {
		holder = JSON.parse(text) as LockHolder;
	} catch {
		holder = undefined;
	}

	if (typeof holder?.pid !== 'number' || typeof holder.time !== 'number') {
		const modified = await stat(lockPath).then(
			info => info.mtimeMs,
			() => 0,
		);
		return Date.now() - modified > emptyLockStaleMs;
	}

	return (holder.host === machine && processIsGone(holder.pid)) || Date.now() - holder.time > staleAfterMs;
}

/**
Removes `lockPath` when its holder is gone or it is old; true when the lock is (probably) free now.
Safe against two runs breaking it at once: the lock is first renamed to a private name, and
when what was moved is not the stale lock that was judged (someone took the lock meanwhile),
it is put back.
*/
async function breakStaleLock(lockPath: string): Promise<boolean> {
	const judged = await readFile(lockPath, 'utf8').catch(() => undefined);
	if (judged === undefined) {
		return true;
	}

	if (!(await lockIsStale(judged, lockPath))) {
		return false;
	}

	const aside = temporaryPathOf(lockPath);
	try {
		await rename(lockPath, aside);
	} catch (error) {
		// Gone already (another run broke it): free. Not ours to move (permissions): still taken.
		return (error as NodeJS.ErrnoException).code === 'ENOENT';
	}

	const moved = await readFile(aside, 'utf8').catch(() => judged);
	if (moved !== judged) {
		await link(aside, lockPath).catch(() => undefined);
	}

	await rm(aside, {force: true});
	return true;
}

async function tryLock(lockPath: string, text: string): Promise<boolean> {
	let handle: Awaited<ReturnType<typeof open>>;
	try {
		handle = await open(lockPath, 'wx', privateFileMode);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
			return false;
		}

		throw error;
	}

	try {
		await handle.writeFile(text);
		await handle.close();
	} catch (error) {
		await handle.close().catch(() => undefined);
		await rm(lockPath, {force: true});
		throw error;
	}

	return true;
}

export type Locked<T> = {readonly locked: true; readonly value: T} | {readonly locked: false};

/**
Runs `action` while holding `<target>.lock`. Waits at most `waitMs` for another holder; when
the lock is still taken then, returns `{locked: false}` without running `action`. Errors of
`action` are thrown after the lock is released.
*/
export async function withFileLock<T>(target: string, action: () => Promise<T>, waitMs: number): Promise<Locked<T>> {
	const lockPath = target + lockSuffix;
	const text = JSON.stringify({pid: process.pid, host: machine, time: Date.now(), n: ++sequence});
	const deadline = Date.now() + waitMs;
	let pause = 25;
	while (!(await tryLock(lockPath, text))) {
		if (await breakStaleLock(lockPath)) {
			continue;
		}

		if (Date.now() >= deadline) {
			return {locked: false};
		}

		await sleep(Math.min(pause, Math.max(1, deadline - Date.now())));
		pause = Math.min(pause * 2, 250);
	}

	try {
		return {locked: true, value: await action()};
	} finally {
		// Never remove a lock someone took over from us (we were slower than staleAfterMs).
		if ((await readFile(lockPath, 'utf8').catch(() => undefined)) === text) {
			await rm(lockPath, {force: true}).catch(() => undefined);
		}
	}
}

async function isStaleTemporary(file: string, name: string): Promise<boolean> {
	const match = temporaryPattern.exec(name);
	if (match?.[3] === machine && processIsGone(Number(match[2]))) {
		return true;
	}

	const modified = await stat(file).then(
		info => info.mtimeMs,
		() => Date.now(),
	);
	return Date.now() - modified > staleAfterMs;
}

/**
Removes what killed runs left in `dir`: temporary files and locks whose target name satisfies
`isOurs` (nothing else is touched). Never throws.
*/
export async function removeStaleFiles(dir: string, isOurs: (targetName: string) => boolean): Promise<void> {
	const names = await readdir(dir).catch(() => [] as string[]);
	for (const name of names) {
		const file = path.join(dir, name);
		const target = (temporaryPattern.exec(name) ?? legacyTemporaryPattern.exec(name))?.[1];
		if (target !== undefined) {
			if (isOurs(target.endsWith(lockSuffix) ? target.slice(0, -lockSuffix.length) : target)) {
				if (await isStaleTemporary(file, name)) {
					await rm(file, {force: true}).catch(() => undefined);
				}
			}
		} else if (name.endsWith(lockSuffix) && isOurs(name.slice(0, -lockSuffix.length))) {
			await breakStaleLock(file).catch(() => undefined);
		}
	}
}
