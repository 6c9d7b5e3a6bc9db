/**
`--json` (and any run whose stdout is not a terminal): load, build, stream the export
document to stdout. Diagnostics go to stderr with --verbose; stdout carries only JSON.
*/
import {writeExport} from '../export/json.js';
import type {LedgerRunStats} from '../store/history/index.js';
import type {LoadResult} from '../pipeline/load.js';
import type {Options} from './options.js';
import {compactHeap} from './compact-heap.js';
import type {Pricer} from '../pricing/types.js';
import type {TreeModel} from '../model/types.js';
import {
	exportContext,
	type Loaded,
	loadFor,
	persistenceWarnings,
	pricerFor,
	treeFor,
	unfilteredTree,
} from './runtime.js';

function describeMissingData(): string {
	return 'No agent data found (looked for Claude Code, Codex, Gemini CLI, OpenCode, … in their default folders and environment variables). Run with --demo to see the bundled demo data, or point --data-dir / CLAUDE_CONFIG_DIR / CODEX_HOME at your data.';
}

function printDiagnostics(result: LoadResult, write: (line: string) => void): void {
	for (const entry of result.diagnostics.entries) {
		const where = entry.file ? `${entry.file}${entry.line ? `:${entry.line}` : ''}: ` : '';
		write(`[${entry.kind}] ${where}${entry.message}`);
	}

	const hidden = result.diagnostics.total - result.diagnostics.entries.length;
	if (hidden > 0) {
		write(`… and ${hidden} more diagnostics`);
	}
}

/**
The --verbose line about the usage ledger. Without a ledger (--no-ledger, --data-dir) it says
nothing about one, only what --import or the WSL Windows side added, if anything.
*/
function historyLine(ledger: LedgerRunStats, options: Options): string | undefined {
	const imported = ledger.importedCalls > 0 ? [`${ledger.importedCalls} calls imported`] : [];
	const windows = ledger.windowsHomes.length > 0 ? [`Windows side: ${ledger.windowsHomes.join(', ')}`] : [];
	if (ledger.file === undefined) {
		return imported.length + windows.length > 0 ? `Also read: ${[...imported, ...windows].join(', ')}.` : undefined;
	}

	const outcome = ledger.written
		? `wrote ${ledger.bytes} bytes to ${ledger.file}`
		: ledger.notSaved
			? 'not saved'
			: options.cache
				? 'unchanged'
				: 'not written (--no-cache)';
	return `Ledger: ${ledger.ledgerFiles} file(s), ${ledger.restoredCalls} calls restored, ${ledger.importedCalls} imported${windows.map(text => `, ${text}`).join('')}; ${outcome} (${ledger.ledgerMs} ms).`;
}

/**
The tree a one-shot mode writes (`--json`, `--export ncdu`, `--csv`, `--statement`): one load
without the demo fallback, the flags' filter, and the stderr lines every such run prints (no data
found, --verbose, what could not be saved, unpriced models). stdout is left to the caller.
*/
export async function loadDocumentTree(
	options: Options,
	pricer: Pricer,
	stderr: (line: string) => void,
): Promise<{model: TreeModel; loaded: Loaded}> {
	const loaded = await loadFor(options, {demoFallback: false});
	const {result, demo, ledger} = loaded;
	if (!demo && result.agentsFound.length === 0 && result.store.callCount === 0) {
		stderr(describeMissingData());
	}

	const model = treeFor(options, result, pricer, undefined, options.groupBy);
	// The loader's and the builder's garbage goes now, not when the heap nears its limit.
	compactHeap(result.store.callCount);
	if (options.verbose) {
		stderr(
			`Loaded ${result.files.length} files (${result.bytes} bytes) in ${result.elapsedMs} ms: ${model.root.totals.calls} calls, ${result.store.duplicateCount} duplicate copies dropped, ${result.diagnostics.total} diagnostics${result.workers > 0 ? `, ${result.workers} parse workers` : ''}${result.cacheStats ? `, parse cache ${result.cacheStats.hits} hits / ${result.cacheStats.misses} misses` : ''}.`,
		);
		const history = ledger && historyLine(ledger, options);
		if (history) {
			stderr(history);
		}

		printDiagnostics(result, stderr);
	}

	for (const warning of persistenceWarnings(loaded)) {
		stderr(warning);
	}

	if (model.unpricedModels.size > 0) {
		const names = [...model.unpricedModels.keys()].join(', ');
		stderr(`⚠ No price for model(s): ${names} — their cost is null ("unpriced"). Add them with --pricing FILE.`);
	}

	return {model, loaded};
}

/**
`writeJson`: whether the document goes to stdout (`--otlp-once` alone exports metrics only).
*/
export async function runJsonMode(
	options: Options,
	stdout: NodeJS.WritableStream,
	stderr: (line: string) => void,
	writeJson = true,
): Promise<void> {
	const pricer = await pricerFor(options);
	// The OpenTelemetry SDK is large: load it only for --otlp-once. Resolve the config first,
	// so a bad endpoint or header fails before any work.
	const otlp = options.otlpOnce ? await import('./otlp.js') : undefined;
	const otlpConfig = otlp ? await otlp.otlpConfigFor(options) : undefined;
	if (!otlp && (options.otlpEndpoint !== undefined || options.otlpHeaders.length > 0)) {
		// --json alone exports nothing, but a mistyped --otlp-endpoint/--otlp-headers should
		// still get its ✖ error rather than be ignored silently (issue #8).
		await (await import('./otlp.js')).otlpConfigFor(options);
	}
	const {model, loaded} = await loadDocumentTree(options, pricer, stderr);
	const {result, demo} = loaded;

	if (otlp) {
		// Metrics are cumulative totals: export all usage, never a filtered view.
		await otlp.exportOnceOrFail(otlpConfig, unfilteredTree(options, result.store, pricer), stderr, options.verbose);
	}

	if (!writeJson) {
		return;
	}

	await writeExport(model, stdout as unknown as import('node:stream').Writable, {
		...exportContext(model, options, pricer, {diagnostics: result.diagnostics, demo}),
		depth: options.depth,
	});
}
