/**
The Prometheus endpoint (cli/prometheus.ts over export/otlp/prometheus.ts) in process, on the
demo data: a real HTTP server on loopback, scraped with fetch, its text exposition read back
and compared with the built binary's `--json` document of the same data.
*/
import {createServer} from 'node:net';
import {describe, expect, it} from 'vitest';
import {resolveOptions, UsageError} from '../../source/cli/options.js';
import {type PrometheusEndpoint, startPrometheus} from '../../source/cli/prometheus.js';
import {loadFor, pricerFor, unfilteredTree} from '../../source/cli/runtime.js';
import type {TreeModel} from '../../source/model/types.js';
import {runJson} from '../support/cli.js';
import {plainFlags} from '../support/flags.js';
import {parseExposition, prometheusNames, type Sample, sumOf} from './prometheus-text.js';

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
