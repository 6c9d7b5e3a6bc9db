/**
One OTLP metrics pipeline: the `agent.usage.*` instruments, pull readers, and the OTLP/HTTP
exporter of the configured protocol.

Keeping the TUI responsive with a long history (tens of thousands of (model, project, date)
rows): every instrument has its own MeterProvider + reader, so collection yields to the event
loop between instruments, and the collected points are sent in requests of at most
`maxPointsPerRequest` points, yielding between requests. Each slice of synchronous work is
then one instrument or one request, not the whole export.

Temporality is forced to cumulative, and the cardinality limit is raised so a long history
never collapses into the SDK's overflow series. `exportPipeline` never rejects: every failure
becomes `{ok: false, error}` with one sentence.
*/
import {hostname} from 'node:os';
import {OTLPMetricExporter as JsonMetricExporter} from '@opentelemetry/exporter-metrics-otlp-http';
import {OTLPMetricExporter as ProtobufMetricExporter} from '@opentelemetry/exporter-metrics-otlp-proto';
import {type Resource, resourceFromAttributes} from '@opentelemetry/resources';
import {
	AggregationTemporality,
	MeterProvider,
	type MetricData,
	MetricReader,
	type PushMetricExporter,
	type ResourceMetrics,
} from '@opentelemetry/sdk-metrics';
import type {TreeModel} from '../../model/types.js';
import type {OtlpConfig} from './config.js';
import {
	instruments,
	registerUsageMetrics,
	type UsageMetrics,
	type UsageMetricsOptions,
	yieldToEventLoop,
} from './metrics.js';
import {describeHttpStatus, describeNetworkError} from './validate.js';

export type PipelineOptions = {
	/** `service.version` resource attribute (the CLI passes its package version). */
	readonly serviceVersion?: string;
	/** A session fragment enters the histograms once idle this long; 0 = at once. */
	readonly settleMs?: number;
	readonly hostName?: string;
	readonly now?: () => number;
	/** Split larger exports into several requests (default 10 000 points). */
	readonly maxPointsPerRequest?: number;
};

export type ExportOutcome = {readonly ok: boolean; readonly points: number; readonly error?: string};

/** Default idle time before a session counts as finished for the histograms. */
export const defaultSettleMs = 30 * 60_000;
const defaultMaxPointsPerRequest = 10_000;
/** Series per instrument before the SDK folds the rest into one overflow series: a long history must never. */
export const cardinalityLimit = 100_000;
/** ExportResultCode.SUCCESS of @opentelemetry/core (not a direct dependency). */
const exportSucceeded = 0;

class PullReader extends MetricReader {
	protected override async onForceFlush(): Promise<void> {}
	protected override async onShutdown(): Promise<void> {}
}

export type Pipeline = {
	readonly providers: readonly MeterProvider[];
	readonly readers: readonly PullReader[];
	readonly exporter: PushMetricExporter;
	readonly metrics: UsageMetrics;
	readonly config: OtlpConfig;
	readonly maxPointsPerRequest: number;
};

/** The resource every reader of the usage metrics describes itself with (OTLP and Prometheus alike). */
export function usageResource(
	options: Pick<PipelineOptions, 'serviceVersion' | 'hostName'>,
	extra: Readonly<Record<string, string>> = {},
) {
	return resourceFromAttributes({
		'service.name': 'agent-ncdu',
		'service.version': options.serviceVersion ?? 'unknown',
		'host.name': options.hostName ?? hostname(),
		...extra,
	});
}

/**
The usage instruments, each on its own MeterProvider with its own reader from `makeReader`, so
a collection can yield to the event loop between instruments. Shared by the OTLP pipeline and
the Prometheus endpoint.
*/
export function readersPerInstrument<R extends MetricReader>(
	makeReader: () => R,
	resource: Resource,
	getModel: () => TreeModel | undefined,
	options: UsageMetricsOptions,
	serviceVersion: string | undefined,
): {readonly providers: MeterProvider[]; readonly readers: R[]; readonly metrics: UsageMetrics} {
	const providers: MeterProvider[] = [];
	const readers: R[] = [];
	const meters = new Map(
		instruments.map(instrument => {
			const reader = makeReader();
			const provider = new MeterProvider({resource, readers: [reader]});
			providers.push(provider);
			readers.push(reader);
			return [instrument.name, provider.getMeter('agent-ncdu', serviceVersion)] as const;
		}),
	);
	const metrics = registerUsageMetrics(name => meters.get(name)!, getModel, options);
	return {providers, readers, metrics};
}

