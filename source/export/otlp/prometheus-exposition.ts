/**
The text exposition of the usage instruments, written in slices that keep the TUI responsive.

The SDK's PrometheusExporter collects every instrument and serializes the whole text in one
synchronous pass: with a long history (thousands of (model, project, date) series, each
histogram series 16 lines) that blocked the event loop for seconds per scrape. Here every
instrument has its own PrometheusExporter as reader (pipeline.ts `readersPerInstrument`, as
for OTLP) and the package's own PrometheusSerializer writes at most `pointsPerSlice` points at a
time, yielding to the event loop between slices. The text is the serializer's, byte for byte,
except that a metric continued in a later slice does not repeat its `# HELP`/`# UNIT`/`# TYPE`
lines.
*/
import {PrometheusSerializer} from '@opentelemetry/exporter-prometheus';
import type {MetricReader} from '@opentelemetry/sdk-metrics';
import {yieldToEventLoop} from './metrics.js';
import {chunkMetrics} from './pipeline.js';

/** Points serialized between two yields (a histogram point is 16 lines). */
const pointsPerSlice = 250;

/**
host.name as a label on every series, as behind the Collector (its
`resource_to_telemetry_conversion`): the dashboard filters by host_name. Not service.version:
an upgrade would start every series anew.
*/
const resourceLabels = /^host\.name$/;
const firstSlice = new PrometheusSerializer('', false, resourceLabels, false);
const laterSlice = new PrometheusSerializer('', false, resourceLabels, true);

/** The serializer starts each metric with its `# HELP`, `# UNIT` and `# TYPE` lines; drops them. */
function withoutHeader(text: string): string {
	return text.slice(text.indexOf('\n', text.indexOf('# TYPE ')) + 1);
}

/**
Collects each reader in turn and passes the exposition to `write` slice by slice (`target_info`
first). Stops early when `write` returns false (the scraper went away).
*/
export async function writeExposition(
	readers: readonly MetricReader[],
	write: (text: string) => boolean,
): Promise<void> {
	const headed = new Set<string>();
	for (const reader of readers) {
		const {resourceMetrics} = await reader.collect();
		const {resource} = resourceMetrics;
		for (const scope of resourceMetrics.scopeMetrics) {
			for (const slice of chunkMetrics(scope.metrics, pointsPerSlice).flat()) {
				const {name} = slice.descriptor;
				const serializer = headed.size === 0 ? firstSlice : laterSlice;
				const text = serializer.serialize({resource, scopeMetrics: [{scope: scope.scope, metrics: [slice]}]});
				if (!write(headed.has(name) ? withoutHeader(text) : text)) {
					return;
				}

				headed.add(name);
				await yieldToEventLoop();
			}
		}
	}
}
