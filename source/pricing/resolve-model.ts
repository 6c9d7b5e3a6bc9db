/**
Model name → price-table key, deterministically (pricing/README.md §4.3): exact key, then
normalised spellings (provider prefixes, `[1m]` suffixes, dotted Claude versions, Vertex `@`
dates, date suffixes), then provider-prefixed keys, then a small alias table. Anything else is
unpriced: no loose substring matching, so `claude-opus-4.70` can never be priced as 4.7.
*/
import type {AgentId} from '../core/agents.js';
import type {PriceTable} from './table.js';

/** Pseudo-names agents log that are not price-table keys. */
export const modelAliases: Readonly<Record<string, string>> = {
	'gpt-5.3-spark': 'gpt-5.3-codex-spark',
	// Codex's reviewer model: billed as the coding model of its era (ccusage maps it the same way).
	'codex-auto-review': 'gpt-5.3-codex',
	// Claude 3.5 ids that lost their bare LiteLLM key: priced from the Bedrock entries.
	'claude-3-5-haiku-20241022': 'anthropic.claude-3-5-haiku-20241022-v1:0',
	'claude-3-5-haiku-latest': 'anthropic.claude-3-5-haiku-20241022-v1:0',
	'claude-3-5-sonnet-20241022': 'anthropic.claude-3-5-sonnet-20241022-v2:0',
	'claude-3-5-sonnet-20240620': 'anthropic.claude-3-5-sonnet-20240620-v1:0',
	'claude-3-5-sonnet-latest': 'anthropic.claude-3-5-sonnet-20241022-v2:0',
};

/** Spellings of one name, most specific first. */
export function spellings(model: string): string[] {
	const result: string[] = [];
	const add = (name: string) => {
		if (name && !result.includes(name)) {
			result.push(name);
		}
	};

	let name = model.trim().toLowerCase();
	add(name);
	name = name.replace(/\[[^\]]*\]$/, ''); // claude-sonnet-4-5[1m]
	name = name.replace(/^(?:anthropic|openai|google|models|vertex_ai|azure)\//, '');
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

function prefixed(agent: AgentId, name: string): string[] {
	if (/^gemini/.test(name)) {
		return [`gemini/${name}`, name, `vertex_ai/${name}`];
	}

	if (/^(?:gpt|o\d|codex)/.test(name)) {
		return [name, `openai/${name}`];
	}

	if (agent === 'opencode' || agent === 'amp' || agent === 'pi') {
		return [name, `openrouter/${name}`];
	}

	return [name];
}

export class ModelResolver {
	private readonly cache = new Map<string, string | undefined>();

	constructor(
		private readonly table: PriceTable,
		private readonly aliases: Readonly<Record<string, string>> = {},
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

		const key = this.lookup(agent, model);
		this.cache.set(cacheKey, key);
		return key;
	}

	private lookup(agent: AgentId, model: string): string | undefined {
		const userAlias = this.aliases[model] ?? this.aliases[model.toLowerCase()];
		if (userAlias && userAlias !== model) {
			return this.lookup(agent, userAlias);
		}

		for (const name of spellings(model)) {
			for (const candidate of prefixed(agent, name)) {
				if (this.table.has(candidate)) {
					return candidate;
				}
			}

			const alias = modelAliases[name];
			if (alias && this.table.has(alias)) {
				return alias;
			}
		}

		return undefined;
	}
}
