/**
OTLP wiring: flags + environment + saved settings → config; the one-shot export for
`--otlp-once`; the background exporter for the TUI, fed with the *unfiltered* tree (a TUI
filter must never make cumulative counters shrink, which a backend reads as a reset).
*/
import {homedir} from 'node:os';
import {
	describeConfig,
	exportOnce,
	loadOtlpSettings,
	type OtlpConfig,
	OtlpConfigError,
	type OtlpController,
	redactEndpoint,
	resolveOtlpConfig,
	settingsFilePath,
	startOtlp,
} from '../export/otlp/index.js';
import type {TreeModel} from '../model/types.js';
import {type Options, UsageError} from './options.js';
import {packageInfo} from './runtime.js';

export async function otlpConfigFor(options: Options): Promise<OtlpConfig | undefined> {
	try {
		const saved = await loadOtlpSettings(settingsFilePath(process.env, homedir()));
		return resolveOtlpConfig({endpoint: options.otlpEndpoint, headers: options.otlpHeaders}, process.env, saved);
	} catch (error) {
		if (error instanceof OtlpConfigError) {
			throw new UsageError(error.message);
		}

		throw error;
	}
}

/** `--otlp-once`: export the tree once; a failure is a one-line ✖ and exit code 1. */
export async function exportOnceOrFail(
	config: OtlpConfig | undefined,
	model: TreeModel,
	log: (line: string) => void,
	verbose: boolean,
): Promise<void> {
	if (!config) {
		throw new UsageError('--otlp-once needs an endpoint: pass --otlp-endpoint URL or set OTEL_EXPORTER_OTLP_ENDPOINT.');
	}

	if (verbose) {
		log(describeConfig(config));
	}

	const outcome = await exportOnce(config, model, {serviceVersion: packageInfo.version});
	if (!outcome.ok) {
		throw new UsageError(`OTLP export failed: ${outcome.error ?? 'unknown error'}`);
	}

	log(`✔ Exported ${outcome.points} metric points to ${redactEndpoint(config.endpoint)}`);
}

export type BackgroundExport = {
	readonly controller: OtlpController | undefined;
	connect(config: OtlpConfig): OtlpController;
	stop(): Promise<void>;
};

/** Starts (or later connects) the background exporter over whatever tree `getModel` returns. */
export function backgroundExport(
	config: OtlpConfig | undefined,
	getModel: () => TreeModel | undefined,
): BackgroundExport {
	let controller = config ? startOtlp(config, getModel, {serviceVersion: packageInfo.version}) : undefined;
	return {
		get controller() {
			return controller;
		},
		connect(next) {
			if (controller) {
				controller.reconfigure(next);
			} else {
				controller = startOtlp(next, getModel, {serviceVersion: packageInfo.version});
			}

			return controller;
		},
		async stop() {
			await controller?.shutdown(2000);
		},
	};
}
