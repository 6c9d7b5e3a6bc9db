/**
Data folders named by environment variables (`CLAUDE_CONFIG_DIR`, `CODEX_HOME`,
`GEMINI_DATA_DIR`, …), read by one rule for every agent. A folder's spelling becomes the
sessions' root and the key of its parse-cache pack, so `claude`, `./claude/` and
`$PWD/claude` must come out as one absolute path: otherwise the same transcripts are cached,
and their history kept, twice.
*/
import path from 'node:path';
import type {DiscoverContext} from './types.js';

/** `~`, `~/…` (and `~\…`) start at `home`; anything else is returned unchanged. */
export function expandHome(entry: string, home: string): string {
	if (entry === '~') {
		return home;
	}

	return entry.startsWith('~/') || entry.startsWith('~\\') ? path.join(home, entry.slice(2)) : entry;
}

/**
The folders of a comma list: each entry trimmed, `~` expanded, made absolute against the
working folder (which also drops trailing slashes); empty entries are ignored, and a folder
listed twice (in any spelling) is kept once, where it first appears.
*/
export function foldersFromList(value: string | undefined, home: string): string[] {
	const folders = (value ?? '')
		.split(',')
		.map(entry => entry.trim())
		.filter(entry => entry.length > 0)
		.map(entry => path.resolve(expandHome(entry, home)));
	return [...new Set(folders)];
}

/** The folders listed in env var `variable`, else `defaults` (the agent's own locations). */
export function envFolders(context: DiscoverContext, variable: string, defaults: readonly string[]): string[] {
	const listed = foldersFromList(context.env[variable], context.home);
	return listed.length > 0 ? listed : [...defaults];
}

/**
`$<variable>` (an XDG base folder such as `XDG_CONFIG_HOME`) when it is an absolute path, as
the XDG spec requires, else `home/<fallback>`.
*/
export function xdgFolder(context: DiscoverContext, variable: string, fallback: string): string {
	const value = context.env[variable];
	return value && path.isAbsolute(value) ? value : path.join(context.home, fallback);
}
