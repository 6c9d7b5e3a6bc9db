/**
`agent-ncdu watch --prometheus` on the BUILT binary: the endpoint serves the `--json` totals of
the same data, a response the agent writes meanwhile shows on the next scrape, and SIGTERM
frees the port.
*/
import {spawn} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {cliPath, runJson, userEnvironment} from '../support/cli.js';
import {ClaudeSessionWriter} from '../support/claude-session.js';
import {freePort} from '../support/free-port.js';
import {waitFor} from '../support/wait-for.js';
import {parseExposition, sumOf} from '../otlp/prometheus-text.js';

async function scrapedTotals(url: string): Promise<{input: number; output: number; calls: number}> {
	const samples = parseExposition(await (await fetch(url)).text());
	return {
		input: sumOf(samples, 'agent_usage_tokens_input_total'),
		output: sumOf(samples, 'agent_usage_tokens_output_total'),
		calls: sumOf(samples, 'agent_usage_queries_total'),
	};
}

async function jsonTotals(env: Record<string, string>): Promise<{input: number; output: number; calls: number}> {
	const {totals} = await runJson([], env);
	return {input: totals.tokens.input, output: totals.tokens.output, calls: totals.calls};
}

describe('agent-ncdu watch --prometheus', () => {
	it('serves the --json totals and follows what the agent writes', async () => {
		const home = mkdtempSync(path.join(tmpdir(), 'agent-ncdu-watch-prometheus-'));
		const env = userEnvironment(home);
		const session = new ClaudeSessionWriter(path.join(home, '.claude'), '/home/dev/src/search-service');
		const now = Date.now();
		session.prompt('Add fuzzy matching to the search endpoint', new Date(now - 12 * 60_000));
		session.respond({input: 40_000, output: 10_000}, new Date(now - 11 * 60_000));

		const port = await freePort();
		const child = spawn(process.execPath, [cliPath, 'watch', '--timezone', 'UTC', '--prometheus', String(port)], {
			env,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let output = '';
		child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
			output += chunk;
		});
		child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
			output += chunk;
		});
		const exited = new Promise<number | null>(resolve => child.on('exit', code => resolve(code)));
		try {
			const url = `http://127.0.0.1:${port}/metrics`;
			await waitFor(() => output.includes(`Prometheus metrics at ${url}`), {
				timeoutMs: 20_000,
				message: () => output,
			});
			expect(await scrapedTotals(url)).toEqual(await jsonTotals(env));

			session.respond({input: 1500, output: 700}, new Date());
			let scraped = await scrapedTotals(url);
			for (const deadline = Date.now() + 10_000; scraped.calls < 2 && Date.now() < deadline; ) {
				await new Promise(resolve => setTimeout(resolve, 100));
				scraped = await scrapedTotals(url);
			}

			expect(scraped).toEqual(await jsonTotals(env));
			expect(scraped.calls).toBe(2);

			child.kill('SIGTERM');
			expect(await exited).toBe(0);
			await expect(fetch(url)).rejects.toThrow();
		} finally {
			child.kill('SIGKILL');
			rmSync(home, {recursive: true, force: true});
		}
	}, 60_000);
});
