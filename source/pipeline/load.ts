/**
Loading: discover every agent's files, parse them with bounded concurrency, feed a
UsageStore, and publish throttled progress. Never throws on bad data; everything skipped is
in the DiagnosticLog.
*/
import {stat} from 'node:fs/promises';
import {homedir} from 'node:os';
import path from 'node:path';
import type {AgentId} from '../core/agents.js';
import {type Diagnostic, DiagnosticLog} from '../core/diagnostics.js';
import type {UsageEvent} from '../core/events.js';
import type {CallColumns} from '../model/call-columns.js';
import {UsageStore} from '../model/store.js';
import {parsers as registeredParsers} from '../parsers/registry.js';
import type {AgentParser, DiscoverContext, SourceFile} from '../parsers/types.js';
import type {ParseCache} from '../store/parse-cache.js';
import {type FileParse, parseOneFile} from './parse-file.js';
import {ParsePool, workersAvailable} from './workers/parse-pool.js';
import type {LoadProgress} from './types.js';

export type LoadOptions = {
	readonly env?: Readonly<Record<string, string | undefined>>;
	readonly home?: string;
	/** Folders laid out as `<dir>/<agent>/…` (each `<agent>` folder is that agent's root). */
	readonly dataDirs?: readonly string[];
	/** Only these agents (all when empty/undefined). */
	readonly agents?: readonly AgentId[];
	readonly parsers?: readonly AgentParser[];
	readonly concurrency?: number;
	/**
	Parse workers for cold loads (0 or absent: parse on the main thread). Used only with the
	registered parsers, in the built program, when enough bytes need parsing to pay for them.
	*/
	readonly workers?: number;
	readonly onProgress?: (progress: LoadProgress) => void;
	/** Progress is published at most this often (ms). */
	readonly progressIntervalMs?: number;
	/** Stop early (the user quit during loading). */
	readonly signal?: AbortSignal;
	/** Persistent parse cache (omit for --no-cache). */
	readonly cache?: ParseCache;
	/**
	Only files last written at or after this time (epoch ms). The status line needs only recent
	usage, and a file untouched since then cannot hold a newer call.
	*/
	readonly modifiedSince?: number;
};

/** A folder one agent's parser reads (only roots that exist are kept). */
export type DataRoot = {readonly parser: AgentParser; readonly path: string};

export type LoadResult = {
	readonly store: UsageStore;
	readonly diagnostics: DiagnosticLog;
	readonly files: readonly SourceFile[];
	readonly bytes: number;
	/** Agents for which at least one data root exists. */
	readonly agentsFound: readonly AgentId[];
	/** The existing data roots that were read (pipeline/live.ts watches them). */
	readonly roots: readonly DataRoot[];
	/**
	Per file, how many of its calls have no dedup key (each is a call of its own): a file read
	again while agents write (pipeline/live.ts) must not add those a second time.
	*/
	readonly keylessCalls: Map<string, number>;
	/**
	Per file whose earlier calls can change in place (`cacheable: false`: a SQLite database,
	whose rows are updated), the dedup keys of its calls: a re-read takes back those now gone.
	*/
	readonly callKeys: Map<string, readonly string[]>;
	readonly elapsedMs: number;
	/** Parse workers this load started (0: everything was parsed on the main thread). */
	readonly workers: number;
	/** Parse-cache use in this load (undefined without a cache). */
	readonly cacheStats?: {
		readonly hits: number;
		readonly misses: number;
		readonly discarded: number;
		/** Why the parse cache could not be written (e.g. a full disk). */
		readonly notSaved?: string;
	};
};

async function exists(folder: string): Promise<boolean> {
	try {
		return (await stat(folder)).isDirectory();
	} catch {
		return false;
	}
}

/** Runs `task` over `items` with at most `limit` in flight. */
async function mapWithConcurrency<T>(
	items: readonly T[],
	limit: number,
	task: (item: T, index: number) => Promise<void>,
): Promise<void> {
	let next = 0;
	const worker = async (): Promise<void> => {
		while (next < items.length) {
			const index = next++;
			await task(items[index]!, index);
		}
	};

	await Promise.all(Array.from({length: Math.min(limit, items.length)}, worker));
}

