/** `--budget AMOUNT/PERIOD`: read by resolveOptions, and a bad one is a one-line ✖ from the built CLI. */
import {existsSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {resolveOptions, UsageError} from '../../source/cli/options.js';
import {cliPath, runCli} from '../support/cli.js';
import {plainFlags} from '../support/flags.js';

const resolve = (budget: string) =>
	resolveOptions({...plainFlags({json: true}), budget}, {stdoutIsTTY: false, env: {}}).budget;

describe('--budget', () => {
	it('takes tokens or dollars per day, week or month', () => {
		expect(resolve('2M/week')).toEqual({amount: 2_000_000, unit: 'tokens', period: 'week'});
		expect(resolve('$200/month')).toEqual({amount: 200, unit: 'usd', period: 'month'});
		expect(resolveOptions(plainFlags({json: true}), {stdoutIsTTY: false, env: {}}).budget).toBeUndefined();
		expect(() => resolve('2M/year')).toThrow(UsageError);
	});

	it.skipIf(!existsSync(cliPath))('rejects a bad budget with a one-line ✖ message and exit code 1', async () => {
		for (const [value, message] of [
			['50/day', /^✖ Invalid --budget "50\/day": 50 tokens is less than one request: for dollars write \$50\/day/],
			['2M/fortnight', /^✖ Invalid --budget "2M\/fortnight": "fortnight" is not a period: use day, week or month/],
			['lots', /^✖ Invalid --budget "lots": use AMOUNT\/PERIOD, tokens like 2M\/week or dollars like \$50\/day/],
		] as const) {
			const result = await runCli(['--json', '--demo', '--budget', value]);
			expect(result.code).toBe(1);
			expect(result.stdout).toBe('');
			expect(result.stderr.trim().split('\n')).toHaveLength(1);
			expect(result.stderr).toMatch(message);
		}
	});
});
