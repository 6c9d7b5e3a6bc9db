/**
The Kimi CLI parser (parsers/FORMATS.md §5): `<root>/sessions/<workdir hash>/<session>/wire.jsonl`,
root `KIMI_DATA_DIR` (comma list) else `~/.kimi`. Each `StatusUpdate` wire message carries
one response's `token_usage{input_other, output, input_cache_read, input_cache_creation}`;
`input_other` is fresh input, so the four buckets are disjoint. Kimi Code writes
`{"type":"usage.record","model","usage":{inputOther, output, inputCacheRead, inputCacheCreation},
"usageScope","time"}` lines instead (sub-agents under `<session>/agents/<agent>/wire.jsonl`): a
`turn` record is a call, a `session` record (the session's running sum) is not. The wire log names no model,
so calls fall back to `kimi-for-coding` unless a payload names one (an assumption: not
checked against Kimi CLI's source; parsers/FORMATS.md §5.3).
*/
import path from 'node:path';
import type {CallEvent, UsageEvent} from '../../core/events.js';
import {disjointCounters} from '../token-counters.js';
import {parseTime} from '../../core/time.js';
import {envFolders} from '../data-folders.js';
import {asRecord, asString} from '../read-lines.js';
import type {AgentParser, ParseContext, SourceFile} from '../types.js';
import {errorText} from '../../core/diagnostics.js';
import {readJsonLines} from '../json-lines.js';
import {walkFiles} from '../walk.js';

export const kimiDefaultModel = 'kimi-for-coding';

async function* parseKimi(file: SourceFile, context: ParseContext): AsyncGenerator<UsageEvent> {
	// Kimi Code keeps each agent of a session in <session>/agents/<agent>/: they are one session.
	const sessionId =
		path.relative(path.join(file.root, 'sessions'), path.dirname(file.path)).replace(/[\\/]agents[\\/][^\\/]+$/, '') ||
		path.basename(path.dirname(file.path));
	yield {type: 'session', agent: 'kimi', sessionId};
	try {
		for await (const line of readJsonLines(file, context, ['StatusUpdate', 'usage.record'])) {
			const record = line.record;

			if (record['type'] === 'usage.record') {
				const call = usageRecordCall(record, sessionId, line.number);
				if (call === 'no-time') {
					context.report({
						kind: 'missing-field',
						agent: 'kimi',
						file: file.path,
						line: line.number,
						message: 'usage.record without time',
					});
				} else if (call) {
					yield call;
				}

				continue;
			}

			const message = asRecord(record['message']);
			const payload = asRecord(message?.['payload']);
			const usage = asRecord(payload?.['token_usage']);
			if (message?.['type'] !== 'StatusUpdate' || !payload || !usage) {
				continue;
			}

			const time = parseTime(record['timestamp']);
			if (time === undefined) {
				context.report({
					kind: 'missing-field',
					agent: 'kimi',
					file: file.path,
					line: line.number,
					message: 'StatusUpdate without timestamp',
				});
				continue;
			}

			const messageId = asString(payload['message_id']);
			yield {
				type: 'call',
				agent: 'kimi',
				sessionId,
				time,
				model: asString(payload['model']) ?? kimiDefaultModel,
				tokens: disjointCounters({
					input: usage['input_other'],
					output: usage['output'],
					cacheRead: usage['input_cache_read'],
					cacheWrite: usage['input_cache_creation'],
					total: usage['total'],
				}),
				dedupKey: messageId ? `kimi:${sessionId}:${messageId}` : undefined,
				tools: [],
				callId: messageId,
				line: line.number,
			};
		}
	} catch (error) {
		context.report({kind: 'unreadable-file', agent: 'kimi', file: file.path, message: errorText(error)});
	}
}

/**
A Kimi Code `usage.record` line as a call: `turn` scope (or none) only, since a `session` record
repeats the sum of the session's turns; the model without its `kimi-code/` provider prefix.
*/
function usageRecordCall(
	record: Record<string, unknown>,
	sessionId: string,
	line: number,
): CallEvent | 'no-time' | undefined {
	const usage = asRecord(record['usage']);
	if (!usage || record['usageScope'] === 'session') {
		return undefined;
	}

	const time = parseTime(record['time']);
	if (time === undefined) {
		return 'no-time';
	}

	return {
		type: 'call',
		agent: 'kimi',
		sessionId,
		time,
		model: asString(record['model'])?.replace(/^kimi-code\//, '') ?? kimiDefaultModel,
		tokens: disjointCounters({
			input: usage['inputOther'],
			output: usage['output'],
			cacheRead: usage['inputCacheRead'],
			cacheWrite: usage['inputCacheCreation'],
			total: usage['total'],
		}),
		tools: [],
		line,
	};
}

export const kimiParser: AgentParser = {
	id: 'kimi',
	roots: context => envFolders(context, 'KIMI_DATA_DIR', [path.join(context.home, '.kimi')]),
	discover: (root, context) =>
		walkFiles('kimi', root, path.join(root, 'sessions'), 'jsonl', name => name === 'wire.jsonl', context.report),
	parse: parseKimi,
};
