/**
The Kilo CLI parser (Kilo-Org/kilocode `packages/opencode`, an OpenCode fork; FORMATS.md §5.7).
Kilo keeps OpenCode's SQLite schema in its own data folder, `${XDG_DATA_HOME:-~/.local/share}/kilo`
(xdg-basedir, the same on every platform; `%APPDATA%\kilo` is looked at too): `kilo.db` for the
release channels, `kilo-<channel>.db` for other channels (or a pre-existing `opencode-<channel>.db`
there). Roots: `KILO_DATA_DIR` (comma list, as ccusage reads it), else those folders. Each
database is read by the OpenCode reader, whose events carry the file's agent.
*/
import path from 'node:path';
import type {UsageEvent} from '../../core/events.js';
import {envFolders, xdgFolder} from '../data-folders.js';
import {parseDatabase} from '../opencode/database.js';
import {databasesIn} from '../sqlite.js';
import type {AgentParser, DiscoverContext, ParseContext, SourceFile} from '../types.js';

/** `kilo.db`, `kilo-<channel>.db`, and a dev channel's `opencode-<channel>.db` that Kilo kept using. */
export function isKiloDatabase(name: string): boolean {
	return /^kilo(-.+)?\.db$/.test(name) || /^opencode-.+\.db$/.test(name);
}

export function kiloRoots(context: DiscoverContext): string[] {
	const dataHome = xdgFolder(context, 'XDG_DATA_HOME', path.join('.local', 'share'));
	const appData = context.env['APPDATA'];
	const roaming = appData && path.isAbsolute(appData) ? appData : path.join(context.home, 'AppData', 'Roaming');
	return envFolders(context, 'KILO_DATA_DIR', [path.join(dataHome, 'kilo'), path.join(roaming, 'kilo')]);
}

function discoverKilo(root: string, context: DiscoverContext): Promise<SourceFile[]> {
	return databasesIn('kilo', root, root, isKiloDatabase, context.report);
}

function parseKilo(file: SourceFile, context: ParseContext): AsyncIterable<UsageEvent> {
	return parseDatabase(file, context);
}

export const kiloParser: AgentParser = {
	id: 'kilo',
	roots: kiloRoots,
	discover: discoverKilo,
	parse: parseKilo,
};
