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

	it('exports all usage read, whatever --since and --until select for the document (--agent limits what is read)', async () => {
		const args = ['--demo', '--agent', 'claude', '--since', '2026-11-01', '--until', '2026-11-07'];
		const result = await runCli([...args, '--json', '--otlp-once', '--otlp-endpoint', receiver.url]);
		expect(result.code).toBe(0);
		const all = await runJson(['--demo', '--agent', 'claude']);
		expect(JSON.parse(result.stdout).totals.calls).toBeLessThan(all.totals.calls);
		const decoded = receiver.decoded(receiver.requests.length - 1);
		expect(sumWhere(decoded, 'agent.usage.queries')).toBe(all.totals.calls);
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

	it('never prints a token from the endpoint user-info or query, nor a header, on success or failure', async () => {
		const secretEnv = {OTEL_EXPORTER_OTLP_HEADERS: 'Authorization=Bearer%20s3cr3t-header'};
		const withSecrets = (base: string) =>
			`${base.replace('http://', 'http://user:s3cr3t-token@')}/v1/metrics?api_key=s3cr3t-key`;
		const shown = (base: string) => `${base.replace('http://', 'http://***@')}/v1/metrics?api_key=***`;

		const port = await closedPort();
		const refused = `http://127.0.0.1:${port}`;
		const failed = await runCli(
			['--demo', '--otlp-once', '--verbose', '--otlp-endpoint', withSecrets(refused)],
			secretEnv,
		);
		expect(failed.code).toBe(1);
		expect(failed.stderr).toContain(`OTLP http/protobuf → ${shown(refused)} every 60 s; headers: Authorization: ••••`);
		expect(failed.stderr).toContain(
			`✖ OTLP export failed: Connection refused: no service listening at ${shown(refused)}.`,
		);

		const exported = await runCli(['--demo', '--otlp-once', '--otlp-endpoint', withSecrets(receiver.url)], secretEnv);
		expect(exported.code).toBe(0);
		expect(exported.stderr).toMatch(
			new RegExp(`✔ Exported \\d+ metric points to ${escapeRegExp(shown(receiver.url))}\n`),
		);

		const invalid = await runCli(['--demo', '--otlp-once'], {
			OTEL_EXPORTER_OTLP_ENDPOINT: 'http://user:s3cr3t/token@127.0.0.1?api_key=s3cr3t-key',
		});
		expect(invalid.code).toBe(1);
		expect(invalid.stderr).toContain('Invalid OTLP endpoint "http://***@127.0.0.1?api_key=***"');

		for (const result of [failed, exported, invalid]) {
			expect(result.stdout + result.stderr).not.toContain('s3cr3t');
		}
	});

	it('asks for an endpoint when none is configured', async () => {
		const result = await runCli(['--demo', '--otlp-once']);
		expect(result.code).toBe(1);
		expect(result.stderr).toMatch(
			/✖ --otlp-once needs an endpoint: pass --otlp-endpoint URL or set OTEL_EXPORTER_OTLP_ENDPOINT/,
		);
	});
});

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
