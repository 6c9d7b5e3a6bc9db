/**
The Hermes Agent parser (NousResearch/hermes-agent; FORMATS.md §5.5). Hermes keeps every
session in one SQLite database, `<hermes home>/state.db`; each named profile is a Hermes home of
its own under `<hermes home>/profiles/<name>/`. Roots: `HERMES_HOME` (comma list, as ccusage
reads it), else `~/.hermes` (Linux, macOS) and `%LOCALAPPDATA%\hermes` (Windows; under WSL the
Windows side is read from `<Windows home>/AppData/Local/hermes`).
*/
import {readdir} from 'node:fs/promises';
import path from 'node:path';
import {envFolders} from '../data-folders.js';
import {databaseParser, findDatabases} from '../sqlite.js';
import type {AgentParser, DiscoverContext, SourceFile} from '../types.js';
import {hermesEvents} from './sessions.js';

export function hermesRoots(context: DiscoverContext): string[] {
	const localAppData = context.env['LOCALAPPDATA'];
	const windowsData =
		localAppData && path.isAbsolute(localAppData) ? localAppData : path.join(context.home, 'AppData', 'Local');
	return envFolders(context, 'HERMES_HOME', [path.join(context.home, '.hermes'), path.join(windowsData, 'hermes')]);
}

/** `<root>/profiles/<name>` for every named profile (names starting with `.` are Hermes' tombstones). */
async function profileHomes(root: string): Promise<string[]> {
	try {
		const entries = await readdir(path.join(root, 'profiles'), {withFileTypes: true});
		return entries
			.filter(entry => entry.isDirectory() && !entry.name.startsWith('.'))
			.map(entry => path.join(root, 'profiles', entry.name))
			.sort();
	} catch {
		return [];
	}
}

async function discoverHermes(root: string, context: DiscoverContext): Promise<SourceFile[]> {
	const homes = [root, ...(await profileHomes(root))];
	return findDatabases(
		'hermes',
		root,
		homes.map(home => path.join(home, 'state.db')),
		context.report,
	);
}

export const hermesParser: AgentParser = {
	id: 'hermes',
	roots: hermesRoots,
	discover: discoverHermes,
	parse: databaseParser(hermesEvents),
};
