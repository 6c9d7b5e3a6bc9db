/**
The Z Code parser (Z.ai's ZCode desktop app; FORMATS.md §5.8). ZCode logs one `model_usage` row
per model request in `<home>/cli/db/db.sqlite`, home `ZCODE_HOME` (comma list, as ccusage reads
it) else `~/.zcode` (the same under a Windows profile, so WSL's Windows side is found too).
*/
import path from 'node:path';
import {envFolders} from '../data-folders.js';
import {databaseParser, findDatabases} from '../sqlite.js';
import type {AgentParser, DiscoverContext, SourceFile} from '../types.js';
import {zcodeEvents} from './usage.js';

function discoverZcode(root: string, context: DiscoverContext): Promise<SourceFile[]> {
	return findDatabases('zcode', root, [path.join(root, 'cli', 'db', 'db.sqlite')], context.report);
}

export const zcodeParser: AgentParser = {
	id: 'zcode',
	roots: context => envFolders(context, 'ZCODE_HOME', [path.join(context.home, '.zcode')]),
	discover: discoverZcode,
	parse: databaseParser(zcodeEvents),
};
