/**
TUI mode: implements the UI's DataSource over the pipeline, model and export layers, then
hands the terminal to Ink (source/ui/run.tsx restores it on every exit path).
*/
import {createWriteStream} from 'node:fs';
import {access, constants} from 'node:fs/promises';
import {homedir, tmpdir} from 'node:os';
import path from 'node:path';
import type {Filters} from '../browser/filters.js';
import {parseRememberedView, type RememberedView} from '../browser/remembered.js';
import {writeExport} from '../export/json.js';
import {
	defaultIntervalMs,
	type OtlpConfig,
	saveOtlpSettings,
	settingsFilePath,
	validateEndpoint,
} from '../export/otlp/index.js';
import {readConfigDocument, setConfigWarningSink, writeConfigSection} from '../export/otlp/settings-file.js';
import {insightsFor} from '../insights/index.js';
import type {TreeModel} from '../model/types.js';
import type {LoadResult} from '../pipeline/load.js';
import type {LiveLoad} from '../pipeline/live.js';
import type {Pricer} from '../pricing/types.js';
import {runTui} from '../ui/run.js';
import type {AppOptions, DataSource, LoadedData, OtlpHost} from '../ui/types.js';
import {compactHeap} from './compact-heap.js';
import type {Options} from './options.js';
import {backgroundExport, otlpConfigFor} from './otlp.js';
import {startPrometheus} from './prometheus.js';
import type {Preload} from './preload.js';
import {
	exportContext,
	insightOptions,
	liveLoadFor,
	type Loaded as LoadOutcome,
	loadFor,
	persistenceWarnings,
	pricerFor,
	treeFor,
	unfilteredTree,
} from './runtime.js';
import {deferNotice, flushNotices, handOverSplash} from './splash.js';

type Loaded = LoadedData & {readonly result: LoadResult};

/** Export files go to the current folder when it is writable, else to the temp folder. */
async function exportFolder(): Promise<string> {
	try {
		await access(process.cwd(), constants.W_OK);
		return process.cwd();
	} catch {
		return tmpdir();
	}
}

