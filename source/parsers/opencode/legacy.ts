/**
The legacy OpenCode JSON tree (≤ v1.1; parsers/FORMATS.md §4.1): one file per message under
`storage/message/**`, session descriptions under `storage/session/**`, parts under
`storage/part/<messageID>/*.json` (read only for messages that need them: tools of
assistant calls, prompt text of user messages).
*/
import {readFile, readdir} from 'node:fs/promises';
import path from 'node:path';
import type {ToolUse, UsageEvent} from '../../core/events.js';
import {asRecord, asString} from '../read-lines.js';
import type {ParseContext, SourceFile} from '../types.js';
import {callFromMessage, textFromPart, toolFromPart, turnFromMessage} from './message.js';
import {errorText, invalidJsonText} from '../../core/diagnostics.js';

async function readJson(file: SourceFile, context: ParseContext): Promise<Record<string, unknown> | undefined> {
	let text: string;
	try {
		text = await readFile(file.path, 'utf8');
	} catch (error) {
		// Vanished or permission denied: say the file could not be read, not that it is broken.
		context.report({kind: 'unreadable-file', agent: 'opencode', file: file.path, message: errorText(error)});
		return undefined;
	}

	try {
		context.onBytes?.(Buffer.byteLength(text));
		const value = asRecord(JSON.parse(text));
		if (!value) {
			context.report({kind: 'unknown-schema', agent: 'opencode', file: file.path, message: 'not a JSON object'});
		}

		return value;
	} catch (error) {
		context.report({kind: 'malformed-line', agent: 'opencode', file: file.path, message: invalidJsonText(error)});
		return undefined;
	}
}

/** The parts of one message; a missing folder is normal (no parts recorded). */
async function readParts(root: string, messageId: string): Promise<Record<string, unknown>[]> {
	const folder = path.join(root, 'storage', 'part', messageId);
	let names: string[];
	try {
		names = (await readdir(folder)).filter(name => name.endsWith('.json')).sort();
	} catch {
		return [];
	}

	const parts: Record<string, unknown>[] = [];
	for (const name of names) {
		try {
			const part = asRecord(JSON.parse(await readFile(path.join(folder, name), 'utf8')));
			if (part) {
				parts.push(part);
			}
		} catch {
			// A half-written part only loses a tool name or prompt text; usage is unaffected.
		}
	}

	return parts;
}

export async function* parseLegacySession(file: SourceFile, context: ParseContext): AsyncGenerator<UsageEvent> {
	const data = await readJson(file, context);
	const id = asString(data?.['id']);
	if (!data || !id) {
		return;
	}

	const directory = asString(data['directory']);
	const title = asString(data['title']);
	const parent = asString(data['parentID']);
	yield {
		type: 'session',
		agent: 'opencode',
		sessionId: id,
		...(directory ? {cwd: directory, project: path.basename(directory)} : {}),
		...(title ? {title} : {}),
		...(parent ? {parentSessionId: parent} : {}),
	};
}

export async function* parseLegacyMessage(file: SourceFile, context: ParseContext): AsyncGenerator<UsageEvent> {
	const data = await readJson(file, context);
	if (!data) {
		return;
	}

	const id = asString(data['id']) ?? path.basename(file.path, '.json');
	const messageContext = {id, sessionId: asString(data['sessionID']) ?? path.basename(path.dirname(file.path))};
	if (data['role'] === 'user') {
		const texts = (await readParts(file.root, id))
			.map(textFromPart)
			.filter((text): text is string => text !== undefined);
		const turn = turnFromMessage(data, messageContext, texts);
		if (turn) {
			yield turn;
		}

		return;
	}

	const hasUsage = asRecord(data['tokens']) !== undefined;
	const tools = hasUsage
		? (await readParts(file.root, id)).map(toolFromPart).filter((tool): tool is ToolUse => tool !== undefined)
		: [];
	const call = callFromMessage(data, messageContext, tools);
	if (call) {
		yield call;
	}
}
