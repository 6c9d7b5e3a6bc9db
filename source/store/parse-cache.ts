/**
Persistent parse cache under `$XDG_CACHE_HOME/agent-ncdu` (else `~/.cache/agent-ncdu`): the
normalized events (and diagnostics) that parsing each source file gave, so an unchanged file
is never parsed twice.

Layout: one *base pack* per group of files (an agent's data root, in one load scope) plus a
small *delta pack* of the files that changed since the base was written. A year of logs is one
file read and a columnar decode (pack/codec.ts), not ten thousand small reads; an agent
appending to one session rewrites only the delta; the base is rewritten ("compacted") when the
changed files outgrow a quarter of the group's bytes.

A file's cached events are used only when its path, size, mtime, inode and ctime, the release
and the pack format all match; anything else is parsed again. (The ctime catches a file
rewritten in place with its size and mtime set back, as sync tools do: no one can set a ctime.)
A file its parser marks `cacheable: false` (a SQLite database, which changes through its `-wal`)
is left out altogether: never packed, never a hit or a miss.
So the cache can never change a result: it only skips work whose answer it already has. A
damaged pack is discarded (never trusted) and rebuilt by the next load.

Packs are written through durable-file.ts: 0600 files in a 0700 folder (they hold prompt text),
temporary files of killed runs removed at the next commit. A write that fails (a full disk) is
kept in `notSaved` for the caller to report, never fatal.

Protocol (load.ts): `plan(files)` once after discovery, then `get` or `set` per file, then
`await commit()`.
*/
import {createHash} from 'node:crypto';
import {statSync} from 'node:fs';
import {rm} from 'node:fs/promises';
import path from 'node:path';
import type {Diagnostic} from '../core/diagnostics.js';
import type {UsageEvent} from '../core/events.js';
import type {SourceFile} from '../parsers/types.js';
import {makePrivateDir, removeStaleFiles} from './durable-file.js';
import type {CallColumns} from '../model/call-columns.js';
import {type DecodedRange, decodeRange, PackEncoder} from './pack/codec.js';
import {
	type Fingerprint,
	newPackId,
	type Pack,
	type PackedFile,
	packFormatVersion,
	readPack,
	writePack,
} from './pack/pack-file.js';

/** Files giving more diagnostics than this are parsed every time (keeps packs small). */
const maxCachedDiagnostics = 100;
/** Compact into a new base when files changed since the base exceed this share of bytes. */
const compactShare = 0.25;

/** A file's cached parse: its sessions and turns as events, its calls as columns. */
export type CachedParse = {
	readonly events: UsageEvent[];
	readonly calls: CallColumns;
	readonly diagnostics: readonly Diagnostic[];
};

/** `all`: a full load; `recent`: only recently modified files (the status line). */
export type CacheScope = 'all' | 'recent';

export function defaultCacheDir(env: Readonly<Record<string, string | undefined>>, home: string): string {
	const base =
		env['XDG_CACHE_HOME'] && path.isAbsolute(env['XDG_CACHE_HOME']) ? env['XDG_CACHE_HOME'] : path.join(home, '.cache');
	return path.join(base, 'agent-ncdu', `packs-v${packFormatVersion}`);
}

type Source = {readonly pack: Pack; readonly file: PackedFile};

type Group = {
	readonly key: string;
	readonly basePath: string;
	readonly deltaPath: string;
	readonly base: Pack | undefined;
	/** `none`: nothing to write; `delta`: rewrite the delta; `compact`: write a new base. */
	mode: 'none' | 'delta' | 'compact';
	readonly encoder: PackEncoder;
	readonly written: PackedFile[];
	readonly removed: string[];
	/** A packed range failed to decode: drop this group's packs. */
	corrupt: boolean;
};

type Planned = {
	readonly group: Group;
	readonly source: Source | undefined;
	readonly fromBase: boolean;
	readonly ino: number;
	readonly ctimeMs: number;
};

