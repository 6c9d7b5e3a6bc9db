/**
Reading one record of a Copilot OpenTelemetry JSONL file (FORMATS.md §5.12): what kind of record
it is, its `gen_ai.*` attributes and its time. Copilot's file exporter writes spans
(`{type:"span", traceId, spanId, name, startTime, endTime:[s, ns], attributes}`), metrics, and,
in some builds, log records (`{hrTime, attributes:{event.name}, body|_body}`).
*/
import {asRecord, asString} from '../read-lines.js';

type JsonObject = Record<string, unknown>;

/** Where a record's usage comes from, most specific first (a later kind only fills gaps). */
export type UsageSource = 'chat-span' | 'inference-log' | 'agent-turn-log' | 'agent-span';

function text(value: unknown): string | undefined {
	const trimmed = asString(value)?.trim();
	return trimmed ? trimmed : undefined;
}

/** A whole non-negative number, also when written as a string (`"19452"`). */
export function countOf(value: unknown): number | undefined {
	if (typeof value === 'number') {
		return Number.isInteger(value) && value >= 0 ? value : undefined;
	}

	const digits = text(value);
	return digits && /^\d+$/.test(digits) ? Number(digits) : undefined;
}

export function attributeText(attributes: JsonObject, key: string): string | undefined {
	return text(attributes[key]);
}

/** The first of `keys` with a positive count. */
export function attributeCount(attributes: JsonObject, keys: readonly string[]): number {
	for (const key of keys) {
		const count = countOf(attributes[key]) ?? 0;
		if (count > 0) {
			return count;
		}
	}

	return 0;
}

function isSpan(record: JsonObject): boolean {
	if (record['type'] !== undefined) {
		return record['type'] === 'span';
	}

	return (
		text(record['name']) !== undefined &&
		['spanId', 'traceId', 'startTime', 'endTime', 'duration', 'kind'].some(key => record[key] !== undefined)
	);
}

function bodyOf(record: JsonObject): string | undefined {
	return text(record['body']) ?? text(record['_body']);
}

/** The record's kind of usage, or undefined when it carries none we count. */
export function usageSource(record: JsonObject, attributes: JsonObject): UsageSource | undefined {
	const operation = attributeText(attributes, 'gen_ai.operation.name');
	const name = text(record['name']) ?? '';
	if (isSpan(record)) {
		if (operation === 'chat' || name.startsWith('chat ')) return 'chat-span';
		if (operation === 'invoke_agent' || name.startsWith('invoke_agent ')) return 'agent-span';
		return undefined;
	}

	const event = attributeText(attributes, 'event.name');
	const body = bodyOf(record) ?? '';
	if (event === 'gen_ai.client.inference.operation.details' || body.startsWith('GenAI inference:')) {
		return 'inference-log';
	}

	return event === 'copilot_chat.agent.turn' || body.startsWith('copilot_chat.agent.turn')
		? 'agent-turn-log'
		: undefined;
}

export function traceIdOf(record: JsonObject): string | undefined {
	return text(record['traceId']) ?? text(asRecord(record['spanContext'])?.['traceId']);
}

export function spanIdOf(record: JsonObject): string | undefined {
	return text(record['spanId']) ?? text(asRecord(record['spanContext'])?.['spanId']);
}

/** `[seconds, nanoseconds]`, as OpenTelemetry's JS SDK writes HrTime. */
function hrTime(value: unknown): number | undefined {
	if (!Array.isArray(value)) {
		return undefined;
	}

	const seconds = countOf(value[0]);
	const nanos = countOf(value[1]);
	return seconds === undefined || nanos === undefined ? undefined : seconds * 1000 + Math.floor(nanos / 1e6);
}

/** A scalar in seconds, milliseconds, microseconds or nanoseconds, told apart by size. */
function scalarTime(value: unknown): number | undefined {
	const raw = countOf(value);
	if (raw === undefined) {
		return undefined;
	}

	if (raw >= 1e17) return Math.floor(raw / 1e6);
	if (raw >= 1e14) return Math.floor(raw / 1e3);
	return raw >= 1e11 ? raw : raw * 1000;
}

/** When the record happened: the span's end, else its start, else a log record's time. */
export function recordTime(record: JsonObject): number | undefined {
	for (const key of ['endTime', 'startTime', 'hrTime', '_hrTime', 'time']) {
		const time = hrTime(record[key]);
		if (time !== undefined) return time;
	}

	const scalar = scalarTime(record['timestamp']) ?? scalarTime(record['observedTimestamp']);
	if (scalar !== undefined) {
		return scalar;
	}

	const nanos = countOf(record['timeUnixNano']);
	return nanos ? Math.floor(nanos / 1e6) : undefined;
}

/** Attributes naming the conversation, by how surely they name Copilot's session. */
const sessionAttributes: ReadonlyArray<readonly [key: string, rank: number]> = [
	['gen_ai.conversation.id', 3],
	['copilot_chat.session_id', 3],
	['copilot_chat.chat_session_id', 3],
	['session.id', 3],
	['github.copilot.interaction_id', 2],
	['gen_ai.response.id', 1],
];

export function sessionAttribute(attributes: JsonObject): {id: string; rank: number} | undefined {
	let best: {id: string; rank: number} | undefined;
	for (const [key, rank] of sessionAttributes) {
		const id = attributeText(attributes, key);
		if (id && rank > (best?.rank ?? 0)) {
			best = {id, rank};
		}
	}

	return best;
}

export function modelAttribute(attributes: JsonObject): string | undefined {
	return attributeText(attributes, 'gen_ai.response.model') ?? attributeText(attributes, 'gen_ai.request.model');
}
