/**
TUI mode: implements the UI's DataSource over the pipeline, model and export layers, then
hands the terminal to Ink (source/ui/run.tsx restores it on every exit path).
*/
import {createWriteStream} from 'node:fs';
import {access, constants} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {writeExport} from '../export/json.js';
import type {TreeModel} from '../model/types.js';
import type {LoadResult} from '../pipeline/load.js';
import type {Pricer} from '../pricing/types.js';
import {runTui} from '../ui/run.js';
import type {DataSource, LoadedData} from '../ui/types.js';
import type {Options} from './options.js';
import {compactHeap} from './compact-heap.js';
import type {Preload} from './preload.js';
import {deferNotice, flushNotices, handOverSplash} from './splash.js';
import {homedir} from 'node:os';
import {saveOtlpSettings, settingsFilePath, validateEndpoint} from '../export/otlp/index.js';
import {readConfigDocument, setConfigWarningSink, writeConfigSection} from '../export/otlp/settings-file.js';
import {parseRememberedView, type RememberedView} from '../browser/remembered.js';
import {backgroundExport, otlpConfigFor} from './otlp.js';
import {insightsFor} from '../insights/index.js';
import {
	insightOptions,
	loadFor,
	packageInfo,
	persistenceWarnings,
	pricerFor,
	treeFor,
	unfilteredTree,
} from './runtime.js';

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

/** Stores whose first tree was built (and the heap compacted after it). */
const compacted = new WeakSet<object>();

export function createDataSource(
	options: Options,
	pricer: Pricer,
	onLoaded?: (result: LoadResult) => void,
	preload?: Preload,
): DataSource {
	let lastResult: LoadResult | undefined;
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
			let loaded: Awaited<ReturnType<typeof loadFor>>;
			if (adopted) {
				loaded = await adopted.adopt(onProgress, signal);
			} else {
				loaded = await loadFor(options, {onProgress, signal, demoFallback: true});
			}

			demo = loaded.demo;
			lastResult = loaded.result;
			// Shown when the screen is back (the footer counts them as diagnostics meanwhile).
			for (const warning of persistenceWarnings(loaded)) {
				deferNotice(warning);
			}

			onLoaded?.(loaded.result);
			const data: Loaded = {
				store: loaded.result.store,
				diagnostics: loaded.result.diagnostics.entries,
				diagnosticCount: loaded.result.diagnostics.total,
				files: loaded.result.files.length,
				isDemo: loaded.demo,
				result: loaded.result,
			};
			return data;
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
			const now = new Date();
			const file = path.join(await exportFolder(), `agent-ncdu-${timestamp(now)}.json`);
			// Private (0600) like everything else we write: the document holds prompt previews.
			const stream = createWriteStream(file, {flags: 'wx', mode: 0o600});
			const diagnostics = lastResult?.diagnostics ?? {total: 0, counts: new Map(), entries: []};
			await writeExport(model, stream, {
				generator: {name: packageInfo.name, version: packageInfo.version},
				pricing: {source: pricer.source, date: pricer.date},
				diagnostics,
				prompts: options.prompts,
				demo,
				generatedAt: now,
				insights: insightsFor(model, model.root, insightOptions(options, pricer, now.getTime())),
			});
			await new Promise<void>((resolve, reject) => {
				stream.end((error?: Error | null) => (error ? reject(error) : resolve()));
			});
			return file;
		},
		unfiltered(loaded) {
			return unfilteredTree(options, loaded.store, pricer);
		},
		insights(model, node, now) {
			return insightsFor(model, node, insightOptions(options, pricer, now));
		},
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
	const otlpConfig = await otlpConfigFor(options);
	// OTLP exports the unfiltered tree of the latest load (the UI's own loads, plus a
	// background refresh every interval that the parse cache makes incremental), independent
	// of what the UI shows. It is built when an export (or the UI) first needs it, once per load.
	let latest: LoadResult | undefined;
	const exportedTree = (): TreeModel | undefined =>
		latest ? unfilteredTree(options, latest.store, pricer) : undefined;

	const source = createDataSource(
		options,
		pricer,
		result => {
			latest = result;
			if (otlpConfig && !otlp.controller) {
				startExport(otlpConfig);
			}
		},
		preload,
	);
	const refresh = async () => {
		const loaded = await loadFor(options, {demoFallback: true});
		for (const warning of persistenceWarnings(loaded)) {
			deferNotice(warning);
		}

		latest = loaded.result;
	};

	const otlp = backgroundExport(undefined, exportedTree);
	let refreshTimer: NodeJS.Timeout | undefined;
	const startExport = (config: NonNullable<typeof otlpConfig>) => {
		const controller = otlp.connect(config);
		refreshTimer ??= setInterval(() => {
			void refresh().catch(() => undefined);
		}, config.intervalMs).unref();
		return controller;
	};

	const host = {
		get controller() {
			return otlp.controller;
		},
		get config() {
			return otlp.controller?.config ?? otlpConfig;
		},
		connect(config: NonNullable<typeof otlpConfig>) {
			startExport(config);
		},
		disconnect() {
			void otlp.controller?.disconnect();
		},
		async saveConfig(config: NonNullable<typeof otlpConfig>) {
			await saveOtlpSettings(settingsFilePath(process.env, homedir()), config);
		},
		testEndpoint: validateEndpoint,
	};

	// The view (sort, filters, graph mode, opened path) is remembered between runs in the config
	// file; flags given on this run (--agent, --since, --until) win over the remembered filters.
	const configFile = settingsFilePath(process.env, homedir());
	const remembered = parseRememberedView((await readConfigDocument(configFile))['view']);
	const flagFilters = options.agents.length > 0 || options.since || options.until;
	let lastView: RememberedView | undefined;
	try {
		handOverSplash();
		await runTui({
			source,
			otlp: host,
			options: {
				ascii: options.ascii,
				color: options.color,
				blockLimits: {tokenLimit: options.tokenLimit, plan: options.plan},
				initialView: remembered,
				onViewChange(view) {
					lastView = view;
				},
				initialFilters: flagFilters
					? {
							text: '',
							agent: options.agents.length === 1 ? options.agents[0] : undefined,
							time:
								options.since || options.until
									? {kind: 'custom', since: options.since ?? '0000-01-01', until: options.until ?? '9999-12-31'}
									: {kind: 'all'},
						}
					: undefined,
			},
		});
	} finally {
		clearInterval(refreshTimer);
		if (lastView && options.cache) {
			await writeConfigSection(configFile, 'view', lastView).catch(() => undefined);
		}

		await otlp.stop();
		setConfigWarningSink(previousSink);
		flushNotices();
	}
}
