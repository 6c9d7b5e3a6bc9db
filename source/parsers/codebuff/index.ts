/**
The Codebuff parser (FORMATS.md §5.11). Codebuff (formerly Manicode) saves each chat as
`<channel>/projects/<cwd folder name>/chats/<chat id>/chat-messages.json`, a JSON array of the
chat's messages rewritten on every save; the channel is `~/.config/manicode` (all platforms),
or `manicode-dev` / `manicode-staging` for other environments. Roots: `CODEBUFF_DATA_DIR` (comma
list of channel folders, or of their `projects` folders), else the three channels.

A user message starts a turn; an assistant message (`variant` `ai`/`agent`, or `role`
`assistant`) with token counts is a call, with the tools of its blocks. Codebuff's `credits` are
its own billing unit, not USD: cost is estimated.
*/
import path from 'node:path';
import {type Activity, classifyTool, commandHead} from '../../core/activity.js';
import type {CallEvent, ToolUse, TurnEvent, UsageEvent} from '../../core/events.js';
import {envFolders} from '../data-folders.js';
import {readJsonDocument} from '../json-file.js';
import {asRecord, asString, promptPreview} from '../read-lines.js';
import type {AgentParser, DiscoverContext, ParseContext, SourceFile} from '../types.js';
import {chatIdTime, messageTime, messageUsage} from './usage.js';
import {walkFiles} from '../walk.js';

const chatFileName = 'chat-messages.json';
const channels = ['manicode', 'manicode-dev', 'manicode-staging'];

type JsonObject = Record<string, unknown>;

/**
A chat's place. The session id is `<project>/<chat id>` (the chat folder is named after the time it
started, so that is unique); ccusage puts the channel folder's name in front, which would make the
id depend on where a copy of the folder lives.
*/
type Chat = {sessionId: string; project: string; chatId: string};

function chatOf(file: SourceFile): Chat {
	const chatFolder = path.dirname(file.path);
	const project = path.basename(path.dirname(path.dirname(chatFolder)));
	const chatId = path.basename(chatFolder);
	return {sessionId: `${project}/${chatId}`, project, chatId};
}

function roleOf(message: JsonObject): string | undefined {
	return asString(message['variant']) ?? asString(message['role']);
}

const assistantRoles = new Set(['ai', 'agent', 'assistant']);

/** Text of a user message: `content`, `text`, or its text blocks. */
function promptOf(message: JsonObject): string {
	const direct = asString(message['content']) ?? asString(message['text']);
	if (direct) {
		return direct;
	}

	const blocks = Array.isArray(message['blocks']) ? message['blocks'] : [];
	return blocks
		.map(block => asRecord(block))
		.filter(block => block?.['type'] === 'text')
		.map(block => asString(block?.['content']) ?? '')
		.join(' ');
}

/** Blocks nest (a sub-agent's blocks inside an `agent` block); deeper than this is not Codebuff's. */
const maxBlockDepth = 32;

/**
Codebuff's shell tool (`run_terminal_command`) is not in the shared name table, so the rule that a
`git …` command is *git* is applied here too.
*/
function activityOf(name: string, command: string | undefined): Activity {
	const activity = classifyTool(name, command);
	return activity === 'executing' && command !== undefined && commandHead(command) === 'git' ? 'git' : activity;
}

function toolOf(block: JsonObject): ToolUse | undefined {
	const name = asString(block['toolName']);
	if (!name) {
		return undefined;
	}

	const input = asRecord(block['input']);
	const file = asString(input?.['path']) ?? asString(input?.['file_path']);
	const activity = activityOf(name, asString(input?.['command']));
	return file ? {name, activity, file} : {name, activity};
}

/** The tool calls in a message's blocks, sub-agents' included, in order. */
export function toolsOf(message: JsonObject): ToolUse[] {
	const tools: ToolUse[] = [];
	const visit = (blocks: unknown, depth: number): void => {
		if (!Array.isArray(blocks) || depth > maxBlockDepth) {
			return;
		}

		for (const raw of blocks) {
			const block = asRecord(raw);
			const tool = block?.['type'] === 'tool' ? toolOf(block) : undefined;
			if (tool) {
				tools.push(tool);
			} else if (block?.['type'] === 'agent') {
				visit(block['blocks'], depth + 1);
			}
		}
	};

	visit(message['blocks'], 0);
	return tools;
}

function turnFrom(chat: Chat, message: JsonObject, id: string, time: number): TurnEvent | undefined {
	const prompt = promptPreview(promptOf(message));
	return prompt ? {type: 'turn', agent: 'codebuff', sessionId: chat.sessionId, turnId: id, time, prompt} : undefined;
}

function callFrom(chat: Chat, message: JsonObject, id: string, time: number, turnId?: string): CallEvent | undefined {
	const usage = messageUsage(message);
	if (!usage) {
		return undefined;
	}

	return {
		type: 'call',
		agent: 'codebuff',
		sessionId: chat.sessionId,
		...(turnId ? {turnId} : {}),
		time,
		model: usage.model,
		tokens: usage.tokens,
		dedupKey: `codebuff:${chat.sessionId}:${id}`,
		tools: toolsOf(message),
		callId: id,
	};
}

async function* parseCodebuff(file: SourceFile, context: ParseContext): AsyncGenerator<UsageEvent> {
	const document = await readJsonDocument(file.path, {agent: 'codebuff', ...context});
	if (document === undefined) {
		return;
	}

	if (!Array.isArray(document)) {
		context.report({kind: 'unknown-schema', agent: 'codebuff', file: file.path, message: 'chat is not a JSON array'});
		return;
	}

	const chat = chatOf(file);
	yield {type: 'session', agent: 'codebuff', sessionId: chat.sessionId, project: chat.project};
	// A message without its own time is dated by the chat folder's name, else the file's mtime (as ccusage).
	const chatTime = chatIdTime(chat.chatId) ?? file.mtimeMs;
	let turnId: string | undefined;
	for (const [index, raw] of document.entries()) {
		const message = asRecord(raw);
		const role = message ? roleOf(message) : undefined;
		if (!message || !role) {
			continue;
		}

		const id = asString(message['id']) ?? `#${index}`;
		const time = messageTime(message) ?? chatTime;
		if (role === 'user') {
			const turn = turnFrom(chat, message, id, time);
			turnId = turn?.turnId ?? turnId;
			if (turn) yield turn;
		} else if (assistantRoles.has(role)) {
			const call = callFrom(chat, message, id, time, turnId);
			if (call) yield call;
		}
	}
}

/** `<root>/projects`, or the root itself when it is a `projects` folder already. */
function projectsFolder(root: string): string {
	return path.basename(root) === 'projects' ? root : path.join(root, 'projects');
}

export const codebuffParser: AgentParser = {
	id: 'codebuff',
	roots: (context: DiscoverContext) =>
		envFolders(
			context,
			'CODEBUFF_DATA_DIR',
			channels.map(channel => path.join(context.home, '.config', channel)),
		),
	discover: (root, context) =>
		walkFiles('codebuff', root, projectsFolder(root), 'json', name => name === chatFileName, context.report),
	parse: parseCodebuff,
};
