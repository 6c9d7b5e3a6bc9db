import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {resolveOtlpConfig} from '../../source/export/otlp/config.js';
import type {OtlpConfig} from '../../source/export/otlp/config.js';
import {exportOnce, startOtlp} from '../../source/export/otlp/exporter.js';
import {instruments} from '../../source/export/otlp/metrics.js';
import type {TreeModel} from '../../source/model/types.js';
import {
	baseEvents,
	type DecodedExport,
	moreEvents,
	pointsOf,
	type Receiver,
	secretFile,
	secretPrompt,
	startReceiver,
	sumWhere,
	treeOf,
} from './support.js';

let receiver: Receiver;
beforeEach(async () => {
	receiver = await startReceiver();
});
afterEach(async () => {
	await receiver.close();
});

function configFor(url: string, protocol: OtlpConfig['protocol'], headers: string[] = []): OtlpConfig {
	return resolveOtlpConfig({endpoint: url, headers, protocol}, {})!;
}

/** Every point of every metric as `name {attrs} → value|count/sum`, for exact comparisons. */
function valuesOf(decoded: DecodedExport): Map<string, string> {
	const values = new Map<string, string>();
	for (const metric of decoded.metrics.values()) {
		for (const point of metric.points) {
			const key = `${metric.name} ${JSON.stringify(Object.entries(point.attributes).sort())}`;
			values.set(key, point.value === undefined ? `${point.count}/${point.sum}` : String(point.value));
		}
	}

	return values;
}

const billing = {agent: 'claude', model: 'claude-sonnet-4-5', project: 'billing-service', date: '2026-03-02'};

