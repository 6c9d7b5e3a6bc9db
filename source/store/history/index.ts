/**
The usage history (the "ledger" of `--ledger-dir`/`--no-ledger`), end to end: after the live
transcripts are loaded, add the Windows side of a WSL machine, merge every host's history file
(file.ts; and reported session costs, reported.ts) found in the ledger folder, rewrite this
host's file atomically (only when its content changed), then add `--import`ed export documents
(after the write: imports are never stored). This host's file of the previous format
(`<host>.ledger.jsonl.gz`, legacy-ledger.ts) is migrated on the first run: read, written as
`<host>.history`, then removed, and a warning says so once.

Nothing here fails a load but an `--import` document that cannot be imported (the user named
it: import.ts throws a ✖ message): unreadable ledgers are reported as diagnostics, a damaged
own ledger is copied aside (its readable records kept), and what the user must know (history
not saved: unreadable, locked, full disk; damage found) is also returned as `warnings`. A run
that could not read this host's ledger never overwrites it.
*/
import path from 'node:path';
import type {DiagnosticSink} from '../../core/diagnostics.js';
import type {UsageStore} from '../../model/store.js';
import {type Locked, makePrivateDir, removeStaleFiles, withFileLock} from '../durable-file.js';
import {unlink} from 'node:fs/promises';
import type {CallFilter} from '../pack/codec.js';
import {historyEventsOf} from './events.js';
import {
	type HistoryFile,
	historyFileName,
	historyIdentity,
	historySuffix,
	keepDamagedCopy,
	readHistoryDir,
	readHistoryFile,
	safeHostName,
	writeHistoryFile,
} from './file.js';
import {importExport} from './import.js';
import {legacyLedgerSuffix} from './legacy-ledger.js';
import {liveCallFilter, mergeLedgers, mergeStore, stampDevice, summaryOf} from './merge.js';
import {readReportedCosts, reportedSuffix} from './reported.js';
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
	/** Read every ledger but write, move or remove nothing (`--no-cache`: HOME stays as it was). */
	readonly readOnly?: boolean;
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
	/** Why this host's ledger was not saved although the run had something to save. */
	readonly notSaved?: string;
	/** One-line problems the user must see even without --verbose (damage, history not saved). */
	readonly warnings: readonly string[];
	readonly ledgerMs: number;
};

/** How long a run waits for another run's ledger write before it goes on without saving. */
const lockWaitMs = 10_000;

const isLedgerFileName = (name: string) =>
	name.endsWith(historySuffix) || name.endsWith(legacyLedgerSuffix) || name.endsWith(reportedSuffix);

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
	const warnings: string[] = [];
	const warn = (file: string, message: string, kind: 'unreadable-file' | 'other' = 'unreadable-file') => {
		report({kind, file, message});
		warnings.push(message);
	};

	let files: HistoryFile[] = [];
	let restoredCalls = 0;
	const ownPath = options.dir ? path.join(options.dir, historyFileName(host)) : undefined;
	let own: OwnHistory = {};
	if (options.dir && ownPath) {
		if (!options.readOnly) {
			await removeStaleFiles(options.dir, isLedgerFileName);
		}

		const keep = liveCallFilter(store);
		const liveSummary = summaryOf(store, ownDevicesOf(host), retentionCutoff(options));
		own = await readOwnHistory(options.dir, host, warn, options.readOnly === true, keep, liveSummary);
		const others = await readHistoryDir(options.dir, report, [ownPath, legacyPathOf(options.dir, host)], keep);
		files = [own.file, own.legacy, ...others].filter(file => file !== undefined);
		restoredCalls = mergeLedgers(store, files).restoredCalls;
		// Session costs the status line recorded since (see reported.ts); the history keeps them from now on.
		store.addAll(await readReportedCosts(options.dir, report));
	}

	if (!options.dir || !ownPath) {
		return {
			windowsHomes: homes,
			ledgerFiles: 0,
			restoredCalls,
			importedCalls: await importAll(store, options),
			written: false,
			warnings,
			ledgerMs: Date.now() - started,
		};
	}

	const saved =
		own.readError || options.readOnly
			? {written: false, restoredCalls: 0, notSaved: own.readError}
			: await saveOwnHistory(store, options, ownPath, own.file, warn);
	if (saved.notSaved) {
		warn(ownPath, `usage history not saved: ${saved.notSaved}`);
	} else if (own.legacy && !options.readOnly) {
		await finishMigration(own.legacy, ownPath, warn);
	}

	const importedCalls = await importAll(store, options);
	return {
		windowsHomes: homes,
		ledgerFiles: files.length,
		restoredCalls: restoredCalls + saved.restoredCalls,
		importedCalls,
		file: ownPath,
		bytes: saved.bytes,
		written: saved.written,
		notSaved: saved.notSaved,
		warnings,
		ledgerMs: Date.now() - started,
	};
}

