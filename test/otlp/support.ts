/**
OTLP test support: realistic usage trees (real UsageStore + buildTree + the fixed-rate test
pricer), a real HTTP receiver on 127.0.0.1 that decodes OTLP JSON and protobuf (with the
protobufjs root @opentelemetry/otlp-transformer ships), and helpers to read the decoded
metrics.
*/
import http from 'node:http';
import type {AddressInfo} from 'node:net';
import {createRequire} from 'node:module';
import type {UsageEvent} from '../../source/core/events.js';
import {buildTree} from '../../source/model/build.js';
import {UsageStore} from '../../source/model/store.js';
import type {TreeModel} from '../../source/model/types.js';
import {call, session, tokens, tool, turn} from '../support/events.js';
import {pricer} from '../support/pricer.js';

export const secretPrompt = 'rotate the key in /home/alice/secrets/prod.env please';
export const secretFile = '/home/alice/work/billing-service/src/payments/stripe.ts';

/** Two agents, three projects, two days, a session crossing midnight, an unpriced model. */
export function baseEvents(): UsageEvent[] {
	return [
		session('claude', 'c1', {project: 'billing-service', cwd: '/home/alice/work/billing-service'}),
		turn('claude', 'c1', 't1', '2026-03-02T09:00:00Z', secretPrompt),
		call('claude', 'c1', '2026-03-02T09:00:10Z', {
			turnId: 't1',
			tokens: tokens({input: 4000, cacheRead: 150_000, cacheWrite5m: 8000, output: 2000}),
			tools: [tool('Read', 'reading', secretFile)],
		}),
		call('claude', 'c1', '2026-03-02T09:02:00Z', {
			turnId: 't1',
			tokens: tokens({input: 3000, cacheRead: 180_000, cacheWrite1h: 4000, output: 6000}),
			tools: [tool('Edit', 'writing', secretFile)],
		}),
		call('claude', 'c1', '2026-03-02T09:05:00Z', {
			turnId: 't1',
			model: 'claude-opus-4-5',
			tokens: tokens({input: 500, cacheRead: 190_000, output: 800}),
		}),
		session('codex', 'x1', {project: 'web-app', cwd: '/home/alice/work/web-app'}),
		turn('codex', 'x1', '1', '2026-03-02T14:00:00Z', 'fix the lint errors'),
		call('codex', 'x1', '2026-03-02T14:00:05Z', {
			turnId: '1',
			tokens: tokens({input: 20_000, cacheRead: 10_000, output: 1500, reasoning: 700}),
		}),
		call('codex', 'x1', '2026-03-02T14:01:05Z', {
			turnId: '1',
			model: 'mystery-model-1',
			tokens: tokens({input: 5000, output: 100}),
		}),
		// Crosses midnight: one session, two day fragments.
		session('claude', 'c2', {project: 'night-owl', cwd: '/home/alice/night-owl'}),
		turn('claude', 'c2', 't1', '2026-03-02T23:50:00Z', 'why is the parser slow?'),
		call('claude', 'c2', '2026-03-02T23:55:00Z', {
			turnId: 't1',
			tokens: tokens({input: 1000, cacheRead: 40_000, output: 900}),
		}),
		call('claude', 'c2', '2026-03-03T00:05:00Z', {
			turnId: 't1',
			tokens: tokens({input: 2000, cacheRead: 60_000, cacheWrite5m: 3000, output: 2500}),
		}),
	];
}

/** Later usage in an existing project (new session) — what the second refresh brings. */
export function moreEvents(): UsageEvent[] {
	return [
		session('claude', 'c3', {project: 'billing-service', cwd: '/home/alice/work/billing-service'}),
		turn('claude', 'c3', 't1', '2026-03-03T10:00:00Z', 'add a test'),
		call('claude', 'c3', '2026-03-03T10:00:10Z', {
			turnId: 't1',
			tokens: tokens({input: 700, cacheRead: 30_000, output: 1200}),
		}),
	];
}

export function treeOf(events: UsageEvent[]): TreeModel {
	return buildTree(new UsageStore().addAll(events), {timezone: 'UTC', pricer: pricer});
}

export type DecodedPoint = {
	attributes: Record<string, string>;
	value?: number;
	count?: number;
	sum?: number;
	bucketCounts?: number[];
	startTime: number;
};
export type DecodedMetric = {
	name: string;
	unit: string;
	kind: 'sum' | 'gauge' | 'histogram';
	monotonic?: boolean;
	temporality?: number;
	points: DecodedPoint[];
};
export type DecodedExport = {resource: Record<string, string>; metrics: Map<string, DecodedMetric>};

type AnyValue = {stringValue?: string; intValue?: number | string; doubleValue?: number; boolValue?: boolean};
type KeyValue = {key: string; value?: AnyValue};
type RawPoint = {
	attributes?: KeyValue[];
	asDouble?: number;
	asInt?: number | string;
	count?: number | string;
	sum?: number;
	bucketCounts?: Array<number | string>;
	startTimeUnixNano?: number | string;
};
type RawMetric = {
	name: string;
	unit?: string;
	sum?: {dataPoints: RawPoint[]; isMonotonic?: boolean; aggregationTemporality?: number};
	gauge?: {dataPoints: RawPoint[]};
	histogram?: {dataPoints: RawPoint[]; aggregationTemporality?: number};
};
type RawRequest = {
	resourceMetrics?: Array<{resource?: {attributes?: KeyValue[]}; scopeMetrics?: Array<{metrics?: RawMetric[]}>}>;
};

