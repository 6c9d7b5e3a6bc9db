/**
`agent-ncdu statusline` on recorded stdin samples (fixtures/statusline): the printed figures,
the session cost it records in the ledger (shown as `reported` afterwards), and a bad
document still printing a line with exit code 0.
*/
import {execFile} from 'node:child_process';
import {cpSync, mkdtempSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {readHistoryFile} from '../../source/store/history/file.js';
import {usdText} from '../../source/insights/format.js';
import {cliPath, publicFixtures, repoRoot, runJson} from '../support/cli.js';

const samples = path.join(repoRoot, 'fixtures', 'statusline');
/** Starts the binary's clock at AGENT_NCDU_NOW (a test-only `--import`). */
const clock = path.join(repoRoot, 'test', 'support', 'inject', 'clock.mjs');

function spotterMachine() {
	const home = mkdtempSync(path.join(tmpdir(), 'agent-ncdu-statusline-'));
	const claudeDir = path.join(home, 'claude');
	cpSync(path.join(publicFixtures, 'claude-code', 'spotter'), claudeDir, {recursive: true});
	return {HOME: home, CLAUDE_CONFIG_DIR: claudeDir, AGENT_NCDU_HOST: 'hostA', CODEX_HOME: path.join(home, 'none')};
}

function statusline(
	sample: string,
	env: Record<string, string>,
): Promise<{code: number; stdout: string; stderr: string}> {
	const fullEnv = {
		PATH: process.env['PATH'] ?? '',
		TZ: 'UTC',
		XDG_DATA_HOME: path.join(env['HOME']!, '.local/share'),
		XDG_CACHE_HOME: path.join(env['HOME']!, '.cache'),
		AGENT_NCDU_NOW: '2026-02-12T21:30:00Z',
		...env,
	};
	return new Promise(resolve => {
		const child = execFile(
			process.execPath,
			['--import', clock, cliPath, 'statusline', '--timezone', 'UTC'],
			{env: fullEnv},
			(error, stdout, stderr) => {
				resolve({code: error ? ((error as {code?: number}).code ?? 1) : 0, stdout, stderr});
			},
		);
		child.stdin!.end(readFileSync(path.join(samples, sample)));
	});
}

const spotterSession = '4d5611e5-241a-462a-8d15-5122611a9569';

type SessionJson = {sessionId: string; costUSD: number};

describe('agent-ncdu statusline', () => {
	it('prints session, today and block figures and records the session cost as reported', async () => {
		const env = spotterMachine();
		const before = await runJson(['--since', '2026-02-12', '--until', '2026-02-12', '--agent', 'claude'], env);
		const estimated = before.sessions.find((session: SessionJson) => session.sessionId === spotterSession);
		expect(estimated.costSource).toBe('estimated');
		const result = await statusline('spotter-session.json', env);
		expect(result.code).toBe(0);
		expect(result.stderr).toBe('');
		const line = result.stdout.trim();
		expect(line.split('\n')).toHaveLength(1);
		expect(line).toMatch(/^Opus 4\.6 · \$12\.50 session · /);
		// Today = the other session's estimate + this session's reported $12.50.
		const after = await runJson(['--since', '2026-02-12', '--until', '2026-02-12', '--agent', 'claude'], env);
		const reported = after.sessions.find((session: SessionJson) => session.sessionId === spotterSession);
		expect(reported).toMatchObject({costSource: 'reported', costUSD: 12.5, tokens: estimated.tokens});
		expect(after.totals.costUSD).toBeCloseTo(before.totals.costUSD - estimated.costUSD + 12.5, 6);
		expect(line).toContain(`${usdText(after.totals.costUSD)} today`);
		// The session's last call (21:03) is inside the 5-hour block active at 21:30.
		expect(line).toMatch(/\$\d+\.\d\d block \(\d.* left\)/);
	});

	it('records the cost of a session that has no transcript yet, and survives a malformed document', async () => {
		const env = spotterMachine();
		const fresh = await statusline('new-session.json', env);
		expect(fresh.stdout.trim()).toMatch(/^Sonnet 4\.5 · <\$0\.01 session · \$\d+\.\d\d today/);
		// The status line writes only its small side file; the next full run keeps the figure in the ledger.
		const side = JSON.parse(readFileSync(path.join(env.HOME, '.local/share/agent-ncdu/hostA.reported.json'), 'utf8'));
		expect(side.records).toEqual([{k: 'r', a: 'claude', s: '0b9c1f7e-2f43-4c4e-9a61-0d4f5e3c2a10', usd: 0.0042}]);
		await runJson(['--agent', 'claude'], env);
		const history = await readHistoryFile(path.join(env.HOME, '.local/share/agent-ncdu/hostA.history'));
		expect(history?.events).toContainEqual(
			expect.objectContaining({
				type: 'session',
				sessionId: '0b9c1f7e-2f43-4c4e-9a61-0d4f5e3c2a10',
				reportedCostUSD: 0.0042,
			}),
		);
		const broken = await statusline('malformed.json', env);
		expect(broken.code).toBe(0);
		expect(broken.stderr).toBe('');
		expect(broken.stdout.trim()).toMatch(/today/);
	});

	it('reads only transcripts written in the last two days (a long history costs nothing)', async () => {
		const env = spotterMachine();
		const {utimesSync} = await import('node:fs');
		const {readdirSync} = await import('node:fs');
		const projects = path.join(env.CLAUDE_CONFIG_DIR, 'projects');
		const transcripts = readdirSync(projects, {recursive: true, encoding: 'utf8'}).filter(name =>
			name.endsWith('.jsonl'),
		);
		expect(transcripts.length).toBeGreaterThan(0);
		const recent = await statusline('new-session.json', env);
		// Last written three days before "now" (AGENT_NCDU_NOW, 2026-02-12): not read, so today is empty.
		const old = Date.parse('2026-02-09T12:00:00Z') / 1000;
		for (const name of transcripts) {
			utimesSync(path.join(projects, name), old, old);
		}

		const later = await statusline('new-session.json', env);
		expect(recent.stdout).not.toContain('$0.00 today');
		expect(later.stdout.trim()).toMatch(/^Sonnet 4\.5 · <\$0\.01 session · \$0\.00 today$/);
	});
});