/** Below this many bytes to parse, starting workers costs more than it saves. */
const poolMinimumBytes = 16 * 1024 * 1024;

function startPool(
	options: LoadOptions,
	files: readonly SourceFile[],
	onBytes: (bytes: number) => void,
): ParsePool | undefined {
	const size = options.workers ?? 0;
	if (size <= 0 || options.parsers || !workersAvailable()) {
		return undefined;
	}

	let bytesToParse = 0;
	for (const file of files) {
		if (!options.cache?.isCached(file)) bytesToParse += file.size;
	}

	if (bytesToParse < poolMinimumBytes) {
		return undefined;
	}

	// Without any thread to be had (resource limits), parse on the main thread as always.
	const pool = new ParsePool(size, onBytes);
	return pool.size > 0 ? pool : undefined;
}

export async function loadUsage(options: LoadOptions = {}): Promise<LoadResult> {
	const started = Date.now();
	const diagnostics = new DiagnosticLog();
	const store = new UsageStore();
	const progress = new ProgressMeter(options, started, store);
	const report = (diagnostic: Diagnostic) => {
		diagnostics.add(diagnostic);
	};

	const context: DiscoverContext = {env: options.env ?? process.env, home: options.home ?? homedir(), report};
	const wanted = options.agents && options.agents.length > 0 ? new Set(options.agents) : undefined;
	const active = (options.parsers ?? registeredParsers).filter(parser => !wanted || wanted.has(parser.id));
	progress.publish(true);
	const roots = await existingRoots(active, options, context);
	const files = await discoverFiles(roots, context, options.modifiedSince);
	const agentsFound = [...new Set(roots.map(root => root.parser.id))];
	options.cache?.plan(files, options.modifiedSince === undefined ? 'all' : 'recent');
	progress.startParsing(files);
	const keylessCalls = new Map<string, number>();
	const callKeys = new Map<string, readonly string[]>();
	const sink = {store, progress, report, keylessCalls, callKeys};
	const workers = await readFiles(files, active, sink, options);
	if (!options.signal?.aborted) {
		await saveCache(options, diagnostics);
	}

	progress.phase = 'done';
	progress.publish(true);
	const {cache} = options;
	const cacheStats = cache
		? {hits: cache.hits, misses: cache.misses, discarded: cache.discarded, notSaved: cache.notSaved}
		: undefined;
	return {
		store,
		diagnostics,
		files,
		bytes: progress.bytesTotal,
		agentsFound,
		roots,
		keylessCalls,
		callKeys,
		elapsedMs: Date.now() - started,
		workers,
		cacheStats,
	};
}

/** The data roots of the active parsers that exist (`--data-dir` folders or the agents' own). */
async function existingRoots(
	active: readonly AgentParser[],
	options: LoadOptions,
	context: DiscoverContext,
): Promise<DataRoot[]> {
	const roots: DataRoot[] = [];
	for (const parser of active) {
		// Absolute, so `--data-dir x` and `--data-dir $PWD/x` share one parse-cache pack.
		const paths = options.dataDirs ? options.dataDirs.map(dir => path.resolve(dir, parser.id)) : parser.roots(context);
		for (const root of new Set(paths)) {
			if (await exists(root)) {
				roots.push({parser, path: root});
			}
		}
	}

	return roots;
}

/**
Every source file under `roots`, sorted by path (so dedup ties resolve the same way on every
run); with `modifiedSince`, only files written at or after it.
*/
export async function discoverFiles(
	roots: readonly DataRoot[],
	context: DiscoverContext,
	modifiedSince?: number,
): Promise<SourceFile[]> {
	let files: SourceFile[] = [];
	for (const root of roots) {
		// concat, not push(...): spreading 100k+ files as arguments overflows the stack.
		files = files.concat(await root.parser.discover(root.path, context));
	}

	if (modifiedSince !== undefined) {
		files = files.filter(file => file.mtimeMs >= modifiedSince);
	}

	files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
	return files;
}

