/**
Persistent parse cache: one entry per source file under `$XDG_CACHE_HOME/agent-ncdu`
(else `~/.cache/agent-ncdu`), holding the normalized events that parsing that file produced.

An entry is used only when the file's path, size, mtime and inode, the parser's id and the
cache format version all match; anything else (a grown file, a different parser version, a
truncated or foreign entry) is a miss and the file is parsed again. So the cache can never
change a result: it only skips work whose answer it already has. Entries are written
atomically (temp file + rename) so a crash never leaves a half-written entry behind, and a
corrupt entry is deleted and rebuilt, never trusted.
*/
import {createHash} from 'node:crypto';
import {mkdirSync, readFileSync, renameSync, statSync, writeFileSync} from 'node:fs';
import {rm} from 'node:fs/promises';
import path from 'node:path';
import {deserialize, serialize} from 'node:v8';
import type {UsageEvent} from '../core/events.js';
import type {SourceFile} from '../parsers/types.js';

/** Bump when the event shape or any parser's output changes. */
export const parseCacheVersion = 1;

type Entry = {
	readonly version: number;
	readonly path: string;
	readonly size: number;
	readonly mtimeMs: number;
	readonly ino: number;
	readonly parserVersion: string;
	readonly events: UsageEvent[];
};

export function defaultCacheDir(env: Readonly<Record<string, string | undefined>>, home: string): string {
	const base = env['XDG_CACHE_HOME'] && path.isAbsolute(env['XDG_CACHE_HOME']) ? env['XDG_CACHE_HOME'] : path.join(home, '.cache');
	return path.join(base, 'agent-ncdu', `parse-v${parseCacheVersion}`);
}

export class ParseCache {
	hits = 0;
	misses = 0;
	discarded = 0;
	/** Entry folders known to exist (one mkdir per folder, not per entry). */
	private readonly folders = new Set<string>();

	constructor(
		private readonly dir: string,
		/** e.g. the package version: a new release never trusts an old release's parse. */
		private readonly parserVersion: string,
	) {}

	private entryPath(file: SourceFile): string {
		const digest = createHash('sha1').update(`${file.agent}\0${file.path}`).digest('hex');
		return path.join(this.dir, digest.slice(0, 2), `${digest}.bin`);
	}

	/** The cached events of an unchanged file, or undefined. */
	async get(file: SourceFile): Promise<UsageEvent[] | undefined> {
		const entryPath = this.entryPath(file);
		let buffer: Buffer;
		let ino: number;
		try {
			// Synchronous on purpose: a warm load reads thousands of small local entries, and
			// async I/O costs several thread-pool round trips per file, which dominated warm
			// loads (idle CPU) while each synchronous read takes microseconds.
			buffer = readFileSync(entryPath);
			ino = statSync(file.path).ino;
		} catch {
			this.misses++;
			return undefined;
		}

		let entry: Entry | undefined;
		try {
			entry = deserialize(buffer) as Entry;
		} catch {
			entry = undefined;
		}

		const valid =
			entry !== undefined &&
			entry.version === parseCacheVersion &&
			entry.parserVersion === this.parserVersion &&
			entry.path === file.path &&
			Array.isArray(entry.events);
		if (!valid) {
			// Corrupt or foreign: set it aside for good and parse again.
			this.discarded++;
			this.misses++;
			await rm(entryPath, {force: true}).catch(() => undefined);
			return undefined;
		}

		if (entry!.size !== file.size || entry!.mtimeMs !== file.mtimeMs || entry!.ino !== ino) {
			this.misses++;
			return undefined;
		}

		this.hits++;
		return entry!.events;
	}

	/** Stores a file's events; failures (read-only cache folder, full disk) are ignored. */
	async set(file: SourceFile, events: UsageEvent[]): Promise<void> {
		const entryPath = this.entryPath(file);
		try {
			// Synchronous for the same reason as `get`: a cold load writes one small entry per
			// file, and four thread-pool round trips each (stat, mkdir, write, rename) cost more
			// than the writes themselves.
			const {ino} = statSync(file.path);
			const entry: Entry = {version: parseCacheVersion, path: file.path, size: file.size, mtimeMs: file.mtimeMs, ino, parserVersion: this.parserVersion, events};
			const folder = path.dirname(entryPath);
			if (!this.folders.has(folder)) {
				mkdirSync(folder, {recursive: true});
				this.folders.add(folder);
			}

			const temporary = `${entryPath}.${process.pid}.tmp`;
			writeFileSync(temporary, serialize(entry));
			renameSync(temporary, entryPath);
		} catch {
			// The cache is an optimisation; never fail a load because of it.
		}
	}
}
