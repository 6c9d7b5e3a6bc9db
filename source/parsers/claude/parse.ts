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
import type {CallEvent, ToolUse, UsageEvent} from '../../core/events.js';
import {parseTime} from '../../core/time.js';
import {type TokenCounts, tokenCount, totalOf} from '../../core/tokens.js';
import {asRecord, asString, parseJsonObject, promptPreview, readLines} from '../read-lines.js';
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
	const isSubagentFile = file.kind === 'subagent';
	const pending = new Map<string, PendingCall>();
	const order: PendingCall[] = [];
	const sessionsSeen = new Set<string>();
	let currentTurn: string | undefined;
	// Turn of each decoded user/assistant line by uuid, so a line finds its turn through
	// `parentUuid` (branches after /rewind, resumed history); a parent we did not decode
	// (progress/system lines are prefiltered away) falls back to file order.
	const turnOfLine = new Map<string, string | undefined>();
	const turnThroughParent = (record: Record<string, unknown>): string | undefined => {
		const parent = asString(record['parentUuid']);
		const turn = parent !== undefined && turnOfLine.has(parent) ? turnOfLine.get(parent) : currentTurn;
		const uuid = asString(record['uuid']);
		if (uuid) {
			turnOfLine.set(uuid, turn);
		}

		return turn;
	};
	let title: string | undefined;
	const fileSessionId = sessionIdOfPath(file);

	for await (const line of readLines(file.path, {
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
	})) {
		// Tool-result user lines are read from their bytes (never prompts, never usage); a line
		// the byte reader cannot vouch for is decoded and parsed like any other.
		const toolResult = line.bytes && !line.unterminated ? readToolResultLine(line.bytes) : undefined;
		const record: Record<string, unknown> | undefined =
			toolResult ?? parseJsonObject(line.bytes ? line.bytes.toString('utf8') : line.text);
		if (!record) {
			context.report(
				line.unterminated
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
						},
			);
			continue;
		}

		const type = record['type'];
		if (type === 'summary' || type === 'custom-title' || type === 'ai-title') {
			title ??=
				asString(record['summary']) ??
				asString(record['customTitle']) ??
				asString(record['aiTitle']) ??
				asString(record['title']);
			continue;
		}

		// Hand-made and proxy logs may lack sessionId: fall back to the file's session (as ccusage does).
		const sessionId = asString(record['sessionId']) ?? fileSessionId;

		if (!sessionsSeen.has(sessionId)) {
			sessionsSeen.add(sessionId);
			const cwd = asString(record['cwd']);
			yield {
				type: 'session',
				agent: 'claude',
				sessionId,
				cwd,
				project: cwd ? cwd.split(/[\\/]/).filter(Boolean).at(-1) : projectFolderOf(file),
				gitBranch: asString(record['gitBranch']),
				surface: asString(record['entrypoint']) ?? 'cli',
			};
		}

		if (type === 'user') {
			if (isSubagentFile || record['isSidechain'] === true) {
				continue;
			}

			const text = toolResult ? undefined : humanPromptText(record);
			const time = parseTime(record['timestamp']);
			if (text !== undefined && time !== undefined) {
				currentTurn = asString(record['uuid']) ?? `line-${line.number}`;
				turnOfLine.set(currentTurn, currentTurn);
				yield {
					type: 'turn',
					agent: 'claude',
					sessionId,
					turnId: currentTurn,
					time,
					prompt: promptPreview(text),
					line: line.number,
				};
			} else {
				turnThroughParent(record);
			}

			continue;
		}

		// Assistant lines carry usage directly; progress lines may embed an agent_progress copy.
		let envelope: Record<string, unknown> | undefined;
		let copied = false;
		// Very old builds and hand-made logs have no `type`; ccusage accepts any line whose
		// message carries usage, and so do we.
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
		if (!envelope || !message || !usage) {
			continue;
		}

		const model = asString(message['model']);
		if (model === '<synthetic>') {
			continue;
		}

		const time = parseTime(envelope['timestamp'] ?? record['timestamp']);
		if (time === undefined) {
			context.report({
				kind: 'missing-field',
				agent: 'claude',
				file: file.path,
				line: line.number,
				message: 'assistant line without a valid timestamp; skipped',
			});
			continue;
		}

		const messageId = asString(message['id']);
		const requestId = asString(envelope['requestId']);
		const sidechain = copied || isSubagentFile || record['isSidechain'] === true;
		// Every streamed line registers its uuid: the next block's parentUuid points at it.
		const turnId = sidechain ? undefined : turnThroughParent(record);
		// Message ids are unique per API response, so the id alone identifies a response across
		// files (this also folds /btw sidechain replays, which reuse the id with a new request id).
		// Without a request id ccusage scopes the id to its session; so do we.
		const dedupKey = messageId ? (requestId ? `claude:${messageId}` : `claude:${sessionId}:${messageId}`) : undefined;
		const tokens = usageTokens(usage);
		const tools = toolsOf(message);
		const costUSD =
			typeof envelope['costUSD'] === 'number' && envelope['costUSD'] > 0 ? envelope['costUSD'] : undefined;
		const speed = usage['speed'] === 'fast' || envelope['speed'] === 'fast' ? ('fast' as const) : undefined;
		const localKey = dedupKey ? `${dedupKey}|${sidechain}` : undefined;
		const existing = localKey ? pending.get(localKey) : undefined;
		if (existing) {
			// The line with the most usage wins, with its timestamp (ccusage keeps that whole line):
			// a response streamed across midnight counts on the day its final block was written.
			if (totalOf(tokens) > totalOf(existing.event.tokens)) {
				existing.event.tokens = tokens;
				existing.event.time = time;
				existing.event.line = line.number;
			}

			for (const {id, tool} of tools) {
				existing.tools.set(id, tool);
			}

			continue;
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
				reportedCostUSD: costUSD,
				speed,
				callId: messageId,
				line: line.number,
			},
			tools: new Map(tools.map(({id, tool}) => [id, tool])),
		};
		if (localKey) {
			pending.set(localKey, call);
		}

		order.push(call);
	}

	for (const sessionId of title ? sessionsSeen : []) {
		yield {type: 'session', agent: 'claude', sessionId, title};
	}

	for (const {event, tools} of order) {
		yield {...event, tools: [...tools.values()]};
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
