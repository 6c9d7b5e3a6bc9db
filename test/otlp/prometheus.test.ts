/**
The Prometheus endpoint (cli/prometheus.ts over export/otlp/prometheus.ts) in process, on the
demo data: a real HTTP server on loopback, scraped with fetch, its text exposition read back
and compared with the built binary's `--json` document of the same data.
*/
import {createServer} from 'node:net';
import {PrometheusExporter, PrometheusSerializer} from '@opentelemetry/exporter-prometheus';
import {MeterProvider} from '@opentelemetry/sdk-metrics';
import {describe, expect, it} from 'vitest';
import {resolveOptions, UsageError} from '../../source/cli/options.js';
import {type PrometheusEndpoint, startPrometheus} from '../../source/cli/prometheus.js';
import {loadFor, pricerFor, unfilteredTree} from '../../source/cli/runtime.js';
import {registerUsageMetrics} from '../../source/export/otlp/metrics.js';
import {cardinalityLimit} from '../../source/export/otlp/pipeline.js';
import type {TreeModel} from '../../source/model/types.js';
import {runJson} from '../support/cli.js';
import {call, session, tokens} from '../support/events.js';
import {plainFlags} from '../support/flags.js';
import {parseExposition, prometheusNames, type Sample, sumOf} from './prometheus-text.js';
import {treeOf} from './support.js';

/** The unfiltered tree of a demo load, as the TUI hands it to the endpoint. */
async function demoTree(agent: string[] = []): Promise<TreeModel> {
	const options = resolveOptions(plainFlags({agent}), {stdoutIsTTY: true, env: {}});
	const loaded = await loadFor(options, {demoFallback: false});
	return unfilteredTree(options, loaded.result.store, await pricerFor(options));
}

async function scrape(endpoint: PrometheusEndpoint): Promise<Sample[]> {
	const response = await fetch(endpoint.url);
	expect(response.status).toBe(200);
	return parseExposition(await response.text());
}

type JsonTotals = {
	tokens: {input: number; output: number; cacheRead: number; cacheWrite: number; total: number};
	pricedCostUSD: number;
	calls: number;
	sessions: number;
};

/** The scraped counters against the `--json` document's totals. */
function expectTotals(samples: readonly Sample[], totals: JsonTotals): void {
	expect(sumOf(samples, 'agent_usage_tokens_input_total')).toBe(totals.tokens.input);
	expect(sumOf(samples, 'agent_usage_tokens_output_total')).toBe(totals.tokens.output);
	expect(sumOf(samples, 'agent_usage_tokens_cache_read_total')).toBe(totals.tokens.cacheRead);
	expect(sumOf(samples, 'agent_usage_tokens_cache_write_total')).toBe(totals.tokens.cacheWrite);
	expect(sumOf(samples, 'agent_usage_queries_total')).toBe(totals.calls);
	expect(sumOf(samples, 'agent_usage_sessions_total')).toBe(totals.sessions);
	// Summed per series here and over the whole tree there: equal up to float rounding.
	expect(sumOf(samples, 'agent_usage_cost_total')).toBeCloseTo(totals.pricedCostUSD, 6);
}

const loopback = {host: '127.0.0.1', port: 0};

/** The text the SDK's PrometheusExporter writes for `tree` in one pass (one provider, one collect). */
async function onePassExposition(tree: TreeModel): Promise<string> {
	const exporter = new (class extends PrometheusExporter {
		override selectCardinalityLimit(): number {
			return cardinalityLimit;
		}
	})({preventServerStart: true});
	const provider = new MeterProvider({readers: [exporter]});
	const meter = provider.getMeter('reference');
	await registerUsageMetrics(
		() => meter,
		() => tree,
		{project: 'name', settleMs: 0},
	).recordSettledSessions();
	const {resourceMetrics} = await exporter.collect();
	await provider.shutdown();
	// Its own resource and no host label: sample lines are compared without them.
	return new PrometheusSerializer('', false, undefined, true).serialize(resourceMetrics);
}