const sameVersion = (a: Fingerprint, b: Fingerprint) =>
	a.size === b.size && a.mtimeMs === b.mtimeMs && a.ino === b.ino && a.ctimeMs === b.ctimeMs;

const isPackName = (name: string) => name.endsWith('.base') || name.endsWith('.delta');

/** Whether the file's parser lets the cache answer for it (SourceFile.cacheable). */
const cacheable = (file: SourceFile) => file.cacheable !== false;

export class ParseCache {
	hits = 0;
	misses = 0;
	discarded = 0;
	/** Why the last commit could not write the cache (e.g. a full disk); undefined when it could. */
	notSaved: string | undefined;
	private readonly planned = new Map<SourceFile, Planned>();
	private readonly groups: Group[] = [];

	constructor(
		readonly dir: string,
		/** e.g. the package version: a new release never trusts an old release's parse. */
		private readonly parserVersion: string,
	) {}

	/** Reads the packs covering `files` and decides, per group, what this load will write. */
	plan(files: readonly SourceFile[], scope: CacheScope): void {
		const byGroup = new Map<string, SourceFile[]>();
		for (const file of files) {
			if (!cacheable(file)) continue;
			const key = `${file.agent}\0${file.root}\0${scope}`;
			const list = byGroup.get(key) ?? [];
			list.push(file);
			byGroup.set(key, list);
		}

		for (const [key, groupFiles] of byGroup) {
			this.planGroup(key, groupFiles);
		}
	}

	private planGroup(key: string, files: readonly SourceFile[]): void {
		const name = createHash('sha1').update(key).digest('hex').slice(0, 20);
		const basePath = path.join(this.dir, `${name}.base`);
		const deltaPath = path.join(this.dir, `${name}.delta`);
		const base = readPack(basePath, key, this.parserVersion);
		const delta = base && readPack(deltaPath, key, this.parserVersion);
		const amends = delta?.baseId === base?.id ? delta : undefined;
		const inBase = new Map(base?.files.map(file => [file.path, file]));
		const inDelta = new Map(amends?.files.map(file => [file.path, file]));
		const group: Group = {
			key,
			basePath,
			deltaPath,
			base,
			mode: 'none',
			encoder: new PackEncoder(),
			written: [],
			removed: [],
			corrupt: false,
		};
		this.groups.push(group);

		let totalBytes = 0;
		let changedBytes = 0;
		let misses = 0;
		let deltaHits = 0;
		for (const file of files) {
			const {ino, ctimeMs} = inodeAndCtimeOf(file);
			const fingerprint = {path: file.path, size: file.size, mtimeMs: file.mtimeMs, ino, ctimeMs};
			const deltaFile = inDelta.get(file.path);
			const packed = deltaFile ?? inBase.get(file.path);
			const source =
				packed && sameVersion(packed, fingerprint) ? {pack: deltaFile ? amends! : base!, file: packed} : undefined;
			const fromBase = source !== undefined && deltaFile === undefined;
			this.planned.set(file, {group, source, fromBase, ino, ctimeMs});
			totalBytes += file.size;
			if (!fromBase) changedBytes += file.size;
			if (!source) misses++;
			if (source && !fromBase) deltaHits++;
		}

		const present = new Set(files.map(file => file.path));
		for (const file of base?.files ?? []) {
			if (!present.has(file.path)) group.removed.push(file.path);
		}

		const deltaUnchanged =
			misses === 0 &&
			deltaHits === (amends?.files.length ?? 0) &&
			group.removed.length === (amends?.removed.length ?? 0);
		if (!base || changedBytes > totalBytes * compactShare) {
			group.mode = 'compact';
		} else if (!deltaUnchanged) {
			group.mode = 'delta';
		}
	}

	/** Whether `get` will (barring damage) answer for this file without parsing. */
	isCached(file: SourceFile): boolean {
		return this.planned.get(file)?.source !== undefined;
	}

