/**
Token counts, model and time of one Codebuff chat message (FORMATS.md §5.11). Usage is read
where ccusage reads it: `metadata.usage`, `metadata.codebuff.usage`, else the newest assistant
entry of the run state saved with the message (`metadata.runState.sessionState.mainAgentState.
messageHistory[].providerOptions[.codebuff].usage`). Two spellings occur: Anthropic-style
(`inputTokens` fresh, `cacheReadInputTokens` and `cacheCreationInputTokens` apart) and
OpenAI-style (`prompt_tokens` **including** `prompt_tokens_details.cached_tokens`).
*/
import type {TokenCounts} from '../../core/tokens.js';
import {tokenCount, totalOf} from '../../core/tokens.js';
import {parseTime} from '../../core/time.js';
import {asRecord, asString} from '../read-lines.js';

type JsonObject = Record<string, unknown>;

/** The first key of `keys` holding a positive count (Codebuff spells each counter several ways). */
function firstCount(record: JsonObject | undefined, keys: readonly string[]): number {
	for (const key of keys) {
		const count = tokenCount(record?.[key]);
		if (count > 0) {
			return count;
		}
	}

	return 0;
}

export type MessageUsage = {tokens: TokenCounts; model?: string};

function isEmpty(tokens: TokenCounts): boolean {
	return totalOf(tokens) === 0;
}

/**
One usage object as our buckets. OpenAI's `cached_tokens` sits inside the prompt count, so it is
taken out of input; Anthropic's `cacheReadInputTokens` never was in it.
*/
export function usageTokens(usage: JsonObject): TokenCounts {
	const prompt = firstCount(usage, ['inputTokens', 'input_tokens', 'promptTokens', 'prompt_tokens']);
	const separateRead = firstCount(usage, ['cacheReadInputTokens', 'cache_read_input_tokens']);
	const cachedInPrompt = Math.max(
		firstCount(asRecord(usage['promptTokensDetails']), ['cachedTokens']),
		firstCount(asRecord(usage['prompt_tokens_details']), ['cached_tokens']),
	);
	const cacheRead = Math.max(separateRead, cachedInPrompt);
	const output = firstCount(usage, ['outputTokens', 'output_tokens', 'completionTokens', 'completion_tokens']);
	const reasoning = Math.min(
		output,
		firstCount(asRecord(usage['completion_tokens_details']), ['reasoning_tokens']) ||
			firstCount(asRecord(usage['completionTokensDetails']), ['reasoningTokens']),
	);
	return {
		input: separateRead >= cachedInPrompt ? prompt : Math.max(0, prompt - cachedInPrompt),
		cacheRead,
		cacheWrite5m: firstCount(usage, [
			'cacheCreationInputTokens',
			'cache_creation_input_tokens',
			'cacheCreationTokens',
			'cache_creation_tokens',
			'cachedTokensCreated',
			'cached_tokens_created',
		]),
		cacheWrite1h: 0,
		output,
		reasoning,
	};
}

/** The newest assistant entry of the saved run state that carries token counts. */
function runStateUsage(metadata: JsonObject): MessageUsage | undefined {
	const state = asRecord(asRecord(asRecord(metadata['runState'])?.['sessionState'])?.['mainAgentState']);
	const history = state?.['messageHistory'];
	if (!Array.isArray(history)) {
		return undefined;
	}

	let model: string | undefined;
	for (let index = history.length - 1; index >= 0; index--) {
		const entry = asRecord(history[index]);
		const options = asRecord(entry?.['providerOptions']);
		if (entry?.['role'] !== 'assistant' || !options) {
			continue;
		}

		const codebuff = asRecord(options['codebuff']);
		model ??= asString(codebuff?.['model']);
		for (const usage of [asRecord(options['usage']), asRecord(codebuff?.['usage'])]) {
			const tokens = usage ? usageTokens(usage) : undefined;
			if (tokens && !isEmpty(tokens)) {
				return {tokens, model: model ?? asString(usage?.['model'])};
			}
		}
	}

	return undefined;
}

/** A message's usage, or undefined when it carries no token count. */
export function messageUsage(message: JsonObject): MessageUsage | undefined {
	const metadata = asRecord(message['metadata']);
	if (!metadata) {
		return undefined;
	}

	const model = asString(metadata['model']);
	for (const usage of [asRecord(metadata['usage']), asRecord(asRecord(metadata['codebuff'])?.['usage'])]) {
		const tokens = usage ? usageTokens(usage) : undefined;
		if (tokens && !isEmpty(tokens)) {
			return {tokens, model: model ?? asString(usage?.['model'])};
		}
	}

	const fromRunState = runStateUsage(metadata);
	return fromRunState ? {tokens: fromRunState.tokens, model: model ?? fromRunState.model} : undefined;
}

/** `timestamp`, `createdAt` or `metadata.timestamp`: ISO text, or epoch seconds or milliseconds. */
export function messageTime(message: JsonObject): number | undefined {
	return (
		parseTime(message['timestamp']) ??
		parseTime(message['createdAt']) ??
		parseTime(asRecord(message['metadata'])?.['timestamp'])
	);
}

/**
The time a chat folder is named after: Codebuff names it `new Date().toISOString()` with every
`:` made `-` (`2026-01-02T03-04-05.000Z`).
*/
export function chatIdTime(chatId: string): number | undefined {
	const match = /^(\d{4}-\d{2}-\d{2}T\d{2})-(\d{2})-(\d{2}(?:\.\d+)?Z)$/.exec(chatId);
	return match ? parseTime(`${match[1]}:${match[2]}:${match[3]}`) : undefined;
}
