/**
The Droid (Factory) parser (FORMATS.md §5.10): every `*.settings.json`, recursively, under
`DROID_SESSIONS_DIR` (comma list) else `~/.factory/sessions` (the same under the user profile
on Windows). A settings file holds one session's cumulative `tokenUsage`, so the whole session
is one call, dated by `providerLockTimestamp` (else the file's mtime), as ccusage dates it.
Factory logs no per-request usage and no cost: there are no turns, and cost is estimated.
*/
import path from 'node:path';
import type {CallEvent, UsageEvent} from '../../core/events.js';
import type {TokenCounts} from '../../core/tokens.js';
import {tokenCount, totalOf} from '../../core/tokens.js';
import {parseTime} from '../../core/time.js';
import {envFolders} from '../data-folders.js';
import {readJsonDocument} from '../json-file.js';
import {asRecord, asString} from '../read-lines.js';
import type {AgentParser, ParseContext, SourceFile} from '../types.js';
import {droidModelId, readTranscriptFacts} from './sidecar.js';
import {walkFiles} from '../walk.js';

const settingsSuffix = '.settings.json';

/**
Factory's counters are disjoint; `thinkingTokens` are counted apart from `outputTokens`, and
ccusage and tokscale both add them on top (billed as output), so output = output + thinking.
*/
export function droidTokens(usage: Record<string, unknown>): TokenCounts {
	const thinking = tokenCount(usage['thinkingTokens']);
	return {
		input: tokenCount(usage['inputTokens']),
		cacheRead: tokenCount(usage['cacheReadTokens']),
		cacheWrite5m: tokenCount(usage['cacheCreationTokens']),
		cacheWrite1h: 0,
		output: tokenCount(usage['outputTokens']) + thinking,
		reasoning: thinking,
	};
}

function sessionIdOf(file: SourceFile): string {
	return path.basename(file.path).slice(0, -settingsSuffix.length) || path.basename(file.path);
}

/**
The folder Droid filed the session under: its cwd with every slash made a dash
(`-home-dev-webapp`, `C:-Users-dev-webapp`). Not reversible (a dash may be the folder's own),
so it is shown as written; any other folder (an archive) names no project.
*/
function encodedProject(file: SourceFile): string | undefined {
	const folder = path.basename(path.dirname(file.path));
	return /^(?:-|[A-Za-z]:-)/.test(folder) ? folder : undefined;
}

/** The settings' `tokenUsage`; a file that is not a settings object is reported. */
async function readUsage(
	file: SourceFile,
	context: ParseContext,
): Promise<{settings: Record<string, unknown>; usage: Record<string, unknown>} | undefined> {
	const document = await readJsonDocument(file.path, {agent: 'droid', ...context});
	const settings = asRecord(document);
	const usage = asRecord(settings?.['tokenUsage']);
	if (document !== undefined && (!settings || (settings['tokenUsage'] !== undefined && !usage))) {
		const message = settings ? 'tokenUsage is not an object' : 'settings file is not a JSON object';
		context.report({kind: 'unknown-schema', agent: 'droid', file: file.path, message});
	}

	// No tokenUsage: a session that never called a model.
	return settings && usage ? {settings, usage} : undefined;
}

async function* parseDroid(file: SourceFile, context: ParseContext): AsyncGenerator<UsageEvent> {
	const read = await readUsage(file, context);
	if (!read) {
		return;
	}

	const {settings, usage} = read;
	const tokens = droidTokens(usage);
	if (totalOf(tokens) === 0) {
		return;
	}

	const sessionId = sessionIdOf(file);
	const loggedModel = asString(settings['model']);
	const transcript = await readTranscriptFacts(
		file.path.slice(0, -settingsSuffix.length) + '.jsonl',
		loggedModel === undefined,
	);
	const cwd = transcript.cwd;
	yield {
		type: 'session',
		agent: 'droid',
		sessionId,
		project: cwd ? path.basename(cwd) : undefined,
		projectFolder: cwd ? undefined : encodedProject(file),
		...(cwd ? {cwd} : {}),
		...(transcript.title ? {title: transcript.title} : {}),
	};
	const call: CallEvent = {
		type: 'call',
		agent: 'droid',
		sessionId,
		time: parseTime(settings['providerLockTimestamp']) ?? file.mtimeMs,
		model: loggedModel ? droidModelId(loggedModel) : transcript.model,
		tokens,
		// One cumulative snapshot per session: an archived copy is the same session, and the
		// store keeps the larger (later) snapshot.
		dedupKey: `droid:${sessionId}`,
		tools: [],
		callId: sessionId,
	};
	yield call;
}

export const droidParser: AgentParser = {
	id: 'droid',
	roots: context => envFolders(context, 'DROID_SESSIONS_DIR', [path.join(context.home, '.factory', 'sessions')]),
	discover: (root, context) =>
		walkFiles('droid', root, root, 'json', name => name.endsWith(settingsSuffix), context.report),
	parse: parseDroid,
};