	/** The cached parse of an unchanged file, or undefined (then parse it and `set`). */
	get(file: SourceFile): CachedParse | undefined {
		if (!cacheable(file)) {
			return undefined;
		}

		const planned = this.planned.get(file);
		if (!planned?.source) {
			this.misses++;
			return undefined;
		}

		const {pack, file: packed} = planned.source;
		let decoded: DecodedRange;
		try {
			decoded = decodeRange(pack, packed.range);
		} catch {
			// Never trusted: parse the file again, and drop the damaged packs at commit.
			planned.group.corrupt = true;
			this.discarded++;
			this.misses++;
			return undefined;
		}

		this.hits++;
		this.record(file, planned, decoded.events, packed.diagnostics, decoded.calls);
		return {...decoded, diagnostics: packed.diagnostics};
	}

	/** Remembers a freshly parsed file (written at commit when its group needs writing). */
	set(file: SourceFile, events: readonly UsageEvent[], diagnostics: readonly Diagnostic[]): void {
		const planned = this.planned.get(file);
		if (planned && diagnostics.length <= maxCachedDiagnostics) {
			this.record(file, planned, events, diagnostics);
		}
	}

	private record(
		file: SourceFile,
		planned: Planned,
		events: readonly UsageEvent[],
		diagnostics: readonly Diagnostic[],
		calls?: CallColumns,
	): void {
		const {group} = planned;
		if (group.mode === 'compact' || (group.mode === 'delta' && !planned.fromBase)) {
			const range = group.encoder.add(events, calls);
			group.written.push({
				path: file.path,
				size: file.size,
				mtimeMs: file.mtimeMs,
				ino: planned.ino,
				ctimeMs: planned.ctimeMs,
				range,
				diagnostics,
			});
		}
	}

	/** Writes what changed. A failure (read-only cache folder, full disk) is kept in `notSaved`. */
	async commit(): Promise<void> {
		this.notSaved = undefined;
		await removeStaleFiles(this.dir, isPackName);
		for (const group of this.groups) {
			try {
				await this.commitGroup(group);
			} catch (error) {
				// The cache is an optimisation: never fail a load because of it, but say so.
				this.notSaved ??= (error as Error).message;
			}
		}

		// One cache may serve several loads (the demo fallback, a WSL home): start afresh.
		this.groups.length = 0;
		this.planned.clear();
		// Caches of earlier formats (0.1's one file per entry, older packs) are never read again.
		for (const old of [
			'parse-v1',
			...Array.from({length: packFormatVersion - 1}, (_, index) => `packs-v${index + 1}`),
		]) {
			// A read-only cache folder: leave it; it is never read again.
			await rm(path.join(path.dirname(this.dir), old), {recursive: true, force: true}).catch(() => undefined);
		}
	}

	private async commitGroup(group: Group): Promise<void> {
		if (group.corrupt && group.mode !== 'compact') {
			await rm(group.basePath, {force: true});
			await rm(group.deltaPath, {force: true});
			return;
		}

		if (group.mode === 'none') return;
		await makePrivateDir(this.dir);
		const columns = group.encoder.finish();
		const common = {parserVersion: this.parserVersion, group: group.key, files: group.written, ...columns};
		if (group.mode === 'compact') {
			await writePack(group.basePath, {...common, id: newPackId(), removed: []});
			await rm(group.deltaPath, {force: true});
		} else {
			await writePack(group.deltaPath, {...common, id: newPackId(), baseId: group.base!.id, removed: group.removed});
		}
	}
}

/** A file's inode and ctime: from discovery when it has them, else one stat (-1 when it vanished). */
function inodeAndCtimeOf(file: SourceFile): {ino: number; ctimeMs: number} {
	if (file.ino !== undefined && file.ctimeMs !== undefined) {
		return {ino: file.ino, ctimeMs: file.ctimeMs};
	}

	try {
		const {ino, ctimeMs} = statSync(file.path);
		return {ino, ctimeMs};
	} catch {
		return {ino: -1, ctimeMs: -1};
	}
}
