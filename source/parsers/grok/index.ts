/**
The Grok Build CLI parser (FORMATS.md §5.13). Roots: `GROK_HOME` (ccusage reads one folder; a
comma list is accepted), else `~/.grok` (`%USERPROFILE%\.grok` on Windows). Files:
`sessions/<url-encoded cwd>/<session id>/updates.jsonl`, one JSON-RPC `session/update`
notification per line, with an optional `summary.json` beside it (`info{id, cwd}`,
`current_model_id`). Usage is on `turn_completed` updates (turn.ts). Prompts and tool calls are
read from the Agent Client Protocol updates `user_message_chunk` and `tool_call` when present.
*/
import path from 'node:path';
import type {CallEvent, SessionEvent, ToolUse, UsageEvent} from '../../core/events.js';
import {parseTime} from '../../core/time.js';
import {envFolders} from '../data-folders.js';
import {readJsonDocument} from '../json-file.js';
import {asRecord, asString, promptPreview} from '../read-lines.js';
import type {AgentParser, ParseContext, SourceFile} from '../types.js';
import {toolFromUpdate} from './tools.js';
import {type TurnRow, turnRows} from './turn.js';
import {errorText} from '../../core/diagnostics.js';
import {readJsonLines} from '../json-lines.js';
import {walkFiles} from '../walk.js';

type JsonObject = Record<string, unknown>;

/** What the folder names and `summary.json` say about the session. */
type SessionMeta = {sessionId: string; cwd?: string; currentModel?: string};

/** `D%3A%5Cwork%5Cproj` → `D:\work\proj`; a name that is not valid percent-encoding stays as it is. */
function decodedFolder(name: string): string {
	try {
		return decodeURIComponent(name);
	} catch {
		return name;
	}
}

/** The last folder of a POSIX or Windows path. */
function lastFolder(cwd: string): string | undefined {
	return cwd
		.split(/[\\/]+/)
		.filter(Boolean)
		.at(-1);
}

async function sessionMeta(file: SourceFile, context: ParseContext): Promise<SessionMeta> {
	const sessionFolder = path.dirname(file.path);
	const summary = asRecord(
		await readJsonDocument(path.join(sessionFolder, 'summary.json'), {
			agent: 'grok',
			report: context.report,
			optional: true,
		}),
	);
	const info = asRecord(summary?.['info']);
	return {
		sessionId: asString(info?.['id']) ?? path.basename(sessionFolder),
		cwd:
			asString(info?.['cwd']) ??
			asString(summary?.['git_root_dir']) ??
			decodedFolder(path.basename(path.dirname(sessionFolder))),
		currentModel: asString(summary?.['current_model_id']),
	};
}

/** Grok's own time in ms (`_meta.agentTimestampMs`), else the envelope's Unix seconds. */
function updateTime(line: JsonObject, meta: JsonObject | undefined): number | undefined {
	const agentMs = meta?.['agentTimestampMs'];
	if (typeof agentMs === 'number' && Number.isFinite(agentMs) && agentMs > 0) {
		return agentMs;
	}

	return parseTime(line['timestamp']);
}

function callsOf(
	rows: TurnRow[],
	sessionId: string,
	time: number,
	eventId: string | undefined,
	tools: ToolUse[],
): CallEvent[] {
	return rows.map((row, index) => {
		const {input, output, cacheRead, cacheWrite5m} = row.tokens;
		// One server event can be exported into more than one session's file: its id counts once.
		const key = eventId ?? `${sessionId}|${time}|${input}|${output}|${cacheRead}|${cacheWrite5m}`;
		return {
			type: 'call',
			agent: 'grok',
			sessionId,
			time,
			model: row.model,
			tokens: row.tokens,
			dedupKey: `grok:${key}|${row.model ?? ''}`,
			...(row.costUSD === undefined ? {} : {reportedCostUSD: row.costUSD}),
			// A turn's tools go with its first model's call: the log does not say which model ran them.
			tools: index === 0 ? tools : [],
			...(eventId ? {callId: eventId} : {}),
		};
	});
}

