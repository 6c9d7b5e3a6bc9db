/**
One task of a Cline-family VS Code extension (Cline, Roo Code, Kilo Code; FORMATS.md §5.15) as
events. `ui_messages.json` is the array of messages the chat panel shows; the ones that matter:

- `{type: "say", say: "task", ts, text}` (Cline), or the first `say: "text"` before any request
  (Roo Code, Kilo Code): the task's first prompt (a turn);
- `{type: "say", say: "user_feedback", ts, text}`: a later message of the user (a turn);
- `{type: "say", say: "api_req_started", ts, text}`: one model request, `text` being the JSON of
  `ClineApiReqInfo` (`tokensIn`, `tokensOut`, `cacheWrites`, `cacheReads`, `cost`, optionally
  `apiProtocol`, and in newer Cline `modelId`). The extension writes the record when the request
  starts (only `request`) and rewrites it in place, same `ts`, as the stream reports usage.
*/
import type {CallEvent, ToolUse, TurnEvent} from '../../core/events.js';
import type {TokenCounts} from '../../core/tokens.js';
import {tokenCount, totalOf} from '../../core/tokens.js';
import {inclusiveInput} from '../token-counters.js';
import {parseTime} from '../../core/time.js';
import {asRecord, asString, parseJsonObject, promptPreview} from '../read-lines.js';
import {toolOf} from './tools.js';

type JsonObject = Record<string, unknown>;

/**
The request's counters as our disjoint buckets. With `apiProtocol: "openai"` the extensions count
the cache reads and writes inside `tokensIn` (their OpenAI cost formula subtracts both from it);
with `"anthropic"`, or no protocol (older builds, whose handlers report Anthropic-style), `tokensIn`
is the fresh input alone.
*/
export function requestTokens(info: JsonObject): TokenCounts {
	const tokensIn = tokenCount(info['tokensIn']);
	const cacheRead = tokenCount(info['cacheReads']);
	const cacheWrite = tokenCount(info['cacheWrites']);
	const tokens = inclusiveInput({
		input: tokensIn,
		cacheRead,
		cacheWrite,
		output: tokenCount(info['tokensOut']),
		reasoning: 0,
	});
	return info['apiProtocol'] === 'openai' ? tokens : {...tokens, input: tokensIn};
}

/** The cost the extension computed for the request, when it is a positive finite figure. */
function reportedCost(info: JsonObject): number | undefined {
	const cost = info['cost'];
	return typeof cost === 'number' && Number.isFinite(cost) && cost > 0 ? cost : undefined;
}

/** Models in time order: the model in use at a time is the latest one set at or before it. */
export type ModelTimeline = ReadonlyArray<{readonly time: number; readonly model: string}>;

export function modelAt(timeline: ModelTimeline, time: number): string | undefined {
	let model: string | undefined;
	for (const entry of timeline) {
		if (entry.time > time && model !== undefined) {
			break;
		}

		model = entry.model;
	}

	return model;
}

export type TaskContext = {
	readonly agent: CallEvent['agent'];
	readonly taskId: string;
	/** Time of a message without its own `ts` (the file's mtime). */
	readonly fallbackTime: number;
	readonly models: ModelTimeline;
	/** A request record whose `text` is not JSON. */
	readonly onBadRecord: (index: number) => void;
};

export type TaskEvents = {turns: TurnEvent[]; calls: CallEvent[]; title?: string};

