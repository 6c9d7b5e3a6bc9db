/**
The per-file state machine of a Codex rollout: one instance per file, fed line by line.

Line shapes (2025-09+): `{timestamp, type, payload}` with type `session_meta`, `turn_context`,
`response_item`, `event_msg`, `compacted`. Everything else (unknown types, first-generation
unwrapped lines) is ignored; bad JSON is a diagnostic.

Invariants:
- a call is emitted only for a `token_count` that carries new usage (see usage.ts);
- tool calls seen since the previous emitted call are attached to the next one (Codex
  writes the `function_call` item just before the `token_count` of the response that made it);
- a turn starts at each human prompt: `event_msg user_message`, or, in files that never
  write those, a `response_item` user message that is not injected context;
- in a rollout that begins by replaying a parent's history (fork, sub-agent), the lines of
  the creation burst are replay: their `token_count` rows only set the baseline, their prompts
  and tools are the parent's (parsers/FORMATS.md §2.3).
*/
import type {DiagnosticSink} from '../../core/diagnostics.js';
import type {CallEvent, SessionEvent, ToolUse, TurnEvent, UsageEvent} from '../../core/events.js';
import {parseTime} from '../../core/time.js';
import {asRecord, asString, type Line, parseJsonObject, promptPreview} from '../read-lines.js';
import type {SourceFile} from '../types.js';
import {isInjectedContext, messageText, pathSessionId, userMessageText} from './prompts.js';
import {readSessionMeta, type SessionMeta} from './session-meta.js';
import {toolsOfResponseItem} from './tools.js';
import {dedupKeyOf, tokensOf, UsageCounter} from './usage.js';

/**
A child's replay is the burst Codex writes when it materialises the rollout: the session_meta
line, then the parent's history, each line stamped at write time a few microseconds apart. It
ends at the first gap longer than this; the child's own first request always waits for the
model first (hundreds of milliseconds at the very least).
*/
export const replayGapMs = 500;
/** ccusage's assumption for rollouts that never name a model. */
export const fallbackModel = 'gpt-5';
const reportedMalformedLines = 5;

type PendingTurn = {readonly time: number; readonly prompt: string};

export class RolloutState {
	private sessionId: string | undefined;
	private meta: SessionMeta | undefined;
	private sessionAnnounced = false;
	private model: string | undefined;
	private fallbackNoted = false;
	private readonly counter = new UsageCounter();
	private pendingTools: ToolUse[] = [];
	private turnCount = 0;
	private currentTurnId: string | undefined;
	private sawUserMessageEvents = false;
	/** A response_item prompt, used only if this file never writes user_message events. */
	private itemTurn: PendingTurn | undefined;
	private replayActive = false;
	private lastReplayTime = 0;
	/** The child's own prompt written inside the creation burst, after the last replayed usage. */
	private replayTurn: PendingTurn | undefined;
	/** The epoch second of the replaying child's session_meta. */
	private replayStartSecond = 0;
	/** A replayed task_started (started before the child existed) holds the replay past any gap. */
	private replayHeld = false;
	private jsonLines = 0;
	private rolloutLines = 0;
	private malformedLines = 0;
	/** The line being read, for diagnostics. */
	private lineNumber = 0;

	constructor(
		private readonly file: SourceFile,
		private readonly report: DiagnosticSink,
	) {}

	accept(line: Line): UsageEvent[] {
		this.lineNumber = line.number;
		const entry = parseJsonObject(line.text);
		if (!entry) {
			this.badLine(line);
			return [];
		}

		this.jsonLines++;
		const payload = asRecord(entry['payload']);
		const type = entry['type'];
		if (!payload || typeof type !== 'string') {
			return [];
		}

		this.rolloutLines++;
		const timestamp = asString(entry['timestamp']);
		const time = parseTime(timestamp) ?? Number.NaN;
		const events: UsageEvent[] = [];
		const inReplay = this.replayState(time, events);
		switch (type) {
			case 'session_meta': {
				this.onSessionMeta(payload, time, events);
				break;
			}

			case 'turn_context': {
				this.model = asString(payload['model']) ?? this.model;
				break;
			}

			case 'event_msg': {
				this.onEventMessage(payload, timestamp, time, inReplay, events);
				break;
			}

			case 'response_item': {
				this.onResponseItem(payload, time, inReplay);
				break;
			}

			default: {
				break;
			}
		}

		return events;
	}

