/**
Maps OpenCode message/part JSON (the same shape in `message.data`, v2 `session_message.data`
and legacy `storage/message/**.json`) to normalized events (parsers/FORMATS.md §4.2-4.3).

Token mapping: input = tokens.input (already non-cached), cacheRead = cache.read,
cacheWrite5m = cache.write, output = tokens.output + tokens.reasoning (recent builds keep
reasoning out of `output`; ccusage bills it at the output rate too), reasoning = the
reasoning part. Stored `cost` > 0 is OpenCode's own figure → reportedCostUSD.

Dedup: forked sessions copy messages under new ids with identical content, and the same
message can be in a database and a legacy JSON file. Both are one call, so the dedupKey is
a content fingerprint (creation time, provider/model, every token count) rather than the
message id; the message id stays as callId.
*/
import type {AgentId} from '../../core/agents.js';
import type {CallEvent, ToolUse, TurnEvent} from '../../core/events.js';
import {tokenCount, totalOf} from '../../core/tokens.js';
import {classifyTool} from '../../core/activity.js';
import {asRecord, asString, promptPreview, num} from '../read-lines.js';

export type MessageContext = {
	/** The agent whose database this is: OpenCode, or a fork that keeps its schema (Kilo). Default `opencode`. */
	readonly agent?: AgentId;
	readonly id: string;
	readonly sessionId: string;
	readonly role?: string;
	readonly createdMs?: number;
};

/** The tool use a `part` (type `tool`) describes; undefined for other parts. */
export function toolFromPart(part: Record<string, unknown>): ToolUse | undefined {
	if (part['type'] !== 'tool') {
		return undefined;
	}

	const name = asString(part['tool']);
	if (!name) {
		return undefined;
	}

	const input = asRecord(asRecord(part['state'])?.['input']);
	const command = asString(input?.['command']);
	const file = asString(input?.['filePath']) ?? asString(input?.['path']);
	return {name, activity: classifyTool(name, command), ...(file ? {file} : {})};
}

/** The text a user `part` (type `text`, not synthetic) carries. */
export function textFromPart(part: Record<string, unknown>): string | undefined {
	return part['type'] === 'text' && part['synthetic'] !== true ? asString(part['text']) : undefined;
}

function modelOf(data: Record<string, unknown>): {model?: string; provider?: string} {
	const v2 = asRecord(data['model']);
	return {
		model: asString(data['modelID']) ?? asString(v2?.['id']) ?? asString(v2?.['modelID']),
		provider: asString(data['providerID']) ?? asString(v2?.['providerID']),
	};
}

export function callFromMessage(
	data: Record<string, unknown>,
	context: MessageContext,
	tools: readonly ToolUse[],
): CallEvent | undefined {
	const role = asString(data['role']) ?? context.role;
	const tokens = asRecord(data['tokens']);
	// Only assistant messages carry `tokens`; a message that names no role but has them (ccusage's
	// test rows, older exports) is an assistant message too. A message of another role never counts.
	if (!tokens || (role !== undefined && role !== 'assistant')) {
		return undefined;
	}

	const time = num(asRecord(data['time'])?.['created']) || context.createdMs;
	if (!time) {
		return undefined;
	}

	const cache = asRecord(tokens['cache']);
	const reasoning = tokenCount(tokens['reasoning']);
	const counts = {
		input: tokenCount(tokens['input']),
		output: tokenCount(tokens['output']) + reasoning,
		cacheRead: tokenCount(cache?.['read']),
		cacheWrite5m: tokenCount(cache?.['write']),
		cacheWrite1h: 0,
		reasoning,
	};
	const cost = num(data['cost']);
	if (totalOf(counts) === 0 && cost === 0) {
		return undefined;
	}

	const {model, provider} = modelOf(data);
	const fingerprint = [
		time,
		provider ?? '',
		model ?? '',
		counts.input,
		tokenCount(tokens['output']),
		reasoning,
		counts.cacheRead,
		counts.cacheWrite5m,
	].join(':');
	const parent = asString(data['parentID']);
	const agent = context.agent ?? 'opencode';
	return {
		type: 'call',
		agent,
		sessionId: asString(data['sessionID']) ?? context.sessionId,
		...(parent ? {turnId: parent} : {}),
		time,
		model,
		tokens: counts,
		dedupKey: `${agent}:${fingerprint}`,
		...(cost > 0 ? {reportedCostUSD: cost} : {}),
		tools,
		callId: asString(data['id']) ?? context.id,
	};
}

export function turnFromMessage(
	data: Record<string, unknown>,
	context: MessageContext,
	texts: readonly string[],
): TurnEvent | undefined {
	const role = asString(data['role']) ?? context.role;
	const time = num(asRecord(data['time'])?.['created']) || context.createdMs;
	if (role !== 'user' || !time) {
		return undefined;
	}

	return {
		type: 'turn',
		agent: context.agent ?? 'opencode',
		sessionId: asString(data['sessionID']) ?? context.sessionId,
		turnId: asString(data['id']) ?? context.id,
		time,
		prompt: promptPreview(texts.join('\n')),
	};
}
