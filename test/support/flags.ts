/** Parsed flags as meow gives them for a plain run (`--demo`, UTC, no cache), for resolveOptions tests. */
import type {Flags} from '../../source/cli/options.js';

export function plainFlags(overrides: Partial<Flags> = {}): Flags {
	return {
		json: false,
		agent: [],
		verbose: false,
		demo: true,
		dataDir: [],
		prompts: true,
		color: false,
		ascii: false,
		otlpHeaders: [],
		otlpOnce: false,
		cache: false,
		timezone: 'UTC',
		...overrides,
	};
}
