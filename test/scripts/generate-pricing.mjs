#!/usr/bin/env node
/**
Generates source/pricing/litellm-prices.generated.json from a LiteLLM
model_prices_and_context_window.json snapshot (default: ../shared/pricing/litellm-snapshot.json).

Keeps, per chat model, only the fields the engine uses (per-token USD):
  p provider · i input · o output · cr cache read · cw cache write (5 min) · cw1h cache write (1 h)
  t long-context threshold (prompt tokens) and ti/to/tcr/tcw/tcw1h the tier prices
  fast: fast-mode multiplier: Claude's provider_specific_entry.fast; for OpenAI models (Codex
        "fast" = the priority service tier) the ratio input_cost_per_token_priority / input
  mi: max input tokens (context window), for the info pane
Data errors fixed here (pricing/PRICING.md §4.6), each documented:
  - claude-3-haiku-20240307 and claude-3-opus-20240229 carry a bogus 1 h write price (6e-06):
    replaced by 2 × input (the vendor's published 1 h rate).
  - Bedrock anthropic.claude-3-5-sonnet-* entries carry >200k tier fields 3.5 Sonnet never had:
    the tier is dropped.
  - Vertex Gemini `cache_creation_input_token_cost_above_200k_tokens` is meaningless for Gemini:
    ignored (Gemini has no cache-write premium).
  - Anthropic entries without a 1 h write field (claude-4-opus/sonnet-20250514, most Bedrock and
    OpenRouter rows) are left without one: the engine derives 2 × input at price time for
    Anthropic-billed providers; OpenRouter rows fall back to the 5-minute price (pricing/PRICING.md §4.2).
  - Top-level `sample_spec` / `fallback_generalizations` and non-chat modes are skipped.
Shrink guard: refuses to write when the new table has < 70 % of the current table's models (a
truncated or mis-filtered download), unless --force is given.
Deterministic: keys sorted, numbers as in the source.
*/
import {readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2).filter(arg => arg !== '--force');
const force = process.argv.includes('--force');
const input = args[0] ?? path.join(repo, '../shared/pricing/litellm-snapshot.json');
const output = path.join(repo, 'source/pricing/litellm-prices.generated.json');
const snapshot = JSON.parse(readFileSync(input, 'utf8'));

const thresholds = [128_000, 200_000, 256_000, 272_000, 512_000];
const suffix = n => `_above_${n / 1000}k_tokens`;
const models = {};
for (const key of Object.keys(snapshot).sort()) {
	const entry = snapshot[key];
	if (key === 'sample_spec' || key === 'fallback_generalizations') {
		continue;
	}

	if (typeof entry !== 'object' || entry === null || !['chat', 'responses', undefined].includes(entry.mode)) {
		continue;
	}

	if (typeof entry.input_cost_per_token !== 'number' || typeof entry.output_cost_per_token !== 'number') {
		continue;
	}

	const row = {p: entry.litellm_provider ?? 'unknown', i: entry.input_cost_per_token, o: entry.output_cost_per_token};
	if (typeof entry.cache_read_input_token_cost === 'number') row.cr = entry.cache_read_input_token_cost;
	if (typeof entry.cache_creation_input_token_cost === 'number') row.cw = entry.cache_creation_input_token_cost;
	if (typeof entry.cache_creation_input_token_cost_above_1hr === 'number')
		row.cw1h = entry.cache_creation_input_token_cost_above_1hr;
	const isGemini = /gemini/.test(key);
	const bogusTier = /^(?:[a-z]+\.)?anthropic\.claude-3-5-sonnet/.test(key);
	const threshold = bogusTier
		? undefined
		: thresholds.find(n => typeof entry[`input_cost_per_token${suffix(n)}`] === 'number');
	if (threshold) {
		row.t = threshold;
		row.ti = entry[`input_cost_per_token${suffix(threshold)}`];
		if (typeof entry[`output_cost_per_token${suffix(threshold)}`] === 'number')
			row.to = entry[`output_cost_per_token${suffix(threshold)}`];
		if (typeof entry[`cache_read_input_token_cost${suffix(threshold)}`] === 'number')
			row.tcr = entry[`cache_read_input_token_cost${suffix(threshold)}`];
		if (!isGemini && typeof entry[`cache_creation_input_token_cost${suffix(threshold)}`] === 'number')
			row.tcw = entry[`cache_creation_input_token_cost${suffix(threshold)}`];
		if (typeof entry[`cache_creation_input_token_cost_above_1hr${suffix(threshold)}`] === 'number')
			row.tcw1h = entry[`cache_creation_input_token_cost_above_1hr${suffix(threshold)}`];
	}

	if (key === 'claude-3-haiku-20240307' || key === 'claude-3-opus-20240229') {
		row.cw1h = Number((2 * row.i).toPrecision(12));
	}

	const fast = entry.provider_specific_entry?.fast;
	if (typeof fast === 'number') {
		row.fast = fast;
	} else if (typeof entry.input_cost_per_token_priority === 'number' && entry.input_cost_per_token > 0) {
		// LiteLLM prices OpenAI's priority tier as separate fields. As one multiplier it is exact for
		// the openai gpt-5.x entries (input/output/cache read share the multiple); a few azure and
		// gemini-3.5-flash-lite entries differ by < 2 % on cache reads.
		const multiplier = Number((entry.input_cost_per_token_priority / entry.input_cost_per_token).toPrecision(6));
		if (multiplier !== 1) row.fast = multiplier;
	}

	if (typeof entry.max_input_tokens === 'number') row.mi = entry.max_input_tokens;
	models[key] = row;
}

// The snapshot's date: the copy in ../shared/pricing was taken on 2026-08-01 (source/pricing/PRICING.md §1).
// A different snapshot passes its date as the second argument (YYYY-MM-DD).
const date = args[1] ?? '2026-08-01';
if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) {
	throw new Error(`snapshot date must be YYYY-MM-DD, got ${date}`);
}

const document = {
	meta: {
		source: 'LiteLLM snapshot (BerriAI/litellm, MIT)',
		date,
		license: 'MIT, Copyright (c) 2023 Berri AI',
		models: Object.keys(models).length,
	},
	models,
};
let previousCount = 0;
try {
	previousCount = Object.keys(JSON.parse(readFileSync(output, 'utf8')).models).length;
} catch {
	// No current table (first run): nothing to compare against.
}

if (!force && Object.keys(models).length < 0.7 * previousCount) {
	throw new Error(
		`refusing to shrink the table from ${previousCount} to ${Object.keys(models).length} models; pass --force if intended`,
	);
}

writeFileSync(output, JSON.stringify(document, null, '\t') + '\n');
console.log(`wrote ${Object.keys(models).length} models to ${path.relative(repo, output)}`);
