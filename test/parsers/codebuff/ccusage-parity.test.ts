/**
Codebuff through the built CLI (empty HOME, `CODEBUFF_DATA_DIR` at fixtures/agents/codebuff/manicode)
against ccusage 20.0.24's stored daily report on the same files. Output, cache read and cache write
are equal; input is smaller by the cached tokens that ccusage counts twice.
*/
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {agentFixtures, ccusageDaily, daysOf, ourExport, tokenColumns} from '../../support/agents-oracle.js';

const openaiChat = path.join(
	agentFixtures,
	'codebuff/manicode/projects/project-b/chats/2026-01-02T03-04-05.000Z/chat-messages.json',
);

describe('Codebuff: daily parity with ccusage 20.0.24', async () => {
	const document = await ourExport('CODEBUFF_DATA_DIR', 'codebuff/manicode', 'codebuff');
	const ours = daysOf(document);
	const theirs = ccusageDaily('codebuff');

	it('output, cache read and cache write equal; input leaves out the cached tokens inside prompt_tokens', () => {
		// project-b's run-state usage is OpenAI's: prompt_tokens 100, of which
		// prompt_tokens_details.cached_tokens 10 were cache reads. ccusage counts the 10 as input and
		// again as cache read (its input 200, total 340); we count them once.
		const usage = JSON.parse(readFileSync(openaiChat, 'utf8'))[0].metadata.runState.sessionState.mainAgentState
			.messageHistory[1].providerOptions.codebuff.usage;
		expect([usage.prompt_tokens, usage.prompt_tokens_details.cached_tokens]).toEqual([100, 10]);
		const expected = tokenColumns(theirs).map(day => ({...day, inputTokens: day.inputTokens - 10}));
		expect(tokenColumns(ours)).toEqual(expected);
		expect(ours.map(day => day.totalTokens)).toEqual(theirs.map(day => day.totalTokens - 10));
	});

	it('the Claude call is priced as ccusage prices it; openai/gpt-5 at gpt-5’s list price on 90 fresh + 10 cached input', () => {
		expect(document.byModel['claude-sonnet-4-20250514']?.costUSD).toBe(0.001128); // ccusage: 0.001128
		// 90 × $1.25 + 10 × $0.125 + 50 × $10 per million. ccusage's $0.0003525 for this call is not
		// gpt-5's list price on either reading of the counts ($0.00062625 with input 100); we could not
		// tell which price it applied.
		expect(document.byModel['openai/gpt-5']?.costUSD).toBeCloseTo(0.00061375, 12);
	});
});
