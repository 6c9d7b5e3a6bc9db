/**
Reads one Gemini CLI chat recording into its final state: session metadata plus the
messages in first-seen order (parsers/FORMATS.md §3.2-§3.3).

- Legacy `.json`: one object rewritten in place. Read whole (unavoidable), capped at
  `maxJsonBytes`; a half-written file is a `partial-line` diagnostic, not a crash.
- `.jsonl`: append-only. The metadata record comes first; a message is re-appended with the
  same `id` whenever it changes → last write wins, position of first appearance kept.
  `{"$set":{…}}` merges metadata; a `$set.messages` array is a full checkpoint whose
  messages are upserted the same way. `{"$rewindTo":id}` is deliberately ignored: the
  rewound requests were sent and billed, so their calls stay counted.

Only messages that can produce events (`user`, `gemini`) are kept, so memory is bounded by
the conversation, not by the file's rewrites.
*/
import {readFile} from 'node:fs/promises';
import type {AgentId} from '../../core/agents.js';
import type {DiagnosticSink} from '../../core/diagnostics.js';
import {asRecord, asString, parseJsonObject} from '../read-lines.js';
import {readJsonLines} from '../json-lines.js';
import type {SourceFile} from '../types.js';
import {errorText} from '../../core/diagnostics.js';

/** Bigger legacy files are skipped (they are read whole). */
export const maxJsonBytes = 256 * 1024 * 1024;

export type JsonRecord = Record<string, unknown>;

export type ChatFile = {
	readonly meta: JsonRecord;
	/** Messages by id, in order of first appearance; values are the last write. */
	readonly messages: Map<string, JsonRecord>;
};

const keptTypes = new Set(['user', 'gemini']);

export async function readChatFile(
	file: SourceFile,
	report: DiagnosticSink,
	onBytes?: (bytes: number) => void,
): Promise<ChatFile | undefined> {
	return file.path.endsWith('.jsonl') ? readJsonl(file, report, onBytes) : readLegacyJson(file, report, onBytes);
}

function keep(messages: Map<string, JsonRecord>, message: unknown): void {
	const record = asRecord(message);
	const id = asString(record?.['id']);
	// asString, not String(): String() of a deeply nested array overflows the stack.
	if (record && id && keptTypes.has(asString(record['type']) ?? '')) {
		messages.set(id, record);
	}
}

async function readLegacyJson(
	file: SourceFile,
	report: DiagnosticSink,
	onBytes?: (bytes: number) => void,
): Promise<ChatFile | undefined> {
	const agent: AgentId = file.agent;
	if (file.size > maxJsonBytes) {
		report({
			kind: 'skipped-file',
			agent,
			file: file.path,
			message: `legacy session file is ${file.size} bytes (limit ${maxJsonBytes})`,
		});
		return undefined;
	}

	let text: string;
	try {
		const buffer = await readFile(file.path);
		onBytes?.(buffer.length);
		text = buffer.toString('utf8');
	} catch (error) {
		report({kind: 'unreadable-file', agent, file: file.path, message: errorText(error)});
		return undefined;
	}

	if (text.trim().length === 0) {
		report({kind: 'empty-file', agent, file: file.path, message: 'empty session file'});
		return undefined;
	}

	const root = parseJsonObject(text);
	if (!root) {
		// Gemini rewrites the whole file in place: a read during the write sees a truncated object.
		report({
			kind: 'partial-line',
			agent,
			file: file.path,
			message: 'session file is not a complete JSON object (being written?)',
		});
		return undefined;
	}

	const messages = new Map<string, JsonRecord>();
	const list = root['messages'];
	if (!Array.isArray(list)) {
		report({kind: 'unknown-schema', agent, file: file.path, message: 'no messages[] array'});
		return {meta: root, messages};
	}

	for (const message of list) {
		keep(messages, message);
	}

	return {meta: root, messages};
}

async function readJsonl(
	file: SourceFile,
	report: DiagnosticSink,
	onBytes?: (bytes: number) => void,
): Promise<ChatFile | undefined> {
	const agent: AgentId = file.agent;
	// No prototype: metadata keys come from the file (`__proto__`, `constructor` are plain keys here).
	const meta: JsonRecord = Object.create(null);
	const messages = new Map<string, JsonRecord>();
	let unknown = 0;
	try {
		for await (const {record} of readJsonLines(file, {report, onBytes})) {
			if (!applyRecord(record, meta, messages)) {
				unknown++;
			}
		}
	} catch (error) {
		report({kind: 'unreadable-file', agent, file: file.path, message: errorText(error)});
	}

	if (unknown > 0) {
		report({
			kind: 'unknown-schema',
			agent,
			file: file.path,
			message: `${unknown} record(s) of an unknown kind ignored`,
		});
	}

	return {meta, messages};
}

/** False for a record kind this version does not know (ignored, parsers/FORMATS.md §0.2). */
function applyRecord(record: JsonRecord, meta: JsonRecord, messages: Map<string, JsonRecord>): boolean {
	const update = asRecord(record['$set']);
	if (update) {
		for (const [key, value] of Object.entries(update)) {
			if (key === 'messages') {
				if (Array.isArray(value)) {
					for (const message of value) {
						keep(messages, message);
					}
				}
			} else {
				meta[key] = value;
			}
		}

		return true;
	}

	if ('$rewindTo' in record) {
		return true;
	}

	if (typeof record['type'] === 'string' && typeof record['id'] === 'string') {
		keep(messages, record);
		return true;
	}

	if (typeof record['sessionId'] === 'string') {
		// The metadata record (first line; may be re-written after a resume).
		for (const [key, value] of Object.entries(record)) {
			meta[key] ??= value;
		}

		return true;
	}

	return false;
}
