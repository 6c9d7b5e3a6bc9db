/**
One Claude Code transcript → normalized events (parsers/FORMATS.md §1.2-§1.6).

- Usage comes only from `message.usage` of assistant lines, and from the assistant copies
  embedded in `progress` lines (`data.message`, agent_progress): never from
  `toolUseResult.usage` (a summary) and never from `<synthetic>` messages.
- Streamed copies of one response (one line per content block, same message id, output
  tokens growing) are merged here: max usage, union of tools. Copies in *other* files are
  merged by the builder through `dedupKey` (sidechain copies lose to main-file copies).
- dedupKey is `claude:<message id>` (not id + request id): a /btw replay reuses the id with a
  new request id and must collide with the parent copy; without a request id the key is
  scoped to the session, as ccusage does. Progress copies and sub-agent lines are `sidechain`.
- A call's turn is the human prompt its `parentUuid` chain leads to (file order when the
  chain leaves the decoded lines); sub-agent calls get no turnId, so the builder puts them in
  the parent session's latest turn by time.
*/
import {classifyTool} from '../../core/activity.js';
import type {Diagnostic} from '../../core/diagnostics.js';
import type {CallEvent, SessionEvent, ToolUse, TurnEvent, UsageEvent} from '../../core/events.js';
import {parseTime} from '../../core/time.js';
import {type TokenCounts, tokenCount, totalOf} from '../../core/tokens.js';
import {
	asRecord,
	asString,
	type Line,
	parseJsonObject,
	promptPreview,
	type ReadLinesOptions,
	readLines,
} from '../read-lines.js';
import type {ParseContext, SourceFile} from '../types.js';
import {humanPromptText} from './prompts.js';
import {readToolResultLine} from './tool-result-line.js';

/** Only lines with one of these byte strings are decoded at all. */
// `"type":"user"` first: tool-result user lines are most of the bytes, and their top-level
// type comes early, so the search stops there instead of scanning the whole line for usage.
const markers = ['"type":"user"', '"usage":{', '"type":"summary"', '"type":"custom-title"', '"type":"ai-title"'];

const toolResultBytes = Buffer.from('"tool_result"');
const userTypeBytes = Buffer.from('"type":"user"');
/**
Candidates for the byte-level tool-result reader, which proves the rest or declines (so a
missed candidate is only decoded the slow way). Claude Code writes the top-level type before
the message, so only the line's head is searched for it: assistant lines are not scanned twice.
*/
const maybeToolResult = (line: Buffer) =>
	line.subarray(0, 2048).indexOf(userTypeBytes) !== -1 && line.indexOf(toolResultBytes) !== -1;

type PendingCall = {
	event: Omit<CallEvent, 'tools' | 'tokens' | 'time' | 'line'> & {tokens: TokenCounts; time: number; line: number};
	/** Tools by tool_use id: streamed lines each carry some of the response's blocks. */
	tools: Map<string, ToolUse>;
};

type IdentifiedTool = {readonly id: string; readonly tool: ToolUse};

function usageTokens(usage: Record<string, unknown>): TokenCounts {
	const flatWrites = tokenCount(usage['cache_creation_input_tokens']);
	const breakdown = asRecord(usage['cache_creation']);
	let cacheWrite5m = flatWrites;
	let cacheWrite1h = 0;
	if (breakdown) {
		const fiveMinutes = tokenCount(breakdown['ephemeral_5m_input_tokens']);
		const oneHour = tokenCount(breakdown['ephemeral_1h_input_tokens']);
		// A breakdown that sums to zero next to a non-zero flat count is a logging gap:
		// keep the flat count (at the 5-minute price) rather than dropping the writes.
		if (fiveMinutes + oneHour > 0 || flatWrites === 0) {
			cacheWrite5m = fiveMinutes;
			cacheWrite1h = oneHour;
		}
	}

	return {
		input: tokenCount(usage['input_tokens']),
		cacheRead: tokenCount(usage['cache_read_input_tokens']),
		cacheWrite5m,
		cacheWrite1h,
		output: tokenCount(usage['output_tokens']),
		reasoning: 0,
	};
}