/** Where the files' events and diagnostics go, and who counts them. */
type LoadSink = {
	readonly store: UsageStore;
	/** LoadResult's `keylessCalls` and `callKeys`, filled as files are added. */
	readonly keylessCalls: Map<string, number>;
	readonly callKeys: Map<string, readonly string[]>;
	readonly progress: ProgressMeter;
	readonly report: (diagnostic: Diagnostic) => void;
};

/**
Every file's events into the store: from the parse cache, else parsed (in workers when a pool
pays for itself). Files are read concurrently, but their events are added in file order, so the
result never depends on which file finished first. Returns the number of workers started.
*/
async function readFiles(
	files: readonly SourceFile[],
	active: readonly AgentParser[],
	sink: LoadSink,
	options: LoadOptions,
): Promise<number> {
	const {store, progress} = sink;
	const byId = new Map(active.map(parser => [parser.id, parser]));
	const inOrder = new InFileOrder(files.length, (usage, index) => {
		store.addAll(usage.events);
		if (usage.calls) {
			store.addCalls(usage.calls);
		}

		const file = files[index]!;
		const keyless = keylessCallsOf(usage);
		if (keyless > 0) sink.keylessCalls.set(file.path, keyless);
		if (file.cacheable === false) sink.callKeys.set(file.path, callKeysOf(usage.events));
	});
	const countBytes = (bytes: number) => {
		progress.bytesDone += bytes;
	};

	const pool = startPool(options, files, countBytes);
	const parse = async (file: SourceFile) =>
		(await pool?.parse(file)) ?? (await parseOneFile(byId.get(file.agent), file, countBytes));
	const yieldEveryFrame = frameYielder();
	await mapWithConcurrency(
		files,
		pool ? Math.max(options.concurrency ?? 4, 3 * pool.size) : (options.concurrency ?? 4),
		async (file, index) => {
			// Cached files decode synchronously: give the event loop a turn every frame's worth of
			// work, so the loading view keeps drawing and `q` still cancels.
			await yieldEveryFrame();
			if (options.signal?.aborted) {
				return;
			}

			const usage = cachedUsage(file, options.cache, sink) ?? {
				events: await parsedEvents(file, parse, options.cache, sink),
			};
			progress.countSessions(usage.events);
			inOrder.put(index, usage);
			progress.filesDone++;
			progress.publish();
		},
	);
	inOrder.flush();
	await pool?.close();
	return pool?.size ?? 0;
}

/**
What one file adds to the store: events, and (from the cache) its calls as columns, which
the store takes without an object per call.
*/
type FileUsage = {readonly events: readonly UsageEvent[]; readonly calls?: CallColumns};

/** A file's cached usage, replaying the diagnostics parsing it gave; undefined when it must be parsed. */
function cachedUsage(file: SourceFile, cache: ParseCache | undefined, sink: LoadSink): FileUsage | undefined {
	// The cache itself leaves out the files their parser marks not cacheable (SourceFile.cacheable).
	const cached = cache?.get(file);
	if (!cached) {
		return undefined;
	}

	// A cached file says again what parsing it said (a partial last line, a bad line).
	for (const diagnostic of cached.diagnostics) {
		sink.report(diagnostic);
	}

	sink.progress.bytesDone += file.size;
	return cached;
}

/** A file's events from its parser, remembered by the cache unless the parser threw. */
async function parsedEvents(
	file: SourceFile,
	parse: (file: SourceFile) => Promise<FileParse>,
	cache: ParseCache | undefined,
	sink: LoadSink,
): Promise<UsageEvent[]> {
	const parsed = await parse(file);
	for (const diagnostic of parsed.diagnostics) {
		sink.report(diagnostic);
	}

	if (parsed.failure !== undefined) {
		// A parser must not throw; if one does, the rest of the load goes on (and the file is
		// never cached).
		sink.report({kind: 'unreadable-file', agent: file.agent, file: file.path, message: parsed.failure});
	} else {
		cache?.set(file, parsed.events, parsed.diagnostics);
	}

	return parsed.events;
}

