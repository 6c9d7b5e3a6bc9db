/**
The OpenClaw parser (FORMATS.md §5.14). Roots: `OPENCLAW_DIR` (comma list), else `~/.openclaw`
and the names of its earlier releases `~/.clawdbot`, `~/.moltbot`, `~/.moldbot` (under the user
profile on Windows). Inputs under a root: every session transcript, `<name>.jsonl` and the copies
OpenClaw keeps on reset or delete (`<name>.jsonl.reset.<time>`, `<name>.jsonl.deleted.<time>`),
kind `jsonl`; and each agent's SQLite store `agents/<agent>/agent/openclaw-agent.sqlite`, kind
`sqlite`. A session's id is the transcript's name (the SQLite `session_id`).
*/
import {readdir} from 'node:fs/promises';
import path from 'node:path';
import type {UsageEvent} from '../../core/events.js';
import {envFolders} from '../data-folders.js';
import {findDatabases} from '../sqlite.js';
import type {AgentParser, DiscoverContext, ParseContext, SourceFile} from '../types.js';
import {parseDatabase} from './database.js';
import {TranscriptReader} from './transcript.js';
import {errorText} from '../../core/diagnostics.js';
import {readJsonLines} from '../json-lines.js';
import {walkFiles} from '../walk.js';

/** `x.jsonl`, `x.jsonl.reset.<time>`, `x.jsonl.deleted.<time>`: the session is `x`. */
export function transcriptSession(name: string): string | undefined {
	const at = name.indexOf('.jsonl');
	const suffix = at > 0 ? name.slice(at) : '';
	return suffix === '.jsonl' || suffix.startsWith('.jsonl.reset.') || suffix.startsWith('.jsonl.deleted.')
		? name.slice(0, at)
		: undefined;
}

async function agentDatabases(root: string, context: DiscoverContext): Promise<SourceFile[]> {
	let agents: string[];
	try {
		agents = (await readdir(path.join(root, 'agents'), {withFileTypes: true}))
			.filter(entry => entry.isDirectory())
			.map(entry => entry.name)
			.sort();
	} catch {
		return []; // No agents folder: a home with JSONL files only (or none).
	}

	const candidates = agents.map(agent => path.join(root, 'agents', agent, 'agent', 'openclaw-agent.sqlite'));
	return findDatabases('openclaw', root, candidates, context.report);
}

async function discoverOpenClaw(root: string, context: DiscoverContext): Promise<SourceFile[]> {
	const transcripts = await walkFiles(
		'openclaw',
		root,
		root,
		'jsonl',
		name => transcriptSession(name) !== undefined,
		context.report,
	);
	return [...(await agentDatabases(root, context)), ...transcripts];
}

async function* parseTranscript(file: SourceFile, context: ParseContext): AsyncGenerator<UsageEvent> {
	const reader = new TranscriptReader(transcriptSession(path.basename(file.path)) ?? path.basename(file.path));
	yield {type: 'session', agent: 'openclaw', sessionId: reader.sessionId};
	try {
		for await (const line of readJsonLines(file, context, [
			'"type":"session"',
			'"model_change"',
			'"model-snapshot"',
			'"role":"user"',
			'"role":"assistant"',
		])) {
			const record = line.record;

			yield* reader.events(record, {line: line.number}, () =>
				context.report({
					kind: 'missing-field',
					agent: 'openclaw',
					file: file.path,
					line: line.number,
					message: 'assistant message without a time',
				}),
			);
		}
	} catch (error) {
		context.report({kind: 'unreadable-file', agent: 'openclaw', file: file.path, message: errorText(error)});
	}
}

function parseOpenClaw(file: SourceFile, context: ParseContext): AsyncIterable<UsageEvent> {
	return file.kind === 'sqlite' ? parseDatabase(file, context) : parseTranscript(file, context);
}

export const openclawParser: AgentParser = {
	id: 'openclaw',
	roots: context =>
		envFolders(
			context,
			'OPENCLAW_DIR',
			['.openclaw', '.clawdbot', '.moltbot', '.moldbot'].map(name => path.join(context.home, name)),
		),
	discover: discoverOpenClaw,
	parse: parseOpenClaw,
};
