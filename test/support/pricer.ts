/**
A small fixed-rate Pricer for tests that check hand-computed costs (USD per million tokens):
the same list rates as the bundled table for these models, but no long-context cliff and one
cache-write rate, so expected values stay simple to derive by hand. Tests of pricing itself,
the builder and the CLI use the real `createPricer()`. Models outside the table are unpriced,
as with the real pricer.
*/
import type {Pricer} from '../../source/pricing/types.js';

const perMillion: Record<string, {input: number; output: number; cacheRead: number; cacheWrite: number}> = {
	'claude-sonnet-4-5': {input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75},
	'claude-opus-4-5': {input: 5, output: 25, cacheRead: 0.5, cacheWrite: 6.25},
	'gpt-5.3-codex': {input: 1.25, output: 10, cacheRead: 0.125, cacheWrite: 0},
	'gemini-2.5-pro': {input: 1.25, output: 10, cacheRead: 0.31, cacheWrite: 0},
};

export const fixedPricer: Pricer = {
	source: 'test fixed rates',
	date: '2026-01-01',
	priceCall({model, tokens}) {
		const rate = model ? perMillion[model] : undefined;
		if (!rate) {
			return {costUSD: null};
		}

		const cost = tokens.input * rate.input + tokens.output * rate.output + tokens.cacheRead * rate.cacheRead + (tokens.cacheWrite5m + tokens.cacheWrite1h) * rate.cacheWrite;
		return {costUSD: cost / 1e6, pricingKey: model};
	},
};
