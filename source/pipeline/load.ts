/**
Loading: discover every agent's files, parse them with bounded concurrency, feed a
UsageStore, and publish throttled progress. Never throws on bad data; everything skipped is
in the DiagnosticLog.
*/
import {stat} from 'node:fs/promises';
import {homedir} from 'node:os';
import path from 'node:path';
import type {AgentId} from '../core/agents.js';
import {DiagnosticLog} from '../core/diagnostics.js';
import type {UsageEvent} from '../core/events.js';
import {UsageStore} from '../model/store.js';
import {parsers as registeredParsers} from '../parsers/registry.js';
import type {AgentParser, DiscoverContext, SourceFile} from '../parsers/types.js';
import type {ParseCache} from '../store/parse-cache.js';
import {parseOneFile} from './parse-file.js';
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

export type LoadResult = {
	readonly store: UsageStore;
	readonly diagnostics: DiagnosticLog;
	readonly files: readonly SourceFile[];
	readonly bytes: number;
	/** Agents for which at least one data root exists. */
	readonly agentsFound: readonly AgentId[];
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
	task: (item: T) => Promise<void>,
): Promise<void> {
	let next = 0;
	const worker = async (): Promise<void> => {
		while (next < items.length) {
			const item = items[next++]!;
			await task(item);
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
	const report = (diagnostic: Parameters<DiagnosticLog['add']>[0]) => {
		diagnostics.add(diagnostic);
	};

	const context: DiscoverContext = {env: options.env ?? process.env, home: options.home ?? homedir(), report};
	const wanted = options.agents && options.agents.length > 0 ? new Set(options.agents) : undefined;
	const active = (options.parsers ?? registeredParsers).filter(parser => !wanted || wanted.has(parser.id));
	const progress = {
		phase: 'discovering' as LoadProgress['phase'],
		filesTotal: 0,
		filesDone: 0,
		bytesTotal: 0,
		bytesDone: 0,
		sessions: 0,
		calls: 0,
	};
	const sessions = new Set<string>();
	let lastPublished = 0;
	const publish = (force = false) => {
		const now = Date.now();
		if (!options.onProgress || (!force && now - lastPublished < (options.progressIntervalMs ?? 100))) {
			return;
		}

		lastPublished = now;
		options.onProgress({...progress, sessions: sessions.size, calls: store.callCount, elapsedMs: now - started});
	};

	publish(true);
	let files: SourceFile[] = [];
	const agentsFound = new Set<AgentId>();
	for (const parser of active) {
		// Absolute, so `--data-dir x` and `--data-dir $PWD/x` share one parse-cache pack.
		const roots = options.dataDirs ? options.dataDirs.map(dir => path.resolve(dir, parser.id)) : parser.roots(context);
		for (const root of [...new Set(roots)]) {
			if (!(await exists(root))) {
				continue;
			}

			agentsFound.add(parser.id);
			// concat, not push(...): spreading 100k+ files as arguments overflows the stack.
			files = files.concat(await parser.discover(root, context));
		}
	}

	if (options.modifiedSince !== undefined) {
		const since = options.modifiedSince;
		files = files.filter(file => file.mtimeMs >= since);
	}

	// Deterministic order (path) so dedup ties resolve the same way on every run.
	files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
	options.cache?.plan(files, options.modifiedSince === undefined ? 'all' : 'recent');
	progress.phase = 'parsing';
	progress.filesTotal = files.length;
	progress.bytesTotal = files.reduce((sum, file) => sum + file.size, 0);
	publish(true);
	const byId = new Map(active.map(parser => [parser.id, parser]));
	// Parse files concurrently but add events to the store in file order, so the result
	// never depends on which file finished first.
	const buffered: Array<UsageEvent[] | undefined> = [];
	let flushed = 0;
	const flush = () => {
		while (flushed < files.length && buffered[flushed]) {
			store.addAll(buffered[flushed]!);
			buffered[flushed] = [];
			flushed++;
		}
	};

	const indexOf = new Map(files.map((file, index) => [file, index]));
	const cachedEvents = (file: SourceFile): UsageEvent[] | undefined => {
		// SQLite databases change through their -wal file without their own mtime changing.
		const cached = file.kind === 'sqlite' ? undefined : options.cache?.get(file);
		if (!cached) {
			return undefined;
		}

		// A cached file says again what parsing it said (a partial last line, a bad line).
		for (const diagnostic of cached.diagnostics) {
			report(diagnostic);
		}

		progress.bytesDone += file.size;
		return cached.events;
	};

	const parseFile = async (file: SourceFile): Promise<UsageEvent[]> => {
		const parsed =
			(await pool?.parse(file)) ??
			(await parseOneFile(byId.get(file.agent), file, bytes => (progress.bytesDone += bytes)));
		for (const diagnostic of parsed.diagnostics) {
			report(diagnostic);
		}

		if (parsed.failure !== undefined) {
			// A parser must not throw; if one does, the rest of the load goes on (and the file is
			// never cached).
			report({kind: 'unreadable-file', agent: file.agent, file: file.path, message: parsed.failure});
		} else if (file.kind !== 'sqlite') {
			options.cache?.set(file, parsed.events, parsed.diagnostics);
		}

		return parsed.events;
	};

	const pool = startPool(options, files, bytes => (progress.bytesDone += bytes));
	let sliceStart = performance.now();
	await mapWithConcurrency(
		files,
		pool ? Math.max(options.concurrency ?? 4, 3 * pool.size) : (options.concurrency ?? 4),
		async file => {
			// Cached files decode synchronously: give the event loop a turn every frame's worth of
			// work, so the loading view keeps drawing and `q` still cancels.
			if (performance.now() - sliceStart >= 16) {
				await new Promise(resolve => setImmediate(resolve));
				sliceStart = performance.now();
			}

			if (options.signal?.aborted) {
				return;
			}

			const events = cachedEvents(file) ?? (await parseFile(file));
			for (const event of events) {
				if (event.type === 'session') {
					sessions.add(`${event.agent}:${event.sessionId}`);
				}
			}

			buffered[indexOf.get(file)!] = events;
			flush();
			progress.filesDone++;
			publish();
		},
	);
	flush();
	await pool?.close();
	if (!options.signal?.aborted) {
		await options.cache?.commit();
		if (options.cache?.notSaved) {
			diagnostics.add({
				kind: 'other',
				file: options.cache.dir,
				message: `parse cache not saved: ${options.cache.notSaved}`,
			});
		}
	}

	progress.phase = 'done';
	publish(true);
	const {cache} = options;
	const cacheStats = cache
		? {hits: cache.hits, misses: cache.misses, discarded: cache.discarded, notSaved: cache.notSaved}
		: undefined;
	return {
		store,
		diagnostics,
		files,
		bytes: progress.bytesTotal,
		agentsFound: [...agentsFound],
		elapsedMs: Date.now() - started,
		workers: pool?.size ?? 0,
		cacheStats,
	};
}
