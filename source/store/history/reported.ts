/**
Reported session costs: the figure an agent states for a whole session (Claude Code's status
line sends `cost.total_cost_usd` every few seconds), kept per host in a small side file
`<host>.reported.json` next to the ledgers.

Why not in the history file itself: the status line must answer in a fraction of a second, and
rewriting the history means reading and merging the whole history (seconds on a heavy user's
machine). The side file holds one number per session, is rewritten (atomically, durable-file.ts)
only when a figure changed, and every full load merges all hosts' side files into
the store, after which the history file keeps the figure too (as its session's reported cost).

Two status lines writing at the same moment can lose one update; the next refresh (seconds
later) writes it again, so no lock is taken.
*/
import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {isAgentId} from '../../core/agents.js';
import type {DiagnosticSink} from '../../core/diagnostics.js';
import type {UsageEvent} from '../../core/events.js';
import {isUsableCost, isUsableName} from '../../core/limits.js';
import {makePrivateDir, writeFileAtomic} from '../durable-file.js';
import {filesIn, safeHostName} from './file.js';
import type {LedgerReported} from './records.js';

export const reportedSuffix = '.reported.json';
const reportedFormat = 'agent-ncdu-reported';

type ReportedDocument = {format: string; version: 1; host: string; records: LedgerReported[]};

export function reportedFileName(host: string): string {
	return safeHostName(host) + reportedSuffix;
}

function validReported(value: unknown): value is LedgerReported {
	const record = value as Partial<LedgerReported> | null;
	return (
		typeof record === 'object' &&
		record !== null &&
		record.k === 'r' &&
		typeof record.a === 'string' &&
		isAgentId(record.a) &&
		isUsableName(record.s) &&
		isUsableCost(record.usd)
	);
}

/** One side file; throws when it exists but is not a reported-cost document. */
async function readReportedFile(file: string): Promise<ReportedDocument | undefined> {
	let text: string;
	try {
		text = await readFile(file, 'utf8');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
			return undefined;
		}

		throw error;
	}

	const value = JSON.parse(text) as Partial<ReportedDocument> | null;
	if (value?.format !== reportedFormat || !Array.isArray(value.records)) {
		throw new Error('not an agent-ncdu reported-cost file');
	}

	return {
		format: reportedFormat,
		version: 1,
		host: typeof value.host === 'string' ? value.host : '',
		records: value.records.filter(record => validReported(record)),
	};
}

/**
Records `usd` as session `sessionId`'s own cost figure in this host's side file. Returns
whether the file changed. A corrupt side file is replaced (it holds only figures the agent
will send again).
*/
export async function recordReportedCost(
	dir: string,
	host: string,
	record: Omit<LedgerReported, 'k'>,
): Promise<boolean> {
	const file = path.join(dir, reportedFileName(host));
	const document = (await readReportedFile(file).catch(() => undefined)) ?? {
		format: reportedFormat,
		version: 1 as const,
		host,
		records: [],
	};
	const existing = document.records.find(entry => entry.a === record.a && entry.s === record.s);
	if (existing?.usd === record.usd) {
		return false;
	}

	if (existing) {
		existing.usd = record.usd;
	} else {
		document.records.push({k: 'r', ...record});
	}

	await makePrivateDir(dir);
	await writeFileAtomic(file, JSON.stringify({...document, host}) + '\n');
	return true;
}

/** Every host's reported session costs in `dir`, as session events (device = that host). */
export async function readReportedCosts(dir: string, report: DiagnosticSink): Promise<UsageEvent[]> {
	const events: UsageEvent[] = [];
	for (const file of await filesIn(dir, name => name.endsWith(reportedSuffix))) {
		try {
			const document = await readReportedFile(file);
			const host = document?.host || path.basename(file, reportedSuffix);
			for (const record of document?.records ?? []) {
				events.push({type: 'session', agent: record.a, sessionId: record.s, reportedCostUSD: record.usd, device: host});
			}
		} catch (error) {
			report({
				kind: 'unreadable-file',
				file,
				message: `reported session costs unreadable: ${(error as Error).message}`,
			});
		}
	}

	return events;
}