/**
The events of one update line. A turn's prompt may come in several `user_message_chunk` updates:
they are joined until the turn's `turn_completed` (or a tool call) closes it.
*/
class UpdateReader {
	private tools: ToolUse[] = [];
	private prompt: {turnId: string; time: number; text: string; line: number} | undefined;

	constructor(
		private readonly meta: SessionMeta,
		private readonly file: SourceFile,
		private readonly context: ParseContext,
	) {}

	*events(record: JsonObject, lineNumber: number): Generator<UsageEvent> {
		const params = asRecord(record['params']);
		const update = asRecord(params?.['update']);
		const kind = asString(update?.['sessionUpdate']);
		const sessionId = asString(params?.['sessionId']) ?? this.meta.sessionId;
		const time = updateTime(record, asRecord(params?.['_meta']));
		if (kind === 'user_message_chunk') {
			this.addPrompt(asString(asRecord(update?.['content'])?.['text']), time, lineNumber);
			return;
		}

		yield* this.flushPrompt(sessionId);
		const usage = asRecord(update?.['usage']);
		if (kind === 'tool_call') {
			const tool = toolFromUpdate(update!);
			if (tool) this.tools.push(tool);
		} else if (kind === 'turn_completed' && usage) {
			yield* this.turnCalls(usage, sessionId, time, asString(asRecord(params?.['_meta'])?.['eventId']), lineNumber);
		}
	}

	*finish(): Generator<UsageEvent> {
		yield* this.flushPrompt(this.meta.sessionId);
	}

	private addPrompt(text: string | undefined, time: number | undefined, line: number): void {
		if (!text) return;
		if (this.prompt) {
			this.prompt.text += text;
		} else if (time !== undefined) {
			this.prompt = {turnId: `line-${line}`, time, text, line};
		}
	}

	private *flushPrompt(sessionId: string): Generator<UsageEvent> {
		const pending = this.prompt;
		this.prompt = undefined;
		const prompt = pending ? promptPreview(pending.text) : '';
		if (pending && prompt) {
			yield {
				type: 'turn',
				agent: 'grok',
				sessionId,
				turnId: pending.turnId,
				time: pending.time,
				prompt,
				line: pending.line,
			};
		}
	}

	private *turnCalls(
		usage: JsonObject,
		sessionId: string,
		time: number | undefined,
		eventId: string | undefined,
		line: number,
	): Generator<UsageEvent> {
		if (time === undefined) {
			this.context.report({
				kind: 'missing-field',
				agent: 'grok',
				file: this.file.path,
				line,
				message: 'turn_completed without a time',
			});
			return;
		}

		for (const call of callsOf(turnRows(usage, this.meta.currentModel), sessionId, time, eventId, this.tools)) {
			yield {...call, line};
		}

		this.tools = [];
	}
}

function sessionEvent(meta: SessionMeta, sessionId: string): SessionEvent {
	return {
		type: 'session',
		agent: 'grok',
		sessionId,
		surface: 'cli',
		...(meta.cwd ? {cwd: meta.cwd, project: lastFolder(meta.cwd)} : {}),
	};
}

async function* parseGrok(file: SourceFile, context: ParseContext): AsyncGenerator<UsageEvent> {
	const meta = await sessionMeta(file, context);
	const reader = new UpdateReader(meta, file, context);
	const announced = new Set<string>();
	try {
		for await (const line of readJsonLines(file, context, ['turn_completed', 'user_message_chunk', 'tool_call'])) {
			const record = line.record;

			for (const event of reader.events(record, line.number)) {
				if (!announced.has(event.sessionId)) {
					announced.add(event.sessionId);
					yield sessionEvent(meta, event.sessionId);
				}

				yield event;
			}
		}
	} catch (error) {
		context.report({kind: 'unreadable-file', agent: 'grok', file: file.path, message: errorText(error)});
	}

	yield* reader.finish();
}

export const grokParser: AgentParser = {
	id: 'grok',
	roots: context => envFolders(context, 'GROK_HOME', [path.join(context.home, '.grok')]),
	discover: (root, context) =>
		walkFiles('grok', root, path.join(root, 'sessions'), 'jsonl', name => name === 'updates.jsonl', context.report),
	parse: parseGrok,
};
