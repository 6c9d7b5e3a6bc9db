/**
OTLP fault injection (issue #8): a real exporter against real local servers that refuse,
flap, hang, answer 500/429, answer 200 with garbage, or speak no HTTP at all. Asserts the
controller's status tells the truth and recovers, HTTP attempts per export are bounded, the
event loop keeps ticking, shutdown is prompt, and the header secret never shows anywhere.
*/
import http from 'node:http';
import net from 'node:net';
import {afterEach, describe, expect, it} from 'vitest';
import {resolveOtlpConfig} from '../../source/export/otlp/config.js';
import {type OtlpController, startOtlp} from '../../source/export/otlp/exporter.js';
import {runCli} from '../support/cli.js';
import {closedPort, type Receiver, startReceiver, treeOf, baseEvents} from './support.js';

const secret = 's3cr3t-token';
const model = treeOf(baseEvents());
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
	await Promise.all(cleanups.splice(0).map(cleanup => cleanup()));
});

async function receiver(mode?: Parameters<typeof startReceiver>[0]): Promise<Receiver> {
	const started = await startReceiver(mode);
	cleanups.push(() => started.close());
	return started;
}

function config(base: string, timeoutMs = 1500) {
	return {...resolveOtlpConfig({endpoint: base, headers: [`Authorization=Bearer ${secret}`]}, {})!, timeoutMs};
}

function controllerFor(base: string, timeoutMs?: number): OtlpController {
	const controller = startOtlp(config(base, timeoutMs), () => model, {
		intervalMs: 3_600_000,
		settleMs: 0,
		exportOnStart: false,
	});
	cleanups.push(() => controller.shutdown(200));
	return controller;
}

/** Largest gap between 10 ms ticks while `work` runs: proves the event loop never stalls. */
async function maxTickGap<T>(work: () => Promise<T>): Promise<{result: T; gap: number}> {
	let last = performance.now();
	let gap = 0;
	const ticker = setInterval(() => {
		const now = performance.now();
		gap = Math.max(gap, now - last);
		last = now;
	}, 10);
	try {
		const result = await work();
		return {result, gap: Math.max(gap, performance.now() - last)};
	} finally {
		clearInterval(ticker);
	}
}

/** A raw TCP server that writes junk (not HTTP) and closes each connection. */
async function junkServer(): Promise<{url: string; connections: () => number}> {
	let connections = 0;
	const sockets = new Set<net.Socket>();
	const server = net.createServer(socket => {
		connections++;
		sockets.add(socket);
		socket.on('error', () => {});
		// Write junk, then drop the connection outright so no half-open socket keeps close() waiting.
		socket.end('\u0000\u00ffSSH-2.0-garbage\r\n\r\n not http at all', () => socket.destroy());
	});
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	const {port} = server.address() as net.AddressInfo;
	cleanups.push(() => {
		// The client may keep its half of a junk connection open; do not wait for it.
		for (const socket of sockets) {
			socket.destroy();
		}

		return new Promise<void>(resolve => server.close(() => resolve()));
	});
	return {url: `http://127.0.0.1:${port}`, connections: () => connections};
}

function expectNoSecret(...texts: unknown[]): void {
	for (const text of texts) {
		expect(JSON.stringify(text) ?? '').not.toContain(secret);
	}
}

