/**
The OpenCode parser (parsers/FORMATS.md §4). Roots: `OPENCODE_DATA_DIR` (comma list), else
`${XDG_DATA_HOME:-~/.local/share}/opencode`. Inputs under a root: every `opencode*.db`
(all channel databases; kind `sqlite`), legacy `storage/message/**.json` (kind `json`) and
`storage/session/**.json` (kind `json-session`, session titles and folders).
*/
import path from 'node:path';
import type {UsageEvent} from '../../core/events.js';
import {envFolders, xdgFolder} from '../data-folders.js';
import {databasesIn} from '../sqlite.js';
import type {AgentParser, DiscoverContext, ParseContext, SourceFile} from '../types.js';
import {parseDatabase} from './database.js';
import {parseLegacyMessage, parseLegacySession} from './legacy.js';
import {walkFiles} from '../walk.js';

export function opencodeRoots(context: DiscoverContext): string[] {
	const dataHome = xdgFolder(context, 'XDG_DATA_HOME', path.join('.local', 'share'));
	return envFolders(context, 'OPENCODE_DATA_DIR', [path.join(dataHome, 'opencode')]);
}

async function discoverOpenCode(root: string, context: DiscoverContext): Promise<SourceFile[]> {
	const isJson = (name: string) => name.endsWith('.json');
	const storage = path.join(root, 'storage');
	return [
		...(await databasesIn('opencode', root, root, name => /^opencode.*\.db$/.test(name), context.report)),
		...(await walkFiles('opencode', root, path.join(storage, 'session'), 'json-session', isJson, context.report)),
		...(await walkFiles('opencode', root, path.join(storage, 'message'), 'json', isJson, context.report)),
	];
}

function parseOpenCode(file: SourceFile, context: ParseContext): AsyncIterable<UsageEvent> {
	if (file.kind === 'sqlite') {
		return parseDatabase(file, context);
	}

	return file.kind === 'json-session' ? parseLegacySession(file, context) : parseLegacyMessage(file, context);
}

export const opencodeParser: AgentParser = {
	id: 'opencode',
	roots: opencodeRoots,
	discover: discoverOpenCode,
	parse: parseOpenCode,
};