/** Sample lines, sorted, without target_info and the host_name label. */
function sampleLines(text: string): string[] {
	return text
		.split('\n')
		.filter(line => line !== '' && !line.startsWith('#') && !line.startsWith('target_info'))
		.map(line => line.replace(/,?host_name="[^"]*"/, '').replace('{,', '{'))
		.sort();
}

describe('Prometheus endpoint', () => {
	it('serves the totals of --json under the instrument names Prometheus gives the OTLP export', async () => {
		const [tree, json] = await Promise.all([demoTree(), runJson(['--demo'])]);
		const endpoint = await startPrometheus(loopback, () => tree);
		try {
			expect(endpoint.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
			const samples = await scrape(endpoint);
			expectTotals(samples, json.totals);
			// The demo sessions are long settled: each session day is in the histograms once.
			const days = json.days as Array<{tokens: {total: number}; sessions: number}>;
			expect(sumOf(samples, 'agent_usage_session_tokens_sum')).toBe(json.totals.tokens.total);
			expect(sumOf(samples, 'agent_usage_session_queries_count')).toBe(
				days.reduce((sum, day) => sum + day.sessions, 0),
			);
			const names = new Set(samples.map(sample => sample.name).filter(name => name !== 'target_info'));
			expect(names).toEqual(prometheusNames());
			// Every series names its machine, as behind the Collector: the dashboard filters on host_name.
			const hostName = samples.find(sample => sample.name === 'target_info')?.labels['host_name'];
			expect(hostName).toBeTruthy();
			expect(samples.every(sample => sample.labels['host_name'] === hostName)).toBe(true);
			// A second scrape repeats the cumulative totals instead of adding to them.
			expectTotals(await scrape(endpoint), json.totals);
		} finally {
			await endpoint.close();
		}
	});

	it('answers 503 before the first load, then each scrape reports the latest load', async () => {
		const [claude, all, claudeJson, allJson] = await Promise.all([
			demoTree(['claude']),
			demoTree(),
			runJson(['--demo', '--agent', 'claude']),
			runJson(['--demo']),
		]);
		let current: TreeModel | undefined;
		const endpoint = await startPrometheus(loopback, () => current);
		try {
			const loading = await fetch(endpoint.url);
			expect(loading.status).toBe(503);
			expect(await loading.text()).toMatch(/still reading usage data/);

			current = claude;
			expectTotals(await scrape(endpoint), claudeJson.totals);
			current = all;
			expectTotals(await scrape(endpoint), allJson.totals);

			const elsewhere = await fetch(endpoint.url.replace('/metrics', '/'));
			expect(elsewhere.status).toBe(404);
		} finally {
			await endpoint.close();
		}
	});

	it('says in one sentence that the port is in use, and frees its port on close', async () => {
		const tree = await demoTree(['claude']);
		const first = await startPrometheus(loopback, () => tree);
		const port = Number(new URL(first.url).port);
		const taken = startPrometheus({host: '127.0.0.1', port}, () => tree);
		await expect(taken).rejects.toThrow(UsageError);
		await expect(taken).rejects.toThrow(
			new RegExp(`^Cannot serve Prometheus metrics on 127\\.0\\.0\\.1:${port}: port ${port} is already in use`),
		);
		await taken.catch((error: Error) => expect(error.message).not.toContain('\n'));

		// fetch keeps its connection alive, as Prometheus does: close must not wait for it.
		await scrape(first);
		await first.close();
		const again = await startPrometheus({host: '127.0.0.1', port}, () => tree);
		await again.close();
	});

	it('keeps every series of a long history (past the SDK default of 2000 per instrument), slice by slice', async () => {
		const projects = 2500;
		const events = Array.from({length: projects}, (_, index) => [
			session('claude', `s${index}`, {project: `project-${index}`}),
			call('claude', `s${index}`, '2026-03-02T09:00:00Z', {tokens: tokens({input: 1, output: 2})}),
		]).flat();
		const tree = treeOf(events);
		const endpoint = await startPrometheus(loopback, () => tree);
		try {
			const text = await (await fetch(endpoint.url)).text();
			const samples = parseExposition(text);
			const queries = samples.filter(sample => sample.name === 'agent_usage_queries_total');
			expect(queries).toHaveLength(projects);
			expect(queries.some(sample => 'otel_metric_overflow' in sample.labels)).toBe(false);
			expect(sumOf(samples, 'agent_usage_tokens_output_total')).toBe(2 * projects);
			// Written in slices, yet the same lines as the SDK exporter's one-pass text, each header once.
			const reference = await onePassExposition(tree);
			expect(sampleLines(text)).toEqual(sampleLines(reference));
			const types = text.split('\n').filter(line => line.startsWith('# TYPE '));
			expect(types).toHaveLength(new Set(samples.map(sample => sample.name.replace(/_(bucket|sum|count)$/, ''))).size);
		} finally {
			await endpoint.close();
		}
	});

	it('listens on an IPv6 loopback given in brackets', async context => {
		const hasIpv6 = await new Promise<boolean>(resolve => {
			const probe = createServer()
				.once('error', () => resolve(false))
				.listen(0, '::1', () => probe.close(() => resolve(true)));
		});
		if (!hasIpv6) {
			context.skip('no IPv6 loopback on this machine');
		}

		const tree = await demoTree(['claude']);
		const endpoint = await startPrometheus({host: '::1', port: 0}, () => tree);
		try {
			expect(endpoint.url).toMatch(/^http:\/\/\[::1\]:\d+\/metrics$/);
			expect(sumOf(await scrape(endpoint), 'agent_usage_queries_total')).toBeGreaterThan(0);
		} finally {
			await endpoint.close();
		}
	});
});
