/**
Background OTLP export while the TUI runs: `startOtlp` → OtlpController.

Invariants:
- never throws into the caller and never rejects: failures land in `status.lastError`;
- at most one export in flight (a tick during a slow export joins it instead of piling up);
- the timer is unref'd, so it never keeps the process alive, and each export is bounded by
  the config's timeout (the SDK's retries included);
- `reconfigure` replaces the whole pipeline (new cumulative start), so histograms re-record
  every session once for the new destination instead of mixing two streams.
*/
import type {TreeModel} from '../../model/types.js';
import type {OtlpConfig} from './config.js';
import {redactEndpoint} from './redact-endpoint.js';
import {
	closePipeline,
	createPipeline,
	type ExportOutcome,
	exportPipeline,
	type Pipeline,
	type PipelineOptions,
} from './pipeline.js';

export type {ExportOutcome} from './pipeline.js';

export type OtlpState = 'connecting' | 'connected' | 'error' | 'disconnected';

export type OtlpStatus = {
	readonly state: OtlpState;
	/** True after the last export succeeded. */
	readonly connected: boolean;
	/** The metrics URL as redactEndpoint shows it (no user-info, query values or fragment). */
	readonly endpoint: string;
	readonly protocol: OtlpConfig['protocol'];
	readonly exporting: boolean;
	/** Epoch ms of the last successful export. */
	readonly lastExportAt?: number;
	readonly lastAttemptAt?: number;
	/** Data points in the last successful export. */
	readonly lastPoints: number;
	/** Data points sent by all successful exports. */
	readonly pointsExported: number;
	readonly exports: number;
	readonly failures: number;
	readonly lastError?: string;
};

export type OtlpController = {
	readonly status: OtlpStatus;
	readonly config: OtlpConfig;
	/** Exports now (joins an export already in flight). Never rejects. */
	exportNow(): Promise<ExportOutcome>;
	/** Called on every status change; returns the unsubscribe function. */
	subscribe(listener: (status: OtlpStatus) => void): () => void;
	/** Switches destination/headers/protocol and exports at once. */
	reconfigure(config: OtlpConfig): void;
	/** Stops exporting (no final flush); `reconfigure` starts again. */
	disconnect(): Promise<void>;
	/** Final export bounded by `timeoutMs`, then stop. */
	shutdown(timeoutMs?: number): Promise<void>;
};

export type StartOptions = PipelineOptions & {
	/** Overrides config.intervalMs (tests). */
	readonly intervalMs?: number;
	/** Export immediately on start and on reconfigure (default true). */
	readonly exportOnStart?: boolean;
};

function initialStatus(config: OtlpConfig): OtlpStatus {
	return {
		state: 'connecting',
		connected: false,
		endpoint: redactEndpoint(config.endpoint),
		protocol: config.protocol,
		exporting: false,
		lastPoints: 0,
		pointsExported: 0,
		exports: 0,
		failures: 0,
	};
}

export function startOtlp(
	initialConfig: OtlpConfig,
	getModel: () => TreeModel | undefined,
	options: StartOptions = {},
): OtlpController {
	let config = initialConfig;
	let status = initialStatus(config);
	let pipeline: Pipeline | undefined;
	let timer: NodeJS.Timeout | undefined;
	let inFlight: Promise<ExportOutcome> | undefined;
	let generation = 0;
	const listeners = new Set<(status: OtlpStatus) => void>();

	const update = (patch: Partial<OtlpStatus>): void => {
		status = {...status, ...patch};
		for (const listener of listeners) {
			try {
				listener(status);
			} catch {
				// A broken listener must not stop the exporter or the other listeners.
			}
		}
	};

	const runExport = (): Promise<ExportOutcome> => {
		const current = pipeline;
		if (!current) {
			return Promise.resolve({ok: false, points: 0, error: 'OTLP export is disconnected.'});
		}

		if (inFlight) {
			return inFlight;
		}

		const started = generation;
		update({exporting: true, lastAttemptAt: Date.now()});
		inFlight = exportPipeline(current).then(outcome => {
			inFlight = undefined;
			if (started !== generation) {
				// Reconfigured or disconnected meanwhile: this result describes an old destination.
				return outcome;
			}

			update(
				outcome.ok
					? {
							state: 'connected',
							connected: true,
							exporting: false,
							lastExportAt: Date.now(),
							lastPoints: outcome.points,
							pointsExported: status.pointsExported + outcome.points,
							exports: status.exports + 1,
							lastError: undefined,
						}
					: {
							state: 'error',
							connected: false,
							exporting: false,
							failures: status.failures + 1,
							lastError: outcome.error,
						},
			);
			return outcome;
		});
		return inFlight;
	};

	const start = (): void => {
		generation++;
		pipeline = createPipeline(config, getModel, options);
		const interval = options.intervalMs ?? config.intervalMs;
		timer = setInterval(() => {
			void runExport();
		}, interval);
		timer.unref();
		if (options.exportOnStart !== false) {
			void runExport();
		}
	};

	const stop = async (timeoutMs: number): Promise<void> => {
		generation++;
		clearInterval(timer);
		timer = undefined;
		inFlight = undefined;
		const old = pipeline;
		pipeline = undefined;
		if (old) {
			await closePipeline(old, timeoutMs);
		}
	};

	start();

	return {
		get status() {
			return status;
		},
		get config() {
			return config;
		},
		exportNow: runExport,
		subscribe(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		reconfigure(next) {
			void stop(1000);
			config = next;
			status = initialStatus(config);
			start();
			update({});
		},
		async disconnect() {
			await stop(1000);
			update({state: 'disconnected', connected: false, exporting: false});
		},
		async shutdown(timeoutMs = 2000) {
			if (pipeline) {
				const final = inFlight ?? runExport();
				await Promise.race([final, new Promise(resolve => setTimeout(resolve, timeoutMs).unref())]);
			}

			await stop(Math.min(timeoutMs, 1000));
			update({state: 'disconnected', connected: false, exporting: false});
		},
	};
}

/** `--otlp-once`: export the tree once (histograms include every session), then stop. */
export async function exportOnce(
	config: OtlpConfig,
	model: TreeModel,
	options: PipelineOptions = {},
): Promise<ExportOutcome> {
	const pipeline = createPipeline(config, () => model, {...options, settleMs: 0});
	try {
		return await exportPipeline(pipeline);
	} finally {
		await closePipeline(pipeline, 1000);
	}
}
