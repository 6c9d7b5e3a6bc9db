/**
Copilot OpenTelemetry JSONL files (FORMATS.md §5.12): one call per model request. A request can
be recorded several times (its `chat` span, an inference log, an agent-turn log, the
`invoke_agent` summary span); the most specific record wins, as ccusage picks it. A session
that also has session-state shutdowns is counted from those (ccusage's rule): a request at or
before the latest shutdown of its session and model is already inside that shutdown's counters.
*/
import {stat} from 'node:fs/promises';
import path from 'node:path';
import type {CallEvent, UsageEvent} from '../../core/events.js';
import type {TokenCounts} from '../../core/tokens.js';
import {reportOversized} from '../oversized.js';
import {asRecord, parseJsonObject, readLines} from '../read-lines.js';
import type {ParseContext, SourceFile} from '../types.js';
import {copilotModel} from './model.js';
import {
	attributeCount,
	attributeText,
	countOf,
	modelAttribute,
	recordTime,
	sessionAttribute,
	spanIdOf,
	traceIdOf,
	type UsageSource,
	usageSource,
} from './otel-records.js';
import {shutdownMarker, shutdownSnapshots} from './session-state.js';
import {errorText} from '../../core/diagnostics.js';
import {totalOf} from '../../core/tokens.js';
import {inclusiveInput} from '../token-counters.js';

type JsonObject = Record<string, unknown>;

type Candidate = {
	source: UsageSource;
	index: number;
	traceId?: string;
	spanId?: string;
	responseId?: string;
	model?: string;
	session?: {id: string; rank: number};
	time?: number;
	turnIndex?: number;
	tokens: TokenCounts;
};

type TraceContext = {model?: string; session?: {id: string; rank: number}};

/** Copilot counts cache reads and writes inside the input count, as in its session-state files. */
function spanTokens(attributes: JsonObject): TokenCounts {
	const cacheRead = attributeCount(attributes, ['gen_ai.usage.cache_read.input_tokens']);
	const cacheWrite = attributeCount(attributes, [
		'gen_ai.usage.cache_write.input_tokens',
		'gen_ai.usage.cache_creation.input_tokens',
	]);
	const output = attributeCount(attributes, ['gen_ai.usage.output_tokens']);
	const input = attributeCount(attributes, ['gen_ai.usage.input_tokens']);
	const reasoning = attributeCount(attributes, [
		'gen_ai.usage.reasoning.output_tokens',
		'gen_ai.usage.reasoning_tokens',
	]);
	return inclusiveInput({input, cacheRead, cacheWrite, output, reasoning: Math.min(output, reasoning)});
}

function candidateOf(record: JsonObject, attributes: JsonObject, index: number): Candidate | undefined {
	const source = usageSource(record, attributes);
	const tokens = spanTokens(attributes);
	if (!source || totalOf(tokens) === 0) {
		return undefined;
	}

	return {
		source,
		index,
		traceId: traceIdOf(record),
		spanId: spanIdOf(record),
		responseId: attributeText(attributes, 'gen_ai.response.id'),
		model: modelAttribute(attributes),
		session: sessionAttribute(attributes),
		time: recordTime(record),
		turnIndex: countOf(attributes['turn.index']) ?? countOf(attributes['copilot_chat.turn.index']),
		tokens,
	};
}

/** Every trace's model (its first) and session (its surest naming), from all its records. */
function noteTrace(contexts: Map<string, TraceContext>, record: JsonObject, attributes: JsonObject): void {
	const traceId = traceIdOf(record);
	if (!traceId) {
		return;
	}

	const context = contexts.get(traceId) ?? {};
	context.model ??= modelAttribute(attributes);
	const session = sessionAttribute(attributes);
	if (session && session.rank > (context.session?.rank ?? 0)) {
		context.session = session;
	}

	contexts.set(traceId, context);
}

/** The same request recorded again (same response id, model and tokens): all but the earliest. */
function repeatedChatSpans(candidates: readonly Candidate[], timeOf: (c: Candidate) => number): Set<Candidate> {
	const earliest = new Map<string, Candidate>();
	const repeated = new Set<Candidate>();
	for (const candidate of candidates) {
		if (candidate.source !== 'chat-span' || !candidate.responseId) {
			continue;
		}

		const key = JSON.stringify([candidate.responseId, candidate.model, candidate.tokens]);
		const kept = earliest.get(key);
		if (!kept) {
			earliest.set(key, candidate);
		} else if (timeOf(candidate) < timeOf(kept)) {
			repeated.add(kept);
			earliest.set(key, candidate);
		} else {
			repeated.add(candidate);
		}
	}

	return repeated;
}

const precedence: readonly UsageSource[] = ['chat-span', 'inference-log', 'agent-turn-log', 'agent-span'];

