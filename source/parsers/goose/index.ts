/**
The Goose parser (block/goose; FORMATS.md §5.6). Goose keeps its sessions in one SQLite database,
`<data folder>/sessions/sessions.db`. The data folder is `GOOSE_PATH_ROOT/data` when that
variable is set (read as a comma list, like every agent folder variable), else Goose's own
(etcetera's app strategy): `${XDG_DATA_HOME:-~/.local/share}/goose` on Linux and macOS and
`%APPDATA%\Block\goose\data` on Windows; the other places ccusage looks are searched too. Under
every root both `data/sessions/sessions.db` (a path root) and `sessions/sessions.db` (a data
folder) are looked for, so `--data-dir D` takes either layout in `D/goose`.
*/
import path from 'node:path';
import {envFolders, xdgFolder} from '../data-folders.js';
import {databaseParser, findDatabases} from '../sqlite.js';
import type {AgentParser, DiscoverContext, SourceFile} from '../types.js';
import {gooseEvents} from './sessions.js';

const sessionsDatabase = path.join('sessions', 'sessions.db');

/** Where Goose keeps its data when GOOSE_PATH_ROOT is not set. */
function defaultRoots(context: DiscoverContext): string[] {
	const {home} = context;
	const appData = context.env['APPDATA'];
	const roaming = appData && path.isAbsolute(appData) ? appData : path.join(home, 'AppData', 'Roaming');
	return [
		path.join(xdgFolder(context, 'XDG_DATA_HOME', path.join('.local', 'share')), 'goose'),
		path.join(home, '.local', 'share', 'Block', 'goose'),
		path.join(home, 'Library', 'Application Support', 'goose'),
		path.join(roaming, 'Block', 'goose'),
	];
}

export function gooseRoots(context: DiscoverContext): string[] {
	return envFolders(context, 'GOOSE_PATH_ROOT', defaultRoots(context));
}

function discoverGoose(root: string, context: DiscoverContext): Promise<SourceFile[]> {
	const candidates = [path.join(root, 'data', sessionsDatabase), path.join(root, sessionsDatabase)];
	return findDatabases('goose', root, candidates, context.report);
}

export const gooseParser: AgentParser = {
	id: 'goose',
	roots: gooseRoots,
	discover: discoverGoose,
	parse: databaseParser(gooseEvents),
};
