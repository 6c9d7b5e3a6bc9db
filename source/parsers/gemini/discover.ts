/**
Where Gemini CLI keeps its chat recordings (parsers/FORMATS.md §3.1), and which files to read.

Roots: `GEMINI_DATA_DIR` as a comma list (data-folders.ts), else
`${GEMINI_CLI_HOME:-~}/.gemini/tmp`. Under each root, every `*.json` / `*.jsonl` below
`<root>/<project>/chats/` (recursively: subagent sessions live in
`chats/<parentSessionId>/<sessionId>.jsonl`).

Invariants: never throws; a missing root or folder is silent, an unreadable folder is a
diagnostic, anything that is not a regular file is skipped; directory symlinks are not followed.
*/
import type {Dirent} from 'node:fs';
import {readdir, stat} from 'node:fs/promises';
import path from 'node:path';
import type {AgentId} from '../../core/agents.js';
import type {DiagnosticSink} from '../../core/diagnostics.js';
import {envFolders, expandHome} from '../data-folders.js';
import type {DiscoverContext, SourceFile} from '../types.js';
import {errorText} from '../../core/diagnostics.js';

export function geminiRoots(context: DiscoverContext): string[] {
	const cliHome = context.env['GEMINI_CLI_HOME']?.trim();
	const base = cliHome ? path.resolve(expandHome(cliHome, context.home)) : context.home;
	return envFolders(context, 'GEMINI_DATA_DIR', [path.join(base, '.gemini', 'tmp')]);
}

/** `<root>/*\/chats/**\/*.json(l)`, as SourceFiles of `agent`. Shared with the Qwen parser. */
export async function discoverChatFiles(
	agent: AgentId,
	root: string,
	context: DiscoverContext,
	extensions: readonly string[],
): Promise<SourceFile[]> {
	const projects = await listFolder(root, context.report, agent);
	const files: SourceFile[] = [];
	for (const project of projects) {
		if (!project.isDirectory()) {
			continue;
		}

		const chats = path.join(root, project.name, 'chats');
		const found: string[] = [];
		await walk(chats, found, context.report, agent, extensions);
		for (const file of found.sort()) {
			try {
				const info = await stat(file);
				if (!info.isFile()) {
					// A FIFO, device or link to one named like a chat file: say so rather than drop it.
					context.report({kind: 'not-a-file', agent, file, message: 'not a regular file; skipped'});
					continue;
				}

				const nested = path.dirname(file) !== chats;
				files.push({
					agent,
					path: file,
					root,
					size: info.size,
					mtimeMs: info.mtimeMs,
					ino: info.ino,
					ctimeMs: info.ctimeMs,
					kind: nested ? 'subagent' : file.endsWith('.jsonl') ? 'jsonl' : 'json',
				});
			} catch (error) {
				context.report({kind: 'unreadable-file', agent, file, message: errorText(error)});
			}
		}
	}

	return files;
}

async function walk(
	folder: string,
	found: string[],
	report: DiagnosticSink,
	agent: AgentId,
	extensions: readonly string[],
): Promise<void> {
	for (const entry of await listFolder(folder, report, agent)) {
		const full = path.join(folder, entry.name);
		if (entry.isDirectory()) {
			await walk(full, found, report, agent, extensions);
		} else if (extensions.some(extension => entry.name.endsWith(extension))) {
			// Anything named like a chat file is listed; the caller's stat() reports non-files.
			found.push(full);
		}
	}
}

async function listFolder(folder: string, report: DiagnosticSink, agent: AgentId): Promise<Dirent[]> {
	try {
		return await readdir(folder, {withFileTypes: true});
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code !== 'ENOENT' && code !== 'ENOTDIR') {
			report({kind: 'unreadable-folder', agent, file: folder, message: errorText(error)});
		}

		return [];
	}
}