	/** Diagnostics that summarise the whole file. */
	finish(): void {
		if (this.malformedLines > reportedMalformedLines) {
			this.report({
				kind: 'malformed-line',
				agent: 'codex',
				file: this.file.path,
				message: `${this.malformedLines} lines were not valid JSON`,
			});
		}

		if (this.jsonLines > 0 && this.rolloutLines === 0) {
			this.report({
				kind: 'unknown-schema',
				agent: 'codex',
				file: this.file.path,
				message:
					'no {timestamp,type,payload} lines: first-generation rollout or not a rollout; it records no token usage',
			});
		}
	}

	private badLine(line: Line): void {
		if (line.unterminated) {
			// Usually the line Codex is writing right now.
			this.report({
				kind: 'partial-line',
				agent: 'codex',
				file: this.file.path,
				line: line.number,
				message: 'incomplete last line skipped',
			});
			return;
		}

		this.malformedLines++;
		if (this.malformedLines <= reportedMalformedLines) {
			this.report({
				kind: 'malformed-line',
				agent: 'codex',
				file: this.file.path,
				line: line.number,
				message: 'not a JSON object; skipped',
			});
		}
	}

	/** True while inside the replay burst; leaving it releases the child's own first prompt. */
	private replayState(time: number, events: UsageEvent[]): boolean {
		if (!this.replayActive) {
			return false;
		}

		if (!Number.isFinite(time)) {
			return true;
		}

		if (this.replayHeld || time - this.lastReplayTime <= replayGapMs) {
			this.lastReplayTime = Math.max(this.lastReplayTime, time);
			return true;
		}

		this.endReplay(events);
		return false;
	}

	/** The replay burst is over: the child's own first prompt, written inside it, starts its turn. */
	private endReplay(events: UsageEvent[]): void {
		this.replayActive = false;
		this.replayHeld = false;
		if (this.replayTurn) {
			this.startTurn(this.replayTurn, events);
			this.replayTurn = undefined;
		}
	}

	private onSessionMeta(payload: Record<string, unknown>, time: number, events: UsageEvent[]): void {
		// A replayed history may carry the parent's meta: the first one is this file's.
		if (this.meta) {
			return;
		}

		this.meta = readSessionMeta(payload);
		if (this.meta.replaysParent && Number.isFinite(time)) {
			this.replayActive = true;
			this.lastReplayTime = time;
			this.replayStartSecond = Math.floor(time / 1000);
		}

		if (this.sessionAnnounced) {
			// Rare: the meta came after usage; describe the session under the id already used.
			events.push(this.sessionEvent());
		}
	}

	private onEventMessage(
		payload: Record<string, unknown>,
		timestamp: string | undefined,
		time: number,
		inReplay: boolean,
		events: UsageEvent[],
	): void {
		switch (payload['type']) {
			case 'user_message': {
				this.onUserMessage(payload, time, inReplay, events);
				break;
			}

			case 'task_started': {
				this.onTaskStarted(payload, inReplay, events);
				break;
			}

			case 'token_count': {
				this.onTokenCount(payload, timestamp, time, inReplay, events);
				break;
			}

			default: {
				break;
			}
		}
	}

	/** A human prompt starts a turn; inside the replay burst it waits for the burst to end. */
	private onUserMessage(payload: Record<string, unknown>, time: number, inReplay: boolean, events: UsageEvent[]): void {
		this.sawUserMessageEvents = true;
		this.itemTurn = undefined;
		const prompt = userMessageText(payload);
		if (!Number.isFinite(time)) {
			return;
		}

		if (inReplay) {
			this.replayTurn = {time, prompt};
		} else {
			this.startTurn({time, prompt}, events);
		}
	}

	/**
	A replayed task_started keeps its turn's original started_at; one that started at or after the
	child's creation is the child's own turn, so the replay is over.
	*/
	private onTaskStarted(payload: Record<string, unknown>, inReplay: boolean, events: UsageEvent[]): void {
		const startedAt = payload['started_at'];
		if (!inReplay || typeof startedAt !== 'number') {
			return;
		}

		if (startedAt < this.replayStartSecond) {
			this.replayHeld = true;
		} else {
			this.endReplay(events);
		}
	}

