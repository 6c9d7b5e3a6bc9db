/**
End-to-end: the built TUI in tmux with --otlp-endpoint pointing at a real OTLP receiver on
127.0.0.1. Metrics arrive (and equal the JSON export's totals) while the UI keeps answering
keys; the settings screen shows the live status.
*/
import {execFileSync} from 'node:child_process';
import {existsSync, mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {type Receiver, startReceiver, sumWhere} from '../otlp/support.js';
import {hasTmux, TmuxSession} from './tmux.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const cliPath = path.join(repoRoot, 'distribution', 'cli.js');
const ready = hasTmux() && existsSync(cliPath);

describe.skipIf(!ready)('TUI with background OTLP export (tmux)', () => {
	let receiver: Receiver;
	let session: TmuxSession;
	let workDir: string;

	beforeAll(async () => {
		receiver = await startReceiver();
		workDir = mkdtempSync(path.join(tmpdir(), 'agent-ncdu-e2e-otlp-'));
		session = new TmuxSession(
			`node ${JSON.stringify(cliPath)} --demo --timezone UTC --otlp-endpoint ${receiver.url}; sleep 30`,
			{
				columns: 100,
				rows: 30,
				cwd: workDir,
				env: {
					HOME: path.join(workDir, 'home'),
					TERM: 'xterm-256color',
					NO_COLOR: '1',
					TZ: 'UTC',
					OTEL_EXPORTER_OTLP_HEADERS: 'x-api-key=s3cr3t-value',
				},
			},
		);
	});

	afterAll(async () => {
		session?.close();
		await receiver?.close();
		rmSync(workDir, {recursive: true, force: true});
	});

	it('exports the unfiltered totals at once while the browser stays responsive', async () => {
		await session.waitForText(/› +\S+ .*\d{4}-W\d{2}/, 30_000);
		const deadline = Date.now() + 20_000;
		while (receiver.requests.length === 0 && Date.now() < deadline) {
			await new Promise(resolve => setTimeout(resolve, 100));
		}

		expect(receiver.requests.length).toBeGreaterThan(0);
		expect(receiver.requests[0]!.path).toBe('/v1/metrics');
		expect(receiver.requests[0]!.headers['x-api-key']).toBe('s3cr3t-value');
		const exported = receiver.decoded(0);
		const json = JSON.parse(
			execFileSync(process.execPath, [cliPath, '--json', '--demo', '--timezone', 'UTC'], {
				env: {PATH: process.env['PATH'] ?? '', HOME: path.join(workDir, 'home')},
				encoding: 'utf8',
				maxBuffer: 256 * 1024 * 1024,
			}),
		);
		expect(sumWhere(exported, 'agent.usage.tokens.input')).toBe(json.totals.tokens.input);
		expect(sumWhere(exported, 'agent.usage.tokens.output')).toBe(json.totals.tokens.output);
		expect(sumWhere(exported, 'agent.usage.queries')).toBe(json.totals.calls);

		// The UI answers keys meanwhile: open a week, filter by agent, open the settings screen.
		session.send('Enter');
		await session.waitFor(screen => /All › \d{4}-W\d{2}/.test(screen));
		session.send('o');
		const settings = await session.waitForText('OTLP export settings');
		expect(settings).toMatch(/connected/i);
		expect(settings).not.toContain('s3cr3t-value');
		// The protocol is picked from a list under its row; Esc there closes only the list.
		session.send('j');
		await session.waitForText('› Protocol   http/protobuf');
		session.send('Enter');
		let screen = await session.waitForText('Protocol  ↑/↓ Enter: pick');
		expect(screen).toMatch(/^ +› http\/protobuf/m);
		session.send('Down');
		await session.waitFor(text => /^ +› http\/json/m.test(text));
		session.send('Enter');
		screen = await session.waitForText('Protocol   http/json  (Enter: choose)');
		expect(screen).not.toContain('Enter: pick');
		session.send('Enter');
		await session.waitForText('Enter: pick');
		session.send('Escape');
		screen = await session.waitFor(text => !text.includes('Enter: pick'));
		expect(screen).toContain('OTLP export settings');
		expect(screen).toContain('› Protocol   http/json');
		session.send('Escape');
		session.send('q');
		await session.waitFor(screen => !screen.includes('OTLP export settings') && !screen.includes('agent-ncdu All'));
	});
});