/**
Adds the `--import`ed documents. Called after this host's ledger was saved: imports are never
part of this machine's history, whatever device they name (even this host's own name).
*/
async function importAll(store: UsageStore, options: LedgerRunOptions): Promise<number> {
	let importedCalls = 0;
	for (const file of options.imports ?? []) {
		importedCalls += await importExport(store, file, options.report);
	}

	return importedCalls;
}

type OwnHistory = {
	readonly file?: HistoryFile;
	/** This host's file of the previous format, while it exists (legacy-ledger.ts). */
	readonly legacy?: HistoryFile;
	readonly readError?: string;
};
type Warn = (file: string, message: string, kind?: 'other') => void;

const legacyPathOf = (dir: string, host: string) => path.join(dir, `${safeHostName(host)}${legacyLedgerSuffix}`);

/**
This host's history, `<host>.history`, and its `<host>.ledger.jsonl.gz` of the previous format
while that exists (not migrated yet, or left by an older release on this machine): both are
merged, so no call of either is lost. A damaged file is copied aside and its readable events
are used (the next write replaces it); one that cannot be read, or whose damaged copy cannot be
kept, must not be overwritten (`readError`). A read-only run never replaces it, so it needs no
copy.
*/
async function readOwnHistory(
	dir: string,
	host: string,
	warn: Warn,
	readOnly: boolean,
	keep: CallFilter,
	liveSummary: string,
): Promise<OwnHistory> {
	const current = await readOwnFile(path.join(dir, historyFileName(host)), warn, readOnly, keep, liveSummary);
	const legacy = await readOwnFile(legacyPathOf(dir, host), warn, readOnly, keep);
	return {file: current.file, legacy: legacy.file, readError: current.readError ?? legacy.readError};
}

async function readOwnFile(
	file: string,
	warn: Warn,
	readOnly: boolean,
	keep: CallFilter,
	liveSummary?: string,
): Promise<OwnHistory> {
	let history: HistoryFile | undefined;
	try {
		history = await readHistoryFile(file, keep, liveSummary);
	} catch (error) {
		return {readError: `${file} ${(error as Error).message}; it is left as it is`};
	}

	if (!history?.damage || readOnly) {
		return {file: history};
	}

	let copy: string;
	try {
		copy = await keepDamagedCopy(file);
	} catch (error) {
		return {
			readError: `${file} is damaged (${history.damage}) and no copy of it could be kept (${(error as Error).message})`,
		};
	}

	warn(
		file,
		`usage history ${file} was damaged (${history.damage}); kept its ${callCount(history.calls)} that could be read, the damaged file is kept as ${copy}`,
	);
	return {file: history};
}

