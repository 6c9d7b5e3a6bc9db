/**
The Antigravity parser (Google Antigravity's CLI and IDE; FORMATS.md §5.9). Antigravity keeps one
SQLite database per conversation under `<data>/conversations/` (nested sub-conversations too).
Roots: `ANTIGRAVITY_DATA_DIR` (comma list, as ccusage reads it), else the folders ccusage 20.0.24
looks in: `~/.gemini/antigravity-cli`, `~/.gemini/antigravity`, `~/.gemini/antigravity-ide`,
`~/.gemini/antigravity-backup` and `~/.config/antigravity` (under a Windows profile the same
names, so WSL's Windows side is found too).
*/
import path from 'node:path';
import {envFolders} from '../data-folders.js';
import {databaseParser} from '../sqlite.js';
import type {AgentParser, DiscoverContext, SourceFile} from '../types.js';
import {antigravityEvents} from './events.js';
import {walkFiles} from '../walk.js';

export function antigravityRoots(context: DiscoverContext): string[] {
	const gemini = path.join(context.home, '.gemini');
	return envFolders(context, 'ANTIGRAVITY_DATA_DIR', [
		path.join(gemini, 'antigravity-cli'),
		path.join(gemini, 'antigravity'),
		path.join(gemini, 'antigravity-ide'),
		path.join(gemini, 'antigravity-backup'),
		path.join(context.home, '.config', 'antigravity'),
	]);
}

async function discoverAntigravity(root: string, context: DiscoverContext): Promise<SourceFile[]> {
	const isDatabase = (name: string) => name.endsWith('.db');
	const found = await walkFiles(
		'antigravity',
		root,
		path.join(root, 'conversations'),
		'sqlite',
		isDatabase,
		context.report,
	);
	// An empty file is a conversation Antigravity has not written yet: nothing to read, nothing to report.
	// A database changes through its -wal without its own mtime changing: never parse-cached.
	return found.filter(file => file.size > 0).map(file => ({...file, cacheable: false}));
}

export const antigravityParser: AgentParser = {
	id: 'antigravity',
	roots: antigravityRoots,
	discover: discoverAntigravity,
	parse: databaseParser(antigravityEvents),
};
