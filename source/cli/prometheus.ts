/**
Prometheus wiring: `--prometheus [HOST:]PORT` → the scrape endpoint of export/otlp/prometheus.ts
over the *unfiltered* tree of the latest load (the same figures, instruments and privacy
setting as the OTLP export; a filter must never make a counter shrink). Used by the TUI and by
`agent-ncdu watch`.
*/
import {homedir} from 'node:os';
import {
	type ListenAddress,
	loadOtlpSettings,
	OtlpConfigError,
	PrometheusListenError,
	projectModeFor,
	servePrometheus,
	settingsFilePath,
} from '../export/otlp/index.js';
import type {TreeModel} from '../model/types.js';
import {UsageError} from './options.js';
import {packageInfo} from './runtime.js';

export type PrometheusEndpoint = {
	/** The scrape URL with the bound port, e.g. `http://127.0.0.1:9464/metrics`. */
	readonly url: string;
	/** Stops serving; resolves once the port is free. */
	close(): Promise<void>;
};

/**
Serves `/metrics` at `address` (`Options.prometheus`). `current` returns the unfiltered tree of
the latest load, or undefined before the first one (scrapes then get 503); it is read at every
scrape, so a reload shows on the next scrape. The project attribute follows the OTLP setting
(AGENT_NCDU_OTLP_PROJECT, else the saved settings). A port in use, a foreign address or a bad
privacy setting rejects with a one-line UsageError. The server keeps the process alive until
`close`.
*/
export async function startPrometheus(
	address: ListenAddress,
	current: () => TreeModel | undefined,
): Promise<PrometheusEndpoint> {
	try {
		const saved = await loadOtlpSettings(settingsFilePath(process.env, homedir()));
		const project = projectModeFor(process.env, saved);
		return await servePrometheus(address, current, {project, serviceVersion: packageInfo.version});
	} catch (error) {
		if (error instanceof PrometheusListenError || error instanceof OtlpConfigError) {
			throw new UsageError(error.message);
		}

		throw error;
	}
}
