/** `--plan`: the presets of insights/types.ts, nothing else (resolveOptions, no built CLI). */
import {describe, expect, it} from 'vitest';
import {resolveOptions, UsageError} from '../../source/cli/options.js';
import {plainFlags} from '../support/flags.js';

const flags = plainFlags({json: true});
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
