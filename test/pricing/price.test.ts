import {describe, expect, it} from 'vitest';
import type {AgentId} from '../../source/core/agents.js';
import {createPricer, loadPricingOverrides} from '../../source/pricing/index.js';
import {bundledTable} from '../../source/pricing/table.js';
import {tokens} from '../support/events.js';

const pricer = createPricer();
const cost = (model: string, partial: Parameters<typeof tokens>[0], agent: AgentId = 'claude', speed?: 'fast') =>
	pricer.priceCall({agent, model, tokens: tokens(partial), time: Date.parse('2026-06-01T00:00:00Z'), speed});
const million = 1_000_000;

describe('golden prices (pricing/PRICING.md §5, USD per 1M tokens)', () => {
	it.each([
		// model, input, output, cache read, 5 min write, 1 h write
		['claude-opus-4-6', 5, 25, 0.5, 6.25, 10],
		['claude-sonnet-4-5', 3, 15, 0.3, 3.75, 6],
		['claude-haiku-4-5-20251001', 1, 5, 0.1, 1.25, 2],
		['claude-opus-4-1', 15, 75, 1.5, 18.75, 30],
		['claude-sonnet-5', 2, 10, 0.2, 2.5, 4],
	])('%s', (model, input, output, read, write5m, write1h) => {
		// 100k tokens per kind: below every long-context threshold.
		expect(cost(model, {input: 100_000}).costUSD).toBeCloseTo((input * 100_000) / million, 9);
		expect(cost(model, {output: 100_000}).costUSD).toBeCloseTo((output * 100_000) / million, 9);
		// 150k reads: stays below every long-context threshold.
		expect(cost(model, {cacheRead: 150_000}).costUSD).toBeCloseTo((read * 150_000) / million, 9);
		expect(cost(model, {cacheWrite5m: 100_000}).costUSD).toBeCloseTo((write5m * 100_000) / million, 9);
		expect(cost(model, {cacheWrite1h: 100_000}).costUSD).toBeCloseTo((write1h * 100_000) / million, 9);
	});

	it.each([
		['gpt-5', 1.25, 10, 0.125],
		['gpt-5.3-codex', 1.75, 14, 0.175],
		['gpt-5-codex', 1.25, 10, 0.125],
	])('%s (cached input at the cached price)', (model, input, output, read) => {
		expect(cost(model, {input: 100_000, output: 100_000, cacheRead: 100_000}, 'codex').costUSD).toBeCloseTo(
			((input + output + read) * 100_000) / million,
			9,
		);
	});

	it('prices Gemini through the AI Studio key', () => {
		const price = cost('gemini-2.5-flash', {input: million, output: million}, 'gemini');
		expect(price.pricingKey).toBe('gemini/gemini-2.5-flash');
		expect(price.costUSD).toBeCloseTo(0.3 + 2.5, 9);
		expect(cost('gemini-2.5-flash', {cacheRead: million}, 'gemini').costUSD).toBeCloseTo(0.03, 9);
		expect(cost('gemini-2.5-pro', {input: 150_000, output: 1000}, 'gemini').costUSD).toBeCloseTo(
			150_000 * 1.25e-6 + 1000 * 10e-6,
			9,
		);
	});
});

describe('long-context tier: whole request, not per field', () => {
	it('bills every token of a Sonnet 4.5 request over 200k at the tier rates', () => {
		const below = cost('claude-sonnet-4-5', {input: 190_000, output: 1000});
		expect(below.longContext).toBe(false);
		expect(below.costUSD).toBeCloseTo(190_000 * 3e-6 + 1000 * 15e-6, 9);
		const above = cost('claude-sonnet-4-5', {input: 10_000, cacheRead: 290_000, output: 1000});
		expect(above.longContext).toBe(true);
		expect(above.costUSD).toBeCloseTo(10_000 * 6e-6 + 290_000 * 0.6e-6 + 1000 * 22.5e-6, 9);
	});

	it('differs from ccusage’s per-field marginal split by a documented amount', () => {
		// One 300k-token request: 10k fresh input + 290k cache read + 1k output.
		const ours = cost('claude-sonnet-4-5', {input: 10_000, cacheRead: 290_000, output: 1000}).costUSD!;
		// ccusage: each field's first 200k at base, the rest at the tier rate; here only the
		// cache read field crosses 200k, so input and output stay at base.
		const ccusage = 10_000 * 3e-6 + (200_000 * 0.3e-6 + 90_000 * 0.6e-6) + 1000 * 15e-6;
		expect(ours).toBeCloseTo(0.2565, 9);
		expect(ccusage).toBeCloseTo(0.159, 9);
		expect(ours - ccusage).toBeCloseTo(0.0975, 9);
	});

	it('keeps Opus 4.6 flat above 200k (1M context at flat pricing; LiteLLM has no tier)', () => {
		const price = cost('claude-opus-4-6', {input: 1000, cacheRead: 400_000, output: 1000});
		expect(price.longContext).toBe(false);
		expect(price.costUSD).toBeCloseTo(1000 * 5e-6 + 400_000 * 0.5e-6 + 1000 * 25e-6, 9);
	});

	it('prices 1 h writes in the tier at the tier’s 1 h rate', () => {
		// Sonnet 4.5 >200k: 1 h write $12/MTok (explicit), 5 min write $7.50/MTok.
		const price = cost('claude-sonnet-4-5', {cacheWrite1h: 150_000, cacheWrite5m: 100_000});
		expect(price.costUSD).toBeCloseTo(150_000 * 12e-6 + 100_000 * 7.5e-6, 9);
	});

	it('derives the 1 h write as 2× input where LiteLLM has no 1 h field', () => {
		// Claude Code's old fast model, priced from its Bedrock row ($0.80 input, no 1 h field).
		expect(bundledTable().get('anthropic.claude-3-5-haiku-20241022-v1:0')!.cw1h).toBeUndefined();
		expect(cost('claude-3-5-haiku-20241022', {cacheWrite1h: million}).costUSD).toBeCloseTo(1.6, 9);
	});

	it('bills OpenAI cached input at the input price when no cached price is listed', () => {
		const custom = createPricer({
			overrides: loadPricingOverrides('{"gpt-proxy": {"input_per_million": 2, "output_per_million": 8}}'),
		});
		const price = custom.priceCall({agent: 'codex', model: 'gpt-proxy', tokens: tokens({cacheRead: million}), time: 0});
		expect(price.costUSD).toBeCloseTo(2, 9);
	});

	it('applies gpt-5.4 and gemini-2.5-pro tiers above their thresholds', () => {
		expect(cost('gpt-5.4', {input: 300_000}, 'codex').costUSD).toBeCloseTo(300_000 * 5e-6, 9);
		expect(cost('gpt-5.4', {input: 270_000}, 'codex').costUSD).toBeCloseTo(270_000 * 2.5e-6, 9);
		expect(cost('gemini-2.5-pro', {input: 250_000, output: 1000}, 'gemini').costUSD).toBeCloseTo(
			250_000 * 2.5e-6 + 1000 * 15e-6,
			9,
		);
	});
});

