/**
Model name → price-table key, deterministically (pricing/PRICING.md §4.3): exact key, then
normalised spellings (LiteLLM Bedrock routes such as `converse/`, provider prefixes, `[1m]`
suffixes, dotted Claude versions, Vertex `@` dates, date suffixes, Bedrock ids), then
provider-prefixed keys (Gemini `gemini/` before bare, Bedrock `anthropic.…-v1:0`, OpenCode route
prefixes stripped), then a small alias table.
`codex-auto-review` depends on the call's date (resolveAt). Anything else is unpriced: no loose
substring matching, so `claude-opus-4.70` can never be priced as 4.7. Results are cached per
agent and name, because resolution runs once per API call. Names are only looked up in Maps:
a model called `constructor` or `__proto__` is just an unknown model.
*/
import type {AgentId} from '../core/agents.js';
import type {PriceTable} from './table.js';

/** Pseudo-names agents log that are not price-table keys. */
export const modelAliases: ReadonlyMap<string, string> = new Map([
	['gpt-5.3-spark', 'gpt-5.3-codex-spark'],
	// Claude 3.5 ids that lost their bare LiteLLM key: priced from the Bedrock entries.
	['claude-3-5-haiku-20241022', 'anthropic.claude-3-5-haiku-20241022-v1:0'],
	['claude-3-5-haiku-latest', 'anthropic.claude-3-5-haiku-20241022-v1:0'],
	['claude-3-5-sonnet-20241022', 'anthropic.claude-3-5-sonnet-20241022-v2:0'],
	['claude-3-5-sonnet-20240620', 'anthropic.claude-3-5-sonnet-20240620-v1:0'],
	['claude-3-5-sonnet-latest', 'anthropic.claude-3-5-sonnet-20241022-v2:0'],
]);

/**
Codex logs its reviewer as `codex-auto-review`: it is billed as the newest Codex model released
on or before the call's date (OpenAI's public release dates; ccusage maps it the same way).
Newest first.
*/
export const codexAutoReviewFallbacks: ReadonlyArray<readonly [releasedOn: string, model: string]> = [
	['2026-04-23', 'gpt-5.5'],
	['2026-03-05', 'gpt-5.4'],
	['2026-02-05', 'gpt-5.3-codex'],
	['2025-12-11', 'gpt-5.2-codex'],
	['2025-11-13', 'gpt-5.1-codex'],
	['2025-09-15', 'gpt-5-codex'],
	['2025-08-07', 'gpt-5'],
];

/** The model `codex-auto-review` stood for at `time` (epoch ms); the oldest one before any release. */
export function codexAutoReviewModel(time: number): string {
	const day = Number.isFinite(time) ? new Date(time).toISOString().slice(0, 10) : '9999-12-31';
	const match = codexAutoReviewFallbacks.find(([releasedOn]) => releasedOn <= day);
	return (match ?? codexAutoReviewFallbacks.at(-1)!)[1];
}

/**
LiteLLM's Bedrock routes (docs/providers/bedrock.md, BedrockModelInfo.get_bedrock_route): the API
route (`converse/`, `invoke/`, …, with or without `bedrock/`) or, after `bedrock/`, a model-family
route. A proxy built on LiteLLM logs them in front of the Bedrock model id, e.g.
`converse/jp.anthropic.claude-haiku-4-5-20251001-v1:0`; the id behind them is what is billed.
Family routes need the `bedrock/` in front: a bare `moonshot/` or `openai/` is a provider.
*/
const bedrockRoute =
	/^(?:(?:bedrock\/)?(?:converse|invoke|converse_like|async_invoke|chat_completions)|bedrock\/(?:llama|deepseek_r1|qwen2|qwen3|openai|moonshot|nova|nova-2))\//;

