import {describe, expect, it} from 'vitest';
import {describeConfig, resolveOtlpConfig} from '../../source/export/otlp/config.js';
import {redactEndpoint} from '../../source/export/otlp/redact-endpoint.js';
import {describeHttpStatus, describeNetworkError} from '../../source/export/otlp/validate.js';

const secrets = ['s3cr3t-token', 's3cr3t-key', 'frag-s3cr3t', 'alice'];
const withEverything =
	'https://alice:s3cr3t-token@otlp.example.com:4318/v1/metrics?api_key=s3cr3t-key&region=eu#frag-s3cr3t';

function expectNoSecret(text: string): void {
	for (const secret of secrets) {
		expect(text).not.toContain(secret);
	}
}

describe('redactEndpoint', () => {
	it('hides user-info, query values and the fragment, keeping host, port, path and query keys', () => {
		expect(redactEndpoint(withEverything)).toBe(
			'https://***@otlp.example.com:4318/v1/metrics?api_key=***&region=***#***',
		);
		expect(redactEndpoint('http://s3cr3t-token@127.0.0.1:4318/v1/metrics')).toBe(
			'http://***@127.0.0.1:4318/v1/metrics',
		);
		expect(redactEndpoint('http://:s3cr3t-token@[::1]:4318')).toBe('http://***@[::1]:4318/');
		expect(redactEndpoint('https://h/v1/metrics?s3cr3t-key&empty=&k=v')).toBe('https://h/v1/metrics?***&empty=&k=***');
	});

	it('leaves an endpoint with nothing to hide exactly as written', () => {
		expect(redactEndpoint('http://localhost:4318')).toBe('http://localhost:4318');
		expect(redactEndpoint('https://otlp.example.com/otlp/v1/metrics')).toBe('https://otlp.example.com/otlp/v1/metrics');
	});

	it('hides the same parts of text that is not a valid URL (error messages quote it)', () => {
		expect(redactEndpoint('localhost:4318')).toBe('localhost:4318');
		// A "/" in the password makes the URL invalid; user-info still runs to the last "@".
		const slashInPassword = 'http://alice:s3cr3t/token@host:4318?api_key=s3cr3t-key#frag-s3cr3t';
		expect(redactEndpoint(slashInPassword)).toBe('http://***@host:4318?api_key=***#***');
		expect(redactEndpoint('ftp://alice:s3cr3t-token@host')).toBe('ftp://***@host');
		expect(redactEndpoint('alice:s3cr3t-token@host:99999')).toBe('***@host:99999');
	});

	it('while typing, replaces each hidden character with a bullet and keeps the rest', () => {
		const typed = 'http://alice:pw@host/v1/metrics?key=abc#xy';
		expect(redactEndpoint(typed, true)).toBe('http://••••••••@host/v1/metrics?key=•••#••');
		expect(redactEndpoint(typed, true)).toHaveLength(typed.length);
		expect(redactEndpoint('http://local', true)).toBe('http://local');
		expect(redactEndpoint('https://h/?api_key=', true)).toBe('https://h/?api_key=');
	});

	it('is what every OTLP message uses: describeConfig, network and HTTP errors', () => {
		const config = resolveOtlpConfig({endpoint: withEverything, headers: ['Authorization: Bearer s3cr3t-token']}, {})!;
		const messages = [
			describeConfig(config),
			describeNetworkError({code: 'ECONNREFUSED'}, config.endpoint, 1000),
			describeNetworkError({code: 'ENOTFOUND'}, config.endpoint, 1000),
			describeNetworkError(new Error('socket hang up'), config.endpoint, 1000),
			describeHttpStatus(401, 'Unauthorized', config.endpoint),
		];
		for (const message of messages) {
			expect(message).toContain('https://***@otlp.example.com:4318/v1/metrics?api_key=***');
			expectNoSecret(message);
		}
	});

	it('keeps secrets out of the error for an invalid endpoint', () => {
		expect(() => resolveOtlpConfig({endpoint: 'http://alice:s3cr3t/token@host?api_key=s3cr3t-key'}, {})).toThrow(
			/^Invalid OTLP endpoint "http:\/\/\*\*\*@host\?api_key=\*\*\*" \(--otlp-endpoint\)/,
		);
	});
});
