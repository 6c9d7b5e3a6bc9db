/**
Model-name resolution across agents (pricing/PRICING.md §4.3), fast mode, and the override file.
*/
import {describe, expect, it} from 'vitest';
import type {AgentId} from '../../source/core/agents.js';
import {createPricer, loadPricingOverrides} from '../../source/pricing/index.js';
import {codexAutoReviewModel, ModelResolver} from '../../source/pricing/resolve-model.js';
import {bundledTable} from '../../source/pricing/table.js';
import {tokens} from '../support/events.js';

const pricer = createPricer();
const million = 1_000_000;
const keyOf = (agent: AgentId, model: string, iso = '2026-06-01T00:00:00Z') =>
	pricer.priceCall({agent, model, tokens: tokens({input: 1}), time: Date.parse(iso)}).pricingKey;

describe('resolution per agent', () => {
	it.each([
		// Bedrock and Vertex ids logged by Claude Code on those platforms.
		['claude', 'us.anthropic.claude-sonnet-4-5-20250929-v1:0', 'us.anthropic.claude-sonnet-4-5-20250929-v1:0'],
		['claude', 'anthropic.claude-haiku-4-5-20251001-v1:0', 'anthropic.claude-haiku-4-5-20251001-v1:0'],
		['claude', 'claude-opus-4-6@default', undefined],
		['claude', 'claude-haiku-4-5@20251001', 'claude-haiku-4-5-20251001'],
		['claude', 'claude-opus-4-6[1m]', 'claude-opus-4-6'],
		['claude', 'claude-3-5-sonnet-20241022', 'anthropic.claude-3-5-sonnet-20241022-v2:0'],
		// LiteLLM Bedrock routes in front of the id (a proxy on LiteLLM logs them): the routed id,
		// region included, is what is billed.
		['claude', 'converse/jp.anthropic.claude-haiku-4-5-20251001-v1:0', 'jp.anthropic.claude-haiku-4-5-20251001-v1:0'],
		[
			'claude',
			'bedrock/converse/us.anthropic.claude-sonnet-4-5-20250929-v1:0',
			'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
		],
		['claude', 'invoke/anthropic.claude-haiku-4-5-20251001-v1:0', 'anthropic.claude-haiku-4-5-20251001-v1:0'],
		[
			'claude',
			'bedrock/invoke/jp.anthropic.claude-sonnet-4-5-20250929-v1:0',
			'jp.anthropic.claude-sonnet-4-5-20250929-v1:0',
		],
		['claude', 'bedrock/converse_like/claude-sonnet-4-5', 'claude-sonnet-4-5'],
		[
			'claude',
			'bedrock/us.anthropic.claude-3-5-haiku-20241022-v1:0',
			'bedrock/us.anthropic.claude-3-5-haiku-20241022-v1:0',
		],
		['claude', 'converse/claude-opus-4.70', undefined],
		// Gemini: AI Studio key before the bare (Vertex) key.
		['gemini', 'gemini-2.5-pro', 'gemini/gemini-2.5-pro'],
		['gemini', 'models/gemini-2.5-flash', 'gemini/gemini-2.5-flash'],
		['gemini', 'gemini-3-pro-preview', 'gemini/gemini-3-pro-preview'],
		// OpenCode provider/model names: route prefixes fall back to the vendor's model, resellers
		// with their own price rows stay exact.
		['opencode', 'anthropic/claude-sonnet-4.5', 'claude-sonnet-4-5'],
		['opencode', 'github-copilot/gpt-5', 'gpt-5'],
		['opencode', 'google/gemini-2.5-pro', 'gemini/gemini-2.5-pro'],
		['opencode', 'openrouter/anthropic/claude-sonnet-4.5', 'openrouter/anthropic/claude-sonnet-4.5'],
		['opencode', 'someproxy/claude-sonnet-4-5', undefined],
		// Codex dated ids and pseudo-names.
		['codex', 'gpt-5-2025-08-07', 'gpt-5-2025-08-07'],
		['codex', 'gpt-5.3-spark', undefined], // alias exists, but the snapshot has no spark row yet
	])('%s %s → %s', (agent, model, key) => {
		expect(keyOf(agent as AgentId, model)).toBe(key);
	});

	it('maps codex-auto-review to the Codex model current on the call’s date', () => {
		expect(keyOf('codex', 'codex-auto-review', '2026-02-20T10:00:00Z')).toBe('gpt-5.3-codex');
		expect(keyOf('codex', 'codex-auto-review', '2026-03-05T00:00:00Z')).toBe('gpt-5.4');
		expect(keyOf('codex', 'codex-auto-review', '2026-09-01T00:00:00Z')).toBe('gpt-5.5');
		expect(codexAutoReviewModel(Date.parse('2025-01-01T00:00:00Z'))).toBe('gpt-5');
	});

	it('never prices look-alike versions', () => {
		for (const model of [
			'claude-opus-4.70',
			'claude-opus-4-60',
			'claude-sonnet-4-5-2025',
			'gpt-5.33-codex',
			'gemini-2.5-pro-ultra',
		]) {
			expect(
				pricer.priceCall({agent: 'claude', model, tokens: tokens({input: 1000}), time: 0}).costUSD,
				model,
			).toBeNull();
		}
	});

	it('caches resolutions per agent and name', () => {
		const resolver = new ModelResolver(bundledTable());
		expect(resolver.resolve('claude', 'claude-sonnet-4.5')).toBe('claude-sonnet-4-5');
		expect(resolver.resolve('claude', 'claude-sonnet-4.5')).toBe('claude-sonnet-4-5');
		expect(resolver.resolve('claude', undefined)).toBeUndefined();
	});
});

