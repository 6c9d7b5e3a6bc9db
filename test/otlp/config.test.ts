import {describe, expect, it} from 'vitest';
import {
	describeConfig,
	maskHeaders,
	OtlpConfigError,
	parseHeaderFlag,
	resolveOtlpConfig,
} from '../../source/export/otlp/config.js';

const secret = 'dXNlcjpwYXNzd29yZA==';

function errorOf(run: () => unknown): Error {
	try {
		run();
	} catch (error) {
		return error as Error;
	}

	throw new Error('expected an error');
}

describe('endpoint precedence and path rules', () => {
	it('returns undefined when nothing configures OTLP', () => {
		expect(resolveOtlpConfig({}, {})).toBeUndefined();
		expect(resolveOtlpConfig({endpoint: '  '}, {OTEL_EXPORTER_OTLP_ENDPOINT: ''})).toBeUndefined();
	});

	it('appends /v1/metrics to the generic base endpoint, keeping its path', () => {
		expect(resolveOtlpConfig({}, {OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318'})!.endpoint).toBe(
			'http://collector:4318/v1/metrics',
		);
		expect(resolveOtlpConfig({}, {OTEL_EXPORTER_OTLP_ENDPOINT: 'https://otlp.example.com/otlp/'})!.endpoint).toBe(
			'https://otlp.example.com/otlp/v1/metrics',
		);
	});

	it('uses the signal-specific endpoint as is, over the generic one', () => {
		const config = resolveOtlpConfig(
			{},
			{
				OTEL_EXPORTER_OTLP_ENDPOINT: 'http://generic:4318',
				OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: 'http://specific:9999/custom/path',
			},
		);
		expect(config!.endpoint).toBe('http://specific:9999/custom/path');
	});

	it('gives the flag precedence over both env variables; a flag base gets /v1/metrics once', () => {
		const env = {
			OTEL_EXPORTER_OTLP_ENDPOINT: 'http://generic:4318',
			OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: 'http://specific:4318/v1/metrics',
		};
		expect(resolveOtlpConfig({endpoint: 'http://localhost:4318'}, env)!.endpoint).toBe(
			'http://localhost:4318/v1/metrics',
		);
		expect(resolveOtlpConfig({endpoint: 'http://localhost:4318/v1/metrics'}, env)!.endpoint).toBe(
			'http://localhost:4318/v1/metrics',
		);
	});

	it('falls back to saved settings last', () => {
		expect(
			resolveOtlpConfig({}, {}, {endpoint: 'http://saved:4318', protocol: 'http/json', headers: {'X-Team': 'a'}}),
		).toMatchObject({endpoint: 'http://saved:4318/v1/metrics', protocol: 'http/json', headers: {'X-Team': 'a'}});
		expect(
			resolveOtlpConfig({}, {OTEL_EXPORTER_OTLP_ENDPOINT: 'http://env:4318'}, {endpoint: 'http://saved:4318'})!
				.endpoint,
		).toBe('http://env:4318/v1/metrics');
	});

	it('rejects a non-http URL with the fix, and hides URL passwords', () => {
		const error = errorOf(() => resolveOtlpConfig({endpoint: 'localhost:4318'}, {}));
		expect(error).toBeInstanceOf(OtlpConfigError);
		expect(error.message).toMatch(
			/^Invalid OTLP endpoint "localhost:4318" \(--otlp-endpoint\): use an http\(s\) URL such as http:\/\/localhost:4318\.$/,
		);
		expect(errorOf(() => resolveOtlpConfig({}, {OTEL_EXPORTER_OTLP_ENDPOINT: 'ftp://x'})).message).toContain(
			'OTEL_EXPORTER_OTLP_ENDPOINT',
		);
		const config = resolveOtlpConfig({endpoint: 'https://user:hunter2@otlp.example.com'}, {})!;
		expect(describeConfig(config)).not.toContain('hunter2');
	});
});

describe('headers', () => {
	it('parses "Key: Value" and "Key=Value", keeping = and : inside values', () => {
		expect(parseHeaderFlag('Authorization: Basic ' + secret)).toEqual(['Authorization', 'Basic ' + secret]);
		expect(parseHeaderFlag('X-Api-Key=' + secret)).toEqual(['X-Api-Key', secret]);
		expect(parseHeaderFlag('X-Scope=tenant:a=b')).toEqual(['X-Scope', 'tenant:a=b']);
		expect(parseHeaderFlag('  x-honeycomb-team :  abc  ')).toEqual(['x-honeycomb-team', 'abc']);
	});

	it('rejects a header without a name, never echoing the value', () => {
		for (const [raw, value] of [
			['tok_0a1b2c3d', 'tok_0a1b2c3d'],
			[': ' + secret, secret],
			['Bad Name: ' + secret, secret],
			['Authorization: a\r\nX-Evil: 1', 'X-Evil'],
		]) {
			const error = errorOf(() => parseHeaderFlag(raw!));
			expect(error).toBeInstanceOf(OtlpConfigError);
			expect(error.message).not.toContain(value);
			expect(error.message).not.toContain('\n');
		}
	});

	it('asks for the Name: value form', () => {
		for (const raw of ['tok_0a1b2c3d', ': ' + secret]) {
			const error = errorOf(() => parseHeaderFlag(raw));
			expect(error.message).toContain('"Name: value"');
		}
	});

	it('percent-decodes OTEL_EXPORTER_OTLP_HEADERS and merges flag > signal env > generic env', () => {
		const config = resolveOtlpConfig(
			{endpoint: 'http://localhost:4318', headers: ['x-tenant: from-flag']},
			{
				OTEL_EXPORTER_OTLP_HEADERS: 'Authorization=Basic%20' + secret + ',X-Tenant=generic, x-env = generic-only ',
				OTEL_EXPORTER_OTLP_METRICS_HEADERS: 'authorization=Bearer%20metrics',
			},
		)!;
		expect(config.headers).toEqual({authorization: 'Bearer metrics', 'x-tenant': 'from-flag', 'x-env': 'generic-only'});
	});

	it('reports bad env headers with the variable name and the fix', () => {
		const error = errorOf(() =>
			resolveOtlpConfig({endpoint: 'http://localhost:4318'}, {OTEL_EXPORTER_OTLP_HEADERS: 'Authorization=%E0%A4%A'}),
		);
		expect(error.message).toBe(
			'Invalid value of Authorization in OTEL_EXPORTER_OTLP_HEADERS: bad percent-encoding; encode "%" as %25.',
		);
		expect(
			errorOf(() => resolveOtlpConfig({endpoint: 'http://localhost:4318'}, {OTEL_EXPORTER_OTLP_HEADERS: 'novalue'}))
				.message,
		).toContain('comma-separated key=value');
	});

	it('masks values for --verbose', () => {
		const config = resolveOtlpConfig(
			{endpoint: 'http://localhost:4318', headers: ['Authorization: Bearer ' + secret]},
			{},
		)!;
		expect(maskHeaders(config.headers)).toBe('Authorization: ••••••••');
		expect(describeConfig(config)).toBe(
			'OTLP http/protobuf → http://localhost:4318/v1/metrics every 60 s; headers: Authorization: ••••••••',
		);
		expect(maskHeaders({})).toBe('(none)');
	});
});

describe('protocol, project mode, resource attributes, timeouts', () => {
	it('reads the project privacy mode: flag > AGENT_NCDU_OTLP_PROJECT > saved > name', () => {
		const base = {endpoint: 'http://localhost:4318'};
		expect(resolveOtlpConfig(base, {})!.project).toBe('name');
		expect(resolveOtlpConfig(base, {AGENT_NCDU_OTLP_PROJECT: 'Hash'}, {project: 'omit'})!.project).toBe('hash');
		expect(resolveOtlpConfig({...base, project: 'omit'}, {AGENT_NCDU_OTLP_PROJECT: 'hash'})!.project).toBe('omit');
		expect(resolveOtlpConfig(base, {}, {project: 'omit'})!.project).toBe('omit');
		expect(errorOf(() => resolveOtlpConfig(base, {AGENT_NCDU_OTLP_PROJECT: 'secret'})).message).toBe(
			'Invalid AGENT_NCDU_OTLP_PROJECT "secret": use name, hash or omit.',
		);
	});

	it('defaults to http/protobuf; signal env beats generic env; grpc is refused with the fix', () => {
		const base = {endpoint: 'http://localhost:4318'};
		expect(resolveOtlpConfig(base, {})!.protocol).toBe('http/protobuf');
		expect(resolveOtlpConfig(base, {OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json'})!.protocol).toBe('http/json');
		expect(
			resolveOtlpConfig(base, {
				OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
				OTEL_EXPORTER_OTLP_METRICS_PROTOCOL: 'http/protobuf',
			})!.protocol,
		).toBe('http/protobuf');
		expect(errorOf(() => resolveOtlpConfig(base, {OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc'})).message).toBe(
			"OTLP protocol grpc (OTEL_EXPORTER_OTLP_PROTOCOL) is not supported: use http/protobuf (the collector's port 4318).",
		);
	});

	it('reads OTEL_RESOURCE_ATTRIBUTES (percent-decoded) and OTEL_SERVICE_NAME', () => {
		const config = resolveOtlpConfig(
			{endpoint: 'http://localhost:4318'},
			{OTEL_RESOURCE_ATTRIBUTES: 'team=platform,user.name=ali%20ce', OTEL_SERVICE_NAME: 'ncdu-alice'},
		)!;
		expect(config.resourceAttributes).toEqual({team: 'platform', 'user.name': 'ali ce', 'service.name': 'ncdu-alice'});
	});

	it('reads timeouts and the export interval in milliseconds', () => {
		const config = resolveOtlpConfig(
			{endpoint: 'http://localhost:4318'},
			{
				OTEL_EXPORTER_OTLP_TIMEOUT: '5000',
				OTEL_EXPORTER_OTLP_METRICS_TIMEOUT: '3000',
				OTEL_METRIC_EXPORT_INTERVAL: '15000',
			},
		)!;
		expect(config).toMatchObject({timeoutMs: 3000, intervalMs: 15_000});
		expect(
			errorOf(() => resolveOtlpConfig({endpoint: 'http://localhost:4318'}, {OTEL_METRIC_EXPORT_INTERVAL: 'soon'}))
				.message,
		).toBe('Invalid OTEL_METRIC_EXPORT_INTERVAL "soon": use a positive number of milliseconds.');
	});
});