/** Spellings of one name, most specific first. */
export function spellings(model: string): string[] {
	const result: string[] = [];
	const add = (name: string) => {
		if (name && !result.includes(name)) {
			result.push(name);
		}
	};

	let name = model.trim();
	add(name); // the exact key: override files may spell a model with capitals (`GLM-5.3`)
	name = name.toLowerCase();
	add(name);
	// The routed id keeps its region (jp.anthropic.…), whose price can differ from the bare model's.
	name = name.replace(bedrockRoute, '');
	add(name);
	name = name.replace(/\[[^\]]*\]$/, ''); // claude-sonnet-4-5[1m]
	name = name.replace(/^(?:anthropic|openai|google|models|vertex_ai|azure)\//, '');
	name = name.replace(/^(?:[a-z]+\.)?anthropic\.(claude-.*?)(?:-v\d+(?::\d+)?)?$/, '$1'); // Bedrock ids
	add(name);
	const dashedAt = name.replace('@', '-'); // Vertex claude-sonnet-4-5@20250929
	add(dashedAt);
	// Claude dotted versions: claude-sonnet-4.5 → claude-sonnet-4-5 (only digit.digit inside claude ids).
	const dashed = /^claude/.test(dashedAt) ? dashedAt.replace(/(\d)\.(\d)/g, '$1-$2') : dashedAt;
	add(dashed);
	add(dashed.replace(/-\d{8}$/, '')); // claude-haiku-4-5-20251001 → claude-haiku-4-5
	add(dashed.replace(/-\d{4}-\d{2}-\d{2}$/, '')); // gpt-5-2025-08-07 → gpt-5
	return result;
}

/**
OpenCode-style `provider/model` names whose provider part is only a route to the vendor's own
model: the bare model is priced at the vendor's price. Resellers with their own prices
(openrouter/, azure/, xai/, zai/, deepseek/, …) are exact table keys and never stripped.
*/
const routePrefix =
	/^(?:github-copilot|opencode|amazon-bedrock|bedrock|google-vertex(?:-anthropic)?|vertex|anthropic|openai|google|gemini)\//;

function prefixed(name: string): string[] {
	const bare = name.replace(routePrefix, '');
	const candidates = bare === name ? [name] : [name, bare];
	const result: string[] = [];
	for (const candidate of candidates) {
		if (/^gemini/.test(candidate)) {
			// AI Studio prices first, then the bare (Vertex) key.
			result.push(`gemini/${candidate}`, candidate, `vertex_ai/${candidate}`);
		} else if (/^claude/.test(candidate)) {
			result.push(candidate, `anthropic.${candidate}-v1:0`, `us.anthropic.${candidate}-v1:0`);
		} else {
			result.push(candidate, `openai/${candidate}`);
		}
	}

	return result;
}

export class ModelResolver {
	private readonly cache = new Map<string, string | undefined>();

	constructor(
		private readonly table: PriceTable,
		private readonly aliases: ReadonlyMap<string, string> = new Map(),
	) {}

	/** The table key for `model`, or undefined when it has no price. */
	resolve(agent: AgentId, model: string | undefined): string | undefined {
		if (!model) {
			return undefined;
		}

		const cacheKey = `${agent}\0${model}`;
		if (this.cache.has(cacheKey)) {
			return this.cache.get(cacheKey);
		}

		const key = this.lookup(model, 0);
		this.cache.set(cacheKey, key);
		return key;
	}

	/** Like resolve(), with the call's time for date-dependent names (`codex-auto-review`). */
	resolveAt(agent: AgentId, model: string | undefined, time: number): string | undefined {
		if (model?.trim().toLowerCase() === 'codex-auto-review' && !this.aliases.has(model)) {
			return this.resolve(agent, codexAutoReviewModel(time));
		}

		return this.resolve(agent, model);
	}

	private lookup(model: string, depth: number): string | undefined {
		const userAlias = this.aliases.get(model) ?? this.aliases.get(model.toLowerCase());
		// Depth guard: a cycle of user aliases ends unpriced instead of recursing forever.
		if (userAlias && userAlias !== model && depth < 8) {
			return this.lookup(userAlias, depth + 1);
		}

		for (const name of spellings(model)) {
			for (const candidate of prefixed(name)) {
				if (this.table.has(candidate)) {
					return candidate;
				}
			}

			const alias = modelAliases.get(name);
			if (alias && this.table.has(alias)) {
				return alias;
			}
		}

		return undefined;
	}
}
