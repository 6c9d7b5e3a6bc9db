/**
Live loading: keeps a load's store current while agents write, without loading again.

The data roots' folders are watched (one non-recursive `fs.watch` per folder: Node 20's
recursive watch on Linux polls every file with `stat`, which costs more than it saves on ten
thousand transcripts). Bursts of events are coalesced: the first change waits `settleMs`, and
two refreshes are at least `minIntervalMs` apart. A refresh reads again only the files that
are new or changed since they were last read, and adds their events to the same store, whose
dedup rule (model/store.ts) makes a re-read file add only what it did not hold before.

A changed file is parsed whole, not from where it grew: a call's turn is found through the
`parentUuid` chain and streamed copies are merged by message id, both of which may need lines
before the growth (parsers/FORMATS.md §1.4-§1.6); one transcript parses in milliseconds.

When watching is not possible (inotify limits, file systems without events) the roots are
walked every `pollMs` instead. Nothing here writes anywhere: the parse cache catches up on the
next start, and the history is written by whoever owns the run (cli/watch-mode.ts).
*/
import {type FSWatcher, statSync, watch} from 'node:fs';
import {stat} from 'node:fs/promises';
import {homedir} from 'node:os';
import path from 'node:path';
import type {Diagnostic} from '../core/diagnostics.js';
import type {DiscoverContext, SourceFile} from '../parsers/types.js';
import type {UsageEvent} from '../core/events.js';
import {stampDevice} from '../store/history/merge.js';
import {callKeysOf, discoverFiles, type LoadResult} from './load.js';
import {parseOneFile} from './parse-file.js';

export type LiveUpdate = {
	/** The files read again (new or changed since the last read). */
	readonly files: readonly SourceFile[];
	/** Rows the store gained (a preferred copy replacing a stored one adds none). */
	readonly callsAdded: number;
};

export type LiveOptions = {
	readonly env?: Readonly<Record<string, string | undefined>>;
	readonly home?: string;
	/** After the first change of a burst, wait this long before reading (ms). */
	readonly settleMs?: number;
	/** At least this long between two refreshes (ms): an agent may write every few ms. */
	readonly minIntervalMs?: number;
	/** Walk the roots this often when folders are not watched (ms). */
	readonly pollMs?: number;
	/** false: never watch, walk the roots every `pollMs` (file systems whose changes send no events). */
	readonly watch?: boolean;
	/**
	This machine's device name, which the load stamped on its sessions (store/history): new
	sessions get it too, so the device filter and the history see them as this machine's.
	*/
	readonly device?: string;
};

/** Folders are watched in slices of about this many ms of work (see start()). */
const watchSliceMs = 8;

/** What a file looked like when it was read: a change to any of these means read it again. */
type Stamp = {readonly size: number; readonly mtimeMs: number; readonly ino?: number; readonly walMtimeMs?: number};

export class LiveLoad {
	/** `watching` folders, `polling` the roots, or `stopped`. */
	mode: 'watching' | 'polling' | 'stopped' = 'stopped';
	/** Called after every refresh that read at least one file. */
	onUpdate: (update: LiveUpdate) => void = () => undefined;
	/** Every file read, and how it looked then. */
	private readonly known = new Map<string, {readonly file: SourceFile; stamp: Stamp}>();
	private readonly watchers = new Map<string, FSWatcher>();
	private readonly changedPaths = new Set<string>();
	private walkNeeded = false;
	private timer: NodeJS.Timeout | undefined;
	private running: Promise<void> | undefined;
	private lastRefresh = 0;
	private readonly context: DiscoverContext;
	private readonly seenDiagnostics = new Set<string>();

	constructor(
		private readonly load: LoadResult,
		private readonly options: LiveOptions = {},
	) {
		for (const file of load.files) {
			this.known.set(file.path, {file, stamp: stampOf(file, walOf(file))});
		}

		for (const diagnostic of load.diagnostics.entries) {
			this.seenDiagnostics.add(diagnosticKey(diagnostic));
		}

		// Discovery reports what it cannot read on every walk: the load said it once already.
		this.context = {env: options.env ?? process.env, home: options.home ?? homedir(), report: () => undefined};
	}

	/** Files known to this load (read at the start or since). */
	get fileCount(): number {
		return this.known.size;
	}

	/**
	Starts watching (or polling when watching fails). Folders are watched a slice at a time, so a
	browser that just drew its first listing keeps answering keys; once all are watched, the roots
	are walked once for what changed between the load reading a file and its folder being watched.
	*/
	start(): void {
		if (this.options.watch === false) {
			this.startPolling();
			return;
		}

		this.mode = 'watching';
		void this.watchFolders(this.load.files).then(() => {
			if (this.mode !== 'watching') return;
			this.walkNeeded = true;
			this.schedule(this.options.settleMs ?? 250);
		});
	}

