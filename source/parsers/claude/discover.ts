/**
Where Claude Code keeps transcripts (parsers/FORMATS.md §1.1): `CLAUDE_CONFIG_DIR` as a comma list
(an entry that is itself a `…/projects` folder stands for its parent), else
`${XDG_CONFIG_HOME:-~/.config}/claude` and `~/.claude` (data-folders.ts: one spelling per
folder). Every `*.jsonl` under each root's `projects/` is a candidate, as in ccusage;
non-transcript JSONL simply yields nothing.
*/
import path from 'node:path';
import {envFolders, xdgFolder} from '../data-folders.js';
import type {DiscoverContext, SourceFile} from '../types.js';
import {walkFiles} from '../walk.js';

export function claudeRoots(context: DiscoverContext): string[] {
	const defaults = [
		path.join(xdgFolder(context, 'XDG_CONFIG_HOME', '.config'), 'claude'),
		path.join(context.home, '.claude'),
	];
	const roots = envFolders(context, 'CLAUDE_CONFIG_DIR', defaults).map(folder =>
		path.basename(folder) === 'projects' ? path.dirname(folder) : folder,
	);
	// `dir` and `dir/projects` name the same root.
	return [...new Set(roots)];
}

/** A file under `<session>/subagents/` or a flat `agent-*.jsonl` is a sub-agent transcript. */
function kindOf(file: string): string {
	return file.split(path.sep).includes('subagents') || path.basename(file).startsWith('agent-') ? 'subagent' : 'jsonl';
}

export function discoverClaude(root: string, context: DiscoverContext): Promise<SourceFile[]> {
	return walkFiles(
		'claude',
		root,
		path.join(root, 'projects'),
		kindOf,
		name => name.endsWith('.jsonl'),
		context.report,
	);
}