	/** New usage is a call (replayed usage only sets the baseline). */
	private onTokenCount(
		payload: Record<string, unknown>,
		timestamp: string | undefined,
		time: number,
		inReplay: boolean,
		events: UsageEvent[],
	): void {
		const info = asRecord(payload['info']);
		if (!info) {
			return;
		}

		const usage = this.counter.accept(info, inReplay);
		if (inReplay) {
			this.replayTurn = undefined;
			this.pendingTools = [];
			return;
		}

		if (!usage) {
			return;
		}

		if (timestamp === undefined || !Number.isFinite(time)) {
			this.report({
				kind: 'missing-field',
				agent: 'codex',
				file: this.file.path,
				line: this.lineNumber,
				message: 'token_count without a valid timestamp skipped',
			});
			return;
		}

		const model = this.resolveModel(info, payload);
		if (this.itemTurn && !this.sawUserMessageEvents) {
			this.startTurn(this.itemTurn, events);
			this.itemTurn = undefined;
		}

		this.announce(events);
		const call: CallEvent = {
			type: 'call',
			agent: 'codex',
			sessionId: this.sessionId!,
			turnId: this.currentTurnId,
			time,
			model,
			tokens: tokensOf(usage),
			dedupKey: dedupKeyOf(timestamp, model, usage),
			tools: this.pendingTools,
			...(this.meta?.isSubagent ? {sidechain: true} : {}),
			line: this.lineNumber,
		};
		this.pendingTools = [];
		events.push(call);
	}

	private onResponseItem(payload: Record<string, unknown>, time: number, inReplay: boolean): void {
		if (inReplay) {
			return;
		}

		if (payload['type'] === 'message') {
			if (payload['role'] === 'user' && !this.sawUserMessageEvents && Number.isFinite(time)) {
				const text = messageText(payload['content']);
				if (text !== undefined && !isInjectedContext(text)) {
					this.itemTurn = {time, prompt: text};
				}
			}

			return;
		}

		const tools = toolsOfResponseItem(payload);
		if (tools.length > 0) {
			this.pendingTools.push(...tools);
		}
	}

	private resolveModel(info: Record<string, unknown>, payload: Record<string, unknown>): string {
		// Like ccusage: a model named on the event itself wins and becomes the current one.
		const named = asString(info['model']) ?? asString(info['model_name']) ?? asString(payload['model']);
		if (named) {
			this.model = named;
		}

		if (this.model) {
			return this.model;
		}

		if (!this.fallbackNoted) {
			this.fallbackNoted = true;
			this.report({
				kind: 'missing-field',
				agent: 'codex',
				file: this.file.path,
				message: `no model recorded; assuming ${fallbackModel} (as ccusage does)`,
			});
		}

		return fallbackModel;
	}

	private startTurn(turn: PendingTurn, events: UsageEvent[]): void {
		this.announce(events);
		this.turnCount++;
		this.currentTurnId = String(this.turnCount);
		const event: TurnEvent = {
			type: 'turn',
			agent: 'codex',
			sessionId: this.sessionId!,
			turnId: this.currentTurnId,
			time: turn.time,
			prompt: promptPreview(turn.prompt),
		};
		events.push(event);
	}

	/** Fixes the session id on first use and emits the session event once. */
	private announce(events: UsageEvent[]): void {
		if (this.sessionAnnounced) {
			return;
		}

		this.sessionAnnounced = true;
		this.sessionId = this.meta?.id ?? pathSessionId(this.file);
		events.push(this.sessionEvent());
	}

	private sessionEvent(): SessionEvent {
		const meta = this.meta;
		const event: SessionEvent = {type: 'session', agent: 'codex', sessionId: this.sessionId!};
		if (!meta) {
			return event;
		}

		return {
			...event,
			...(meta.project === undefined ? {} : {project: meta.project}),
			...(meta.cwd === undefined ? {} : {cwd: meta.cwd}),
			...(meta.surface === undefined ? {} : {surface: meta.surface}),
			...(meta.parentSessionId === undefined ? {} : {parentSessionId: meta.parentSessionId}),
			...(meta.gitBranch === undefined ? {} : {gitBranch: meta.gitBranch}),
		};
	}
}
