/**
OpenClaw transcript records (FORMATS.md §5.14), the same in a session JSONL file and in a
`transcript_events.event_json` row: pi-style entries `{type, id, parentId, timestamp, …}`.
`session` names the folder; `model_change` and `custom`/`model-snapshot` set the model of the
messages after them; `message` entries carry `message{role, content[], model, provider, usage{input,
output, cacheRead, cacheWrite, totalTokens, cost{…, total}}, timestamp}`. A user message starts a
turn, an assistant message with usage is a call (with its `toolCall` blocks).
*/
import {classifyTool} from '../../core/activity.js';
import type {CallEvent, ToolUse, TurnEvent, UsageEvent} from '../../core/events.js';
import type {TokenCounts} from '../../core/tokens.js';
import {totalOf} from '../../core/tokens.js';
import {disjointCounters} from '../token-counters.js';
import {parseTime} from '../../core/time.js';
import {asRecord, asString, promptPreview, num} from '../read-lines.js';

type JsonObject = Record<string, unknown>;

/** Where a record came from, for its turn ids and diagnostics. */
export type RecordPlace = {line?: number; seq?: number; fallbackTime?: number};

/** The last folder of a POSIX or Windows path. */
export function lastFolder(cwd: string): string | undefined {
	return cwd
		.split(/[\\/]+/)
		.filter(Boolean)
		.at(-1);
}

function isModelChange(record: JsonObject): boolean {
	return (
		record['type'] === 'model_change' || (record['type'] === 'custom' && record['customType'] === 'model-snapshot')
	);
}

function textOf(content: unknown): string {
	if (typeof content === 'string') {
		return content;
	}

	const blocks = Array.isArray(content) ? content : [];
	return blocks
		.map(block => asRecord(block))
		.filter(block => block?.['type'] === 'text')
		.map(block => asString(block?.['text']) ?? '')
		.join(' ');
}

function toolsOf(content: unknown): ToolUse[] {
	const blocks = Array.isArray(content) ? content : [];
	return blocks.flatMap(raw => {
		const block = asRecord(raw);
		const name = block?.['type'] === 'toolCall' ? asString(block['name']) : undefined;
		if (!name) {
			return [];
		}

		const input = asRecord(block!['arguments']);
		const file = asString(input?.['file_path']) ?? asString(input?.['path']);
		const activity = classifyTool(name, asString(input?.['command']));
		return [file ? {name, activity, file} : {name, activity}];
	});
}

/** OpenClaw's `usage` as our buckets: its counters are already disjoint (pi's format). */
export function openclawTokens(usage: JsonObject): TokenCounts {
	return disjointCounters({
		input: usage['input'],
		cacheRead: usage['cacheRead'],
		cacheWrite: usage['cacheWrite'],
		output: usage['output'],
	});
}

/** Reads one session's records in order, remembering the current model and turn. */
export class TranscriptReader {
	private model: string | undefined;
	private turnId: string | undefined;
	cwd: string | undefined;

	constructor(readonly sessionId: string) {}

	/** The events of one record; `missingTime` is called for a call without any time. */
	*events(record: JsonObject, place: RecordPlace, missingTime: () => void): Generator<UsageEvent> {
		if (record['type'] === 'session') {
			this.cwd = asString(record['cwd']);
			if (this.cwd) {
				yield {
					type: 'session',
					agent: 'openclaw',
					sessionId: this.sessionId,
					cwd: this.cwd,
					project: lastFolder(this.cwd),
				};
			}
		} else if (isModelChange(record)) {
			const source = asRecord(record['data']) ?? record;
			this.model = asString(source['modelId']) ?? asString(source['model']) ?? this.model;
		} else if (record['type'] === 'message') {
			const message = asRecord(record['message']);
			const time = parseTime(message?.['timestamp']) ?? parseTime(record['timestamp']) ?? place.fallbackTime;
			if (message?.['role'] === 'user') {
				const turn = this.turn(record, message, time, place);
				if (turn) yield turn;
			} else if (message?.['role'] === 'assistant' && asRecord(message['usage'])) {
				const call = time === undefined ? undefined : this.call(record, message, time, place);
				if (time === undefined) missingTime();
				if (call) yield call;
			}
		}
	}

	private turn(
		record: JsonObject,
		message: JsonObject,
		time: number | undefined,
		place: RecordPlace,
	): TurnEvent | undefined {
		const prompt = promptPreview(textOf(message['content']));
		if (!prompt || time === undefined) {
			return undefined;
		}

		this.turnId = asString(record['id']) ?? `at-${place.line ?? place.seq ?? time}`;
		return {
			type: 'turn',
			agent: 'openclaw',
			sessionId: this.sessionId,
			turnId: this.turnId,
			time,
			prompt,
			...lineOf(place),
		};
	}

	private call(record: JsonObject, message: JsonObject, time: number, place: RecordPlace): CallEvent | undefined {
		const tokens = openclawTokens(asRecord(message['usage'])!);
		if (totalOf(tokens) === 0) {
			return undefined; // Failed requests and gateway-injected notices log all-zero usage.
		}

		const model = asString(message['modelId']) ?? asString(message['model']) ?? this.model;
		const cost = num(asRecord(asRecord(message['usage'])!['cost'])?.['total']);
		const {input, output, cacheRead, cacheWrite5m} = tokens;
		return {
			type: 'call',
			agent: 'openclaw',
			sessionId: this.sessionId,
			...(this.turnId ? {turnId: this.turnId} : {}),
			time,
			model,
			tokens,
			// By content: a session moved from JSONL into the agent database, a reset or deleted
			// copy of a file, and a line written twice all repeat the same record.
			dedupKey: `openclaw:${this.sessionId}:${time}:${model ?? ''}:${input}:${output}:${cacheRead}:${cacheWrite5m}`,
			...(cost > 0 ? {reportedCostUSD: cost} : {}),
			tools: toolsOf(message['content']),
			...(asString(record['id']) ? {callId: asString(record['id'])} : {}),
			...lineOf(place),
		};
	}
}

function lineOf(place: RecordPlace): {line?: number} {
	return place.line === undefined ? {} : {line: place.line};
}
