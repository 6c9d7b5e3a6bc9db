/**
Pricing entry point: `createPricer()` prices calls from the bundled LiteLLM snapshot, with the
user's overrides (`--pricing FILE`) taking precedence. Unknown models are unpriced (`null`):
never a silent $0, never a guess.
*/
import {type PricingOverrides, loadPricingOverrides} from './overrides.js';
import {priceTokens} from './price.js';
import {ModelResolver} from './resolve-model.js';
import {bundledMeta, bundledTable, type ModelPrice} from './table.js';
import type {CallPrice, Pricer, PriceRequest} from './types.js';

export {loadPricingOverrides, type PricingOverrides};

export function createPricer(options: {overrides?: PricingOverrides} = {}): Pricer {
	const table = new Map<string, ModelPrice>(bundledTable());
	for (const [name, price] of options.overrides?.models ?? []) {
		table.set(name, price);
	}

	const resolver = new ModelResolver(table, options.overrides?.aliases);
	return {
		source: `${bundledMeta.source} ${bundledMeta.date}${options.overrides ? ' + user overrides' : ''}`,
		date: bundledMeta.date,
		priceCall(request: PriceRequest): CallPrice {
			const key = resolver.resolveAt(request.agent, request.model, request.time);
			const price = key === undefined ? undefined : table.get(key);
			if (!price) {
				return {costUSD: null};
			}

			const {costUSD, longContext} = priceTokens(price, request.tokens, request.speed === 'fast');
			return {costUSD, pricingKey: key, longContext};
		},
	};
}