function timestamp(date: Date): string {
	return date.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

/** The `e` key: the export document of `model`, written next to the user (never overwriting); resolves with its path. */
async function writeExportFile(
	model: TreeModel,
	options: Options,
	pricer: Pricer,
	load: {readonly result: LoadResult | undefined; readonly demo: boolean},
): Promise<string> {
	const context = exportContext(model, options, pricer, {
		diagnostics: load.result?.diagnostics ?? {total: 0, counts: new Map(), entries: []},
		demo: load.demo,
	});
	const file = path.join(await exportFolder(), `agent-ncdu-${timestamp(context.generatedAt)}.json`);
	// Private (0600) like everything else we write: the document holds prompt previews.
	const stream = createWriteStream(file, {flags: 'wx', mode: 0o600});
	await writeExport(model, stream, context);
	await new Promise<void>((resolve, reject) => {
		stream.end((error?: Error | null) => (error ? reject(error) : resolve()));
	});
	return file;
}

/** What the UI gets of a load (the full result rides along for the CLI's own use). */
function loadedDataOf(loaded: LoadOutcome): Loaded {
	return {
		store: loaded.result.store,
		diagnostics: loaded.result.diagnostics.entries,
		diagnosticCount: loaded.result.diagnostics.total,
		files: loaded.result.files.length,
		isDemo: loaded.demo,
		result: loaded.result,
	};
}

/** Stores whose first tree was built (and the heap compacted after it). */
const compacted = new WeakSet<object>();

export function createDataSource(
	options: Options,
	pricer: Pricer,
	onLoaded?: (result: LoadResult) => void,
	preload?: Preload,
): DataSource {
	let lastResult: LoadResult | undefined;
	let live: LiveLoad | undefined;
	// The first load may already be running (cli/preload.ts); later ones (r, retry) start afresh.
	let pending = preload;
	let demo = options.demo;
	return {
		get isDemo() {
			return demo;
		},
		timezone: options.timezone,
		async load(onProgress, signal) {
			const adopted = pending;
			pending = undefined;
			const loaded = adopted
				? await adopted.adopt(onProgress, signal)
				: await loadFor(options, {onProgress, signal, demoFallback: true});
			demo = loaded.demo;
			lastResult = loaded.result;
			void live?.stop();
			live = liveLoadFor(loaded);
			// Shown when the screen is back (the footer counts them as diagnostics meanwhile).
			for (const warning of persistenceWarnings(loaded)) {
				deferNotice(warning);
			}

			onLoaded?.(loaded.result);
			return loadedDataOf(loaded);
		},
		build(loaded, filter) {
			const model = treeFor(options, loaded, pricer, filter);
			// Once per load (not on every filter change): drop the loader's garbage.
			if (!compacted.has(loaded.store)) {
				compacted.add(loaded.store);
				compactHeap(loaded.store.callCount);
			}

			return model;
		},
		async exportJson(model: TreeModel) {
			return writeExportFile(model, options, pricer, {result: lastResult, demo});
		},
		unfiltered(loaded) {
			return unfilteredTree(options, loaded.store, pricer);
		},
		watch(loaded, onUpdate) {
			const watched = live;
			const result = lastResult;
			if (!options.watch || !watched || loaded.store !== result?.store) {
				return () => undefined;
			}

			watched.onUpdate = () => {
				const {diagnostics} = result;
				onUpdate({
					...loaded,
					diagnostics: [...diagnostics.entries],
					diagnosticCount: diagnostics.total,
					files: watched.fileCount,
				});
			};
			watched.start();
			return () => void watched.stop();
		},
		insights(model, node, now) {
			return insightsFor(model, node, insightOptions(options, pricer, now));
		},
	};
}

type TuiOtlp = {
	/** What the OTLP settings pane (`o`) drives. */
	readonly host: OtlpHost;
	/** The unfiltered tree of the latest load (what an export or a scrape reports). */
	current(): TreeModel | undefined;
	/** With --no-watch, reloads every OTLP interval even while nothing exports (for the Prometheus endpoint). */
	keepFresh(): void;
	/** Every load of the UI: the latest result is what the next export sends. */
	onLoaded(result: LoadResult): void;
	/** Stops the background refresh (the UI has quit: nothing more to load). */
	stopRefresh(): void;
	/** Stops the refresh and the exporter (one last export, bounded). */
	stop(): Promise<void>;
};

/**
OTLP while the TUI runs. It exports the unfiltered tree of the latest load, which watching keeps
current (pipeline/live.ts; with --no-watch a load of its own every interval, as the UI stays put),
independent of what the UI shows; the tree is built when an export (or a Prometheus scrape,
through `current`) first needs it, once per state of the load. With a configured endpoint,
exporting starts after the first load; the pane may connect or disconnect later.
*/
function tuiOtlp(options: Options, pricer: Pricer, configured: OtlpConfig | undefined): TuiOtlp {
	let latest: LoadResult | undefined;
	// A load of its own: the browser's store stays as the user sees it (--no-watch).
	const refresh = async () => {
		const loaded = await loadFor(options, {demoFallback: true});
		for (const warning of persistenceWarnings(loaded)) {
			deferNotice(warning);
		}

		latest = loaded.result;
	};

	const current = () => (latest ? unfilteredTree(options, latest.store, pricer) : undefined);
	const exporter = backgroundExport(undefined, current);
	let refreshTimer: NodeJS.Timeout | undefined;
	// Watching keeps the load current; with --no-watch, load again every interval instead.
	const keepFresh = (intervalMs: number) => {
		if (!options.watch) {
			refreshTimer ??= setInterval(() => {
				void refresh().catch(() => undefined);
			}, intervalMs).unref();
		}
	};

	const connect = (config: OtlpConfig) => {
		exporter.connect(config);
		keepFresh(config.intervalMs);
	};

	const settingsFile = settingsFilePath(process.env, homedir());
	const host: OtlpHost = {
		get controller() {
			return exporter.controller;
		},
		get config() {
			return exporter.controller?.config ?? configured;
		},
		connect,
		disconnect() {
			void exporter.controller?.disconnect();
		},
		saveConfig: config => saveOtlpSettings(settingsFile, config),
		testEndpoint: validateEndpoint,
	};
	return {
		host,
		current,
		keepFresh() {
			keepFresh(configured?.intervalMs ?? defaultIntervalMs);
		},
		onLoaded(result) {
			latest = result;
			if (configured && !exporter.controller) {
				connect(configured);
			}
		},
		stopRefresh() {
			clearInterval(refreshTimer);
		},
		async stop() {
			clearInterval(refreshTimer);
			await exporter.stop();
		},
	};
}

/** `--agent`, `--since`, `--until` given on this run: they win over the remembered filters. */
function filtersFromFlags(options: Options): Filters | undefined {
	if (options.agents.length === 0 && !options.since && !options.until) {
		return undefined;
	}

	return {
		text: '',
		agent: options.agents.length === 1 ? options.agents[0] : undefined,
		time:
			options.since || options.until
				? {kind: 'custom', since: options.since ?? '0000-01-01', until: options.until ?? '9999-12-31'}
				: {kind: 'all'},
	};
}

function appOptionsFor(
	options: Options,
	initialView: RememberedView | undefined,
	onViewChange: (view: RememberedView) => void,
): AppOptions {
	return {
		ascii: options.ascii,
		color: options.color,
		blockLimits: {tokenLimit: options.tokenLimit, plan: options.plan},
		initialBudget: options.budget,
		initialView,
		onViewChange,
		initialFilters: filtersFromFlags(options),
	};
}

export async function runTuiMode(options: Options, preload?: Preload): Promise<void> {
	if (!process.stdin.isTTY) {
		throw new Error(
			'The interactive browser needs a terminal on stdin. Use --json to write the export document instead.',
		);
	}

	// The first frame is already up (cli/splash.ts): config warnings wait for the normal screen.
	const previousSink = setConfigWarningSink(deferNotice);
	const pricer = await pricerFor(options);
	const otlp = tuiOtlp(options, pricer, await otlpConfigFor(options));
	const source = createDataSource(options, pricer, result => otlp.onLoaded(result), preload);
	// The view (sort, filters, graph mode, opened path, budget) is remembered between runs in the config file.
	const configFile = settingsFilePath(process.env, homedir());
	const remembered = parseRememberedView((await readConfigDocument(configFile))['view']);
	let lastView: RememberedView | undefined;
	// Bound before the browser opens, so a port in use is a one-line ✖ error, not a missing
	// endpoint nobody notices; the last step before `try`, whose `finally` closes it.
	const prometheus = options.prometheus ? await startPrometheus(options.prometheus, otlp.current) : undefined;
	if (prometheus) {
		otlp.keepFresh();
	}

	try {
		handOverSplash();
		const appOptions = appOptionsFor(options, remembered, view => {
			lastView = view;
		});
		await runTui({source, otlp: otlp.host, options: appOptions});
	} finally {
		otlp.stopRefresh();
		if (lastView && options.cache) {
			await writeConfigSection(configFile, 'view', lastView).catch(() => undefined);
		}

		await Promise.all([otlp.stop(), prometheus?.close()]);
		setConfigWarningSink(previousSink);
		flushNotices();
	}
}
