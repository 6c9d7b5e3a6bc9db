/**
The Amp parser (parsers/FORMATS.md §5): one JSON per thread, `<root>/threads/T-*.json`, root
`AMP_DATA_DIR` (comma list) else `~/.local/share/amp`. Usage comes from
`usageLedger.events[]` when present (joined to `messages[].usage` by `toMessageId` for cache
counts), else from each `messages[].usage`. Amp's `inputTokens` is read as fresh input and
cache creation/read as separate buckets (an assumption that only ccusage's fixture supports;
parsers/FORMATS.md §5.1).
*/
import {readFile} from 'node:fs/promises';
import path from 'node:path';
import type {CallEvent, UsageEvent} from '../../core/events.js';
import {disjointCounters} from '../token-counters.js';
import {asRecord, asString} from '../read-lines.js';
import type {AgentParser, ParseContext, SourceFile} from '../types.js';
import {parseTime} from '../../core/time.js';
import {envFolders} from '../data-folders.js';
import {errorText, invalidJsonText} from '../../core/diagnostics.js';
import {walkFiles} from '../walk.js';

type Usage = Record<string, unknown>;

function callFrom(
	threadId: string,
	id: string,
	time: number,
	model: string | undefined,
	usage: Usage,
	ledger?: Usage,
): CallEvent {
	const ledgerTokens = asRecord(ledger?.['tokens']);
	return {
		type: 'call',
		agent: 'amp',
		sessionId: threadId,
		time,
		model,
		tokens: disjointCounters({
			input: ledgerTokens ? ledgerTokens['input'] : usage['inputTokens'],
			output: ledgerTokens ? ledgerTokens['output'] : usage['outputTokens'],
			cacheRead: usage['cacheReadInputTokens'],
			cacheWrite: usage['cacheCreationInputTokens'],
			total: ledgerTokens ? ledgerTokens['total'] : usage['totalTokens'],
		}),
		dedupKey: `amp:${threadId}:${id}`,
		tools: [],
		callId: id,
	};
}

/**
A message id as a string: only strings and numbers count. String() of an untrusted array or
object would merge unrelated ids ("[object Object]") and, for a deeply nested array, overflow
the stack (Array.prototype.toString recurses).
*/
function idOf(value: unknown, fallback: string): string {
	return typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value)) ? String(value) : fallback;
}

export function ampEvents(thread: Record<string, unknown>, fallbackId: string): UsageEvent[] {
	const threadId = asString(thread['id']) ?? fallbackId;
	const events: UsageEvent[] = [{type: 'session', agent: 'amp', sessionId: threadId, title: asString(thread['title'])}];
	const messages = Array.isArray(thread['messages']) ? thread['messages'] : [];
	const usageById = new Map<string, Usage>();
	const messageUsages: Array<{id: string; usage: Usage}> = [];
	for (const [index, raw] of messages.entries()) {
		const message = asRecord(raw);
		const usage = asRecord(message?.['usage']);
		if (!message || !usage) {
			continue;
		}

		const id = idOf(message['messageId'] ?? message['id'], String(index));
		usageById.set(id, usage);
		messageUsages.push({id, usage});
	}

	const ledger = asRecord(thread['usageLedger']);
	const ledgerEvents = Array.isArray(ledger?.['events']) ? (ledger['events'] as unknown[]) : [];
	if (ledgerEvents.length > 0) {
		for (const [index, raw] of ledgerEvents.entries()) {
			const entry = asRecord(raw);
			const time = parseTime(entry?.['timestamp']);
			if (!entry || time === undefined) {
				continue;
			}

			const target = idOf(entry['toMessageId'], `ledger-${index}`);
			const usage = usageById.get(target) ?? {};
			events.push(callFrom(threadId, target, time, asString(entry['model']) ?? asString(usage['model']), usage, entry));
		}

		return events;
	}

	for (const {id, usage} of messageUsages) {
		const time = parseTime(usage['timestamp']) ?? parseTime(thread['created']);
		if (time !== undefined) {
			events.push(callFrom(threadId, id, time, asString(usage['model']), usage));
		}
	}

	return events;
}

async function* parseAmp(file: SourceFile, context: ParseContext): AsyncGenerator<UsageEvent> {
	let thread: Record<string, unknown> | undefined;
	let text: string;
	try {
		text = await readFile(file.path, 'utf8');
	} catch (error) {
		// Vanished or permission denied: say the file could not be read, not that it is broken.
		context.report({kind: 'unreadable-file', agent: 'amp', file: file.path, message: errorText(error)});
		return;
	}

	try {
		context.onBytes?.(Buffer.byteLength(text));
		thread = asRecord(JSON.parse(text));
	} catch (error) {
		context.report({kind: 'malformed-line', agent: 'amp', file: file.path, message: invalidJsonText(error)});
		return;
	}

	if (!thread) {
		context.report({
			kind: 'unknown-schema',
			agent: 'amp',
			file: file.path,
			message: 'thread file is not a JSON object',
		});
		return;
	}

	yield* ampEvents(thread, path.basename(file.path, '.json'));
}

export const ampParser: AgentParser = {
	id: 'amp',
	roots: context => envFolders(context, 'AMP_DATA_DIR', [path.join(context.home, '.local', 'share', 'amp')]),
	discover: (root, context) =>
		walkFiles(
			'amp',
			root,
			path.join(root, 'threads'),
			'json',
			name => name.startsWith('T-') && name.endsWith('.json'),
			context.report,
		),
	parse: parseAmp,
};