/** Writes the parse cache; a cache that cannot be written is a diagnostic, never a failure. */
async function saveCache(options: LoadOptions, diagnostics: DiagnosticLog): Promise<void> {
	await options.cache?.commit();
	if (options.cache?.notSaved) {
		diagnostics.add({
			kind: 'other',
			file: options.cache.dir,
			message: `parse cache not saved: ${options.cache.notSaved}`,
		});
	}
}

/** A function that, awaited once per file, gives the event loop a turn every 16 ms of work. */
function frameYielder(): () => Promise<void> {
	let sliceStart = performance.now();
	return async () => {
		if (performance.now() - sliceStart >= 16) {
			await new Promise(resolve => setImmediate(resolve));
			sliceStart = performance.now();
		}
	};
}

/** Per-file results that arrive in any order, handed on in file order as soon as each is next. */
class InFileOrder {
	private readonly buffered: Array<FileUsage | undefined> = [];
	private flushed = 0;

	constructor(
		private readonly length: number,
		private readonly add: (usage: FileUsage, index: number) => void,
	) {}

	put(index: number, usage: FileUsage): void {
		this.buffered[index] = usage;
		this.flush();
	}

	flush(): void {
		while (this.flushed < this.length && this.buffered[this.flushed]) {
			this.add(this.buffered[this.flushed]!, this.flushed);
			// Let the file's usage go once it is in the store.
			this.buffered[this.flushed] = noUsage;
			this.flushed++;
		}
	}
}

const noUsage: FileUsage = {events: []};

/** The dedup keys of a file's calls (a file that is never cached: its calls are events). */
export function callKeysOf(events: readonly UsageEvent[]): string[] {
	const keys: string[] = [];
	for (const event of events) {
		if (event.type === 'call' && event.dedupKey !== undefined) keys.push(event.dedupKey);
	}

	return keys;
}

/** The calls of a file's usage that carry no dedup key. */
export function keylessCallsOf(usage: FileUsage): number {
	let count = 0;
	for (const event of usage.events) {
		if (event.type === 'call' && event.dedupKey === undefined) count++;
	}

	for (let row = 0; row < (usage.calls?.length ?? 0); row++) {
		if (usage.calls!.dedupKey[row] === undefined) count++;
	}

	return count;
}

/** The load's progress, published at most every `progressIntervalMs` (always at a phase change). */
class ProgressMeter {
	phase: LoadProgress['phase'] = 'discovering';
	filesTotal = 0;
	filesDone = 0;
	bytesTotal = 0;
	bytesDone = 0;
	private readonly sessions = new Set<string>();
	private lastPublished = 0;

	constructor(
		private readonly options: LoadOptions,
		private readonly started: number,
		private readonly store: UsageStore,
	) {}

	startParsing(files: readonly SourceFile[]): void {
		this.phase = 'parsing';
		this.filesTotal = files.length;
		this.bytesTotal = files.reduce((sum, file) => sum + file.size, 0);
		this.publish(true);
	}

	countSessions(events: readonly UsageEvent[]): void {
		for (const event of events) {
			if (event.type === 'session') {
				this.sessions.add(`${event.agent}:${event.sessionId}`);
			}
		}
	}

	publish(force = false): void {
		const now = Date.now();
		const {onProgress, progressIntervalMs = 100} = this.options;
		if (!onProgress || (!force && now - this.lastPublished < progressIntervalMs)) {
			return;
		}

		this.lastPublished = now;
		onProgress({
			phase: this.phase,
			filesTotal: this.filesTotal,
			filesDone: this.filesDone,
			bytesTotal: this.bytesTotal,
			bytesDone: this.bytesDone,
			sessions: this.sessions.size,
			calls: this.store.callCount,
			elapsedMs: now - this.started,
		});
	}
}