const require = createRequire(import.meta.url);
const protoRoot = require('@opentelemetry/otlp-transformer/build/src/generated/root.js') as {
	opentelemetry: {
		proto: {
			collector: {
				metrics: {
					v1: {
						ExportMetricsServiceRequest: {
							decode(buffer: Uint8Array): unknown;
							toObject(message: unknown, options: object): RawRequest;
						};
					};
				};
			};
		};
	};
};

function attributesOf(list: KeyValue[] | undefined): Record<string, string> {
	const result: Record<string, string> = {};
	for (const {key, value} of list ?? []) {
		result[key] = String(value?.stringValue ?? value?.intValue ?? value?.doubleValue ?? value?.boolValue ?? '');
	}

	return result;
}

function pointOf(raw: RawPoint): DecodedPoint {
	const value = raw.asDouble ?? (raw.asInt === undefined ? undefined : Number(raw.asInt));
	return {
		attributes: attributesOf(raw.attributes),
		value,
		count: raw.count === undefined ? undefined : Number(raw.count),
		sum: raw.sum,
		bucketCounts: raw.bucketCounts?.map(Number),
		startTime: Number(raw.startTimeUnixNano ?? 0),
	};
}

export function decodeRequest(body: Buffer, contentType: string): DecodedExport {
	const raw: RawRequest = contentType.includes('json')
		? (JSON.parse(body.toString('utf8')) as RawRequest)
		: (() => {
				const type = protoRoot.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
				return type.toObject(type.decode(body), {longs: Number, defaults: false, arrays: true});
			})();
	const metrics = new Map<string, DecodedMetric>();
	let resource: Record<string, string> = {};
	for (const resourceMetrics of raw.resourceMetrics ?? []) {
		resource = attributesOf(resourceMetrics.resource?.attributes);
		for (const scope of resourceMetrics.scopeMetrics ?? []) {
			for (const metric of scope.metrics ?? []) {
				const [kind, data] = metric.sum
					? (['sum', metric.sum] as const)
					: metric.histogram
						? (['histogram', metric.histogram] as const)
						: (['gauge', metric.gauge ?? {dataPoints: []}] as const);
				metrics.set(metric.name, {
					name: metric.name,
					unit: metric.unit ?? '',
					kind,
					monotonic: metric.sum?.isMonotonic,
					temporality: 'aggregationTemporality' in data ? data.aggregationTemporality : undefined,
					points: (data.dataPoints ?? []).map(pointOf),
				});
			}
		}
	}

	return {resource, metrics};
}

export type ReceivedRequest = {path: string; contentType: string; headers: http.IncomingHttpHeaders; body: Buffer};

/** What the receiver answers: an HTTP status, or `hang` (accept, never answer). */
export type ReceiverMode = {status: number} | 'hang';

export type Receiver = {
	readonly url: string;
	readonly requests: ReceivedRequest[];
	mode: ReceiverMode;
	decoded(index: number): DecodedExport;
	close(): Promise<void>;
};

export async function startReceiver(mode: ReceiverMode = {status: 200}): Promise<Receiver> {
	const requests: ReceivedRequest[] = [];
	const hanging = new Set<http.ServerResponse>();
	const receiver: Receiver = {
		url: '',
		requests,
		mode,
		decoded(index) {
			const request = requests[index];
			if (!request) {
				throw new Error(`no request #${index} (received ${requests.length})`);
			}

			return decodeRequest(request.body, request.contentType);
		},
		async close() {
			for (const response of hanging) {
				response.destroy();
			}

			server.closeAllConnections();
			await new Promise<void>(resolve => server.close(() => resolve()));
		},
	};
	const server = http.createServer((request, response) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			const contentType = request.headers['content-type'] ?? '';
			requests.push({path: request.url ?? '', contentType, headers: request.headers, body: Buffer.concat(chunks)});
			const current = receiver.mode;
			if (current === 'hang') {
				hanging.add(response);
				return;
			}

			const json = contentType.includes('json');
			response.writeHead(current.status, {'Content-Type': json ? 'application/json' : 'application/x-protobuf'});
			response.end(json && current.status < 300 ? '{}' : '');
		});
	});
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	const {port} = server.address() as AddressInfo;
	(receiver as {url: string}).url = `http://127.0.0.1:${port}`;
	return receiver;
}

/** A port with nothing listening: bind an ephemeral port, then release it. */
export async function closedPort(): Promise<number> {
	const server = http.createServer();
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	const {port} = server.address() as AddressInfo;
	await new Promise<void>(resolve => server.close(() => resolve()));
	return port;
}

export function pointsOf(decoded: DecodedExport, name: string): DecodedPoint[] {
	const metric = decoded.metrics.get(name);
	if (!metric) {
		throw new Error(`metric ${name} missing; got ${[...decoded.metrics.keys()].join(', ')}`);
	}

	return metric.points;
}

/** Sum of a metric's values over the points whose attributes include `match`. */
export function sumWhere(decoded: DecodedExport, name: string, match: Record<string, string> = {}): number {
	return pointsOf(decoded, name)
		.filter(point => Object.entries(match).every(([key, value]) => point.attributes[key] === value))
		.reduce((total, point) => total + (point.value ?? point.sum ?? 0), 0);
}
