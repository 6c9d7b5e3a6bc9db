/** `--plan`: the presets of insights/types.ts, nothing else (resolveOptions, no built CLI). */
import {describe, expect, it} from 'vitest';
import {type Flags, resolveOptions, UsageError} from '../../source/cli/options.js';

const flags: Flags = {
	json: true,
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
};
const resolve = (plan: string) => resolveOptions({...flags, plan}, {stdoutIsTTY: false, env: {}});

describe('--plan', () => {
	it('takes each preset and names them all when the value is unknown', () => {
		for (const plan of ['pro', 'max5', 'max20']) {
			expect(resolve(plan).plan).toBe(plan);
		}

		expect(() => resolve('max10')).toThrow(UsageError);
		expect(() => resolve('Max5')).toThrow('Unknown --plan "Max5": use pro, max5, max20');
	});
});
