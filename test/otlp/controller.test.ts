import {afterEach, describe, expect, it} from 'vitest';
import {resolveOtlpConfig} from '../../source/export/otlp/config.js';
import {exportOnce, type OtlpStatus, startOtlp} from '../../source/export/otlp/exporter.js';
import {waitFor} from '../support/wait-for.js';
import {baseEvents, closedPort, type Receiver, startReceiver, treeOf} from './support.js';

const token = 'Bearer sk_live_5e3c1a';
const model = treeOf(baseEvents());
const receivers: Receiver[] = [];
afterEach(async () => {
	await Promise.all(receivers.splice(0).map(receiver => receiver.close()));
});

async function receiver(mode?: Parameters<typeof startReceiver>[0]): Promise<Receiver> {
	const started = await startReceiver(mode);
	receivers.push(started);
	return started;
}

function config(endpoint: string, timeoutMs = 10_000) {
	return {...resolveOtlpConfig({endpoint, headers: [`Authorization: ${token}`]}, {})!, timeoutMs};
}

function assertNoSecret(status: OtlpStatus): void {
	expect(JSON.stringify(status)).not.toContain('sk_live');
}

describe('OtlpController', () => {
	it('exports on start and then periodically, reporting status to subscribers', async () => {
		const target = await receiver();
		const controller = startOtlp(config(target.url), () => model, {intervalMs: 50, settleMs: 0});
		const seen: OtlpStatus[] = [];
		const unsubscribe = controller.subscribe(status => seen.push(status));
		try {
			await waitFor(() => controller.status.exports >= 3, {message: () => JSON.stringify(controller.status)});
			expect(controller.status).toMatchObject({
				state: 'connected',
				connected: true,
				failures: 0,
				endpoint: `${target.url}/v1/metrics`,
				protocol: 'http/protobuf',
			});
			expect(controller.status.lastExportAt).toBeGreaterThan(0);
			expect(controller.status.pointsExported).toBe(controller.status.lastPoints * controller.status.exports);
			expect(seen.some(status => status.exporting)).toBe(true);
			expect(seen.at(-1)!.connected).toBe(true);
		} finally {
			unsubscribe();
			await controller.shutdown(500);
		}

		expect(controller.status.state).toBe('disconnected');
		const count = target.requests.length;
		// The final flush happened; no timer is left to send more.
		await new Promise(resolve => setTimeout(resolve, 150));
		expect(target.requests.length).toBe(count);
	});

	it('keeps running against a dead endpoint with a specific last error, then recovers on reconfigure', async () => {
		const port = await closedPort();
		const controller = startOtlp(config(`http://127.0.0.1:${port}`), () => model, {intervalMs: 3_600_000});
		try {
			const outcome = await controller.exportNow();
			expect(outcome).toEqual({
				ok: false,
				points: 0,
				error: `Connection refused: no service listening at http://127.0.0.1:${port}/v1/metrics. Start the collector or fix the port.`,
			});
			expect(controller.status).toMatchObject({state: 'error', connected: false, lastError: outcome.error});
			expect(controller.status.failures).toBeGreaterThanOrEqual(1);
			assertNoSecret(controller.status);

			const target = await receiver();
			controller.reconfigure(config(target.url));
			expect(controller.status.endpoint).toBe(`${target.url}/v1/metrics`);
			await waitFor(() => controller.status.connected, {message: () => JSON.stringify(controller.status)});
			expect(controller.status.lastError).toBeUndefined();
			expect(target.requests.length).toBeGreaterThanOrEqual(1);
		} finally {
			await controller.shutdown(500);
		}
	});

	it('reports HTTP 401 from the exporter without leaking the header', async () => {
		const target = await receiver({status: 401});
		const outcome = await exportOnce(config(target.url), model);
		expect(outcome.ok).toBe(false);
		expect(outcome.error).toBe(
			`HTTP 401 Unauthorized from ${target.url}/v1/metrics: the endpoint rejected the credentials; check --otlp-headers (e.g. "Authorization: Bearer <token>").`,
		);
		expect(target.requests[0]!.headers.authorization).toBe(token);
	});

	it('bounds an export to a server that never answers, and shutdown does not hang on it', async () => {
		const target = await receiver('hang');
		const controller = startOtlp(config(target.url, 300), () => model, {intervalMs: 3_600_000, exportOnStart: false});
		const outcome = await controller.exportNow();
		expect(outcome.ok).toBe(false);
		expect(outcome.error).toBe(`Connection timed out after 0.3 s: is ${target.url}/v1/metrics reachable?`);
		const joined = [controller.exportNow(), controller.exportNow()];
		// Two calls while one export is in flight share it: one request, not two.
		const [a, b] = await Promise.all(joined);
		expect(a).toBe(b);
		expect(target.requests).toHaveLength(2);
		await controller.shutdown(200);
		expect(controller.status.state).toBe('disconnected');
		assertNoSecret(controller.status);
	});

	it('disconnect stops exporting; exportNow then says so', async () => {
		const target = await receiver();
		const controller = startOtlp(config(target.url), () => model, {intervalMs: 3_600_000, exportOnStart: false});
		await controller.disconnect();
		expect(controller.status.state).toBe('disconnected');
		expect(await controller.exportNow()).toEqual({ok: false, points: 0, error: 'OTLP export is disconnected.'});
		expect(target.requests).toHaveLength(0);
		// Connect again (the settings screen's Connect after Disconnect).
		controller.reconfigure(config(target.url));
		expect(controller.status.state).toBe('connecting');
		expect((await controller.exportNow()).ok).toBe(true);
		expect(controller.status.connected).toBe(true);
		expect(target.requests).toHaveLength(1);
		await controller.shutdown(500);
	});
});