/** Candidates a more specific record of the same trace or response already counts are dropped. */
function selectCandidates(candidates: readonly Candidate[], timeOf: (c: Candidate) => number): Candidate[] {
	const traces = new Map<UsageSource, Set<string>>(precedence.map(source => [source, new Set()]));
	const responses = new Map<UsageSource, Set<string>>(precedence.map(source => [source, new Set()]));
	for (const candidate of candidates) {
		if (candidate.traceId) traces.get(candidate.source)!.add(candidate.traceId);
		if (candidate.responseId) responses.get(candidate.source)!.add(candidate.responseId);
	}

	const repeated = repeatedChatSpans(candidates, timeOf);
	return candidates.filter(candidate => {
		const better = precedence.slice(0, precedence.indexOf(candidate.source));
		const covered = better.some(
			source =>
				(candidate.traceId !== undefined && traces.get(source)!.has(candidate.traceId)) ||
				(candidate.responseId !== undefined && responses.get(source)!.has(candidate.responseId)),
		);
		return !covered && !repeated.has(candidate);
	});
}

function dedupKeyOf(candidate: Candidate, sessionId: string, time: number): string {
	const {traceId, spanId, index} = candidate;
	switch (candidate.source) {
		case 'chat-span':
		case 'agent-span':
			return traceId && spanId ? `copilot:otel:${traceId}:${spanId}` : `copilot:otel:${sessionId}:${time}:${index}`;
		case 'inference-log':
			return traceId && spanId ? `copilot:log:${traceId}:${spanId}` : `copilot:log:${sessionId}:${time}:${index}`;
		case 'agent-turn-log': {
			const turn = candidate.turnIndex === undefined ? `idx-${index}` : String(candidate.turnIndex);
			return traceId ? `copilot:turn:${traceId}:${turn}` : `copilot:turn:${sessionId}:${turn}:${index}`;
		}
	}
}

/** The latest shutdown of each model of a session, from `<home>/session-state/<id>/events.jsonl`. */
async function latestShutdowns(home: string, sessionId: string): Promise<Map<string, number>> {
	const latest = new Map<string, number>();
	// Only a plain folder name: a conversation id from the file must not lead anywhere else.
	if (sessionId !== path.basename(sessionId) || sessionId === '.' || sessionId === '..') {
		return latest;
	}

	const eventsFile = path.join(home, 'session-state', sessionId, 'events.jsonl');
	try {
		if (!(await stat(eventsFile)).isFile()) return latest;
		for await (const line of readLines(eventsFile, {markers: [shutdownMarker]})) {
			const event = parseJsonObject(line.text);
			for (const snapshot of event ? shutdownSnapshots(event, sessionId) : []) {
				latest.set(snapshot.model, Math.max(latest.get(snapshot.model) ?? 0, snapshot.time));
			}
		}
	} catch {
		// No session-state file (or an unreadable one, reported when it is parsed itself).
	}

	return latest;
}

type Scan = {candidates: Candidate[]; traces: Map<string, TraceContext>};

async function scanRecords(file: SourceFile, context: ParseContext): Promise<Scan> {
	const scan: Scan = {candidates: [], traces: new Map()};
	let index = 0;
	for await (const line of readLines(file.path, {
		markers: ['"attributes"'],
		onBytes: context.onBytes,
		onOversized: reportOversized(context.report, 'copilot', file.path),
	})) {
		const record = parseJsonObject(line.text);
		const attributes = asRecord(record?.['attributes']);
		if (!(record && attributes)) {
			const kind = line.unterminated ? 'partial-line' : 'malformed-line';
			context.report({kind, agent: 'copilot', file: file.path, line: line.number, message: 'not an OTel record'});
			continue;
		}

		noteTrace(scan.traces, record, attributes);
		const candidate = candidateOf(record, attributes, index++);
		if (candidate) scan.candidates.push(candidate);
	}

	return scan;
}

export async function* parseOtel(file: SourceFile, context: ParseContext): AsyncGenerator<UsageEvent> {
	let scan: Scan;
	try {
		scan = await scanRecords(file, context);
	} catch (error) {
		context.report({kind: 'unreadable-file', agent: 'copilot', file: file.path, message: errorText(error)});
		return;
	}

	const traceOf = (candidate: Candidate) => (candidate.traceId ? scan.traces.get(candidate.traceId) : undefined);
	const timeOf = (candidate: Candidate) => candidate.time ?? file.mtimeMs;
	const sessionOf = (candidate: Candidate) =>
		candidate.session?.id ?? traceOf(candidate)?.session?.id ?? candidate.traceId ?? 'unknown-session';
	const modelOf = (candidate: Candidate) => copilotModel(candidate.model ?? traceOf(candidate)?.model ?? '');
	const shutdowns = new Map<string, Map<string, number>>();
	const announced = new Set<string>();
	for (const candidate of selectCandidates(scan.candidates, timeOf)) {
		const sessionId = sessionOf(candidate);
		const model = modelOf(candidate);
		const time = timeOf(candidate);
		if (!shutdowns.has(sessionId)) {
			shutdowns.set(sessionId, await latestShutdowns(file.root, sessionId));
		}

		if (model !== undefined && time <= (shutdowns.get(sessionId)!.get(model) ?? Number.NEGATIVE_INFINITY)) {
			continue;
		}

		if (!announced.has(sessionId)) {
			announced.add(sessionId);
			yield {type: 'session', agent: 'copilot', sessionId, surface: 'cli'};
		}

		const call: CallEvent = {
			type: 'call',
			agent: 'copilot',
			sessionId,
			time,
			model,
			tokens: candidate.tokens,
			dedupKey: dedupKeyOf(candidate, sessionId, time),
			tools: [],
			...(candidate.responseId ? {callId: candidate.responseId} : {}),
		};
		yield call;
	}
}