describe.each(['http/protobuf', 'http/json'] as const)('OTLP export over %s to a real receiver', protocol => {
	it('sends every instrument with the right kind, attributes and the tree totals, and re-exports without doubling', async () => {
		let model: TreeModel = treeOf(baseEvents());
		const controller = startOtlp(
			configFor(receiver.url, protocol, ['Authorization: Bearer s3cr3t-t0ken==']),
			() => model,
			{exportOnStart: false, intervalMs: 3_600_000, settleMs: 0, serviceVersion: '9.8.7', hostName: 'devbox'},
		);
		try {
			const first = await controller.exportNow();
			expect(first.ok, first.error).toBe(true);
			const second = await controller.exportNow();
			expect(second).toEqual(first);

			expect(receiver.requests).toHaveLength(2);
			const request = receiver.requests[0]!;
			expect(request.path).toBe('/v1/metrics');
			expect(request.headers.authorization).toBe('Bearer s3cr3t-t0ken==');
			expect(request.contentType).toContain(protocol === 'http/json' ? 'application/json' : 'application/x-protobuf');

			const decoded = receiver.decoded(0);
			expect(decoded.resource).toMatchObject({
				'service.name': 'agent-ncdu',
				'service.version': '9.8.7',
				'host.name': 'devbox',
			});
			expect([...decoded.metrics.keys()].sort()).toEqual(instruments.map(instrument => instrument.name).sort());
			for (const instrument of instruments) {
				const metric = decoded.metrics.get(instrument.name)!;
				expect(metric.unit).toBe(instrument.unit);
				expect(metric.kind).toBe(instrument.kind === 'counter' ? 'sum' : instrument.kind);
				if (instrument.kind !== 'gauge') {
					expect(metric.temporality, instrument.name).toBe(2); // AGGREGATION_TEMPORALITY_CUMULATIVE
				}

				for (const point of metric.points) {
					expect(Object.keys(point.attributes).sort()).toEqual(['agent', ...instrument.attributes].sort());
				}
			}

			expect(decoded.metrics.get('agent.usage.tokens.input')!.monotonic).toBe(true);
			// Hand-computed from the events: calls 1+2 of c1 are Sonnet, call 3 is Opus.
			expect(sumWhere(decoded, 'agent.usage.tokens.input', billing)).toBe(7000);
			expect(sumWhere(decoded, 'agent.usage.tokens.output', billing)).toBe(8000);
			expect(sumWhere(decoded, 'agent.usage.tokens.cache_read', billing)).toBe(330_000);
			expect(sumWhere(decoded, 'agent.usage.tokens.cache_write', billing)).toBe(12_000);
			expect(sumWhere(decoded, 'agent.usage.queries', billing)).toBe(2);
			// Sonnet 4.5 list prices per million: input 3, output 15, read 0.3, 5-min write 3.75, 1-h write 6
			// (both prompts stay under 200K): 0.021 + 0.12 + 0.099 + 0.03 + 0.024.
			expect(sumWhere(decoded, 'agent.usage.cost', billing)).toBeCloseTo(0.294, 9);
			expect(sumWhere(decoded, 'agent.usage.tokens.input', {...billing, model: 'claude-opus-4-5'})).toBe(500);
			expect(sumWhere(decoded, 'agent.usage.cost', {model: 'mystery-model-1'})).toBe(0);

			const totals = model.root.totals;
			expect(sumWhere(decoded, 'agent.usage.tokens.input')).toBe(totals.tokens.input);
			expect(sumWhere(decoded, 'agent.usage.tokens.output')).toBe(totals.tokens.output);
			expect(sumWhere(decoded, 'agent.usage.tokens.cache_read')).toBe(totals.tokens.cacheRead);
			expect(sumWhere(decoded, 'agent.usage.queries')).toBe(totals.calls);
			expect(sumWhere(decoded, 'agent.usage.cost')).toBeCloseTo(totals.pricedCostUSD, 9);

			// The night-owl session crossed midnight: one session, two day fragments.
			expect(sumWhere(decoded, 'agent.usage.sessions', {agent: 'claude', project: 'night-owl'})).toBe(1);
			expect(sumWhere(decoded, 'agent.usage.sessions')).toBe(3);
			expect(sumWhere(decoded, 'agent.usage.daily.tokens.input', {agent: 'claude', date: '2026-03-02'})).toBe(8500);
			expect(sumWhere(decoded, 'agent.usage.daily.tokens.input', {agent: 'claude', date: '2026-03-03'})).toBe(2000);
			expect(sumWhere(decoded, 'agent.usage.daily.sessions', {agent: 'claude', date: '2026-03-02'})).toBe(2);
			expect(sumWhere(decoded, 'agent.usage.daily.tokens.output', {agent: 'codex', date: '2026-03-02'})).toBe(1600);
			expect(sumWhere(decoded, 'agent.usage.model.tokens.input', {agent: 'claude', model: 'claude-sonnet-4-5'})).toBe(
				10_000,
			);
			expect(sumWhere(decoded, 'agent.usage.model.tokens.output', {agent: 'codex', model: 'mystery-model-1'})).toBe(
				100,
			);
			expect(sumWhere(decoded, 'agent.usage.model.queries', {agent: 'codex', model: 'gpt-5.3-codex'})).toBe(1);

			const sessionTokens = pointsOf(decoded, 'agent.usage.session.tokens');
			expect(sessionTokens.reduce((count, point) => count + point.count!, 0)).toBe(4);
			expect(sumWhere(decoded, 'agent.usage.session.tokens')).toBe(totals.total);
			expect(sumWhere(decoded, 'agent.usage.session.queries')).toBe(totals.calls);

			// Cumulative temporality: the second export repeats the first, value for value.
			expect(valuesOf(receiver.decoded(1))).toEqual(valuesOf(decoded));

			// New usage arrives: counters grow by exactly that usage; only the new session is recorded.
			model = treeOf([...baseEvents(), ...moreEvents()]);
			const thirdOutcome = await controller.exportNow();
			expect(thirdOutcome.ok).toBe(true);
			expect(thirdOutcome.points).toBeGreaterThan(first.points);
			const third = receiver.decoded(2);
			expect(sumWhere(third, 'agent.usage.tokens.input')).toBe(totals.tokens.input + 700);
			expect(sumWhere(third, 'agent.usage.sessions', {agent: 'claude', project: 'billing-service'})).toBe(2);
			expect(pointsOf(third, 'agent.usage.session.tokens').reduce((count, point) => count + point.count!, 0)).toBe(5);
			expect(controller.status).toMatchObject({state: 'connected', connected: true, exports: 3, failures: 0});
			expect(controller.status.pointsExported).toBe(first.points * 2 + thirdOutcome.points);

			// Privacy: no prompt text, file path or working directory in any payload.
			for (const {body} of receiver.requests) {
				const text = body.toString('latin1');
				for (const secret of [secretPrompt, secretFile, '/home/alice', 'stripe', 'prod.env']) {
					expect(text).not.toContain(secret);
				}
			}
		} finally {
			await controller.shutdown(500);
		}
	});
});

