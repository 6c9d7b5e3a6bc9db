/**
Qwen Code's `usageMetadata` (Gemini GenAI field names) → TokenCounts.

Qwen Code talks to most providers through an OpenAI-compatible API and converts the usage:
promptTokenCount = prompt_tokens (cached included), cachedContentTokenCount = cached_tokens,
candidatesTokenCount = completion_tokens — which in OpenAI semantics already CONTAINS the
reasoning tokens — thoughtsTokenCount = reasoning_tokens, totalTokenCount = total_tokens
(source: QwenLM/qwen-code openaiContentGenerator/converter.ts). With the native Gemini API,
candidates EXCLUDE thoughts (Gemini semantics, parsers/FORMATS.md §3.4). The two are told apart by
the total: total = prompt + candidates (+ tool) means thoughts are inside candidates.

  input = max(0, prompt − cached) + toolUsePrompt, cacheRead = cached,
  output = candidates (+ thoughts when they are separate), reasoning = min(thoughts, output);
  a usage with only totalTokenCount books the total as output (withTotalOnly).
*/
import {type TokenCounts, tokenCount, withTotalOnly} from '../../core/tokens.js';

export function qwenTokens(usage: Record<string, unknown>): TokenCounts {
	const count = (key: string): number => {
		const value = usage[key];
		// tokenCount: a whole number; a hostile -1 or 1e308 stays visible and core/limits.ts drops the call.
		return tokenCount(value);
	};

	const prompt = count('promptTokenCount');
	const cached = count('cachedContentTokenCount');
	const tool = count('toolUsePromptTokenCount');
	const candidates = count('candidatesTokenCount');
	const thoughts = count('thoughtsTokenCount');
	const total = count('totalTokenCount');
	const thoughtsSeparate = thoughts > 0 && total > 0 && total >= prompt + tool + candidates + thoughts;
	const output = thoughtsSeparate ? candidates + thoughts : candidates;
	return withTotalOnly(
		{
			input: Math.max(0, prompt - cached) + tool,
			cacheRead: cached,
			cacheWrite5m: 0,
			cacheWrite1h: 0,
			output,
			reasoning: Math.min(thoughts, output),
		},
		total,
	);
}
