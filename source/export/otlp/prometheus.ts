/**
The Prometheus scrape endpoint: the `agent.usage.*` instruments of metrics.ts (the same ones
the OTLP export sends, registered once by `registerUsageMetrics`), read by the OpenTelemetry
SDK's own PrometheusExporter and served at `/metrics`.

The exporter package's reader collects and its serializer writes the text exposition, in slices
(prometheus-exposition.ts). The HTTP server is ours, because the exporter's own server turns
port 0 into 9464 (`port || 9464`), builds its base URL as `http://::1:9464/` for an IPv6 host
(which `new URL` rejects on every request), reports a listen failure through `diag` only and
serializes a whole scrape in one blocking pass. Ours listens where it is told, fails with one
sentence, answers 503 until a tree exists (an empty scrape would look like "no usage") and
records the settled sessions into the histograms before each collection, as the OTLP export
does before each push.

Invariants: counters are cumulative and observe the tree `getModel` returns at scrape time, so
a scrape after a reload reports that load's totals; nothing here writes to stdout.
*/
import {createServer, type IncomingMessage, type Server, type ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';
import {PrometheusExporter} from '@opentelemetry/exporter-prometheus';
import type {TreeModel} from '../../model/types.js';
import type {ProjectMode} from './config.js';
import type {UsageMetrics} from './metrics.js';
import {
	cardinalityLimit,
	defaultSettleMs,
	type PipelineOptions,
	readersPerInstrument,
	usageResource,
} from './pipeline.js';
import {writeExposition} from './prometheus-exposition.js';

/** Where the endpoint listens: a host name or IP address (IPv6 without brackets) and a port (0: any free one). */
export type ListenAddress = {readonly host: string; readonly port: number};

export type PrometheusOptions = Pick<PipelineOptions, 'serviceVersion' | 'hostName' | 'settleMs' | 'now'> & {
	readonly project: ProjectMode;
};

export type PrometheusServer = {
	/** The scrape URL, with the port actually bound (`http://127.0.0.1:9464/metrics`). */
	readonly url: string;
	/** Stops listening, drops open (keep-alive) connections and shuts the reader down. */
	close(): Promise<void>;
};

/** A listen failure, in one sentence that says what to do. */
export class PrometheusListenError extends Error {
	override readonly name = 'PrometheusListenError';
}

const metricsPath = '/metrics';

/** The exporter with the pipeline's cardinality limit instead of the SDK's 2000 series per instrument. */
class UsagePrometheusExporter extends PrometheusExporter {
	override selectCardinalityLimit(): number {
		return cardinalityLimit;
	}
}

export function formatHostPort({host, port}: ListenAddress): string {
	return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}

function listenMessage(error: NodeJS.ErrnoException, address: ListenAddress): string {
	const where = formatHostPort(address);
	switch (error.code) {
		case 'EADDRINUSE': {
			return `Cannot serve Prometheus metrics on ${where}: port ${address.port} is already in use; pick another with --prometheus [HOST:]PORT.`;
		}

		case 'EACCES': {
			return `Cannot serve Prometheus metrics on ${where}: not allowed to listen there (ports below 1024 need privileges); use a port from 1024 up.`;
		}

		case 'EADDRNOTAVAIL': {
			return `Cannot serve Prometheus metrics on ${where}: ${address.host} is not an address of this machine.`;
		}

		case 'ENOTFOUND':
		case 'EAI_AGAIN': {
			return `Cannot serve Prometheus metrics on ${where}: host name ${address.host} not found.`;
		}

		default: {
			return `Cannot serve Prometheus metrics on ${where}: ${error.code ?? error.message}.`;
		}
	}
}

function listen(server: Server, address: ListenAddress): Promise<number> {
	return new Promise((resolve, reject) => {
		const fail = (error: NodeJS.ErrnoException) => {
			reject(new PrometheusListenError(listenMessage(error, address)));
		};

		server.once('error', fail);
		server.listen({host: address.host, port: address.port, exclusive: true}, () => {
			server.off('error', fail);
			resolve((server.address() as AddressInfo).port);
		});
	});
}

function answer(response: ServerResponse, status: number, text: string): void {
	response.writeHead(status, {'content-type': 'text/plain; charset=utf-8'});
	response.end(text);
}

type Scrape = {
	readonly readers: readonly PrometheusExporter[];
	readonly metrics: UsageMetrics;
	readonly getModel: () => TreeModel | undefined;
};

/** Streams the exposition; the content type is the text format's (version 0.0.4). */
async function serveMetrics(response: ServerResponse, scrape: Scrape): Promise<void> {
	await scrape.metrics.recordSettledSessions();
	response.writeHead(200, {'content-type': 'text/plain; version=0.0.4; charset=utf-8'});
	await writeExposition(scrape.readers, text => {
		if (response.destroyed) {
			return false;
		}

		response.write(text);
		return true;
	});
	response.end();
}

async function handle(request: IncomingMessage, response: ServerResponse, scrape: Scrape): Promise<void> {
	if (new URL(request.url ?? '/', 'http://localhost').pathname !== metricsPath) {
		answer(response, 404, `Not found: metrics are at ${metricsPath}\n`);
		return;
	}

	if (!scrape.getModel()) {
		// Prometheus records this scrape as failed (up = 0) instead of as a moment without usage.
		answer(response, 503, 'agent-ncdu is still reading usage data; try again in a moment\n');
		return;
	}

	try {
		await serveMetrics(response, scrape);
	} catch (error) {
		if (response.headersSent) {
			// Half a scrape must not pass for a whole one: the scraper sees the connection fail.
			response.destroy();
		} else {
			answer(response, 500, `agent-ncdu could not collect metrics: ${(error as Error).message}\n`);
		}
	}
}

function closeServer(server: Server): Promise<void> {
	return new Promise(resolve => {
		// Without dropping them, Prometheus' keep-alive connections would hold close() open.
		server.close(() => {
			resolve();
		});
		server.closeAllConnections();
	});
}

/**
Serves the usage metrics of whatever tree `getModel` returns at `http://<address>/metrics`.
Rejects with a PrometheusListenError when the address cannot be bound. The server keeps the
process alive until `close`.
*/
export async function servePrometheus(
	address: ListenAddress,
	getModel: () => TreeModel | undefined,
	options: PrometheusOptions,
): Promise<PrometheusServer> {
	const {providers, readers, metrics} = readersPerInstrument(
		() => new UsagePrometheusExporter({preventServerStart: true}),
		usageResource(options),
		getModel,
		{project: options.project, settleMs: options.settleMs ?? defaultSettleMs, now: options.now},
		options.serviceVersion,
	);
	const shutdown = () => Promise.allSettled(providers.map(provider => provider.shutdown()));
	const server = createServer((request, response) => {
		void handle(request, response, {readers, metrics, getModel});
	});
	let port: number;
	try {
		port = await listen(server, address);
	} catch (error) {
		await shutdown();
		throw error;
	}

	return {
		url: `http://${formatHostPort({host: address.host, port})}${metricsPath}`,
		async close() {
			await closeServer(server);
			await shutdown();
		},
	};
}
