/**
GitHub Copilot CLI session-state files (FORMATS.md §5.12):
`<copilot home>/session-state/<session id>/events.jsonl`, one event per line
(`{type, id, timestamp, parentId, data}`). Per-request usage (`assistant.usage`) is ephemeral
and never written there; what is written is `session.shutdown` with the process's cumulative
per-model `modelMetrics.<model>.usage{inputTokens, outputTokens, cacheReadTokens,
cacheWriteTokens, reasoningTokens}`. A resumed session writes another shutdown whose counters
include the earlier ones, so each shutdown after the first counts only its difference from
the one before (as ccusage does): usage lands on the day of the shutdown that reported it.
*/
import path from 'node:path';
import type {CallEvent, SessionEvent, UsageEvent} from '../../core/events.js';
import type {TokenCounts} from '../../core/tokens.js';
import {tokenCount, totalOf} from '../../core/tokens.js';
import {inclusiveInput} from '../token-counters.js';
import {parseTime} from '../../core/time.js';
import {asRecord, asString} from '../read-lines.js';
import type {ParseContext, SourceFile} from '../types.js';
import {copilotModel} from './model.js';
import {errorText} from '../../core/diagnostics.js';
import {readJsonLines} from '../json-lines.js';

type JsonObject = Record<string, unknown>;

/** One model's cumulative counters at one shutdown. */
export type ShutdownSnapshot = {
	readonly eventKey: string;
	readonly time: number;
	readonly model: string;
	readonly tokens: TokenCounts;
};

export const shutdownMarker = '"type":"session.shutdown"';
const markers = [shutdownMarker, '"type":"session.start"', '"type":"session.title_changed"'];

/** The session id is the folder the events file sits in. */
export function sessionIdOf(eventsFile: string): string {
	return path.basename(path.dirname(eventsFile));
}

/**
Copilot's `inputTokens` counts the cache reads and writes too (ccusage's reading, and the SDK's
"total input tokens consumed"): fresh input is what is left. `reasoningTokens` is part of output.
*/
export function shutdownTokens(usage: JsonObject): TokenCounts {
	const cacheRead = tokenCount(usage['cacheReadTokens']);
	const cacheWrite = tokenCount(usage['cacheWriteTokens']);
	const output = tokenCount(usage['outputTokens']);
	return inclusiveInput({
		input: tokenCount(usage['inputTokens']),
		cacheRead,
		cacheWrite,
		output,
		reasoning: Math.min(output, Math.max(0, tokenCount(usage['reasoningTokens']))),
	});
}

/** The per-model snapshots of one `session.shutdown` event. */
export function shutdownSnapshots(event: JsonObject, sessionId: string): ShutdownSnapshot[] {
	const time = parseTime(event['timestamp']);
	const metrics = asRecord(asRecord(event['data'])?.['modelMetrics']);
	if (time === undefined || !metrics) {
		return [];
	}

	const eventId = asString(event['id']) ?? `@${time}`;
	const snapshots: ShutdownSnapshot[] = [];
	for (const [name, value] of Object.entries(metrics)) {
		const usage = asRecord(asRecord(value)?.['usage']);
		const model = copilotModel(name);
		if (usage && model) {
			snapshots.push({eventKey: `${sessionId}:${eventId}`, time, model, tokens: shutdownTokens(usage)});
		}
	}

	return snapshots;
}

function minus(current: TokenCounts, before: TokenCounts): TokenCounts {
	const less = (key: keyof TokenCounts) => Math.max(0, current[key] - before[key]);
	return {
		input: less('input'),
		cacheRead: less('cacheRead'),
		cacheWrite5m: less('cacheWrite5m'),
		cacheWrite1h: less('cacheWrite1h'),
		output: less('output'),
		reasoning: Math.min(less('reasoning'), less('output')),
	};
}

function isZero(tokens: TokenCounts): boolean {
	return totalOf(tokens) === 0;
}

/**
Each model's usage between consecutive shutdowns: the first snapshot as it is, every later one
minus the one before it (in time order; a counter that went down counts 0).
*/
export function shutdownIntervals(sessionId: string, snapshots: readonly ShutdownSnapshot[]): CallEvent[] {
	const byModel = new Map<string, ShutdownSnapshot[]>();
	for (const snapshot of snapshots) {
		const list = byModel.get(snapshot.model);
		if (list) {
			list.push(snapshot);
		} else {
			byModel.set(snapshot.model, [snapshot]);
		}
	}

	const calls: CallEvent[] = [];
	for (const [model, list] of byModel) {
		const ordered = [...list].sort((a, b) => a.time - b.time);
		ordered.forEach((snapshot, index) => {
			const previous = ordered[index - 1];
			const tokens = previous ? minus(snapshot.tokens, previous.tokens) : snapshot.tokens;
			if (!isZero(tokens)) {
				calls.push({
					type: 'call',
					agent: 'copilot',
					sessionId,
					time: snapshot.time,
					model,
					tokens,
					dedupKey: `copilot:shutdown:${snapshot.eventKey}:${model}`,
					tools: [],
					callId: snapshot.eventKey,
				});
			}
		});
	}

	return calls.sort((a, b) => a.time - b.time);
}

function sessionFacts(event: JsonObject, sessionId: string): SessionEvent | undefined {
	const data = asRecord(event['data']);
	if (event['type'] === 'session.title_changed') {
		const title = asString(data?.['title']);
		return title ? {type: 'session', agent: 'copilot', sessionId, title} : undefined;
	}

	const context = asRecord(data?.['context']);
	const cwd = asString(context?.['cwd']);
	const gitBranch = asString(context?.['branch']);
	return {
		type: 'session',
		agent: 'copilot',
		sessionId,
		surface: 'cli',
		...(cwd ? {cwd, project: path.basename(cwd)} : {}),
		...(gitBranch ? {gitBranch} : {}),
	};
}

export async function* parseSessionState(file: SourceFile, context: ParseContext): AsyncGenerator<UsageEvent> {
	const sessionId = sessionIdOf(file.path);
	const snapshots = new Map<string, ShutdownSnapshot>();
	const facts: SessionEvent[] = [];
	try {
		for await (const line of readJsonLines(file, context, markers)) {
			const event = line.record;

			if (event['type'] !== 'session.shutdown') {
				const fact = sessionFacts(event, sessionId);
				if (fact) facts.push(fact);
				continue;
			}

			// An event written twice (same id) counts once: the copy written last.
			for (const snapshot of shutdownSnapshots(event, sessionId)) {
				snapshots.set(`${snapshot.eventKey}:${snapshot.model}`, snapshot);
			}
		}
	} catch (error) {
		context.report({kind: 'unreadable-file', agent: 'copilot', file: file.path, message: errorText(error)});
	}

	// Later facts fill gaps in earlier ones, so the newest title must come first.
	yield {type: 'session', agent: 'copilot', sessionId, surface: 'cli'};
	yield* facts.reverse();
	yield* shutdownIntervals(sessionId, [...snapshots.values()]);
}
