/**
The user's price override file (`--pricing FILE`): LiteLLM-style keys per model, plus
`*_per_million` spellings and an `aliases` map. Pure: the CLI reads the file and passes the text.

{
  "my-proxy-model": {"input_cost_per_token": 3e-6, "output_cost_per_token": 1.5e-5},
  "claude-sonnet-5-5": {"input_per_million": 2, "output_per_million": 10, "cache_read_per_million": 0.1},
  "aliases": {"corp/sonnet": "claude-sonnet-4-5"}
}
*/
import type {ModelPrice} from './table.js';

export type PricingOverrides = {
	readonly models: ReadonlyMap<string, ModelPrice>;
	readonly aliases: Readonly<Record<string, string>>;
};

const perToken: Record<string, keyof ModelPrice> = {
	input_cost_per_token: 'i',
	output_cost_per_token: 'o',
	cache_read_input_token_cost: 'cr',
	cache_creation_input_token_cost: 'cw',
	cache_creation_input_token_cost_above_1hr: 'cw1h',
};

const perMillion: Record<string, keyof ModelPrice> = {
	input_per_million: 'i',
	output_per_million: 'o',
	cache_read_per_million: 'cr',
	cache_write_per_million: 'cw',
	cache_write_1h_per_million: 'cw1h',
};

export function loadPricingOverrides(text: string): PricingOverrides {
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch (error) {
		throw new Error(`not valid JSON (${(error as Error).message}). Write an object of model names to prices, e.g. {"my-model": {"input_cost_per_token": 3e-6, "output_cost_per_token": 1.5e-5}}.`);
	}

	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
		throw new Error('the top level must be an object of model names to prices.');
	}

	const models = new Map<string, ModelPrice>();
	let aliases: Record<string, string> = {};
	for (const [name, value] of Object.entries(parsed)) {
		if (name === 'aliases') {
			if (typeof value !== 'object' || value === null || Object.values(value).some(target => typeof target !== 'string')) {
				throw new Error('"aliases" must map model names to model names, e.g. {"corp/sonnet": "claude-sonnet-4-5"}.');
			}

			aliases = value as Record<string, string>;
			continue;
		}

		if (typeof value !== 'object' || value === null) {
			throw new Error(`"${name}" must be an object of prices.`);
		}

		const row: Record<string, number | string> = {p: 'override'};
		for (const [field, amount] of Object.entries(value)) {
			const key = perToken[field] ?? perMillion[field];
			if (!key) {
				if (field === 'litellm_provider' && typeof amount === 'string') {
					row['p'] = amount;
					continue;
				}

				throw new Error(`"${name}" has an unknown field "${field}"; use ${[...Object.keys(perToken), ...Object.keys(perMillion)].join(', ')}.`);
			}

			if (typeof amount !== 'number' || !Number.isFinite(amount) || amount < 0) {
				throw new Error(`"${name}.${field}" must be a non-negative number.`);
			}

			row[key] = perMillion[field] ? amount / 1_000_000 : amount;
		}

		if (typeof row['i'] !== 'number' || typeof row['o'] !== 'number') {
			throw new Error(`"${name}" needs at least an input and an output price (input_cost_per_token and output_cost_per_token, or input_per_million and output_per_million).`);
		}

		models.set(name, row as unknown as ModelPrice);
	}

	return {models, aliases};
}
