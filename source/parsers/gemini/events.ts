/**
Turns a loaded Gemini chat (session-file.ts) into normalized events.

Token mapping (parsers/FORMATS.md §3.4; Google GenAI usage metadata): `input` is the whole prompt and
already includes `cached`; `output` excludes `thoughts`; `tool` is the tool-use prompt.
  input = max(0, input − cached) + tool, cacheRead = cached,
  output = output + thoughts, reasoning = thoughts.
Only `type:"gemini"` messages with a `tokens` object are calls. dedupKey is
`gemini:<sessionId>:<messageId>` so a legacy `.json` and the `.jsonl` written when the session
was resumed count once (the builder keeps one copy per key).
*/
import {classifyTool} from '../../core/activity.js';
import type {SessionEvent, ToolUse, UsageEvent} from '../../core/events.js';
import {parseTime} from '../../core/time.js';
import {type TokenCounts, tokenCount} from '../../core/tokens.js';
import {asRecord, asString, promptPreview} from '../read-lines.js';
import type {SourceFile} from '../types.js';
import type {ChatFile, JsonRecord} from './session-file.js';

export function geminiTokens(raw: JsonRecord): TokenCounts {
	const count = (key: string): number => {
		const value = raw[key];
		// tokenCount: a whole number; a hostile -1 or 1e308 stays visible and core/limits.ts drops the call.
		return tokenCount(value);
	};

	const cached = count('cached');
	const thoughts = count('thoughts');
	return {
		input: Math.max(0, count('input') - cached) + count('tool'),
		cacheRead: cached,
		cacheWrite5m: 0,
		cacheWrite1h: 0,
		output: count('output') + thoughts,
		reasoning: thoughts,
	};
}

/** Tool uses from a gemini message's `toolCalls[]`. */
export function geminiTools(message: JsonRecord): ToolUse[] {
	const calls = message['toolCalls'];
	if (!Array.isArray(calls)) {
		return [];
	}

	const tools: ToolUse[] = [];
	for (const call of calls) {
		const record = asRecord(call);
		const name = asString(record?.['name']);
		if (!record || !name) {
			continue;
		}

		const args = asRecord(record['args']);
		const command = asString(args?.['command']);
		const file = asString(args?.['file_path']) ?? asString(args?.['absolute_path']) ?? asString(args?.['path']);
		tools.push({name, activity: classifyTool(name, command), ...(file ? {file} : {})});
	}

	return tools;
}

/** The text of a user message: a string, or `[{text}]` parts. */
export function messageText(content: unknown): string {
	if (typeof content === 'string') {
		return content;
	}

	if (!Array.isArray(content)) {
		return '';
	}

	return content
		.map(part => asString(asRecord(part)?.['text']) ?? '')
		.filter(text => text.length > 0)
		.join(' ');
}

/** A 64-hex project hash is shortened; slugs (Gemini ≥ 2026-02) are kept. */
export function projectName(folder: string): string {
	return /^[0-9a-f]{64}$/i.test(folder) ? folder.slice(0, 8) : folder;
}

/** `<root>/<project>/chats/...`: the project folder of a file, and its parent-session folder if nested. */
export function pathParts(file: SourceFile): {project?: string; parentFolder?: string} {
	const relative = file.path
		.slice(file.root.length)
		.split(/[\\/]+/)
		.filter(part => part.length > 0);
	const project = relative[0];
	// [project, 'chats', parent, file] → a subagent session of `parent`.
	const parentFolder = relative.length >= 4 && relative[1] === 'chats' ? relative.at(-2) : undefined;
	return {...(project ? {project} : {}), ...(parentFolder ? {parentFolder} : {})};
}

function fileStem(file: SourceFile): string {
	return (file.path.split(/[\\/]/).at(-1) ?? file.path).replace(/\.jsonl?$/, '');
}

export function* chatEvents(
	file: SourceFile,
	chat: ChatFile,
	report: (message: string) => void,
): Generator<UsageEvent> {
	const sessionId = asString(chat.meta['sessionId']) ?? fileStem(file);
	const {project, parentFolder} = pathParts(file);
	const isSubagent = chat.meta['kind'] === 'subagent' || parentFolder !== undefined;
	const session: SessionEvent = {
		type: 'session',
		agent: 'gemini',
		sessionId,
		...(project ? {project: projectName(project)} : {}),
		...(isSubagent ? {surface: 'subagent'} : {surface: 'cli'}),
		...(isSubagent && parentFolder && parentFolder !== sessionId ? {parentSessionId: parentFolder} : {}),
		...(asString(chat.meta['summary']) ? {title: promptPreview(String(chat.meta['summary']))} : {}),
	};
	yield session;

	const fallbackTime = parseTime(chat.meta['startTime']) ?? file.mtimeMs;
	let turnId: string | undefined;
	let missingTime = 0;
	for (const [id, message] of chat.messages) {
		let time = parseTime(message['timestamp']);
		if (time === undefined) {
			missingTime++;
			time = fallbackTime;
		}

		if (message['type'] === 'user') {
			turnId = id;
			const prompt = promptPreview(messageText(message['displayContent']) || messageText(message['content']));
			yield {type: 'turn', agent: 'gemini', sessionId, turnId: id, time, prompt};
			continue;
		}

		const tokens = asRecord(message['tokens']);
		if (!tokens) {
			continue;
		}

		yield {
			type: 'call',
			agent: 'gemini',
			sessionId,
			...(turnId ? {turnId} : {}),
			time,
			...(asString(message['model']) ? {model: String(message['model'])} : {}),
			tokens: geminiTokens(tokens),
			dedupKey: `gemini:${sessionId}:${id}`,
			...(isSubagent ? {sidechain: true} : {}),
			tools: geminiTools(message),
			callId: id,
		};
	}

	if (missingTime > 0) {
		report(`${missingTime} message(s) without a valid timestamp; used the session start`);
	}
}
