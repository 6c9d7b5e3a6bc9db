/**
The Gemini CLI parser (parsers/FORMATS.md §3): chat recordings under `GEMINI_DATA_DIR` (comma list)
or `${GEMINI_CLI_HOME:-~}/.gemini/tmp`, legacy `.json` and append-only `.jsonl`.

A file is loaded to its final state first (session-file.ts: JSONL rewrites are last-wins by
message id, so nothing can be emitted before the end of the file), then turned into events
(events.ts). Cross-file duplicates (a resumed legacy session) share dedupKeys.
*/
import type {UsageEvent} from '../../core/events.js';
import type {AgentParser, ParseContext, SourceFile} from '../types.js';
import {discoverChatFiles, geminiRoots} from './discover.js';
import {chatEvents} from './events.js';
import {readChatFile} from './session-file.js';

async function* parseChat(file: SourceFile, context: ParseContext): AsyncGenerator<UsageEvent> {
	const chat = await readChatFile(file, context.report, context.onBytes);
	if (!chat) {
		return;
	}

	yield* chatEvents(file, chat, message =>
		context.report({kind: 'missing-field', agent: 'gemini', file: file.path, message}),
	);
}

export const geminiParser: AgentParser = {
	id: 'gemini',
	roots: geminiRoots,
	discover: (root, context) => discoverChatFiles('gemini', root, context, ['.json', '.jsonl']),
	parse: parseChat,
};