function toolsOf(message: Record<string, unknown>): IdentifiedTool[] {
	const content = message['content'];
	if (!Array.isArray(content)) {
		return [];
	}

	const tools: IdentifiedTool[] = [];
	for (const block of content) {
		const record = asRecord(block);
		if (record?.['type'] !== 'tool_use' && record?.['type'] !== 'server_tool_use') {
			continue;
		}

		const name = asString(record['name']) ?? 'tool';
		const input = asRecord(record['input']) ?? {};
		const command = asString(input['command']);
		const file = asString(input['file_path']) ?? asString(input['notebook_path']) ?? asString(input['path']);
		const id = asString(record['id']) ?? `${name}:${tools.length}`;
		tools.push({
			id,
			tool: file ? {name, activity: classifyTool(name, command), file} : {name, activity: classifyTool(name, command)},
		});
	}

	return tools;
}

export async function* parseClaudeFile(file: SourceFile, context: ParseContext): AsyncGenerator<UsageEvent> {
	const transcript = new Transcript(file, context);
	for await (const line of readLines(file.path, readOptions(file, context))) {
		// Tool-result user lines are read from their bytes (never prompts, never usage); a line
		// the byte reader cannot vouch for is decoded and parsed like any other.
		const toolResult = line.bytes && !line.unterminated ? readToolResultLine(line.bytes) : undefined;
		const record: Record<string, unknown> | undefined =
			toolResult ?? parseJsonObject(line.bytes ? line.bytes.toString('utf8') : line.text);
		if (!record) {
			context.report(unreadableLine(file, line));
			continue;
		}

		const type = record['type'];
		if (type === 'summary' || type === 'custom-title' || type === 'ai-title') {
			transcript.noteTitle(record);
			continue;
		}

		// Hand-made and proxy logs may lack sessionId: fall back to the file's session (as ccusage does).
		const sessionId = asString(record['sessionId']) ?? transcript.fileSessionId;
		const session = transcript.firstSight(sessionId, record);
		if (session) {
			yield session;
		}

		if (type === 'user') {
			const turn = transcript.userLine(record, sessionId, line.number, toolResult !== undefined);
			if (turn) {
				yield turn;
			}
		} else {
			const response = responseOf(record, type);
			if (response) {
				transcript.addResponse(response, record, sessionId, line.number);
			}
		}
	}

	yield* transcript.finalEvents();
}

function readOptions(file: SourceFile, context: ParseContext): ReadLinesOptions {
	return {
		markers,
		onBytes: context.onBytes,
		onOversized: (number, bytes) =>
			context.report({
				kind: 'malformed-line',
				agent: 'claude',
				file: file.path,
				line: number,
				message: `line of ${bytes} bytes is too long; skipped`,
			}),
		undecoded: maybeToolResult,
	};
}

/** A line that is not a JSON object: cut off (the file is still being written) or malformed. */
function unreadableLine(file: SourceFile, line: Line): Diagnostic {
	return line.unterminated
		? {
				kind: 'partial-line',
				agent: 'claude',
				file: file.path,
				line: line.number,
				message: 'unterminated last line (file still being written?); skipped',
			}
		: {
				kind: 'malformed-line',
				agent: 'claude',
				file: file.path,
				line: line.number,
				message: 'not valid JSON; skipped',
			};
}

/** One API response as a line carries it, with its usage. */
type ResponseLine = {
	/** The assistant line: the line itself, or the copy a progress line embeds. */
	readonly envelope: Record<string, unknown>;
	readonly message: Record<string, unknown>;
	readonly usage: Record<string, unknown>;
	/** A progress line's copy of a sub-agent's line. */
	readonly copied: boolean;
};

/**
The response a line carries usage for: assistant lines directly, progress lines through an
agent_progress copy. Very old builds and hand-made logs have no `type`; ccusage accepts any line
whose message carries usage, and so do we.
*/
function responseOf(record: Record<string, unknown>, type: unknown): ResponseLine | undefined {
	let envelope: Record<string, unknown> | undefined;
	let copied = false;
	if (type === 'assistant' || type === undefined) {
		envelope = record;
	} else if (type === 'progress') {
		const data = asRecord(record['data']);
		const embedded = asRecord(data?.['message']);
		if (data?.['type'] === 'agent_progress' && embedded?.['type'] === 'assistant') {
			envelope = embedded;
			copied = true;
		}
	}

	const message = asRecord(envelope?.['message']);
	const usage = asRecord(message?.['usage']);
	return envelope && message && usage ? {envelope, message, usage, copied} : undefined;
}

