/**
Every model id that real agent data in our fixtures logs, and the price key it resolves to, or why
it is unpriced. Sources: fixtures/real (in this repository; the last test checks this list is
complete for it) and the team's per-agent ccusage oracle (shared/fixtures/agents: one data home
per agent ccusage 20.0.24 reads, including agents agent-ncdu does not read yet; ids as the files
write them, SQLite rows included). Resolution does not depend on the agent, only its cache does.
*/
import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {createPricer} from '../../source/pricing/index.js';
import {tokens} from '../support/events.js';

const pricer = createPricer();
const keyOf = (model: string) =>
	pricer.priceCall({agent: 'claude', model, tokens: tokens({input: 1000, output: 100}), time: Date.parse('2026-01-15')})
		.pricingKey;

/** [where it is logged, model id as logged, price key]. */
const priced: Array<[string, string, string]> = [
	['real/claude', 'claude-haiku-4-5-20251001', 'claude-haiku-4-5-20251001'],
	['real/claude', 'claude-opus-4-5-20251101', 'claude-opus-4-5-20251101'],
	['real/claude', 'claude-sonnet-4-20250514', 'claude-sonnet-4-20250514'],
	['real/claude', 'claude-sonnet-4-5-20250929', 'claude-sonnet-4-5-20250929'],
	// A LiteLLM proxy's Bedrock Converse route in front of the regional Bedrock id.
	[
		'real/claude',
		'converse/jp.anthropic.claude-haiku-4-5-20251001-v1:0',
		'jp.anthropic.claude-haiku-4-5-20251001-v1:0',
	],
	['real/codex', 'gpt-5.1-codex', 'gpt-5.1-codex'],
	['real/codex', 'gpt-5.5', 'gpt-5.5'],
	['agents/amp', 'claude-haiku-4-5-20251001', 'claude-haiku-4-5-20251001'],
	['agents/amp', 'gpt-5', 'gpt-5'],
	['agents/antigravity', 'gemini-2.5-flash', 'gemini/gemini-2.5-flash'],
	['agents/antigravity', 'gemini-3.6-flash', 'gemini/gemini-3.6-flash'],
	['agents/claude', 'claude-haiku-4-5-20251001', 'claude-haiku-4-5-20251001'],
	['agents/claude', 'claude-opus-4-20250514', 'claude-opus-4-20250514'],
	['agents/claude', 'claude-opus-4-6', 'claude-opus-4-6'],
	['agents/claude', 'claude-sonnet-4-20250514', 'claude-sonnet-4-20250514'],
	['agents/codebuff', 'claude-sonnet-4-20250514', 'claude-sonnet-4-20250514'],
	['agents/codebuff', 'openai/gpt-5', 'gpt-5'],
	['agents/codex', 'gpt-5', 'gpt-5'],
	['agents/codex', 'gpt-5.2-codex', 'gpt-5.2-codex'],
	['agents/codex', 'gpt-5.3-codex', 'gpt-5.3-codex'],
	['agents/copilot', 'gpt-5.4', 'gpt-5.4'],
	['agents/droid', 'gpt-5', 'gpt-5'],
	['agents/gemini', 'gemini-3-flash-preview', 'gemini/gemini-3-flash-preview'],
	['agents/gemini', 'gemini-3.1-pro-preview', 'gemini/gemini-3.1-pro-preview'],
	['agents/gemini', 'gemini-3.1-pro-preview-customtools', 'gemini/gemini-3.1-pro-preview-customtools'],
	['agents/goose', 'claude-sonnet-4-20250514', 'claude-sonnet-4-20250514'],
	['agents/hermes', 'claude-sonnet-4-20250514', 'claude-sonnet-4-20250514'],
	['agents/hermes', 'gpt-5.5', 'gpt-5.5'],
	['agents/kilo', 'claude-sonnet-4-20250514', 'claude-sonnet-4-20250514'],
	['agents/kilo', 'gpt-5', 'gpt-5'],
	['agents/openclaw', 'gpt-5.2', 'gpt-5.2'],
	['agents/openclaw', 'gpt-5.4', 'gpt-5.4'],
	['agents/opencode', 'claude-3-5-sonnet-20241022', 'anthropic.claude-3-5-sonnet-20241022-v2:0'],
	['agents/opencode', 'claude-sonnet-4-20250514', 'claude-sonnet-4-20250514'],
	['agents/opencode', 'gpt-5', 'gpt-5'],
	['agents/pi', 'claude-sonnet-4-5', 'claude-sonnet-4-5'],
	['agents/pi', 'gpt-5', 'gpt-5'],
	['agents/pi', 'gpt-5.1-codex', 'gpt-5.1-codex'],
];

