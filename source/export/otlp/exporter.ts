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

/** The status patch once an export to the current destination finished. */
function statusAfter(status: OtlpStatus, outcome: ExportOutcome): Partial<OtlpStatus> {
	if (!outcome.ok) {
		return {
			state: 'error',
			connected: false,
			exporting: false,
			failures: status.failures + 1,
			lastError: outcome.error,
		};
	}

	return {
		state: 'connected',
		connected: true,
		exporting: false,
		lastExportAt: Date.now(),
		lastPoints: outcome.points,
		pointsExported: status.pointsExported + outcome.points,
		exports: status.exports + 1,
		lastError: undefined,
	};
}

/**
One destination at a time: a pipeline, its interval timer and the export in flight. Every
`start`/`stop` bumps `generation`, so an export that finishes afterwards (it described an old
destination) leaves the status alone.
*/
class BackgroundExporter implements OtlpController {
	#config: OtlpConfig;
	#status: OtlpStatus;
	#pipeline: Pipeline | undefined;
	#timer: NodeJS.Timeout | undefined;
	#inFlight: Promise<ExportOutcome> | undefined;
	#generation = 0;
	readonly #listeners = new Set<(status: OtlpStatus) => void>();
	readonly #getModel: () => TreeModel | undefined;
	readonly #options: StartOptions;

	constructor(config: OtlpConfig, getModel: () => TreeModel | undefined, options: StartOptions) {
		this.#config = config;
		this.#status = initialStatus(config);
		this.#getModel = getModel;
		this.#options = options;
		this.#start();
	}

	get status(): OtlpStatus {
		return this.#status;
	}

	get config(): OtlpConfig {
		return this.#config;
	}

	exportNow(): Promise<ExportOutcome> {
		const current = this.#pipeline;
		if (!current) {
			return Promise.resolve({ok: false, points: 0, error: 'OTLP export is disconnected.'});
		}

		if (this.#inFlight) {
			return this.#inFlight;
		}

		const started = this.#generation;
		this.#update({exporting: true, lastAttemptAt: Date.now()});
		this.#inFlight = exportPipeline(current).then(outcome => {
			this.#inFlight = undefined;
			// Reconfigured or disconnected meanwhile: this result describes an old destination.
			if (started === this.#generation) {
				this.#update(statusAfter(this.#status, outcome));
			}

			return outcome;
		});
		return this.#inFlight;
	}

	subscribe(listener: (status: OtlpStatus) => void): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	reconfigure(next: OtlpConfig): void {
		void this.#stop(1000);
		this.#config = next;
		this.#status = initialStatus(next);
		this.#start();
		this.#update({});
	}

	async disconnect(): Promise<void> {
		await this.#stop(1000);
		this.#update({state: 'disconnected', connected: false, exporting: false});
	}

	async shutdown(timeoutMs = 2000): Promise<void> {
		if (this.#pipeline) {
			const final = this.#inFlight ?? this.exportNow();
			await Promise.race([final, new Promise(resolve => setTimeout(resolve, timeoutMs).unref())]);
		}

		await this.#stop(Math.min(timeoutMs, 1000));
		this.#update({state: 'disconnected', connected: false, exporting: false});
	}

	#update(patch: Partial<OtlpStatus>): void {
		this.#status = {...this.#status, ...patch};
		for (const listener of this.#listeners) {
			try {
				listener(this.#status);
			} catch {
				// A broken listener must not stop the exporter or the other listeners.
			}
		}
	}

	#start(): void {
		this.#generation++;
		this.#pipeline = createPipeline(this.#config, this.#getModel, this.#options);
		const interval = this.#options.intervalMs ?? this.#config.intervalMs;
		this.#timer = setInterval(() => {
			void this.exportNow();
		}, interval);
		this.#timer.unref();
		if (this.#options.exportOnStart !== false) {
			void this.exportNow();
		}
	}

	async #stop(timeoutMs: number): Promise<void> {
		this.#generation++;
		clearInterval(this.#timer);
		this.#timer = undefined;
		this.#inFlight = undefined;
		const old = this.#pipeline;
		this.#pipeline = undefined;
		if (old) {
			await closePipeline(old, timeoutMs);
		}
	}
}

export function startOtlp(
	config: OtlpConfig,
	getModel: () => TreeModel | undefined,
	options: StartOptions = {},
): OtlpController {
	return new BackgroundExporter(config, getModel, options);
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