/**
Message ids are unique per API response, so the id alone identifies a response across files
(this also folds /btw sidechain replays, which reuse the id with a new request id). Without a
request id ccusage scopes the id to its session; so do we.
*/
function dedupKeyOf(
	messageId: string | undefined,
	requestId: string | undefined,
	sessionId: string,
): string | undefined {
	return messageId ? (requestId ? `claude:${messageId}` : `claude:${sessionId}:${messageId}`) : undefined;
}

/** What reading one transcript has gathered: sessions, the current turn, calls merged by response. */
class Transcript {
	/** The session a line without `sessionId` belongs to. */
	readonly fileSessionId: string;
	private readonly isSubagentFile: boolean;
	/** Calls by dedup key and sidechain flag, to merge a response's streamed copies. */
	private readonly pending = new Map<string, PendingCall>();
	/** Calls in the order their first copy appeared. */
	private readonly order: PendingCall[] = [];
	private readonly sessionsSeen = new Set<string>();
	private currentTurn: string | undefined;
	/**
	Turn of each decoded user/assistant line by uuid, so a line finds its turn through
	`parentUuid` (branches after /rewind, resumed history); a parent we did not decode
	(progress/system lines are prefiltered away) falls back to file order.
	*/
	private readonly turnOfLine = new Map<string, string | undefined>();
	private title: string | undefined;

	constructor(
		private readonly file: SourceFile,
		private readonly context: ParseContext,
	) {
		this.fileSessionId = sessionIdOfPath(file);
		this.isSubagentFile = file.kind === 'subagent';
	}

	/** The first title a summary, custom-title or ai-title line gives is the file's. */
	noteTitle(record: Record<string, unknown>): void {
		this.title ??=
			asString(record['summary']) ??
			asString(record['customTitle']) ??
			asString(record['aiTitle']) ??
			asString(record['title']);
	}

	/** The session's event the first time a line names it (cwd, project, branch, surface of that line). */
	firstSight(sessionId: string, record: Record<string, unknown>): SessionEvent | undefined {
		if (this.sessionsSeen.has(sessionId)) {
			return undefined;
		}

		this.sessionsSeen.add(sessionId);
		const cwd = asString(record['cwd']);
		return {
			type: 'session',
			agent: 'claude',
			sessionId,
			cwd,
			project: cwd ? cwd.split(/[\\/]/).filter(Boolean).at(-1) : undefined,
			projectFolder: cwd ? undefined : projectFolderOf(this.file),
			gitBranch: asString(record['gitBranch']),
			surface: asString(record['entrypoint']) ?? 'cli',
		};
	}

	/** A user line: a human prompt starts a turn; anything else only links its uuid to a turn. */
	userLine(
		record: Record<string, unknown>,
		sessionId: string,
		lineNumber: number,
		isToolResult: boolean,
	): TurnEvent | undefined {
		if (this.isSubagentFile || record['isSidechain'] === true) {
			return undefined;
		}

		const text = isToolResult ? undefined : humanPromptText(record);
		const time = parseTime(record['timestamp']);
		if (text === undefined || time === undefined) {
			this.turnThroughParent(record);
			return undefined;
		}

		this.currentTurn = asString(record['uuid']) ?? `line-${lineNumber}`;
		this.turnOfLine.set(this.currentTurn, this.currentTurn);
		return {
			type: 'turn',
			agent: 'claude',
			sessionId,
			turnId: this.currentTurn,
			time,
			prompt: promptPreview(text),
			line: lineNumber,
		};
	}

