/**
Small file-system helpers shared by the long-tail parsers (Amp, Kimi, Pi, OpenCode legacy):
env-var roots and a recursive walk. Never throws: unreadable folders become diagnostics,
missing roots are skipped quietly.
*/
import {readdir, stat} from 'node:fs/promises';
import path from 'node:path';
import type {AgentId} from '../../core/agents.js';
import type {DiagnosticSink} from '../../core/diagnostics.js';
import type {DiscoverContext, SourceFile} from '../types.js';

/** A comma list from `variable`, `~` expanded; else the default path under home. */
export function envRoots(context: DiscoverContext, variable: string, fallback: string): string[] {
	const listed = (context.env[variable] ?? '')
		.split(',')
		.map((entry) => entry.trim())
		.filter((entry) => entry.length > 0)
		.map((entry) => (entry === '~' || entry.startsWith('~/') ? path.join(context.home, entry.slice(1)) : entry));
	return listed.length > 0 ? listed : [fallback];
}

export function errorText(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

/** Every file under `folder` whose name passes `accept`, as SourceFiles (sorted by path). */
export async function walkFiles(
	agent: AgentId,
	root: string,
	folder: string,
	kind: string,
	accept: (name: string) => boolean,
	report: DiagnosticSink,
): Promise<SourceFile[]> {
	const found: SourceFile[] = [];
	const pending = [folder];
	while (pending.length > 0) {
		const current = pending.pop() as string;
		let entries: import('node:fs').Dirent[];
		try {
			entries = await readdir(current, {withFileTypes: true});
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
				report({kind: 'unreadable-folder', agent, file: current, message: errorText(error)});
			}

			continue;
		}

		for (const entry of entries) {
			const full = path.join(current, entry.name);
			if (entry.isDirectory()) {
				pending.push(full);
			} else if (entry.isFile() && accept(entry.name)) {
				try {
					const info = await stat(full);
					found.push({agent, path: full, root, size: info.size, mtimeMs: info.mtimeMs, kind});
				} catch (error) {
					report({kind: 'unreadable-file', agent, file: full, message: errorText(error)});
				}
			}
		}
	}

	return found.sort((a, b) => a.path.localeCompare(b.path));
}

export function num(value: unknown): number {
	return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}

/** Epoch ms from a number (s or ms) or an ISO string; undefined when invalid. */
export function timeOf(value: unknown): number | undefined {
	if (typeof value === 'number' && Number.isFinite(value) && value > 0) {
		return value < 1e12 ? value * 1000 : value;
	}

	if (typeof value === 'string') {
		const parsed = Date.parse(value);
		return Number.isNaN(parsed) ? undefined : parsed;
	}

	return undefined;
}
