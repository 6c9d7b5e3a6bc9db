/**
The Pi (pi-agent, badlogic/pi-mono) parser (parsers/FORMATS.md §5): session JSONL files under
`PI_AGENT_DIR` (comma list) else `~/.pi/agent/sessions`. A `session` header names the cwd;
`message` entries whose `message.role` is `assistant` carry
`usage{input, output, cacheRead, cacheWrite, totalTokens, cost{total}}` — disjoint buckets.
`cost.total` > 0 becomes the call's reported cost.
*/
import path from 'node:path';
import type {UsageEvent} from '../../core/events.js';
import {disjointCounters} from '../token-counters.js';
import {parseTime} from '../../core/time.js';
import {envFolders} from '../data-folders.js';
import {asRecord, asString, num} from '../read-lines.js';
import type {AgentParser, ParseContext, SourceFile} from '../types.js';
import {errorText} from '../../core/diagnostics.js';
import {readJsonLines} from '../json-lines.js';
import {walkFiles} from '../walk.js';

async function* parsePi(file: SourceFile, context: ParseContext): AsyncGenerator<UsageEvent> {
	let sessionId = path.basename(file.path, '.jsonl');
	let counter = 0;
	try {
		for await (const line of readJsonLines(file, context, ['"session"', '"usage"'])) {
			const record = line.record;

			if (record['type'] === 'session') {
				sessionId = asString(record['id']) ?? sessionId;
				const cwd = asString(record['cwd']);
				yield {type: 'session', agent: 'pi', sessionId, cwd, project: cwd ? path.basename(cwd) : undefined};
				continue;
			}

			const message = asRecord(record['message']);
			const usage = asRecord(message?.['usage']);
			if (!(message && usage) || message['role'] !== 'assistant') {
				continue;
			}

			const time = parseTime(record['timestamp']) ?? parseTime(message['timestamp']);
			if (time === undefined) {
				context.report({
					kind: 'missing-field',
					agent: 'pi',
					file: file.path,
					line: line.number,
					message: 'assistant message without timestamp',
				});
				continue;
			}

			counter++;
			const id = asString(record['id']) ?? `line-${line.number}`;
			const cost = num(asRecord(usage['cost'])?.['total']);
			yield {
				type: 'call',
				agent: 'pi',
				sessionId,
				time,
				model: asString(message['model']),
				tokens: disjointCounters({
					input: usage['input'],
					output: usage['output'],
					cacheRead: usage['cacheRead'],
					cacheWrite: usage['cacheWrite'],
					total: usage['totalTokens'],
				}),
				dedupKey: `pi:${sessionId}:${id}`,
				reportedCostUSD: cost > 0 ? cost : undefined,
				tools: [],
				callId: asString(message['responseId']) ?? id,
				line: line.number,
			};
		}
	} catch (error) {
		context.report({kind: 'unreadable-file', agent: 'pi', file: file.path, message: errorText(error)});
	}

	if (counter === 0 && sessionId === path.basename(file.path, '.jsonl')) {
		yield {type: 'session', agent: 'pi', sessionId};
	}
}

export const piParser: AgentParser = {
	id: 'pi',
	roots: context => envFolders(context, 'PI_AGENT_DIR', [path.join(context.home, '.pi', 'agent', 'sessions')]),
	discover: (root, context) => walkFiles('pi', root, root, 'jsonl', name => name.endsWith('.jsonl'), context.report),
	parse: parsePi,
};
