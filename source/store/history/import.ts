/**
`--import FILE`: usage from another machine's export document (`agent-ncdu --json`). Its
`tree` holds every call with agent, time, model and tokens under its session, so the calls
are rebuilt as events and priced again here (a `reported` cost stays reported).

Imported calls are matched against what is already loaded by agent, time, model and tokens
(not session: the export folds sub-agent sessions into their parent), as a multiset, so
importing a document of this very machine, or the same document twice, adds nothing.

The document is read as a stream (json-stream.ts), never parsed whole: the other machine's
history may be larger than a string can hold, and each node becomes events as soon as it is
read, so memory grows with the calls kept, never with the document (its `days`, `sessions`,
`insights` and labels are skipped unread). A node's own fields (`kind`, `session`, `turn`,
`call`, `totals`) must come before its `children`, as agent-ncdu writes them. Values pass
core/limits.ts like any other source. A document this version cannot read is refused with a
✖ error naming the file: the user asked for it by name, so importing nothing silently would
mislead.
*/
import {createReadStream} from 'node:fs';
import path from 'node:path';
import type {DiagnosticSink} from '../../core/diagnostics.js';
import type {CallEvent, UsageEvent} from '../../core/events.js';
import {eventProblem} from '../../core/limits.js';
import type {UsageStore} from '../../model/store.js';
import {ExportReader, ImportRefused, importLimits, type Json} from './export-reader.js';
import {JsonStreamError, JsonStreamReader} from './json-stream.js';
import {tokensToArray} from './records.js';

/** The export format's major version this program reads (export/json.ts writes 1.x). */
const readableMajor = 1;

const callIdentity = (call: Pick<CallEvent, 'agent' | 'time' | 'model' | 'tokens'>) =>
	`${call.agent}\u0000${call.time}\u0000${call.model ?? ''}\u0000${tokensToArray(call.tokens).join(',')}`;

/** Refuses a document that is not an agent-ncdu export this version reads, or one cut above its calls. */
function checkHeader(header: Json): void {
	if (header['format'] !== 'agent-ncdu') {
		throw new ImportRefused('not an agent-ncdu export document (export it with agent-ncdu --json --depth call)');
	}

	const version = header['version'];
	const major = Array.isArray(version) ? version[0] : undefined;
	if (major !== readableMajor) {
		const shown = Array.isArray(version) ? version.join('.') : String(version);
		throw new ImportRefused(
			`export format version ${shown} cannot be read: this agent-ncdu reads version ${readableMajor}.x (update it to import newer documents)`,
		);
	}

	// `--json` writes sessions, not calls, unless `--depth call`: such a document has nothing
	// to import, and adding its sessions alone would count nothing. Say how to re-export it.
	const depth = header['depth'];
	if (typeof depth === 'string' && depth !== 'call') {
		throw new ImportRefused(
			`this export stops at --depth ${depth} and holds no API calls; export it again with --json --depth call`,
		);
	}
}

/** How often each call identity is already in the store (imports must not add those again). */
function identityCounts(store: UsageStore): Map<string, number> {
	const counts = new Map<string, number>();
	for (const call of store.allCalls()) {
		const identity = callIdentity(call);
		counts.set(identity, (counts.get(identity) ?? 0) + 1);
	}

	return counts;
}

/**
Adds an export document's usage to the store; returns how many calls were new. Throws an
Error whose message names the file when the document cannot be read or imported.
*/
export async function importExport(store: UsageStore, file: string, report: DiagnosticSink): Promise<number> {
	const present = identityCounts(store);
	const before = store.callCount;
	const add = (event: UsageEvent): void => {
		const problem = eventProblem(event);
		if (problem !== undefined) {
			const session = event.sessionId.slice(0, 100);
			report({
				kind: 'out-of-range',
				file,
				message: `--import: ${event.type} of session ${session} skipped: ${problem}`,
			});
			return;
		}

		if (event.type === 'call') {
			// Copies already loaded (this machine's own export, a document imported twice) are used up first.
			const identity = callIdentity(event);
			const loaded = present.get(identity) ?? 0;
			if (loaded > 0) {
				present.set(identity, loaded - 1);
				return;
			}
		}

		store.add(event);
	};

	const reader = new ExportReader(add, path.basename(file).replace(/\.json$/i, ''), checkHeader);
	try {
		const json = new JsonStreamReader(reader, importLimits);
		for await (const chunk of createReadStream(file, {highWaterMark: 1024 * 1024})) {
			json.write(chunk as Buffer);
		}

		json.end();
		if (!reader.sawTree) {
			checkHeader(reader.header);
			throw new ImportRefused('the document has no tree (export it with agent-ncdu --json --depth call)');
		}
	} catch (error) {
		const reason =
			error instanceof JsonStreamError ? `not a readable JSON document: ${error.message}` : (error as Error).message;
		throw new Error(`--import ${file}: ${reason}`, {cause: error});
	}

	return store.callCount - before;
}