	/** Stops watching; resolves once a refresh under way has put what it read into the store. */
	async stop(): Promise<void> {
		this.mode = 'stopped';
		clearTimeout(this.timer);
		this.timer = undefined;
		for (const watcher of this.watchers.values()) {
			watcher.close();
		}

		this.watchers.clear();
		await this.running?.catch(() => undefined);
	}

	/**
	Walks the roots and reads every new or changed file now (the polling step, and a refresh
	asked for by hand). Resolves when the store holds them.
	*/
	async refresh(): Promise<LiveUpdate> {
		this.walkNeeded = true;
		return this.runRefresh();
	}

	private startPolling(): void {
		for (const watcher of this.watchers.values()) {
			watcher.close();
		}

		this.watchers.clear();
		this.mode = 'polling';
		this.walkNeeded = true;
		this.schedule(this.options.pollMs ?? 2000);
	}

	/**
	Watches every folder from each file up to its data root (new sessions appear in new folders).
	A folder that cannot be watched (the inotify limit, a file system without events) turns this
	load to polling.
	*/
	private async watchFolders(files: readonly SourceFile[]): Promise<void> {
		const folders = new Set(this.load.roots.map(root => root.path));
		for (const file of files) {
			const inRoot = file.path.startsWith(file.root + path.sep);
			for (let folder = path.dirname(file.path); !folders.has(folder); folder = path.dirname(folder)) {
				folders.add(folder);
				// A file outside its data root (an OTel export path, say) gets its own folder only.
				if (!inRoot || folder === file.root || path.dirname(folder) === folder) break;
			}
		}

		let sliceStart = performance.now();
		for (const folder of folders) {
			if (this.mode !== 'watching') return;
			if (this.watchers.has(folder)) continue;
			try {
				this.watchFolder(folder);
			} catch {
				this.startPolling();
				return;
			}

			if (performance.now() - sliceStart > watchSliceMs) {
				await new Promise(resolve => setImmediate(resolve));
				sliceStart = performance.now();
			}
		}
	}

	private watchFolder(folder: string): void {
		const watcher = watch(folder, {persistent: false}, (type, name) => {
			this.noticeChange(folder, type, name);
		});
		// A watched folder that goes away, or a watch the system takes back: walk instead.
		watcher.on('error', () => {
			if (this.mode === 'watching') this.startPolling();
		});
		this.watchers.set(folder, watcher);
	}

	private noticeChange(folder: string, type: string, name: string | Buffer | null): void {
		const entry = name === null ? undefined : path.join(folder, name.toString());
		// A SQLite database changes through its `-wal`/`-shm`: that is a change of the database.
		const file = entry?.replace(/-(wal|shm)$/, '');
		if (file !== undefined && this.known.has(file)) {
			this.changedPaths.add(file);
		} else if (type === 'rename' || entry === undefined) {
			// A new or renamed entry (a new transcript, a new folder): walk the roots.
			this.walkNeeded = true;
		} else {
			// Written, but not a file any parser reads (a settings or log file beside the transcripts).
			return;
		}

		this.schedule(this.options.settleMs ?? 250);
	}

	private schedule(delayMs: number): void {
		if (this.timer !== undefined || this.running !== undefined || this.mode === 'stopped') {
			return;
		}

		const wait = Math.max(delayMs, this.lastRefresh + (this.options.minIntervalMs ?? 1000) - Date.now());
		this.timer = setTimeout(() => {
			this.timer = undefined;
			// A refresh that fails (a bug: reading and parsing report, never throw) must not end the
			// process (`watch` would lose its history save): say so and keep following.
			this.runRefresh().catch((error: unknown) => {
				this.report({kind: 'other', message: `live refresh failed: ${(error as Error).message ?? String(error)}`});
			});
		}, wait);
		this.timer.unref();
	}

	private async runRefresh(): Promise<LiveUpdate> {
		while (this.running) await this.running;
		let update: LiveUpdate = {files: [], callsAdded: 0};
		this.running = (async () => {
			update = await this.readChanges();
		})();
		try {
			await this.running;
		} finally {
			this.running = undefined;
			this.lastRefresh = Date.now();
		}

		if (update.files.length > 0) {
			this.onUpdate(update);
		}

		if (this.mode === 'polling') {
			this.walkNeeded = true;
			this.schedule(this.options.pollMs ?? 2000);
		} else if (this.changedPaths.size > 0 || this.walkNeeded) {
			this.schedule(this.options.settleMs ?? 250);
		}

		return update;
	}

