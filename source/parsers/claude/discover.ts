/**
Where Claude Code keeps transcripts (formats.md §1.1): `CLAUDE_CONFIG_DIR` as a comma list
(an entry that is itself a `…/projects` folder stands for its parent), else
`${XDG_CONFIG_HOME:-~/.config}/claude` and `~/.claude`. Every `*.jsonl` under each root's
`projects/` is a candidate, as in ccusage; non-transcript JSONL simply yields nothing.
*/
import type {Dirent} from 'node:fs';
import {opendir, stat} from 'node:fs/promises';
import path from 'node:path';
import type {DiscoverContext, SourceFile} from '../types.js';

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
	const files: SourceFile[] = [];
	const projects = path.join(root, 'projects');
	const seen = new Set<string>();
	const walk = async (dir: string): Promise<void> => {
		let handle: AsyncIterable<Dirent>;
		try {
			handle = await opendir(dir);
		} catch (error) {
			const code = (error as NodeJS.ErrnoException).code;
			if (code !== 'ENOENT') {
				context.report({kind: 'unreadable-folder', agent: 'claude', file: dir, message: `cannot read folder (${code ?? 'error'})`});
			}

			return;
		}

		try {
			for await (const entry of handle) {
				const full = path.join(dir, entry.name);
				if (entry.isDirectory()) {
					await walk(full);
				} else if (entry.name.endsWith('.jsonl') && (entry.isFile() || entry.isSymbolicLink())) {
					try {
						const info = await stat(full);
						// Symlink loops and FIFOs/devices named .jsonl are not transcripts.
						if (!info.isFile()) {
							context.report({kind: 'not-a-file', agent: 'claude', file: full, message: 'not a regular file; skipped'});
						} else if (!seen.has(`${info.dev}:${info.ino}`)) {
							seen.add(`${info.dev}:${info.ino}`);
							files.push({agent: 'claude', path: full, root, size: info.size, mtimeMs: info.mtimeMs, kind: kindOf(full)});
						}
					} catch (error) {
						context.report({kind: 'unreadable-file', agent: 'claude', file: full, message: `cannot stat (${(error as NodeJS.ErrnoException).code ?? 'error'})`});
					}
				} else if (entry.name.endsWith('.jsonl')) {
					context.report({kind: 'not-a-file', agent: 'claude', file: full, message: 'not a regular file; skipped'});
				}
			}
		} catch (error) {
			context.report({kind: 'unreadable-folder', agent: 'claude', file: dir, message: `folder vanished or became unreadable while scanning (${(error as NodeJS.ErrnoException).code ?? 'error'})`});
		}
	};

	await walk(projects);
	return files;
}
