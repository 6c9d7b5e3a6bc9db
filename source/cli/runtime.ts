/**
Shared wiring for both modes: package metadata, the pricer, where the demo data lives,
and loading (with the automatic demo fallback).
*/
import {readFileSync} from 'node:fs';
import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {buildTree, regroup} from '../model/build.js';
import type {UsageStore} from '../model/store.js';
import type {TreeFilter, TreeModel} from '../model/types.js';
import type {ViewName} from '../model/views.js';
import {availableParallelism, homedir} from 'node:os';
import {loadUsage, type LoadResult} from '../pipeline/load.js';
import {LiveLoad} from '../pipeline/live.js';
import {defaultCacheDir, ParseCache} from '../store/parse-cache.js';
import {defaultLedgerDir, hostName, type LedgerRunStats, runLedger} from '../store/history/index.js';
import type {LoadProgress} from '../pipeline/types.js';
import {createPricer, loadPricingOverrides} from '../pricing/index.js';
import type {Pricer} from '../pricing/types.js';
import type {Diagnostic} from '../core/diagnostics.js';
import type {ExportContext} from '../export/json.js';
import {insightsFor} from '../insights/index.js';
import type {InsightOptions} from '../insights/types.js';
import {type Options, UsageError} from './options.js';

/** The installed package's root folder (distribution/ and fixtures/ live under it). */
export const packageRoot = fileURLToPath(new URL('../..', import.meta.url));

export const packageInfo = JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as {
	name: string;
	version: string;
};

export const demoDataDir = path.join(packageRoot, 'fixtures', 'demo');

export async function pricerFor(options: Options): Promise<Pricer> {
	if (!options.pricingFile) {
		return createPricer();
	}

	let text: string;
	try {
		text = await readFile(options.pricingFile, 'utf8');
	} catch (error) {
		throw new UsageError(
			`Cannot read --pricing file "${options.pricingFile}": ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}. Check the path.`,
		);
	}

	try {
		return createPricer({overrides: loadPricingOverrides(text)});
	} catch (error) {
		// JSON.parse quotes the offending text, newlines included; an error must stay one line.
		throw new UsageError(
			`Invalid --pricing file "${options.pricingFile}": ${(error as Error).message.replace(/\s+/g, ' ')}`,
		);
	}
}

export type Loaded = {
	readonly result: LoadResult;
	/** True when the bundled demo data was loaded (forced or because nothing was found). */
	readonly demo: boolean;
	/** What the ledger / WSL / --import step did (undefined for the demo data). */
	readonly ledger?: LedgerRunStats;
};

export type LoadHooks = {
	readonly onProgress?: (progress: LoadProgress) => void;
	readonly signal?: AbortSignal;
	/** Fall back to the demo data when no agent data exists (the TUI does; --json does not). */
	readonly demoFallback: boolean;
};

/** The persistent parse cache, unless `--no-cache`. */
export function parseCacheFor(options: Options): ParseCache | undefined {
	return options.cache ? new ParseCache(defaultCacheDir(process.env, homedir()), packageInfo.version) : undefined;
}

/**
The ledger folder for these options, or undefined for none: `--no-ledger`; `--data-dir` reads
a one-off folder that would otherwise mix into (and with) the user's own history, unless
`--ledger-dir` asks for it.
*/
export function ledgerDirFor(options: Options): string | undefined {
	if (!options.ledger) {
		return undefined;
	}

	return options.ledgerDir ?? (options.dataDirs.length > 0 ? undefined : defaultLedgerDir(process.env, homedir()));
}

/** Parse workers for cold loads: one per core, at most 4; `AGENT_NCDU_WORKERS=N` overrides (0: none). */
export function parseWorkerCount(env: Readonly<Record<string, string | undefined>>): number {
	const wanted = env['AGENT_NCDU_WORKERS'];
	return wanted !== undefined && /^\d+$/.test(wanted)
		? Math.min(Number(wanted), 16)
		: Math.min(availableParallelism(), 4);
}

export async function loadFor(options: Options, hooks: LoadHooks): Promise<Loaded> {
	const cache = parseCacheFor(options);
	const common = {
		agents: options.agents,
		onProgress: hooks.onProgress,
		signal: hooks.signal,
		cache,
		workers: parseWorkerCount(process.env),
	};
	if (options.demo) {
		return {result: await loadUsage({...common, dataDirs: [demoDataDir]}), demo: true};
	}

	const dataDirs = options.dataDirs.length > 0 ? options.dataDirs : undefined;
	const result = await loadUsage({...common, dataDirs});
	const env = process.env;
	const ledgerDir = ledgerDirFor(options);
	const ledger = await runLedger(result.store, {
		host: hostName(env),
		env,
		dir: ledgerDir,
		retentionDays: options.retentionDays,
		imports: options.imports,
		// History read keeps the totals complete; --no-cache writes nothing into HOME.
		readOnly: !options.cache,
		wsl: !dataDirs,
		loadHome: async home => (await loadUsage({...common, onProgress: undefined, env: {}, home})).store,
		report: diagnostic => {
			result.diagnostics.add(diagnostic);
		},
	});
	const hasHistory = ledger.restoredCalls + ledger.importedCalls > 0 || ledger.windowsHomes.length > 0;
	if (hooks.demoFallback && !dataDirs && result.agentsFound.length === 0 && !hasHistory) {
		return {result: await loadUsage({...common, dataDirs: [demoDataDir]}), demo: true};
	}

	return {result, demo: false, ledger};
}