/** [where it is logged, model id as logged, why it has no price]. */
const unpriced: Array<[string, string, string]> = [
	['real/claude', 'sonnet', 'a Task tool input naming Claude Code’s alias, not an API call’s model'],
	[
		'real/codex',
		'gpt-5-1-codex-2025-11-13',
		'a proxy’s (CodeMie) deployment alias, not an OpenAI id: what it routes to is the proxy’s business; ccusage guesses gpt-5.1-codex',
	],
	[
		'real/gemini',
		'gemini-3-pro',
		'not a Gemini API id (the API’s is gemini-3-pro-preview); ccusage’s $1.60/$9.60 is not Google’s list price',
	],
	[
		'real/gemini',
		'gemini-3-pro-image-preview',
		'an image model; the bundled table holds chat models only, and ccusage’s $1.60/$9.60 is not its list price',
	],
	['agents/antigravity', 'gemini-3-pro', 'as above'],
	['agents/antigravity', 'gemini-3-flash-agent', 'Antigravity’s agent-mode label, not a Gemini API id'],
	['agents/antigravity', 'gemini-unpriced-model', 'ccusage’s own name for an unknown model'],
	['agents/copilot', 'claude-opus-4.6-1m-internal', 'GitHub Copilot’s internal deployment name'],
	['agents/droid', 'Claude-Sonnet-4-[Anthropic]', 'Droid’s display label, not a model id'],
	['agents/grok', 'grok-4.5', 'xAI rows are keyed xai/…; no agent agent-ncdu reads logs bare Grok ids'],
	['agents/grok', 'grok-4.5-build', 'a Grok CLI build name, not an xAI API id'],
	['agents/grok', 'grok-never-priced-build', 'ccusage’s own name for an unknown model'],
	['agents/hermes', 'grok-4.3', 'xAI rows are keyed xai/…; no agent agent-ncdu reads logs bare Grok ids'],
	['agents/kimi', 'kimi-code/kimi-for-coding', 'the Kimi Code subscription’s pseudo-model, no per-token price'],
	['agents/kimi', 'kimi-k2', 'no such row: Moonshot prices each K2 release (moonshot/kimi-k2-0905-preview, …)'],
	['agents/openclaw', 'gateway-injected', 'OpenClaw’s placeholder for gateway-injected messages, not a model'],
	['agents/openclaw', 'qwen3.5:9b', 'a local Ollama model: nothing billed'],
	['agents/pi', 'unknown-model-xyz', 'ccusage’s own name for an unknown model'],
	['agents/qwen', 'qwen3-coder', 'only reseller rows (openrouter/qwen/…) in the table, not Qwen’s own price'],
	['agents/qwen', 'qwen3-coder-plus', 'only reseller rows (openrouter/qwen/…) in the table, not Qwen’s own price'],
	['agents/zcode', 'GLM-5.3', 'newer than the price snapshot (zai/glm-5.1 is its newest GLM)'],
];

describe('model ids logged in the fixtures', () => {
	it.each(priced)('%s %s → %s', (_source, model, key) => {
		expect(keyOf(model)).toBe(key);
	});

	it.each(unpriced)('%s %s is unpriced: %s', (_source, model) => {
		expect(keyOf(model)).toBeUndefined();
	});

	it('lists every model id in fixtures/real', () => {
		const root = path.resolve(import.meta.dirname, '../../fixtures/real');
		const logged = new Set<string>();
		const collect = (value: unknown): void => {
			if (Array.isArray(value)) {
				value.forEach(collect);
			} else if (typeof value === 'object' && value !== null) {
				for (const [key, inner] of Object.entries(value)) {
					if (key === 'model' && typeof inner === 'string') {
						logged.add(inner);
					}

					collect(inner);
				}
			}
		};

		const files = readdirSync(root, {recursive: true, encoding: 'utf8'}).filter(
			file => /\.jsonl?$/.test(file) && !file.startsWith('expected-'),
		);
		for (const file of files) {
			const text = readFileSync(path.join(root, file), 'utf8');
			for (const document of file.endsWith('.jsonl') ? text.split('\n').filter(Boolean) : [text]) {
				collect(JSON.parse(document));
			}
		}

		const listed = [...priced, ...unpriced].filter(([source]) => source.startsWith('real/')).map(([, model]) => model);
		expect([...logged].sort()).toEqual([...new Set(listed)].sort());
	});
});