describe('fast mode', () => {
	it('uses Claude’s fast multiplier and OpenAI’s priority tier', () => {
		const price = (agent: AgentId, model: string, speed?: 'fast') =>
			pricer.priceCall({agent, model, tokens: tokens({input: million, output: million}), time: 0, speed}).costUSD;
		expect(price('claude', 'claude-opus-4-8', 'fast')).toBeCloseTo(2 * (5 + 25), 9);
		expect(price('codex', 'gpt-5.3-codex', 'fast')).toBeCloseTo(3.5 + 28, 9);
		expect(price('codex', 'gpt-5.3-codex')).toBeCloseTo(1.75 + 14, 9);
		// No fast price known: the standard price, not a guess.
		expect(price('claude', 'claude-haiku-4-5', 'fast')).toBeCloseTo(1 + 5, 9);
	});
});

describe('override file', () => {
	it('accepts per-million spellings, tier fields, fast and LiteLLM metadata', () => {
		const overrides = loadPricingOverrides(
			JSON.stringify({
				'claude-sonnet-5-5': {
					input_cost_per_million: 2,
					output_cost_per_million: 10,
					cache_read_per_million: 0.1,
					mode: 'chat',
					supports_vision: true,
				},
				'corp-long': {
					input_cost_per_token: 1e-6,
					output_cost_per_token: 2e-6,
					input_cost_per_token_above_200k_tokens: 2e-6,
					output_cost_per_token_above_200k_tokens: 4e-6,
					fast_multiplier: 3,
				},
			}),
		);
		const custom = createPricer({overrides});
		const price = (model: string, partial: Parameters<typeof tokens>[0], speed?: 'fast') =>
			custom.priceCall({agent: 'claude', model, tokens: tokens(partial), time: 0, speed});
		// A Claude override without cache-write prices gets Anthropic's 1.25× / 2× defaults.
		expect(
			price('claude-sonnet-5-5', {cacheRead: million, cacheWrite5m: million, cacheWrite1h: million}).costUSD,
		).toBeCloseTo(0.1 + 2.5 + 4, 9);
		expect(price('corp-long', {input: 250_000, output: million}).costUSD).toBeCloseTo(0.5 + 4, 9);
		expect(price('corp-long', {input: 250_000, output: million}).longContext).toBe(true);
		expect(price('corp-long', {input: 100_000}, 'fast').costUSD).toBeCloseTo(0.3, 9);
		expect(custom.source).toBe('LiteLLM snapshot (BerriAI/litellm, MIT) 2026-08-01 + user overrides');
		expect(pricer.source).toBe('LiteLLM snapshot (BerriAI/litellm, MIT) 2026-08-01');
		expect(pricer.date).toBe('2026-08-01');
	});

	it('prices a model the override file spells with capitals, as logged (Z Code logs GLM-5.3)', () => {
		const custom = createPricer({
			overrides: loadPricingOverrides('{"GLM-5.3": {"input_per_million": 1, "output_per_million": 3.2}}'),
		});
		const call = custom.priceCall({agent: 'qwen', model: 'GLM-5.3', tokens: tokens({input: million}), time: 0});
		expect(call).toMatchObject({pricingKey: 'GLM-5.3'});
		expect(call.costUSD).toBeCloseTo(1, 9);
	});

	it('ends alias cycles unpriced instead of looping', () => {
		const custom = createPricer({overrides: loadPricingOverrides('{"aliases": {"a": "b", "b": "a"}}')});
		expect(custom.priceCall({agent: 'claude', model: 'a', tokens: tokens({input: 1}), time: 0}).costUSD).toBeNull();
	});

	it.each([
		[
			'{"m": {"input_cost_per_token": 1e-6, "output_cost_per_token": 1e-6, "input_cost_per_token_above_200k_tokens": 1, "output_cost_per_token_above_272k_tokens": 1}}',
			/mixes long-context thresholds/,
		],
		[
			'{"m": {"input_cost_per_token": "3", "output_cost_per_token": 1}}',
			/"m.input_cost_per_token" must be a non-negative number, got "3"/,
		],
		['{"m": 5}', /"m" must be an object of prices/],
	])('rejects %s', (text, message) => {
		expect(() => loadPricingOverrides(text)).toThrow(message);
	});
});