	/** A response's line: a new call, or a streamed copy merged into the call it repeats. */
	addResponse(response: ResponseLine, record: Record<string, unknown>, sessionId: string, lineNumber: number): void {
		const {envelope, message, usage} = response;
		const model = asString(message['model']);
		if (model === '<synthetic>') {
			return;
		}

		const time = parseTime(envelope['timestamp'] ?? record['timestamp']);
		if (time === undefined) {
			this.context.report({
				kind: 'missing-field',
				agent: 'claude',
				file: this.file.path,
				line: lineNumber,
				message: 'assistant line without a valid timestamp; skipped',
			});
			return;
		}

		const messageId = asString(message['id']);
		const sidechain = response.copied || this.isSubagentFile || record['isSidechain'] === true;
		// Every streamed line registers its uuid: the next block's parentUuid points at it.
		const turnId = sidechain ? undefined : this.turnThroughParent(record);
		const dedupKey = dedupKeyOf(messageId, asString(envelope['requestId']), sessionId);
		const tokens = usageTokens(usage);
		const tools = toolsOf(message);
		const localKey = dedupKey ? `${dedupKey}|${sidechain}` : undefined;
		const existing = localKey ? this.pending.get(localKey) : undefined;
		if (existing) {
			mergeCopy(existing, tokens, time, lineNumber, tools);
			return;
		}

		const call: PendingCall = {
			event: {
				type: 'call',
				agent: 'claude',
				sessionId,
				turnId,
				time,
				model,
				tokens,
				dedupKey,
				sidechain,
				reportedCostUSD:
					typeof envelope['costUSD'] === 'number' && envelope['costUSD'] > 0 ? envelope['costUSD'] : undefined,
				speed: usage['speed'] === 'fast' || envelope['speed'] === 'fast' ? 'fast' : undefined,
				callId: messageId,
				line: lineNumber,
			},
			tools: new Map(tools.map(({id, tool}) => [id, tool])),
		};
		if (localKey) {
			this.pending.set(localKey, call);
		}

		this.order.push(call);
	}

	/** After the last line: the title for every session seen, then the merged calls. */
	*finalEvents(): Generator<UsageEvent> {
		const {title} = this;
		for (const sessionId of title ? this.sessionsSeen : []) {
			yield {type: 'session', agent: 'claude', sessionId, title};
		}

		for (const {event, tools} of this.order) {
			yield {...event, tools: [...tools.values()]};
		}
	}

	private turnThroughParent(record: Record<string, unknown>): string | undefined {
		const parent = asString(record['parentUuid']);
		const turn = parent !== undefined && this.turnOfLine.has(parent) ? this.turnOfLine.get(parent) : this.currentTurn;
		const uuid = asString(record['uuid']);
		if (uuid) {
			this.turnOfLine.set(uuid, turn);
		}

		return turn;
	}
}

/**
Another streamed copy of a response already seen: the line with the most usage wins, with its
timestamp (ccusage keeps that whole line), so a response streamed across midnight counts on the
day its final block was written; tools are the union.
*/
function mergeCopy(
	call: PendingCall,
	tokens: TokenCounts,
	time: number,
	lineNumber: number,
	tools: readonly IdentifiedTool[],
): void {
	if (totalOf(tokens) > totalOf(call.event.tokens)) {
		call.event.tokens = tokens;
		call.event.time = time;
		call.event.line = lineNumber;
	}

	for (const {id, tool} of tools) {
		call.tools.set(id, tool);
	}
}

/**
The session a file stands for when its lines do not say: `projects/<p>/<id>.jsonl` → `<id>`,
anything nested deeper (`<p>/<id>/subagents/agent-x.jsonl`) → `<id>`.
*/
function sessionIdOfPath(file: SourceFile): string {
	const relative = file.path.slice(file.root.length).split(/[\\/]/).filter(Boolean);
	const underProject = relative.slice(2);
	const stem = (relative.at(-1) ?? 'unknown').replace(/\.jsonl$/, '');
	return underProject.length > 1 ? (underProject[0] ?? stem) : stem;
}

/** The project folder name when no cwd is known (encoded, so only a fallback). */
function projectFolderOf(file: SourceFile): string | undefined {
	const relative = file.path.slice(file.root.length).split(/[\\/]/).filter(Boolean);
	return relative[1];
}