describe('project attribute privacy modes', () => {
	it('hash replaces the project name by a stable digest; omit drops the attribute', async () => {
		const model = treeOf(baseEvents());
		const hashed = await exportOnce({...configFor(receiver.url, 'http/json'), project: 'hash'}, model);
		expect(hashed.ok, hashed.error).toBe(true);
		const omitted = await exportOnce({...configFor(receiver.url, 'http/json'), project: 'omit'}, model);
		expect(omitted.ok, omitted.error).toBe(true);

		const hashedPoints = pointsOf(receiver.decoded(0), 'agent.usage.tokens.input');
		expect(hashedPoints.every(point => /^p-[0-9a-f]{12}$/.test(point.attributes.project ?? ''))).toBe(true);
		expect(new Set(hashedPoints.map(point => point.attributes.project)).size).toBe(3);
		expect(receiver.requests[0]!.body.toString()).not.toContain('billing-service');

		const omittedDecoded = receiver.decoded(1);
		expect(pointsOf(omittedDecoded, 'agent.usage.sessions').every(point => !('project' in point.attributes))).toBe(
			true,
		);
		expect(sumWhere(omittedDecoded, 'agent.usage.sessions', {agent: 'claude'})).toBe(2);
	});
});

describe('session histograms', () => {
	it('record a session only once it has been idle for settleMs, and only once', async () => {
		const model = treeOf(baseEvents());
		let now = Date.parse('2026-03-03T00:10:00Z'); // 5 minutes after night-owl's last call
		const controller = startOtlp(configFor(receiver.url, 'http/protobuf'), () => model, {
			exportOnStart: false,
			intervalMs: 3_600_000,
			settleMs: 30 * 60_000,
			now: () => now,
		});
		try {
			await controller.exportNow();
			const count = (index: number) =>
				pointsOf(receiver.decoded(index), 'agent.usage.session.tokens').reduce(
					(total, point) => total + point.count!,
					0,
				);
			// c1 and x1 settled long ago; both night-owl fragments ended within 30 minutes… but
			// the 2026-03-02 fragment's last call (23:55) is 15 minutes old: still live.
			expect(count(0)).toBe(2);
			now += 60 * 60_000;
			await controller.exportNow();
			await controller.exportNow();
			expect(count(1)).toBe(4);
			expect(count(2)).toBe(4);
		} finally {
			await controller.shutdown(500);
		}
	});
});

describe('large exports', () => {
	it('split into requests of at most maxPointsPerRequest points that add up to the single-request export', async () => {
		const model = treeOf([...baseEvents(), ...moreEvents()]);
		const single = await exportOnce(configFor(receiver.url, 'http/protobuf'), model);
		expect(single.ok, single.error).toBe(true);
		const split = await exportOnce(configFor(receiver.url, 'http/protobuf'), model, {maxPointsPerRequest: 7});
		expect(split).toEqual(single);

		const parts = receiver.requests.slice(1).map((_, index) => receiver.decoded(index + 1));
		expect(parts).toHaveLength(Math.ceil(single.points / 7));
		const merged = new Map<string, string>();
		for (const part of parts) {
			const points = [...part.metrics.values()].reduce((total, metric) => total + metric.points.length, 0);
			expect(points).toBeLessThanOrEqual(7);
			expect(part.resource['service.name']).toBe('agent-ncdu');
			for (const [key, value] of valuesOf(part)) {
				expect(merged.has(key), key).toBe(false);
				merged.set(key, value);
			}
		}

		expect(merged).toEqual(valuesOf(receiver.decoded(0)));
	});
});
