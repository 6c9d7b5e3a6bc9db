/**
The Qwen Code parser (Gemini CLI fork; parsers/FORMATS.md §5): chat files
`<root>/projects/<sanitized cwd>/chats/<sessionId>.jsonl`, where the root is `QWEN_DATA_DIR`
(comma list), else `QWEN_RUNTIME_DIR` (Qwen's own relocation variable), else `~/.qwen`.

Lines are streamed; only lines that can matter are decoded (markers), each becomes events
through QwenFileState (records.ts). A read error ends the file with a diagnostic.
*/
import path from 'node:path';
import type {UsageEvent} from '../../core/events.js';
import {envFolders} from '../data-folders.js';
import {discoverChatFiles} from '../gemini/discover.js';
import type {AgentParser, DiscoverContext, ParseContext, SourceFile} from '../types.js';
import {QwenFileState} from './records.js';
import {errorText} from '../../core/diagnostics.js';
import {readJsonLines} from '../json-lines.js';

const markers = ['"type":"user"', '"type":"assistant"', '"parent_session"', '"custom_title"'];

export function qwenRoots(context: DiscoverContext): string[] {
	return envFolders(
		context,
		'QWEN_DATA_DIR',
		envFolders(context, 'QWEN_RUNTIME_DIR', [path.join(context.home, '.qwen')]),
	);
}

async function* parseQwen(file: SourceFile, context: ParseContext): AsyncGenerator<UsageEvent> {
	const state = new QwenFileState(path.basename(file.path, '.jsonl'));
	try {
		for await (const line of readJsonLines(file, context, markers)) {
			const record = line.record;

			yield* state.accept(record);
		}
	} catch (error) {
		context.report({kind: 'unreadable-file', agent: 'qwen', file: file.path, message: errorText(error)});
	}

	if (state.undated > 0) {
		context.report({
			kind: 'missing-field',
			agent: 'qwen',
			file: file.path,
			message: `${state.undated} record(s) without a valid timestamp skipped`,
		});
	}
}

export const qwenParser: AgentParser = {
	id: 'qwen',
	roots: qwenRoots,
	discover: (root, context) => discoverChatFiles('qwen', path.join(root, 'projects'), context, ['.jsonl']),
	parse: parseQwen,
};
