/**
One Qwen Code chat file (`<sessionId>.jsonl`, one ChatRecord per line: uuid, parentUuid,
sessionId, timestamp, type user|assistant|tool_result|system, cwd, version, gitBranch,
message {role, parts}, usageMetadata, model, isSidechain, forkedFrom, systemPayload) →
events, streamed line by line.

- `assistant` records with `usageMetadata` are calls; tools are the `functionCall` parts.
- `user` records with text parts start turns (tool results are `tool_result` records).
- dedupKey is `qwen:<sessionId>:<uuid>`; a /branch fork copies records verbatim (same uuid,
  new sessionId, `forkedFrom.sessionId` = the source), so forks key on the source session
  and count once.
- `system` records: `parent_session` gives parentSessionId, `custom_title` the title.
Unknown types and subtypes are ignored.
*/
import path from 'node:path';
import {classifyTool} from '../../core/activity.js';
import type {SessionEvent, ToolUse, UsageEvent} from '../../core/events.js';
import {parseTime} from '../../core/time.js';
import {asRecord, asString, promptPreview} from '../read-lines.js';
import {qwenTokens} from './tokens.js';

type Json = Record<string, unknown>;

function parts(record: Json): Json[] {
	const list = asRecord(record['message'])?.['parts'];
	return Array.isArray(list) ? list.map(part => asRecord(part)).filter((part): part is Json => part !== undefined) : [];
}

function tools(record: Json): ToolUse[] {
	const found: ToolUse[] = [];
	for (const part of parts(record)) {
		const call = asRecord(part['functionCall']);
		const name = asString(call?.['name']);
		if (!call || !name) {
			continue;
		}

		const args = asRecord(call['args']);
		const file = asString(args?.['file_path']) ?? asString(args?.['absolute_path']) ?? asString(args?.['path']);
		found.push({name, activity: classifyTool(name, asString(args?.['command'])), ...(file ? {file} : {})});
	}

	return found;
}

function promptText(record: Json): string {
	return parts(record)
		.filter(part => part['thought'] !== true)
		.map(part => asString(part['text']) ?? '')
		.filter(text => text.length > 0)
		.join(' ');
}

export class QwenFileState {
	private announced = new Set<string>();
	private turnBySession = new Map<string, string>();
	/** User/assistant records dropped for want of a valid timestamp (reported by the caller). */
	undated = 0;

	constructor(private readonly fallbackSessionId: string) {}

	*accept(record: Json): Generator<UsageEvent> {
		const sessionId = asString(record['sessionId']) ?? this.fallbackSessionId;
		const time = parseTime(record['timestamp']) ?? Number.NaN;
		if (!this.announced.has(sessionId)) {
			this.announced.add(sessionId);
			yield this.sessionEvent(sessionId, record);
		}

		const type = record['type'];
		if (type === 'system') {
			yield* this.system(sessionId, record);
			return;
		}

		if (!Number.isFinite(time)) {
			if (type === 'user' || type === 'assistant') {
				this.undated++;
			}

			return;
		}

		const uuid = asString(record['uuid']);
		if (type === 'user' && uuid) {
			const prompt = promptText(record);
			if (prompt.length > 0) {
				this.turnBySession.set(sessionId, uuid);
				yield {type: 'turn', agent: 'qwen', sessionId, turnId: uuid, time, prompt: promptPreview(prompt)};
			}

			return;
		}

		const usage = asRecord(record['usageMetadata']);
		if (type !== 'assistant' || !usage) {
			return;
		}

		const origin = asString(asRecord(record['forkedFrom'])?.['sessionId']) ?? sessionId;
		const turnId = this.turnBySession.get(sessionId);
		yield {
			type: 'call',
			agent: 'qwen',
			sessionId,
			...(turnId ? {turnId} : {}),
			time,
			...(asString(record['model']) ? {model: String(record['model'])} : {}),
			tokens: qwenTokens(usage),
			...(uuid ? {dedupKey: `qwen:${origin}:${uuid}`, callId: uuid} : {}),
			...(record['isSidechain'] === true ? {sidechain: true} : {}),
			tools: tools(record),
		};
	}

	private sessionEvent(sessionId: string, record: Json): SessionEvent {
		const cwd = asString(record['cwd']);
		const branch = asString(record['gitBranch']);
		return {
			type: 'session',
			agent: 'qwen',
			sessionId,
			surface: 'cli',
			...(cwd ? {cwd, project: path.basename(cwd.replace(/[\\/]+$/, '')) || cwd} : {}),
			...(branch ? {gitBranch: branch} : {}),
		};
	}

	private *system(sessionId: string, record: Json): Generator<UsageEvent> {
		const payload = asRecord(record['systemPayload']);
		const parentSessionId = asString(payload?.['parentSessionId']);
		if (record['subtype'] === 'parent_session' && parentSessionId) {
			yield {type: 'session', agent: 'qwen', sessionId, parentSessionId};
		}

		const title = asString(payload?.['customTitle']);
		if (record['subtype'] === 'custom_title' && title) {
			yield {type: 'session', agent: 'qwen', sessionId, title: promptPreview(title)};
		}
	}
}
