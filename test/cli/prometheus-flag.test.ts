/** `--prometheus [HOST:]PORT`: what resolveOptions accepts, and the built binary's usage errors. */
import {describe, expect, it} from 'vitest';
import {parseListenAddress, resolveOptions, UsageError} from '../../source/cli/options.js';
import {runCli} from '../support/cli.js';
import {plainFlags} from '../support/flags.js';

describe('--prometheus', () => {
	it.each([
		['9464', {host: '127.0.0.1', port: 9464}],
		['1', {host: '127.0.0.1', port: 1}],
		['65535', {host: '127.0.0.1', port: 65_535}],
		['0.0.0.0:9464', {host: '0.0.0.0', port: 9464}],
		['localhost:9100', {host: 'localhost', port: 9100}],
		['metrics-box.lan:9464', {host: 'metrics-box.lan', port: 9464}],
		['[::1]:9464', {host: '::1', port: 9464}],
		['[::]:9464', {host: '::', port: 9464}],
	])('reads %j', (value, address) => {
		expect(parseListenAddress(value)).toEqual(address);
		const options = resolveOptions(plainFlags({prometheus: value}), {stdoutIsTTY: true, env: {}});
		expect(options.prometheus).toEqual(address);
	});

	it.each([
		'0',
		'65536',
		'99999',
		'-1',
		'9464.5',
		'port',
		':9464',
		'localhost:',
		'::1:9464',
		'[::1]',
		'[127.0.0.1]:9464',
		'[::1]:0',
		'300.1.1.1:9464',
		'under_score:9464',
		'http://localhost:9464',
	])('rejects %j in one sentence', value => {
		expect(() => parseListenAddress(value)).toThrow(UsageError);
		expect(() => parseListenAddress(value)).toThrow(
			/^Invalid --prometheus ".*"( \(an IPv6 address goes in brackets\))?: use PORT, HOST:PORT or \[IPv6\]:PORT with a port from 1 to 65535/,
		);
	});

	it.each([
		[{json: true}, '--json'],
		[{otlpOnce: true}, '--otlp-once'],
		[{csv: true}, '--csv'],
		[{statement: '2026-11'}, '--statement'],
	])('refuses to serve with the one-shot output %j', (flags, name) => {
		const resolve = () => resolveOptions(plainFlags({...flags, prometheus: '9464'}), {stdoutIsTTY: true, env: {}});
		expect(resolve).toThrow(UsageError);
		expect(resolve).toThrow(`--prometheus serves while the browser or \`agent-ncdu watch\` runs, not with ${name}`);
	});

	it('names the bracket rule for a bare IPv6 address', () => {
		expect(() => parseListenAddress('::1:9464')).toThrow('(an IPv6 address goes in brackets)');
	});

	it.each([
		[
			['--json', '--prometheus', '9464'],
			/^✖ --prometheus serves while the browser or `agent-ncdu watch` runs, not with --json/,
		],
		[['--otlp-once', '--prometheus', '9464'], /^✖ --prometheus serves .* not with --otlp-once/],
		// stdout is a pipe here, which means --json.
		[['--demo', '--prometheus', '9464'], /^✖ --prometheus serves .* and stdout is not a terminal/],
		[['--prometheus', '70000'], /^✖ Invalid --prometheus "70000"/],
	])('%j is a usage error: one ✖ line, exit code 1, nothing on stdout', async (args, message) => {
		const result = await runCli(args);
		expect(result.code).toBe(1);
		expect(result.stdout).toBe('');
		expect(result.stderr.trim().split('\n')).toHaveLength(1);
		expect(result.stderr).toMatch(message);
	});

	it('is in the help text', async () => {
		const help = await runCli(['--help']);
		expect(help.stdout).toMatch(/--prometheus \[HOST:\]PORT +Serve the same metrics at \/metrics/);
	});
});