describe('OTLP faults: the status tells the truth, attempts are bounded, nothing stalls', () => {
	it('down (connection refused): fails fast with the reason', async () => {
		const port = await closedPort();
		const controller = controllerFor(`http://127.0.0.1:${port}`);
		const {result, gap} = await maxTickGap(() => controller.exportNow());
		expect(result.ok).toBe(false);
		expect(controller.status).toMatchObject({state: 'error', connected: false, failures: 1});
		expect(controller.status.lastError).toMatch(
			/^Connection refused: no service listening at http:\/\/127\.0\.0\.1:\d+\/v1\/metrics/,
		);
		expect(gap).toBeLessThan(200);
		expectNoSecret(controller.status, result);
	});

	it('HTTP 500: one attempt, failed with the status, then recovers to ok', async () => {
		const target = await receiver({status: 500});
		const controller = controllerFor(target.url);
		const {result, gap} = await maxTickGap(() => controller.exportNow());
		expect(result.ok).toBe(false);
		expect(controller.status.lastError).toMatch(/HTTP 500/);
		// 500 is not retryable in OTLP/HTTP: exactly one request.
		expect(target.requests).toHaveLength(1);
		expect(gap).toBeLessThan(200);
		target.mode = {status: 200};
		const recovered = await controller.exportNow();
		expect(recovered.ok).toBe(true);
		expect(controller.status).toMatchObject({
			state: 'connected',
			connected: true,
			failures: 1,
			exports: 1,
			lastError: undefined,
		});
		expectNoSecret(controller.status, result);
	});

	it('HTTP 429 and 503: retries are bounded by the timeout, reason given, loop keeps ticking', async () => {
		for (const status of [429, 503]) {
			const target = await receiver({status});
			const controller = controllerFor(target.url, 1500);
			const started = performance.now();
			const {result, gap} = await maxTickGap(() => controller.exportNow());
			const elapsed = performance.now() - started;
			expect(result.ok).toBe(false);
			expect(controller.status.state).toBe('error');
			expect(controller.status.lastError).toMatch(/429|5xx|503/);
			expect(target.requests.length).toBeGreaterThanOrEqual(1);
			expect(target.requests.length).toBeLessThanOrEqual(5);
			// The SDK's retry loop + our guard: never far past the configured timeout.
			expect(elapsed).toBeLessThan(1500 + 2500);
			expect(gap).toBeLessThan(200);
			expectNoSecret(controller.status, result);
		}
	});

	it('flapping (503 then 200, alternating): each export reports what happened', async () => {
		const target = await receiver({status: 503});
		const controller = controllerFor(target.url, 800);
		const states: string[] = [];
		for (let round = 0; round < 4; round++) {
			target.mode = {status: round % 2 === 0 ? 503 : 200};
			const outcome = await controller.exportNow();
			states.push(`${outcome.ok}:${controller.status.state}`);
		}

		expect(states).toEqual(['false:error', 'true:connected', 'false:error', 'true:connected']);
		expect(controller.status).toMatchObject({failures: 2, exports: 2, lastError: undefined});
	});

	it('slow (server holds the request past the timeout): times out with the reason, then recovers', async () => {
		const target = await receiver('hang');
		const controller = controllerFor(target.url, 600);
		const started = performance.now();
		const {result, gap} = await maxTickGap(() => controller.exportNow());
		expect(performance.now() - started).toBeLessThan(600 + 2500);
		expect(result.ok).toBe(false);
		expect(controller.status.lastError).toMatch(/timed out after 0\.6 s|timeout/i);
		expect(target.requests.length).toBeLessThanOrEqual(5);
		expect(gap).toBeLessThan(200);
		target.mode = {status: 200};
		const recovered = await controller.exportNow();
		expect(recovered.ok).toBe(true);
		expect(controller.status.state).toBe('connected');
		expectNoSecret(controller.status, result);
	});

	it('shutdown during a hanging export returns within its bound', async () => {
		const target = await receiver('hang');
		const controller = startOtlp(config(target.url, 30_000), () => model, {intervalMs: 3_600_000, settleMs: 0});
		await new Promise(resolve => setTimeout(resolve, 100));
		expect(controller.status.exporting).toBe(true);
		const started = performance.now();
		await controller.shutdown(500);
		expect(performance.now() - started).toBeLessThan(2000);
		expect(controller.status.state).toBe('disconnected');
	});

	it('200 with a garbage body: the data was accepted, so the status is ok', async () => {
		let requests = 0;
		const server = http.createServer((request, response) => {
			requests++;
			request.resume();
			request.on('end', () => {
				response.writeHead(200, {'Content-Type': 'application/x-protobuf'});
				response.end(Buffer.from([0xff, 0x00, 0x13, 0x37, 0xde, 0xad, 0xbe, 0xef]));
			});
		});
		await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
		cleanups.push(() => new Promise<void>(resolve => server.close(() => resolve())));
		const {port} = server.address() as net.AddressInfo;
		const controller = controllerFor(`http://127.0.0.1:${port}`);
		const outcome = await controller.exportNow();
		expect(outcome.ok).toBe(true);
		expect(controller.status).toMatchObject({state: 'connected', connected: true});
		expect(requests).toBe(1);
	});

	it('a non-HTTP responder (raw TCP junk, then close): failed with a reason, bounded attempts', async () => {
		const junk = await junkServer();
		const controller = controllerFor(junk.url, 1500);
		const {result, gap} = await maxTickGap(() => controller.exportNow());
		expect(result.ok).toBe(false);
		expect(controller.status.state).toBe('error');
		expect(controller.status.lastError).toMatch(
			/^http:\/\/127\.0\.0\.1:\d+\/v1\/metrics did not answer in HTTP \(HPE_/,
		);
		expect(controller.status.lastError!.length).toBeLessThan(300);
		expect(junk.connections()).toBeLessThanOrEqual(5);
		expect(gap).toBeLessThan(200);
		expectNoSecret(controller.status, result);
	});
});

describe('--otlp-once under faults (built CLI): bounded exit, no secret in any output', () => {
	const headers = ['--otlp-headers', `Authorization=Bearer ${secret}`, '--verbose'];

	it('a 30 s-hanging server: exits 1 within the timeout bound with the reason', async () => {
		const target = await receiver('hang');
		const started = performance.now();
		const result = await runCli(['--demo', '--otlp-once', '--otlp-endpoint', target.url, ...headers], {
			OTEL_EXPORTER_OTLP_TIMEOUT: '1000',
		});
		const elapsed = performance.now() - started;
		expect(result.code).toBe(1);
		expect(result.stderr).toMatch(/timed out/i);
		expect(elapsed).toBeLessThan(1000 + 2000 + 3000);
		expect(result.stdout + result.stderr).not.toContain(secret);
		expect(target.requests[0]!.headers.authorization).toBe(`Bearer ${secret}`);
	}, 20_000);

	it.each([
		['refused', async () => `http://127.0.0.1:${await closedPort()}`, /Connection refused/],
		['500', async () => (await receiver({status: 500})).url, /HTTP 500/],
		['junk TCP', async () => (await junkServer()).url, /did not answer in HTTP/],
	])(
		'%s: exit 1, one-line reason, secret absent',
		async (_name, endpoint, reason) => {
			const result = await runCli(['--demo', '--otlp-once', '--otlp-endpoint', await endpoint(), ...headers], {
				OTEL_EXPORTER_OTLP_TIMEOUT: '1500',
			});
			expect(result.code).toBe(1);
			expect(result.stderr).toMatch(reason);
			expect(result.stdout + result.stderr).not.toContain(secret);
			expect(result.stdout + result.stderr).not.toMatch(/\n\s+at /);
		},
		20_000,
	);
});
