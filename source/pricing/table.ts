/**
The bundled price table (generated from a LiteLLM snapshot by test/scripts/generate-pricing.mjs;
regenerate with `npm run pricing:generate`, never edit by hand). All prices are USD per token.
*/
import generated from './litellm-prices.generated.json' with {type: 'json'};

export type ModelPrice = {
	/** LiteLLM provider (`anthropic`, `openai`, `gemini`, `bedrock`, …). */
	readonly p: string;
	readonly i: number;
	readonly o: number;
	readonly cr?: number;
	readonly cw?: number;
	readonly cw1h?: number;
	/** Long-context threshold: a request whose prompt exceeds it is billed at the tier prices. */
	readonly t?: number;
	readonly ti?: number;
	readonly to?: number;
	readonly tcr?: number;
	readonly tcw?: number;
	readonly tcw1h?: number;
	/** Fast-mode multiplier (Claude fast mode; OpenAI priority tier as priority/standard input). */
	readonly fast?: number;
	/** Max input tokens (context window). */
	readonly mi?: number;
};

export type PriceTable = ReadonlyMap<string, ModelPrice>;

export const bundledMeta = generated.meta;

export function bundledTable(): PriceTable {
	return new Map(Object.entries(generated.models as Record<string, ModelPrice>));
}
