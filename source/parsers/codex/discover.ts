/**
Where Codex keeps its rollouts, and which of them to read (parsers/FORMATS.md §2.1).

Roots: `CODEX_HOME` as a comma list (data-folders.ts), else `~/.codex`. Under each root
`sessions/` and `archived_sessions/` are walked recursively for `*.jsonl` and `*.jsonl.zst`.

Invariants:
- one file per relative path: the `sessions/` copy beats the `archived_sessions/` copy, and a
  plain `.jsonl` beats its `.jsonl.zst` twin (Codex itself prefers the plain file);
- never throws: a missing root or folder is silent, an unreadable folder is a diagnostic,
  something that is not a regular file is skipped (reported when it is named like a rollout);
- directory symlinks are not followed (no loops); file symlinks are.
*/
import type {Dirent} from 'node:fs';
import {readdir, stat} from 'node:fs/promises';
import path from 'node:path';
import type {DiagnosticSink} from '../../core/diagnostics.js';
import {envFolders} from '../data-folders.js';
import type {DiscoverContext, SourceFile} from '../types.js';
import {errorText} from '../../core/diagnostics.js';

/** The two folders Codex writes rollouts to, in order of preference. */
export const rolloutFolders = ['sessions', 'archived_sessions'] as const;

export function codexRoots(context: DiscoverContext): string[] {
	return envFolders(context, 'CODEX_HOME', [path.join(context.home, '.codex')]);
}

type Candidate = {
	readonly path: string;
	readonly folderRank: number;
	readonly compressed: boolean;
};

export async function discoverCodexFiles(root: string, context: DiscoverContext): Promise<SourceFile[]> {
	// Key: path relative to its rollout folder, without `.zst`.
	const best = new Map<string, Candidate>();
	for (const [folderRank, folder] of rolloutFolders.entries()) {
		const base = path.join(root, folder);
		const found: string[] = [];
		await walk(base, found, context.report, true);
		for (const file of found) {
			const compressed = file.endsWith('.zst');
			const key = path.relative(base, compressed ? file.slice(0, -'.zst'.length) : file);
			const candidate = {path: file, folderRank, compressed};
			const current = best.get(key);
			if (!current || isPreferred(candidate, current)) {
				best.set(key, candidate);
			}
		}
	}

	const files: SourceFile[] = [];
	for (const candidate of [...best.values()].sort(byFolderThenPath)) {
		try {
			const info = await stat(candidate.path);
			if (!info.isFile()) {
				continue;
			}

			files.push({
				agent: 'codex',
				path: candidate.path,
				root,
				size: info.size,
				mtimeMs: info.mtimeMs,
				ino: info.ino,
				ctimeMs: info.ctimeMs,
				kind: candidate.compressed ? 'zst' : 'jsonl',
			});
		} catch (error) {
			context.report({kind: 'unreadable-file', agent: 'codex', file: candidate.path, message: errorText(error)});
		}
	}

	return files;
}

/** Deterministic order: `sessions/` before `archived_sessions/`, then by path. */
function byFolderThenPath(a: Candidate, b: Candidate): number {
	if (a.folderRank !== b.folderRank) {
		return a.folderRank - b.folderRank;
	}

	return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

function isPreferred(a: Candidate, b: Candidate): boolean {
	if (a.folderRank !== b.folderRank) {
		return a.folderRank < b.folderRank;
	}

	return !a.compressed && b.compressed;
}

function isRolloutName(name: string): boolean {
	return name.endsWith('.jsonl') || name.endsWith('.jsonl.zst');
}

async function walk(dir: string, found: string[], report: DiagnosticSink, isTop: boolean): Promise<void> {
	let entries: Dirent[];
	try {
		entries = await readdir(dir, {withFileTypes: true});
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		// A missing data folder is normal (Codex never archived anything, or is not installed).
		if (!(code === 'ENOENT' || (isTop && code === 'ENOTDIR'))) {
			report({kind: 'unreadable-folder', agent: 'codex', file: dir, message: errorText(error)});
		}

		return;
	}

	for (const entry of entries) {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) {
			await walk(full, found, report, false);
		} else if (!isRolloutName(entry.name)) {
			// Not a rollout (history.jsonl lives elsewhere; logs, state files).
		} else if (entry.isFile()) {
			found.push(full);
		} else if (entry.isSymbolicLink()) {
			await addLinkedFile(full, found, report);
		} else {
			report({
				kind: 'not-a-file',
				agent: 'codex',
				file: full,
				message: 'named like a rollout but not a regular file; skipped',
			});
		}
	}
}

async function addLinkedFile(full: string, found: string[], report: DiagnosticSink): Promise<void> {
	try {
		if ((await stat(full)).isFile()) {
			found.push(full);
		} else {
			// A link to a FIFO or device (e.g. /dev/null) must be told, not silently dropped.
			report({
				kind: 'not-a-file',
				agent: 'codex',
				file: full,
				message: 'link to something that is not a regular file; skipped',
			});
		}
	} catch (error) {
		report({kind: 'unreadable-file', agent: 'codex', file: full, message: `broken link: ${errorText(error)}`});
	}
}
