/**
`--otlp-once` (cron mode) through the built CLI: one export to a real receiver on 127.0.0.1,
a status line, exit 0; a refused endpoint is a one-line ✖ and exit 1; headers never printed.
*/
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {closedPort, type Receiver, startReceiver, sumWhere} from '../otlp/support.js';
import {runCli, runJson} from '../support/cli.js';

describe('--otlp-once', () => {
	let receiver: Receiver;

	beforeAll(async () => {
		receiver = await startReceiver();
	});

	afterAll(async () => {
		await receiver.close();
	});

	it('exports the demo totals once, prints a status line and exits 0', async () => {
		const result = await runCli([
			'--demo',
			'--otlp-once',
			'--otlp-endpoint',
			receiver.url,
			'--otlp-headers',
			'Authorization: Bearer s3cr3t==',
			'--verbose',
		]);
		expect(result.code).toBe(0);
		expect(result.stdout).toBe('');
		expect(result.stderr).toMatch(/✔ Exported \d+ metric points to http:\/\/127\.0\.0\.1:\d+\/v1\/metrics/);
		expect(result.stderr + result.stdout).not.toContain('s3cr3t');
		expect(receiver.requests.at(-1)!.headers['authorization']).toBe('Bearer s3cr3t==');
		const document = await runJson(['--demo']);
		const decoded = receiver.decoded(receiver.requests.length - 1);
		expect(sumWhere(decoded, 'agent.usage.queries')).toBe(document.totals.calls);
	});

	it('writes the JSON document too with --json', async () => {
		const result = await runCli(['--demo', '--json', '--otlp-once', '--otlp-endpoint', receiver.url]);
		expect(result.code).toBe(0);
		expect(JSON.parse(result.stdout).format).toBe('agent-ncdu');
	});

	it('fails with a one-line ✖ message and exit 1 when nothing listens', async () => {
		const port = await closedPort();
		const result = await runCli(['--demo', '--otlp-once', '--otlp-endpoint', `http://127.0.0.1:${port}`]);
		expect(result.code).toBe(1);
		expect(result.stderr.trim().split('\n')).toHaveLength(1);
		expect(result.stderr).toMatch(/^✖ OTLP export failed: .*(refused|no service listening)/i);
	});

	it('asks for an endpoint when none is configured', async () => {
		const result = await runCli(['--demo', '--otlp-once']);
		expect(result.code).toBe(1);
		expect(result.stderr).toMatch(
			/✖ --otlp-once needs an endpoint: pass --otlp-endpoint URL or set OTEL_EXPORTER_OTLP_ENDPOINT/,
		);
	});
});
