/**
Small file-system helpers shared by the long-tail parsers (Amp, Kimi, Pi, OpenCode legacy):
a recursive walk and value readers. Never throws: unreadable folders become diagnostics,
missing roots are skipped quietly.
*/
import type {AgentId} from '../../core/agents.js';
import type {DiagnosticSink} from '../../core/diagnostics.js';
import type {SourceFile} from '../types.js';
import {findFiles} from '../walk.js';

/**
Every file under `folder` whose name passes `accept`, as SourceFiles (sorted by path). Uses the
shared walker (walk.ts), so a FIFO or device named like a transcript, a symlink loop or an
unreadable file is a diagnostic rather than a silent skip, and a symlinked file is followed once.
*/
export async function walkFiles(
	agent: AgentId,
	root: string,
	folder: string,
	kind: string,
	accept: (name: string) => boolean,
	report: DiagnosticSink,
): Promise<SourceFile[]> {
	const found = await findFiles(folder, {agent, match: accept, report});
	return found.map(file => ({
		agent,
		path: file.path,
		root,
		size: file.size,
		mtimeMs: file.mtimeMs,
		ino: file.ino,
		ctimeMs: file.ctimeMs,
		kind,
	}));
}

export function num(value: unknown): number {
	return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}
