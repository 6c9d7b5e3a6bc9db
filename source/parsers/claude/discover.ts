/**
Where Claude Code keeps transcripts (formats.md §1.1): `CLAUDE_CONFIG_DIR` as a comma list
(an entry that is itself a `…/projects` folder stands for its parent), else
`${XDG_CONFIG_HOME:-~/.config}/claude` and `~/.claude`. Every `*.jsonl` under each root's
`projects/` is a candidate, as in ccusage; non-transcript JSONL simply yields nothing.
*/
import path from 'node:path';
import type {DiscoverContext, SourceFile} from '../types.js';
import {findFiles} from '../walk.js';

export function expandHome(value: string, home: string): string {
	return value === '~' ? home : value.startsWith('~/') ? path.join(home, value.slice(2)) : value;
}

export function claudeRoots(context: DiscoverContext): string[] {
	const configured = context.env['CLAUDE_CONFIG_DIR'];
	if (configured && configured.trim() !== '') {
		return configured
			.split(',')
			.map(entry => entry.trim())
			.filter(Boolean)
			.map(entry => expandHome(entry, context.home))
			.map(entry => (path.basename(entry) === 'projects' ? path.dirname(entry) : entry));
	}

	const xdg = context.env['XDG_CONFIG_HOME'];
	const configHome = xdg && path.isAbsolute(xdg) ? xdg : path.join(context.home, '.config');
	return [path.join(configHome, 'claude'), path.join(context.home, '.claude')];
}

/** A file under `<session>/subagents/` or a flat `agent-*.jsonl` is a sub-agent transcript. */
function kindOf(file: string): string {
	return file.split(path.sep).includes('subagents') || path.basename(file).startsWith('agent-') ? 'subagent' : 'jsonl';
}

export async function discoverClaude(root: string, context: DiscoverContext): Promise<SourceFile[]> {
	const found = await findFiles(path.join(root, 'projects'), {
		agent: 'claude',
		match: name => name.endsWith('.jsonl'),
		report: context.report,
	});
	return found.map(file => ({
		agent: 'claude',
		path: file.path,
		root,
		size: file.size,
		mtimeMs: file.mtimeMs,
		ino: file.ino,
		kind: kindOf(file.path),
	}));
}