describe('model-name resolution', () => {
	it.each([
		['claude-sonnet-4-5-20250929', 'claude-sonnet-4-5-20250929'],
		['claude-sonnet-4.5', 'claude-sonnet-4-5'],
		['anthropic/claude-sonnet-4-5', 'claude-sonnet-4-5'],
		['claude-sonnet-4-5[1m]', 'claude-sonnet-4-5'],
		['claude-sonnet-4-5@20250929', 'claude-sonnet-4-5-20250929'],
		['claude-3-5-haiku-20241022', 'anthropic.claude-3-5-haiku-20241022-v1:0'],
		['gpt-5-2025-08-07', 'gpt-5-2025-08-07'],
		['codex-auto-review', 'gpt-5.5'],
	])('%s → %s', (model, key) => {
		expect(cost(model, {input: 1}).pricingKey).toBe(key);
	});

	it.each(['claude-opus-4.70', 'claude-opus-9', 'totally-made-up', '<synthetic>', ''])(
		'%j is unpriced, never guessed',
		model => {
			expect(cost(model, {input: 1000}).costUSD).toBeNull();
		},
	);

	it('applies the fast-mode multiplier only when asked', () => {
		expect(cost('claude-opus-4-6', {input: million}, 'claude', 'fast').costUSD).toBeCloseTo(30, 9);
		expect(cost('claude-opus-4-6', {input: million}).costUSD).toBeCloseTo(5, 9);
	});
});

describe('LiteLLM data sanity (pricing/PRICING.md §4.6)', () => {
	it('1 h writes cost 2× input and reads 0.1× input for every Anthropic entry, with the known exceptions', () => {
		const exceptions: string[] = [];
		for (const [key, price] of bundledTable()) {
			if (!/claude/.test(key) || price.cw1h === undefined || price.cr === undefined) {
				continue;
			}

			const oneHourOk = Math.abs(price.cw1h - 2 * price.i) < 1e-12;
			const readOk =
				Math.abs(price.cr - 0.1 * price.i) < 1e-12 || (key.includes('claude-3-haiku') && price.cr === 3e-8);
			if (!oneHourOk || !readOk) {
				exceptions.push(key);
			}
		}

		expect(exceptions).toEqual([]);
		// The two known LiteLLM bugs are fixed by the generator.
		expect(bundledTable().get('claude-3-haiku-20240307')!.cw1h).toBeCloseTo(0.5e-6, 12);
		expect(bundledTable().get('claude-3-opus-20240229')!.cw1h).toBeCloseTo(30e-6, 12);
	});
});

describe('override file', () => {
	it('adds models, per-million spellings and aliases, and wins over the table', () => {
		const overrides = loadPricingOverrides(
			JSON.stringify({
				'my-proxy-model': {input_cost_per_token: 1e-6, output_cost_per_token: 2e-6},
				'claude-sonnet-4-5': {input_per_million: 1, output_per_million: 1},
				aliases: {'corp/sonnet': 'claude-opus-4-6'},
			}),
		);
		const custom = createPricer({overrides});
		const price = (model: string) =>
			custom.priceCall({agent: 'claude', model, tokens: tokens({input: million}), time: 0});
		expect(price('my-proxy-model').costUSD).toBeCloseTo(1, 9);
		expect(price('claude-sonnet-4-5').costUSD).toBeCloseTo(1, 9);
		expect(price('corp/sonnet').costUSD).toBeCloseTo(5, 9);
		expect(custom.source).toMatch(/user overrides/);
	});

	it.each([
		['{nope', /not valid JSON/],
		['[1,2]', /top level must be an object/],
		[
			'{"m": {"input_cost_per_token": -1, "output_cost_per_token": 1}}',
			/"m.input_cost_per_token" must be a non-negative number/,
		],
		['{"m": {"input_cost": 1}}', /unknown field "input_cost"/],
		['{"m": {"input_cost_per_token": 1e-6}}', /needs at least an input and an output price/],
		['{"aliases": {"a": 1}}', /"aliases" must map model names/],
	])('rejects %s with what is wrong', (text, message) => {
		expect(() => loadPricingOverrides(text)).toThrow(message);
	});
});
