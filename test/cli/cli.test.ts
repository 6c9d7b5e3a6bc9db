import {execFile} from 'node:child_process';
import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {cliPath, emptyHome, publicFixtures, runCli, runJson} from '../support/cli.js';

describe('agent-ncdu CLI', () => {
	it('prints its version and a help text that lists the flags', async () => {
		const version = await runCli(['--version']);
		expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
		const help = await runCli(['--help']);
		for (const flag of [
			'--json',
			'--depth',
			'--timezone',
			'--since',
			'--until',
			'--agent',
			'--pricing',
			'--verbose',
			'--demo',
		]) {
			expect(help.stdout).toContain(flag);
		}
	});

	it.each([
		[['--timezone', 'Mars/Olympus'], /✖ Unknown time zone "Mars\/Olympus"/],
		[['--since', '2026-02-30'], /✖ Invalid --since "2026-02-30": use a calendar date as YYYY-MM-DD/],
		[['--since', '2026-03-01', '--until', '2026-02-01'], /✖ --since 2026-03-01 is after --until 2026-02-01/],
		[['--agent', 'cursor'], /✖ Unknown agent "cursor" \(--agent\): use one of claude, codex/],
		[['--pricing', '/nonexistent/prices.json'], /✖ Cannot read --pricing file "\/nonexistent\/prices.json": ENOENT/],
	])('rejects %j with a one-line ✖ message and exit code 1', async (args, message) => {
		const result = await runCli(['--json', ...args]);
		expect(result.code).toBe(1);
		expect(result.stdout).toBe('');
		expect(result.stderr.trim().split('\n')).toHaveLength(1);
		expect(result.stderr).toMatch(message);
	});

	it('rejects an invalid --pricing file with what is wrong', async () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'agent-ncdu-pricing-'));
		const file = path.join(dir, 'prices.json');
		writeFileSync(file, '{not json');
		const result = await runCli(['--json', '--pricing', file]);
		expect(result.code).toBe(1);
		expect(result.stderr).toMatch(/^✖ Invalid --pricing file/);
	});

	it('with no agent data at all, says so, suggests --demo, and still writes an empty document', async () => {
		const result = await runCli(['--json'], {HOME: emptyHome()});
		expect(result.code).toBe(0);
		expect(result.stderr).toMatch(/No agent data found.*--demo/);
		const doc = JSON.parse(result.stdout);
		expect(doc.format).toBe('agent-ncdu');
		expect(doc.totals.calls).toBe(0);
		expect(doc.days).toEqual([]);
	});

	it('writes JSON when stdout is not a terminal even without --json', async () => {
		const result = await runCli(['--timezone', 'UTC'], {
			CLAUDE_CONFIG_DIR: path.join(publicFixtures, 'claude-code/vibecodingtracker'),
		});
		expect(result.code).toBe(0);
		expect(JSON.parse(result.stdout).totals.calls).toBeGreaterThan(0);
	});

	it('exits quietly when the reader of --json goes away (EPIPE)', async () => {
		const home = emptyHome();
		const result = await new Promise<{code: number; stderr: string}>(resolve => {
			execFile(
				'bash',
				['-c', `set -o pipefail; node ${JSON.stringify(cliPath)} --json --timezone UTC | head -c 10 > /dev/null`],
				{
					env: {
						PATH: process.env['PATH'] ?? '',
						HOME: home,
						CLAUDE_CONFIG_DIR: path.join(publicFixtures, 'claude-code/spotter'),
					},
				},
				(error, _stdout, stderr) => {
					resolve({code: error ? ((error as {code?: number}).code ?? 1) : 0, stderr});
				},
			);
		});
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
	});

	it('writes the frozen top level of the export document', async () => {
		const doc = await runJson([], {CLAUDE_CONFIG_DIR: path.join(publicFixtures, 'claude-code/spotter')});
		for (const key of [
			'format',
			'version',
			'generator',
			'generatedAt',
			'timezone',
			'filters',
			'pricing',
			'totals',
			'days',
			'sessions',
			'insights',
			'diagnostics',
			'depth',
			'tree',
		]) {
			expect(doc).toHaveProperty(key);
		}

		expect(doc.version).toEqual([1, 3]);
		expect(doc.groupBy).toBe('time');
		expect(Object.keys(doc.totals.tokens)).toEqual([
			'input',
			'cacheRead',
			'cacheWrite5m',
			'cacheWrite1h',
			'cacheWrite',
			'output',
			'reasoning',
			'total',
		]);
		expect(doc.days[0].byAgent.claude.tokens.total).toBe(doc.days[0].tokens.total);
		// The tree's root totals equal the sum of the days.
		const dayTotal = doc.days.reduce((sum: number, day: any) => sum + day.tokens.total, 0);
		expect(doc.tree.totals.tokens.total).toBe(dayTotal);
		expect(doc.totals.tokens.total).toBe(dayTotal);
	});

	it('leaves prompts out with --no-prompts', async () => {
		const env = {CLAUDE_CONFIG_DIR: path.join(publicFixtures, 'claude-code/spotter')};
		// Turn prompts are in the tree only below sessions: the whole tree (--depth call).
		const withPrompts = await runCli(['--json', '--depth', 'call', '--timezone', 'UTC'], env);
		const without = await runCli(['--json', '--depth', 'call', '--timezone', 'UTC', '--no-prompts'], env);
		const turnPrompts = (text: string) => [...text.matchAll(/"prompt":("[^"]*"|null)/g)].map(match => match[1]);
		expect(turnPrompts(withPrompts.stdout).some(prompt => prompt !== 'null' && prompt !== '""')).toBe(true);
		expect(turnPrompts(without.stdout).every(prompt => prompt === 'null')).toBe(true);
		// Insights quote prompts ("continue", where context took off): redacted too.
		const prompts = [...withPrompts.stdout.matchAll(/"prompt":"([^"]{6,})"/g)].map(match => match[1]!);
		expect(prompts.length).toBeGreaterThan(0);
		const insightsText = JSON.stringify(JSON.parse(without.stdout).insights);
		for (const prompt of prompts) {
			expect(insightsText).not.toContain(prompt.slice(0, 20));
		}
	});
});
