/**
End-to-end: the built TUI in tmux with `--prometheus 127.0.0.1:<port>`, scraped by a real
Prometheus server (the `prometheus` binary, started here on loopback with a generated config
and a throw-away TSDB). After a scrape, PromQL answers the same totals as `--json`.

Skipped on a machine without tmux or prometheus, but never in CI (`CI` set when vitest
started): CI installs both, so a missing one there is a failure.
*/
import {type ChildProcess, execFileSync, spawn} from 'node:child_process';
import {existsSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {createServer} from 'node:net';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {cliPath, runJson} from '../support/cli.js';
import {freePort} from '../support/free-port.js';
import {hasTmux, runsInCi, TmuxSession} from './tmux.js';

function hasPrometheus(): boolean {
	try {
		execFileSync('prometheus', ['--version'], {stdio: 'ignore'});
		return true;
	} catch {
		return false;
	}
}

const tools = {tmux: hasTmux(), prometheus: hasPrometheus(), build: existsSync(cliPath)};

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

type Vector = Array<{metric: Record<string, string>; value: [number, string]}>;

/** One PromQL instant query through the HTTP API. */
async function query(server: string, promql: string): Promise<Vector> {
	const response = await fetch(`${server}/api/v1/query?query=${encodeURIComponent(promql)}`);
	const body = (await response.json()) as {status: string; error?: string; data: {result: Vector}};
	if (body.status !== 'success') {
		throw new Error(`PromQL ${promql} failed: ${body.error}`);
	}

	return body.data.result;
}

/** The single value of an aggregating query (NaN when it has none). */
async function scalar(server: string, promql: string): Promise<number> {
	const [sample] = await query(server, promql);
	return sample ? Number(sample.value[1]) : Number.NaN;
}

describe.skipIf(!(tools.tmux && tools.prometheus && tools.build) && !runsInCi)(
	'TUI with --prometheus, scraped by a real Prometheus',
	() => {
		let workDir: string;
		let session: TmuxSession | undefined;
		let prometheus: ChildProcess | undefined;
		let prometheusLog = '';
		let server: string;

		beforeAll(async () => {
			expect(tools, 'tmux, prometheus and the built CLI (npm run build) are needed here').toEqual({
				tmux: true,
				prometheus: true,
				build: true,
			});
			workDir = mkdtempSync(path.join(tmpdir(), 'agent-ncdu-e2e-prometheus-'));
			const [target, web] = [await freePort(), await freePort()];
			session = new TmuxSession(
				`node ${JSON.stringify(cliPath)} --demo --timezone UTC --prometheus 127.0.0.1:${target}; sleep 30`,
				{
					columns: 100,
					rows: 30,
					cwd: workDir,
					env: {HOME: path.join(workDir, 'home'), TERM: 'xterm-256color', NO_COLOR: '1', TZ: 'UTC'},
				},
			);
			const config = path.join(workDir, 'prometheus.yml');
			writeFileSync(
				config,
				[
					'global:',
					'  scrape_interval: 1s',
					'  scrape_timeout: 1s',
					'scrape_configs:',
					'  - job_name: agent-ncdu',
					'    static_configs:',
					`      - targets: ['127.0.0.1:${target}']`,
					'',
				].join('\n'),
			);
			prometheus = spawn(
				'prometheus',
				[
					`--config.file=${config}`,
					`--storage.tsdb.path=${path.join(workDir, 'tsdb')}`,
					`--web.listen-address=127.0.0.1:${web}`,
				],
				{stdio: ['ignore', 'ignore', 'pipe']},
			);
			prometheus.stderr?.on('data', (chunk: Buffer) => {
				prometheusLog += chunk.toString();
			});
			server = `http://127.0.0.1:${web}`;
		});

		afterAll(async () => {
			if (prometheus && prometheus.exitCode === null) {
				const exited = new Promise(resolve => prometheus!.once('exit', resolve));
				prometheus.kill('SIGTERM');
				await exited;
			}

			session?.close();
			if (workDir) {
				rmSync(workDir, {recursive: true, force: true});
			}
		});

		/** Polls until Prometheus has stored a successful scrape of the browser's endpoint. */
		async function scraped(timeoutMs: number): Promise<void> {
			const deadline = Date.now() + timeoutMs;
			while (Date.now() < deadline) {
				const ok = await scalar(server, 'count(agent_usage_tokens_input_total)').catch(() => Number.NaN);
				if (ok > 0) {
					return;
				}

				await sleep(250);
			}

			const targets = await fetch(`${server}/api/v1/targets`)
				.then(response => response.text())
				.catch((error: Error) => error.message);
			throw new Error(`No scrape within ${timeoutMs} ms. Targets: ${targets}\nPrometheus log:\n${prometheusLog}`);
		}

		it('PromQL returns the --json totals while the browser stays usable', async () => {
			const json = await runJson(['--demo']);
			await session!.waitForText(/› +\S+ .*\d{4}-W\d{2}/, 20_000);
			await scraped(15_000);

			expect(await scalar(server, 'up{job="agent-ncdu"}')).toBe(1);
			expect(await scalar(server, 'sum(agent_usage_tokens_input_total)')).toBe(json.totals.tokens.input);
			expect(await scalar(server, 'sum(agent_usage_tokens_output_total)')).toBe(json.totals.tokens.output);
			expect(await scalar(server, 'sum(agent_usage_tokens_cache_read_total)')).toBe(json.totals.tokens.cacheRead);
			expect(await scalar(server, 'sum(agent_usage_tokens_cache_write_total)')).toBe(json.totals.tokens.cacheWrite);
			expect(await scalar(server, 'sum(agent_usage_queries_total)')).toBe(json.totals.calls);
			expect(await scalar(server, 'sum(agent_usage_cost_total)')).toBeCloseTo(json.totals.pricedCostUSD, 6);

			// The dashboard's host filter finds the machine.
			const hosts = await query(server, 'count by (host_name) (agent_usage_queries_total)');
			expect(hosts.map(sample => sample.metric['host_name'])).toEqual([expect.stringMatching(/.+/)]);

			// Labels survive the trip: output per agent equals the document's byAgent.
			const byAgent = await query(server, 'sum by (agent) (agent_usage_tokens_output_total)');
			const jsonByAgent = json.byAgent as Record<string, {tokens: {output: number}}>;
			expect(Object.fromEntries(byAgent.map(sample => [sample.metric['agent'], Number(sample.value[1])]))).toEqual(
				Object.fromEntries(Object.entries(jsonByAgent).map(([agent, totals]) => [agent, totals.tokens.output])),
			);

			// The browser still answers keys, and quitting it frees the screen.
			session!.send('Enter');
			await session!.waitFor(screen => /All › \d{4}-W\d{2}/.test(screen));
			session!.send('q');
			await session!.waitFor(screen => !screen.includes('agent-ncdu All'));
		});

		it('a port in use is a one-line ✖ error before the browser opens, exit code 1', async () => {
			const holder = createServer();
			const port = await new Promise<number>(resolve => {
				holder.listen(0, '127.0.0.1', () => resolve((holder.address() as {port: number}).port));
			});
			const blocked = new TmuxSession(
				`node ${JSON.stringify(cliPath)} --demo --prometheus ${port}; echo "exit=$?"; sleep 30`,
				{columns: 160, rows: 10, cwd: workDir, env: {HOME: path.join(workDir, 'home'), TERM: 'xterm-256color'}},
			);
			try {
				const screen = await blocked.waitForText('exit=', 15_000);
				expect(screen).toContain(
					`✖ Cannot serve Prometheus metrics on 127.0.0.1:${port}: port ${port} is already in use; pick another with --prometheus [HOST:]PORT.`,
				);
				expect(screen).toContain('exit=1');
			} finally {
				blocked.close();
				holder.close();
			}
		});
	},
);