export function createPipeline(
	config: OtlpConfig,
	getModel: () => TreeModel | undefined,
	options: PipelineOptions = {},
): Pipeline {
	const exporterOptions = {url: config.endpoint, headers: {...config.headers}, timeoutMillis: config.timeoutMs};
	const exporter =
		config.protocol === 'http/json'
			? new JsonMetricExporter(exporterOptions)
			: new ProtobufMetricExporter(exporterOptions);
	const {providers, readers, metrics} = readersPerInstrument(
		() =>
			new PullReader({
				aggregationTemporalitySelector: () => AggregationTemporality.CUMULATIVE,
				cardinalitySelector: () => cardinalityLimit,
			}),
		usageResource(options, config.resourceAttributes),
		getModel,
		{project: config.project, settleMs: options.settleMs ?? defaultSettleMs, now: options.now},
		options.serviceVersion,
	);
	return {
		providers,
		readers,
		exporter,
		metrics,
		config,
		maxPointsPerRequest: options.maxPointsPerRequest ?? defaultMaxPointsPerRequest,
	};
}

export function countPoints(resourceMetrics: ResourceMetrics): number {
	let points = 0;
	for (const scope of resourceMetrics.scopeMetrics) {
		for (const metric of scope.metrics) {
			points += metric.dataPoints.length;
		}
	}

	return points;
}

/**
Splits metrics into groups of at most `limit` points (a large metric spans several groups).
Metrics without points are dropped; no points at all gives one empty group, so an export
still reaches the endpoint and proves it is up.
*/
export function chunkMetrics(metrics: readonly MetricData[], limit: number): MetricData[][] {
	const chunks: MetricData[][] = [];
	let current: MetricData[] = [];
	let room = Math.max(1, limit);
	for (const metric of metrics) {
		let start = 0;
		while (start < metric.dataPoints.length) {
			const take = Math.min(room, metric.dataPoints.length - start);
			current.push({...metric, dataPoints: metric.dataPoints.slice(start, start + take)} as MetricData);
			start += take;
			room -= take;
			if (room === 0) {
				chunks.push(current);
				current = [];
				room = Math.max(1, limit);
			}
		}
	}

	if (current.length > 0 || chunks.length === 0) {
		chunks.push(current);
	}

	return chunks;
}

/** One sentence for an exporter failure (HTTP status, network code, or the SDK's message). */
export function describeExportError(error: unknown, config: OtlpConfig): string {
	const code = (error as {code?: unknown} | undefined)?.code;
	if (typeof code === 'number' && code >= 300) {
		return describeHttpStatus(code, (error as Error).message, config.endpoint);
	}

	if ((error as Error | undefined)?.message === 'Export failed with retryable status') {
		return `The endpoint kept answering 429/5xx until the ${Math.round(config.timeoutMs / 1000)} s timeout; the next export will retry.`;
	}

	return describeNetworkError(error, config.endpoint, config.timeoutMs);
}

function withDeadline<T>(promise: Promise<T>, ms: number, onTimeout: () => T): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	const deadline = new Promise<T>(resolve => {
		timer = setTimeout(() => resolve(onTimeout()), ms);
		timer.unref();
	});
	return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

function send(pipeline: Pipeline, resourceMetrics: ResourceMetrics): Promise<string | undefined> {
	const {config} = pipeline;
	const sent = new Promise<string | undefined>(resolve => {
		pipeline.exporter.export(resourceMetrics, result => {
			resolve(result.code === exportSucceeded ? undefined : describeExportError(result.error, config));
		});
	});
	// The SDK bounds retries by timeoutMs; this guards against a callback that never comes.
	return withDeadline(sent, config.timeoutMs + 2000, () =>
		describeNetworkError({code: 'TIMEOUT'}, config.endpoint, config.timeoutMs),
	);
}

/** Collects the current cumulative state and sends it. Never rejects. */
export async function exportPipeline(pipeline: Pipeline): Promise<ExportOutcome> {
	const {config} = pipeline;
	try {
		await pipeline.metrics.recordSettledSessions();
		const collected: MetricData[] = [];
		let first: ResourceMetrics | undefined;
		for (const reader of pipeline.readers) {
			const {resourceMetrics} = await reader.collect({timeoutMillis: config.timeoutMs});
			first ??= resourceMetrics;
			for (const scope of resourceMetrics.scopeMetrics) {
				collected.push(...scope.metrics);
			}

			await yieldToEventLoop();
		}

		const scope = first?.scopeMetrics[0]?.scope ?? {name: 'agent-ncdu'};
		let points = 0;
		for (const chunk of chunkMetrics(collected, pipeline.maxPointsPerRequest)) {
			const request: ResourceMetrics = {resource: first!.resource, scopeMetrics: [{scope, metrics: chunk}]};
			const error = await send(pipeline, request);
			if (error) {
				return {ok: false, points: 0, error};
			}

			points += countPoints(request);
			await yieldToEventLoop();
		}

		return {ok: true, points};
	} catch (error) {
		return {ok: false, points: 0, error: describeExportError(error, config)};
	}
}

/** Stops the pipeline without a final export, waiting at most `timeoutMs`. */
export async function closePipeline(pipeline: Pipeline, timeoutMs: number): Promise<void> {
	const close = Promise.allSettled([
		...pipeline.providers.map(provider => provider.shutdown({timeoutMillis: timeoutMs})),
		pipeline.exporter.shutdown(),
	]).then(() => undefined);
	await withDeadline(close, timeoutMs, () => undefined);
}
