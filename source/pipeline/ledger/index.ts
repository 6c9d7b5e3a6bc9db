/**
The usage ledger, end to end: after the live transcripts are loaded, add the Windows side of
a WSL machine, merge every host's ledger (and reported session costs, reported.ts) found in
the ledger folder, add `--import`ed export documents, then rewrite this host's ledger atomically (only when its content changed).

Nothing here ever fails a load: unreadable ledgers are reported as diagnostics (and a corrupt
own ledger is moved aside, not overwritten), a failed write is a diagnostic.
*/
import path from 'node:path';
import type {DiagnosticSink} from '../../core/diagnostics.js';
import type {UsageStore} from '../../model/store.js';
import {
	encodeRecords,
	ledgerFileName,
	type LedgerFile,
	readLedgerDir,
	readLedgerFile,
	setAside,
	writeLedgerFile,
} from './file.js';
import {importExport} from './import.js';
import {mergeLedgers, mergeStore, recordsOf, stampDevice, summaryOf} from './merge.js';
import {readReportedCosts} from './reported.js';
import {isWsl, windowsDevice, windowsHomes, wslMountRoot} from './wsl.js';

export {defaultLedgerDir, hostName} from './file.js';

export type LedgerRunOptions = {
	readonly host: string;
	readonly env: Readonly<Record<string, string | undefined>>;
	/** Ledger folder; undefined = no ledger (`--no-ledger`, `--data-dir`, `--demo`). */
	readonly dir?: string;
	/** Keep only this many days of calls in this host's ledger (undefined = keep all). */
	readonly retentionDays?: number;
	readonly imports?: readonly string[];
	/** Look for WSL's Windows side (off with --data-dir/--demo). */
	readonly wsl?: boolean;
	/** Loads the live data of another home folder (the Windows side): a loadUsage call. */
	readonly loadHome?: (home: string) => Promise<UsageStore>;
	readonly now?: number;
	readonly report: DiagnosticSink;
};

export type LedgerRunStats = {
	readonly windowsHomes: readonly string[];
	readonly ledgerFiles: number;
	readonly restoredCalls: number;
	readonly importedCalls: number;
	/** This host's ledger after the run: path, size, whether it was rewritten, ms spent on IO. */
	readonly file?: string;
	readonly bytes?: number;
	readonly written: boolean;
	readonly ledgerMs: number;
};

export async function runLedger(store: UsageStore, options: LedgerRunOptions): Promise<LedgerRunStats> {
	const {host, report} = options;
	stampDevice(store, host);
	const homes =
		options.wsl && options.loadHome && (await isWsl(options.env)) ? await windowsHomes(wslMountRoot(options.env)) : [];
	for (const home of homes) {
		const windowsStore = await options.loadHome!(home);
		stampDevice(windowsStore, windowsDevice(host));
		mergeStore(store, windowsStore);
	}

	const started = Date.now();
	let files: LedgerFile[] = [];
	let restoredCalls = 0;
	const ownPath = options.dir ? path.join(options.dir, ledgerFileName(host)) : undefined;
	let ownBefore: LedgerFile | undefined;
	if (options.dir && ownPath) {
		try {
			ownBefore = await readLedgerFile(ownPath);
		} catch (error) {
			const aside = await setAside(ownPath).catch(() => undefined);
			report({
				kind: 'unreadable-file',
				file: ownPath,
				message: `usage ledger unreadable (${(error as Error).message})${aside ? `; kept as ${aside}` : ''}, starting a new one`,
			});
		}

		const others = (await readLedgerDir(options.dir, report)).filter(file => file.path !== ownPath);
		files = ownBefore ? [ownBefore, ...others] : others;
		restoredCalls = mergeLedgers(store, files).restoredCalls;
		// Session costs the status line recorded since (see reported.ts); the ledger keeps them from now on.
		store.addAll(await readReportedCosts(options.dir, report));
	}

	let importedCalls = 0;
	for (const file of options.imports ?? []) {
		importedCalls += await importExport(store, file, report);
	}

	if (!options.dir || !ownPath) {
		return {
			windowsHomes: homes,
			ledgerFiles: 0,
			restoredCalls,
			importedCalls,
			written: false,
			ledgerMs: Date.now() - started,
		};
	}

	const cutoff =
		options.retentionDays === undefined ? 0 : (options.now ?? Date.now()) - options.retentionDays * 86_400_000;
	const ownDevices = new Set([host, windowsDevice(host)]);
	const summary = summaryOf(store, ownDevices, cutoff);
	// Serialise only when the cheap summary moved; then compare exactly (digest).
	const encoded =
		ownBefore?.summary === summary ? undefined : {...encodeRecords(recordsOf(store, ownDevices, cutoff)), summary};
	// Nothing to remember and nothing remembered: do not create an empty file. (A rewrite with
	// equal records still refreshes the header's summary, so the next run takes the fast path.)
	const unchanged = !encoded || (ownBefore === undefined && encoded.lines.length === 0);
	let written = false;
	let bytes: number | undefined;
	if (!unchanged && encoded) {
		try {
			bytes = (await writeLedgerFile(options.dir, host, encoded)).bytes;
			written = true;
		} catch (error) {
			report({
				kind: 'unreadable-file',
				file: ownPath,
				message: `usage ledger not written: ${(error as Error).message}`,
			});
		}
	}

	return {
		windowsHomes: homes,
		ledgerFiles: files.length,
		restoredCalls,
		importedCalls,
		file: ownPath,
		bytes,
		written,
		ledgerMs: Date.now() - started,
	};
}