	/** The files that changed since they were read, read again into the store. */
	private async readChanges(): Promise<LiveUpdate> {
		const walk = this.walkNeeded;
		const paths = [...this.changedPaths];
		this.walkNeeded = false;
		this.changedPaths.clear();
		const candidates = walk ? await discoverFiles(this.load.roots, this.context) : await this.restat(paths);
		const changed: SourceFile[] = [];
		for (const file of candidates) {
			const stamp = await this.currentStamp(file);
			const previous = this.known.get(file.path);
			if (!previous || !sameStamp(previous.stamp, stamp)) {
				changed.push(file);
				this.known.set(file.path, {file, stamp});
			}
		}

		const before = this.load.store.callCount;
		for (const file of changed) {
			await this.readFile(file);
		}

		if (changed.length > 0 && this.options.device !== undefined) {
			stampDevice(this.load.store, this.options.device);
		}

		if (walk && this.mode === 'watching') {
			await this.watchFolders(changed);
		}

		return {files: changed, callsAdded: this.load.store.callCount - before};
	}

	/** Known files whose folder reported a change, as they are now (gone ones are left out). */
	private async restat(paths: readonly string[]): Promise<SourceFile[]> {
		const files: SourceFile[] = [];
		for (const file of paths) {
			const original = this.known.get(file)!.file;
			try {
				const info = await stat(file);
				files.push({
					...original,
					size: info.size,
					mtimeMs: info.mtimeMs,
					ino: info.ino,
					ctimeMs: info.ctimeMs,
				});
			} catch {
				// Deleted or moved: its calls stay (as the history keeps them), nothing to read.
			}
		}

		return files;
	}

	/** A file's stamp now; a SQLite database (not cacheable) also changes through its `-wal`. */
	private async currentStamp(file: SourceFile): Promise<Stamp> {
		const wal = file.cacheable === false ? await stat(`${file.path}-wal`).catch(() => undefined) : undefined;
		return stampOf(file, wal?.mtimeMs);
	}

	private async readFile(file: SourceFile): Promise<void> {
		const parser = this.load.roots.find(root => root.parser.id === file.agent)?.parser;
		const parsed = await parseOneFile(parser, file, () => undefined);
		this.takeBackGoneCalls(file, parsed.events);
		this.load.store.addAll(this.withoutCountedKeyless(file, parsed.events));
		for (const diagnostic of parsed.diagnostics) {
			this.report(diagnostic);
		}

		if (parsed.failure !== undefined) {
			this.report({kind: 'unreadable-file', agent: file.agent, file: file.path, message: parsed.failure});
		}
	}

	/**
	A call without a dedup key is a call of its own each time it is read: the ones the file gave
	before (its first ones, a file grows at its end) are in the store already.
	*/
	private withoutCountedKeyless(file: SourceFile, events: readonly UsageEvent[]): UsageEvent[] {
		const counted = this.load.keylessCalls.get(file.path) ?? 0;
		let keyless = 0;
		const fresh = events.filter(event => event.type !== 'call' || event.dedupKey !== undefined || keyless++ >= counted);
		this.load.keylessCalls.set(file.path, Math.max(counted, keyless));
		return fresh;
	}

	/**
	A file whose rows change in place (SQLite: an OpenCode message's tokens grow as its steps
	finish, and its dedup key with them) no longer holds some calls it gave before: the store
	takes those back, so the updated copy is not counted beside the old one.
	*/
	private takeBackGoneCalls(file: SourceFile, events: readonly UsageEvent[]): void {
		if (file.cacheable !== false) return;
		const keys = callKeysOf(events);
		const present = new Set(keys);
		for (const key of this.load.callKeys.get(file.path) ?? []) {
			if (!present.has(key)) this.load.store.retract(key);
		}

		this.load.callKeys.set(file.path, keys);
	}

	/**
	A diagnostic of a file read again is new only once: reading a file again repeats what it said.
	A partial last line is what a file being written looks like; the next refresh reads it whole.
	*/
	private report(diagnostic: Diagnostic): void {
		const key = diagnosticKey(diagnostic);
		if (diagnostic.kind === 'partial-line' || this.seenDiagnostics.has(key)) return;
		this.seenDiagnostics.add(key);
		this.load.diagnostics.add(diagnostic);
	}
}

function stampOf(file: SourceFile, walMtimeMs?: number): Stamp {
	return {size: file.size, mtimeMs: file.mtimeMs, ino: file.ino, walMtimeMs};
}

/** The `-wal` of a SQLite database as the load found it (a few databases: read synchronously). */
function walOf(file: SourceFile): number | undefined {
	if (file.cacheable !== false) return undefined;
	try {
		return statSync(`${file.path}-wal`).mtimeMs;
	} catch {
		return undefined;
	}
}

function sameStamp(a: Stamp, b: Stamp): boolean {
	return a.size === b.size && a.mtimeMs === b.mtimeMs && a.ino === b.ino && a.walMtimeMs === b.walMtimeMs;
}

function diagnosticKey(diagnostic: Diagnostic): string {
	return `${diagnostic.kind}\u0000${diagnostic.file ?? ''}\u0000${diagnostic.line ?? ''}\u0000${diagnostic.message}`;
}