/**
The previous format's file now lives on in `<host>.history` (just written, or already holding
all of it): remove it, unless it changed since it was read (an older release still writing it:
then it is merged again next run), and say so once, only from the run that removed it.
*/
async function finishMigration(legacy: HistoryFile, ownPath: string, warn: Warn): Promise<void> {
	if ((await historyIdentity(legacy.path)) !== legacy.identity) {
		return;
	}

	try {
		await unlink(legacy.path);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
			warn(
				legacy.path,
				`usage history moved to ${ownPath}; the old file could not be removed: ${(error as Error).message}`,
				'other',
			);
		}

		return;
	}

	warn(
		legacy.path,
		`usage history moved to ${ownPath} (${callCount(legacy.calls)}); the old file ${legacy.path} was removed`,
		'other',
	);
}

const callCount = (calls: number) => `${calls} ${calls === 1 ? 'call' : 'calls'}`;

type Saved = {
	readonly written: boolean;
	readonly bytes?: number;
	readonly notSaved?: string;
	/** Calls another run saved since this one read the history (merged before writing). */
	readonly restoredCalls: number;
};

/** The oldest call time this host's history keeps (`--retention-days`); 0 keeps all. */
function retentionCutoff(options: LedgerRunOptions): number {
	return options.retentionDays === undefined ? 0 : (options.now ?? Date.now()) - options.retentionDays * 86_400_000;
}

/** The devices whose sessions this host's history holds: itself and its WSL Windows side. */
const ownDevicesOf = (host: string) => new Set([host, windowsDevice(host)]);

/**
Rewrites this host's history when its content changed, under the file's lock. Merge on
commit: when another run replaced the file since it was read, its events are merged first, so
two runs at once (different --agent or data folders) never drop each other's calls.
*/
async function saveOwnHistory(
	store: UsageStore,
	options: LedgerRunOptions,
	ownPath: string,
	readBefore: HistoryFile | undefined,
	warn: Warn,
): Promise<Saved> {
	const cutoff = retentionCutoff(options);
	const ownDevices = ownDevicesOf(options.host);
	let summary = summaryOf(store, ownDevices, cutoff);
	// Nothing new (the cheap summary did not move), or nothing to remember and nothing remembered.
	if ((await historyIdentity(ownPath)) === readBefore?.identity) {
		if (readBefore?.summary === summary) {
			return {written: false, restoredCalls: 0};
		}

		if (readBefore === undefined && historyEventsOf(store, ownDevices, cutoff).next().done) {
			return {written: false, restoredCalls: 0};
		}
	}

	const write = async (): Promise<Saved> => {
		let restoredCalls = 0;
		if ((await historyIdentity(ownPath)) !== readBefore?.identity) {
			// Another run replaced the file since this one read it: merge what it holds first.
			const fresh = await readOwnFile(ownPath, warn, false, liveCallFilter(store));
			if (fresh.readError) {
				return {written: false, restoredCalls, notSaved: fresh.readError};
			}

			restoredCalls = fresh.file ? mergeLedgers(store, [fresh.file]).restoredCalls : 0;
			summary = summaryOf(store, ownDevices, cutoff);
			if (fresh.file?.summary === summary) {
				return {written: false, restoredCalls};
			}
		}

		try {
			const events = historyEventsOf(store, ownDevices, cutoff);
			const {bytes} = await writeHistoryFile(path.dirname(ownPath), options.host, events, summary);
			return {written: true, bytes, restoredCalls};
		} catch (error) {
			return {written: false, restoredCalls, notSaved: (error as Error).message};
		}
	};

	let locked: Locked<Saved>;
	try {
		await makePrivateDir(path.dirname(ownPath));
		locked = await withFileLock(ownPath, write, lockWaitMs);
	} catch (error) {
		// The folder or the lock could not be created (read-only or full disk).
		return {written: false, restoredCalls: 0, notSaved: (error as Error).message};
	}

	return locked.locked
		? locked.value
		: {
				written: false,
				restoredCalls: 0,
				notSaved: `another agent-ncdu run kept ${ownPath} locked for ${lockWaitMs / 1000} s`,
			};
}