/** The turns and calls of one task's messages, in file order. */
export function taskEvents(messages: readonly unknown[], task: TaskContext): TaskEvents {
	const result: TaskEvents = {turns: [], calls: []};
	let turnId: string | undefined;
	let seenRequest = false;
	// The tools of the latest call: the panel shows a response's tool uses after its request.
	let tools: ToolUse[] | undefined;
	for (const [index, raw] of messages.entries()) {
		const message = asRecord(raw);
		const tool = message ? toolOf(message) : undefined;
		if (tool) {
			tools?.push(tool);
			continue;
		}

		if (message?.['type'] !== 'say') {
			continue;
		}

		const say = message['say'];
		const time = parseTime(message['ts']) ?? task.fallbackTime;
		const key = typeof message['ts'] === 'number' ? String(message['ts']) : `#${index}`;
		// Roo Code and Kilo Code say the task as the first `text` message, before any request.
		const isTask = say === 'task' || (say === 'text' && !seenRequest && turnId === undefined);
		if (isTask || say === 'user_feedback') {
			const prompt = promptPreview(asString(message['text']) ?? '');
			if (prompt) {
				tools = undefined;
				turnId = key;
				result.turns.push({type: 'turn', agent: task.agent, sessionId: task.taskId, turnId, time, prompt});
				if (isTask) result.title ??= prompt;
			}
		} else if (say === 'api_req_started') {
			seenRequest = true;
			tools = undefined;
			const text = asString(message['text']);
			const info = text === undefined ? undefined : parseJsonObject(text);
			if (!info) {
				if (text !== undefined) task.onBadRecord(index);
				continue;
			}

			tools = [];
			const call = callOf(info, task, key, time, tools, turnId);
			if (call) result.calls.push(call);
			else tools = undefined;
		}
	}

	return result;
}

function callOf(
	info: JsonObject,
	task: TaskContext,
	key: string,
	time: number,
	tools: ToolUse[],
	turnId?: string,
): CallEvent | undefined {
	const tokens = requestTokens(info);
	const cost = reportedCost(info);
	if (totalOf(tokens) === 0 && cost === undefined) {
		return undefined; // Not answered yet (only `request`), or cancelled before any usage.
	}

	const model = asString(info['modelId']) ?? modelAt(task.models, time);
	return {
		type: 'call',
		agent: task.agent,
		sessionId: task.taskId,
		...(turnId ? {turnId} : {}),
		time,
		...(model ? {model} : {}),
		tokens,
		dedupKey: `${task.agent}:${task.taskId}:${key}`,
		...(cost === undefined ? {} : {reportedCostUSD: cost}),
		tools,
		callId: key,
	};
}

/** `task_metadata.json` `model_usage[]`: `{ts, model_id, model_provider_id, mode}`, in time order. */
export function metadataModels(metadata: unknown): Array<{time: number; model: string}> {
	const usage = asRecord(metadata)?.['model_usage'];
	if (!Array.isArray(usage)) {
		return [];
	}

	return usage
		.flatMap(raw => {
			const entry = asRecord(raw);
			const model = asString(entry?.['model_id']);
			const time = parseTime(entry?.['ts']);
			return model && time !== undefined ? [{time, model}] : [];
		})
		.sort((a, b) => a.time - b.time);
}

const modelTag = /<model>([^<]*)<\/model>/g;

/**
The models Roo Code and Kilo Code name in the `<environment_details>` they append to each user
message of `api_conversation_history.json` (`<model>…</model>`), dated by the message's `ts`.
*/
export function historyModels(history: unknown): Array<{time: number; model: string}> {
	if (!Array.isArray(history)) {
		return [];
	}

	const found: Array<{time: number; model: string}> = [];
	for (const raw of history) {
		const message = asRecord(raw);
		if (message?.['role'] !== 'user') {
			continue;
		}

		const time = parseTime(message['ts']) ?? 0;
		const content = message['content'];
		const texts = Array.isArray(content)
			? content.map(block => asString(asRecord(block)?.['text']) ?? '')
			: [asString(content) ?? ''];
		for (const text of texts) {
			for (const match of text.matchAll(modelTag)) {
				const model = match[1]!.trim();
				if (model) found.push({time, model});
			}
		}
	}

	return found.sort((a, b) => a.time - b.time);
}

/**
The working folder of each task in Cline's task list (`<extension folder>/state/taskHistory.json`,
an array of `HistoryItem`s: `{id, ts, task, cwdOnTaskInitialization?, …}`; Roo Code's items name it
`workspace`).
*/
export function taskFolders(history: unknown): Map<string, string> {
	const folders = new Map<string, string>();
	if (!Array.isArray(history)) {
		return folders;
	}

	for (const raw of history) {
		const item = asRecord(raw);
		const id = asString(item?.['id']);
		const cwd = asString(item?.['cwdOnTaskInitialization']) ?? asString(item?.['workspace']);
		if (id && cwd) folders.set(id, cwd);
	}

	return folders;
}
