/**
The GitHub Copilot CLI parser (FORMATS.md §5.12). Roots: `COPILOT_HOME` (a comma list is
accepted), else `~/.copilot` (`%USERPROFILE%\.copilot` on Windows). Inputs under a root:
`session-state/<session id>/events.jsonl` (kind `session-state`: per-model counters at each
shutdown) and `otel/**.jsonl` (kind `otel`: Copilot's OpenTelemetry file export, one record per
model request), plus the file `COPILOT_OTEL_FILE_EXPORTER_PATH` names, read with the first root.
*/
import {stat} from 'node:fs/promises';
import path from 'node:path';
import type {UsageEvent} from '../../core/events.js';
import {envFolders} from '../data-folders.js';
import type {AgentParser, DiscoverContext, ParseContext, SourceFile} from '../types.js';
import {parseOtel} from './otel.js';
import {parseSessionState} from './session-state.js';
import {walkFiles} from '../walk.js';

export function copilotRoots(context: DiscoverContext): string[] {
	return envFolders(context, 'COPILOT_HOME', [path.join(context.home, '.copilot')]);
}

/** The exporter file, when it is a regular file outside `root/otel` (where the walk finds it anyway). */
async function exporterFile(root: string, context: DiscoverContext): Promise<SourceFile[]> {
	const named = context.env['COPILOT_OTEL_FILE_EXPORTER_PATH']?.trim();
	if (!named || copilotRoots(context)[0] !== root) {
		return [];
	}

	const file = path.resolve(named);
	if (!path.relative(path.join(root, 'otel'), file).startsWith('..')) {
		return [];
	}

	try {
		const info = await stat(file);
		return info.isFile()
			? [{agent: 'copilot', path: file, root, size: info.size, mtimeMs: info.mtimeMs, ino: info.ino, kind: 'otel'}]
			: [];
	} catch {
		return []; // Named but not written yet: Copilot creates it on its first export.
	}
}

async function discoverCopilot(root: string, context: DiscoverContext): Promise<SourceFile[]> {
	const stateFolder = path.join(root, 'session-state');
	const states = (
		await walkFiles('copilot', root, stateFolder, 'session-state', name => name === 'events.jsonl', context.report)
	).filter(file => path.dirname(path.dirname(file.path)) === stateFolder);
	const otel = [
		...(await walkFiles(
			'copilot',
			root,
			path.join(root, 'otel'),
			'otel',
			name => name.endsWith('.jsonl'),
			context.report,
		)),
		...(await exporterFile(root, context)),
	];
	// An OTel file's calls depend on the session-state shutdowns (requests they already count are
	// left out), so its fingerprint carries the newest of their times: a new shutdown re-parses it.
	const newestState = states.reduce((newest, file) => Math.max(newest, file.mtimeMs), 0);
	return [...states, ...otel.map(file => ({...file, mtimeMs: Math.max(file.mtimeMs, newestState)}))];
}

function parseCopilot(file: SourceFile, context: ParseContext): AsyncIterable<UsageEvent> {
	return file.kind === 'otel' ? parseOtel(file, context) : parseSessionState(file, context);
}

export const copilotParser: AgentParser = {
	id: 'copilot',
	roots: copilotRoots,
	discover: discoverCopilot,
	parse: parseCopilot,
};
