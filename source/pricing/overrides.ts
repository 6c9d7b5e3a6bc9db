/**
The user's price override file (`--pricing FILE`): LiteLLM-style keys per model, plus
`*_per_million` spellings and an `aliases` map. Pure: the CLI reads the file and passes the text.
Names from the file (models, fields, aliases) are only ever looked up in Maps, so a name such as
`constructor` or `__proto__` is an ordinary name, never an `Object.prototype` member.

{
  "my-proxy-model": {"input_cost_per_token": 3e-6, "output_cost_per_token": 1.5e-5},
  "claude-sonnet-5-5": {"input_per_million": 2, "output_per_million": 10, "cache_read_per_million": 0.1},
  "aliases": {"corp/sonnet": "claude-sonnet-4-5"}
}
*/
import type {ModelPrice} from './table.js';

export type PricingOverrides = {
	readonly models: ReadonlyMap<string, ModelPrice>;
	readonly aliases: ReadonlyMap<string, string>;
};

/** LiteLLM's per-token field → our table field (tier fields get a `_above_<N>k_tokens` suffix). */
const perToken = new Map<string, keyof ModelPrice>([
	['input_cost_per_token', 'i'],
	['output_cost_per_token', 'o'],
	['cache_read_input_token_cost', 'cr'],
	['cache_creation_input_token_cost', 'cw'],
	['cache_creation_input_token_cost_above_1hr', 'cw1h'],
]);

/** Per-million spellings (tokscale-style and short), divided by 1e6 on load. */
const perMillion = new Map<string, keyof ModelPrice>([
	['input_cost_per_million', 'i'],
	['input_per_million', 'i'],
	['output_cost_per_million', 'o'],
	['output_per_million', 'o'],
	['cache_read_input_cost_per_million', 'cr'],
	['cache_read_per_million', 'cr'],
	['cache_creation_input_cost_per_million', 'cw'],
	['cache_write_per_million', 'cw'],
	['cache_creation_input_cost_above_1hr_per_million', 'cw1h'],
	['cache_write_1h_per_million', 'cw1h'],
]);

const tierField = new Map<keyof ModelPrice, keyof ModelPrice>([
	['i', 'ti'],
	['o', 'to'],
	['cr', 'tcr'],
	['cw', 'tcw'],
	['cw1h', 'tcw1h'],
]);

/** Plain numbers that are not prices. */
const numberFields = new Map<string, keyof ModelPrice>([
	['fast_multiplier', 'fast'],
	['max_input_tokens', 'mi'],
]);

/** LiteLLM metadata a pasted entry may carry; accepted and ignored. */
const ignoredField =
	/^(?:litellm_provider|mode|max_tokens|max_output_tokens|supports_.*|source|deprecation_date|supported_.*|tool_use_system_prompt_tokens|search_context_cost_per_query|provider_specific_entry|output_cost_per_reasoning_token)$/;

const example = '{"my-model": {"input_cost_per_token": 3e-6, "output_cost_per_token": 1.5e-5}}';

type Field = {readonly key: keyof ModelPrice; readonly scale: number; readonly threshold?: number};

function fieldOf(name: string): Field | undefined {
	const tier = /^(.*)_above_(\d+)k_tokens$/.exec(name);
	const base = tier ? tier[1]! : name;
	const key = perToken.get(base) ?? perMillion.get(base);
	if (!key) {
		const plain = tier ? undefined : numberFields.get(name);
		return plain ? {key: plain, scale: 1} : undefined;
	}

	const scale = perMillion.has(base) ? 1 / 1_000_000 : 1;
	return tier ? {key: tierField.get(key)!, scale, threshold: Number(tier[2]) * 1000} : {key, scale};
}

/** The `aliases` entry: model names to model names. */
function aliasesOf(value: unknown): Map<string, string> {
	if (typeof value !== 'object' || value === null || Object.values(value).some(target => typeof target !== 'string')) {
		throw new Error('"aliases" must map model names to model names, e.g. {"corp/sonnet": "claude-sonnet-4-5"}.');
	}

	return new Map(Object.entries(value as Record<string, string>));
}

type PriceRow = Record<string, number | string>;

/** Sets one price field of `name`'s row (a LiteLLM field, or one of ours per million tokens). */
function setPriceField(row: PriceRow, name: string, field: string, amount: unknown): void {
	if (field === 'litellm_provider' && typeof amount === 'string') {
		row['p'] = amount;
		return;
	}

	const target = fieldOf(field);
	if (!target) {
		if (ignoredField.test(field)) {
			return;
		}

		throw new Error(
			`"${name}" has an unknown field "${field}". Use ${[...perToken.keys(), ...perMillion.keys()].join(', ')} (optionally with an _above_200k_tokens suffix), fast_multiplier or max_input_tokens.`,
		);
	}

	if (typeof amount !== 'number' || !Number.isFinite(amount) || amount < 0) {
		throw new Error(`"${name}.${field}" must be a non-negative number, got ${JSON.stringify(amount)}.`);
	}

	if (target.threshold !== undefined) {
		if (row['t'] !== undefined && row['t'] !== target.threshold) {
			throw new Error(
				`"${name}" mixes long-context thresholds (${row['t']} and ${target.threshold} tokens); use one _above_<N>k_tokens suffix.`,
			);
		}

		row['t'] = target.threshold;
	}

	row[target.key] = amount * target.scale;
}

/** One model's entry as a price row; it needs at least an input and an output price. */
function modelPriceOf(name: string, value: unknown): ModelPrice {
	if (typeof value !== 'object' || value === null) {
		throw new Error(
			`"${name}" must be an object of prices, e.g. {"input_cost_per_token": 3e-6, "output_cost_per_token": 1.5e-5}.`,
		);
	}

	// Provider decides the missing-cache-price defaults (Anthropic ratios vs input price).
	const row: PriceRow = {p: /claude/i.test(name) ? 'anthropic' : 'override'};
	for (const [field, amount] of Object.entries(value)) {
		setPriceField(row, name, field, amount);
	}

	if (typeof row['i'] !== 'number' || typeof row['o'] !== 'number') {
		throw new Error(
			`"${name}" needs at least an input and an output price (input_cost_per_token and output_cost_per_token, or input_per_million and output_per_million).`,
		);
	}

	return row as unknown as ModelPrice;
}

export function loadPricingOverrides(text: string): PricingOverrides {
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch (error) {
		throw new Error(
			`not valid JSON (${(error as Error).message}). Write an object of model names to prices, e.g. ${example}.`,
		);
	}

	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
		throw new Error(`the top level must be an object of model names to prices, e.g. ${example}.`);
	}

	const models = new Map<string, ModelPrice>();
	let aliases = new Map<string, string>();
	for (const [name, value] of Object.entries(parsed)) {
		if (name === 'aliases') {
			aliases = aliasesOf(value);
		} else {
			models.set(name, modelPriceOf(name, value));
		}
	}

	return {models, aliases};
}