/** Follows what agents write into `loaded`'s store (pipeline/live.ts), as this machine's device. */
export function liveLoadFor(loaded: Loaded): LiveLoad | undefined {
	return loaded.demo ? undefined : new LiveLoad(loaded.result, {device: hostName(process.env)});
}

/**
Writes this machine's history again after a long run (`watch`) added calls to its load. Only
this host's calls are written; WSL's Windows side and `--import` were read by the load and are
not read again. Undefined when the run keeps no history or writes nothing (`--no-cache`).
*/
export async function saveHistory(
	options: Options,
	store: UsageStore,
	report: (diagnostic: Diagnostic) => void,
): Promise<LedgerRunStats | undefined> {
	const dir = ledgerDirFor(options);
	// The demo data is never part of anyone's history (loadFor keeps it out too).
	if (options.demo || !dir || !options.cache) {
		return undefined;
	}

	return runLedger(store, {
		host: hostName(process.env),
		env: process.env,
		dir,
		retentionDays: options.retentionDays,
		report,
	});
}

/**
One `⚠` line per thing the user must know even without --verbose: the usage history or the parse
cache could not be saved (full disk, unreadable or locked history), or damaged history was set aside.
*/
export function persistenceWarnings(loaded: Loaded): string[] {
	const cacheNotSaved = loaded.result.cacheStats?.notSaved;
	return [
		...(loaded.ledger?.warnings ?? []),
		...(cacheNotSaved ? [`parse cache not saved: ${cacheNotSaved}; the next start parses those files again`] : []),
	].map(message => `⚠ agent-ncdu: ${message}`);
}

/**
Insight options from flags: limits, and the pricer for exact cache savings. `now` is the
caller's one clock reading for the tree (the UI reads it once per load, --json once per run).
*/
export function insightOptions(options: Options, pricer: Pricer, now: number): InsightOptions {
	return {now, pricer, tokenLimit: options.tokenLimit, plan: options.plan};
}

/**
The export document's context for `model` (both `--json` and the TUI's `e` key): this release,
the pricer, the load's diagnostics and the root's insights, at one clock reading (the document's
generatedAt and its insights). The whole tree unless the caller sets a depth.
*/
export function exportContext(
	model: TreeModel,
	options: Options,
	pricer: Pricer,
	load: Pick<ExportContext, 'diagnostics' | 'demo'>,
): ExportContext & {readonly generatedAt: Date} {
	const now = new Date();
	return {
		generator: {name: packageInfo.name, version: packageInfo.version},
		pricing: {source: pricer.source, date: pricer.date},
		diagnostics: load.diagnostics,
		prompts: options.prompts,
		demo: load.demo,
		generatedAt: now,
		insights: insightsFor(model, model.root, insightOptions(options, pricer, now.getTime())),
	};
}

/** Whether `filter` keeps every call: no agent, device, text or day restriction. */
export function selectsAll(filter: TreeFilter): boolean {
	const restricts = {
		agents: (filter.agents?.length ?? 0) > 0,
		devices: (filter.devices?.length ?? 0) > 0,
		text: Boolean(filter.text?.trim()),
		since: Boolean(filter.since),
		until: Boolean(filter.until),
	} satisfies Record<keyof TreeFilter, boolean>;
	return !Object.values(restricts).some(Boolean);
}

const unfilteredTrees = new WeakMap<
	UsageStore,
	{readonly pricer: Pricer; readonly version: number; readonly tree: TreeModel}
>();

/**
The unfiltered tree of a load: all usage, no filter of any kind (not --agent, --since or
--until either). The billing block and the OTLP metrics count this tree, because filters
change what you see, not what you spent, and a filter must never make cumulative counters
shrink. Built once per load (store, as it is now: a live load grows it), pricer and time zone,
and shared by everyone who asks.
*/
export function unfilteredTree(options: Options, store: UsageStore, pricer: Pricer): TreeModel {
	const cached = unfilteredTrees.get(store);
	if (cached?.pricer === pricer && cached.version === store.version && cached.tree.timezone === options.timezone) {
		return cached.tree;
	}

	const tree = buildTree(store, {timezone: options.timezone, pricer, filter: {}});
	unfilteredTrees.set(store, {pricer, version: store.version, tree});
	return tree;
}

/**
The tree for `filter` (the flags' filter by default) in `view` (time by default); a filter that
keeps everything gets the unfiltered tree's calls (in the time view, that tree).
*/
export function treeFor(
	options: Options,
	result: Pick<LoadResult, 'store'>,
	pricer: Pricer,
	filter: TreeFilter = {agents: options.agents, since: options.since, until: options.until},
	view: ViewName = 'time',
): TreeModel {
	return selectsAll(filter)
		? regroup(unfilteredTree(options, result.store, pricer), view)
		: buildTree(result.store, {timezone: options.timezone, pricer, filter, view});
}
