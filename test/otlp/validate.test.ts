import {afterEach, describe, expect, it} from 'vitest';
import {resolveOtlpConfig} from '../../source/export/otlp/config.js';
import {validateEndpoint} from '../../source/export/otlp/validate.js';
import {closedPort, type Receiver, startReceiver} from './support.js';

const token = 'Bearer tok_9f8e7d6c5b4a';
let receiver: Receiver | undefined;
afterEach(async () => {
	await receiver?.close();
	receiver = undefined;
});

function config(endpoint: string, protocol: 'http/protobuf' | 'http/json' = 'http/protobuf') {
	return resolveOtlpConfig({endpoint, headers: [`Authorization: ${token}`], protocol}, {})!;
}

async function failure(endpoint: string, timeoutMs = 8000): Promise<string> {
	const result = await validateEndpoint(config(endpoint), timeoutMs);
	if (result.ok) {
		throw new Error(`expected a failure, got HTTP ${result.status}`);
	}

	expect(result.error).not.toContain(token);
	expect(result.error).not.toContain('tok_');
	expect(result.error).not.toContain('\n');
	return result.error;
}

describe('validateEndpoint', () => {
	it.each(['http/protobuf', 'http/json'] as const)(
		'accepts a working receiver (%s) with an empty, decodable request',
		async protocol => {
			receiver = await startReceiver();
			const result = await validateEndpoint(config(receiver.url, protocol));
			expect(result).toEqual({ok: true, status: 200});
			expect(receiver.requests[0]!.path).toBe('/v1/metrics');
			expect(receiver.requests[0]!.headers.authorization).toBe(token);
			expect(receiver.decoded(0).metrics.size).toBe(0);
		},
	);

	it('says nothing is listening on a refused port', async () => {
		const port = await closedPort();
		expect(await failure(`http://127.0.0.1:${port}`)).toBe(
			`Connection refused: no service listening at http://127.0.0.1:${port}/v1/metrics. Start the collector or fix the port.`,
		);
	});

	it('says the hostname was not found for an unresolvable host', async () => {
		expect(await failure('http://nonexistent.invalid:4318')).toMatch(
			/^DNS lookup failed: hostname not found for nonexistent\.invalid \(http:\/\/nonexistent\.invalid:4318\/v1\/metrics\)\. Check the spelling\.$/,
		);
	});

	it('times out on a server that never answers', async () => {
		receiver = await startReceiver('hang');
		expect(await failure(receiver.url, 300)).toBe(
			`Connection timed out after 0.3 s: is ${receiver.url}/v1/metrics reachable?`,
		);
		expect(receiver.requests).toHaveLength(1);
	});

	it.each([
		[401, 'HTTP 401 Unauthorized from', 'rejected the credentials; check --otlp-headers'],
		[403, 'HTTP 403 Forbidden from', 'rejected the credentials'],
		[404, 'HTTP 404 Not Found from', 'no OTLP receiver at this path'],
		[503, 'HTTP 503 Service Unavailable from', 'the server failed'],
	])('explains HTTP %i with the status text', async (status, start, fix) => {
		receiver = await startReceiver({status});
		const message = await failure(receiver.url);
		expect(message.startsWith(`${start} ${receiver.url}/v1/metrics: `)).toBe(true);
		expect(message).toContain(fix);
	});

	it('reports TLS failures when https meets a plain-http server', async () => {
		receiver = await startReceiver();
		const message = await failure(receiver.url.replace('http:', 'https:'));
		expect(message).toMatch(/^TLS error talking to https:\/\/127\.0\.0\.1:\d+\/v1\/metrics: /);
	});
});
