/**
Flags that promise to leave something alone, through the built CLI: `--no-cache` leaves HOME as
it was (no parse cache, no usage ledger written; the ledger is still read, so totals stay
complete), and `--no-ledger` says nothing about a ledger.
*/
import {execFile} from 'node:child_process';
import {createHash} from 'node:crypto';
import {cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {cliPath, emptyHome, publicFixtures, repoRoot, runCli} from '../support/cli.js';

/** Every file under `folder`: path → size, mtime and content hash. */
function snapshot(folder: string): Record<string, string> {
	const files = readdirSync(folder, {recursive: true, encoding: 'utf8'})
		.map(name => path.join(folder, name))
		.filter(file => statSync(file).isFile());
	return Object.fromEntries(
		files.map(file => {
			const info = statSync(file);
			const hash = createHash('sha256').update(readFileSync(file)).digest('hex');
			return [path.relative(folder, file), `${info.size} ${info.mtimeMs} ${hash}`];
		}),
	);
}

function claudeData(): string {
	const data = mkdtempSync(path.join(tmpdir(), 'agent-ncdu-no-trace-'));
	cpSync(path.join(publicFixtures, 'claude-code/spotter'), data, {recursive: true});
	return data;
}

describe('--no-cache', () => {
	it('writes nothing into a fresh HOME', async () => {
		const home = emptyHome();
		const result = await runCli(['--json', '--no-cache'], {HOME: home, CLAUDE_CONFIG_DIR: claudeData()});
		expect(result.code).toBe(0);
		expect(JSON.parse(result.stdout).totals.calls).toBeGreaterThan(0);
		expect(snapshot(home)).toEqual({});
	});

	it('reads the usage history but leaves HOME exactly as it was', async () => {
		const home = emptyHome();
		const data = claudeData();
		const env = {HOME: home, CLAUDE_CONFIG_DIR: data};
		const first = await runCli(['--json', '--timezone', 'UTC'], env);
		expect(first.code).toBe(0);
		const before = snapshot(home);
		expect(Object.keys(before).some(file => file.endsWith('.history'))).toBe(true);

		// A transcript the agent cleaned up: its calls now live only in the ledger.
		const transcript = readdirSync(path.join(data, 'projects'), {recursive: true, encoding: 'utf8'}).find(name =>
			name.endsWith('.jsonl'),
		)!;
		rmSync(path.join(data, 'projects', transcript));
		const result = await runCli(['--json', '--timezone', 'UTC', '--no-cache', '--verbose'], env);
		expect(result.code).toBe(0);
		expect(JSON.parse(result.stdout).totals).toEqual(JSON.parse(first.stdout).totals);
		expect(result.stderr).toMatch(/Ledger: .* not written \(--no-cache\)/);
		expect(snapshot(home)).toEqual(before);
	});
});

/** `agent-ncdu statusline [flags]` fed a recorded Claude Code status document. */
function statusline(flags: string[], home: string, claudeDir: string): Promise<number> {
	const env = {PATH: process.env['PATH'] ?? '', TZ: 'UTC', HOME: home, CLAUDE_CONFIG_DIR: claudeDir};
	return new Promise(resolve => {
		const child = execFile(process.execPath, [cliPath, 'statusline', ...flags], {env}, error => {
			resolve(error ? 1 : 0);
		});
		child.stdin!.end(readFileSync(path.join(repoRoot, 'fixtures', 'statusline', 'spotter-session.json')));
	});
}

describe('--no-cache in the status line', () => {
	it('records no session cost and keeps no cache', async () => {
		const data = claudeData();
		const home = emptyHome();
		expect(await statusline([], home, data)).toBe(0);
		expect(Object.keys(snapshot(home)).some(file => file.endsWith('.reported.json'))).toBe(true);
		const untouched = emptyHome();
		expect(await statusline(['--no-cache'], untouched, data)).toBe(0);
		expect(snapshot(untouched)).toEqual({});
	});
});

describe('--no-ledger', () => {
	it('prints nothing about the ledger with --verbose', async () => {
		const env = {HOME: emptyHome(), CLAUDE_CONFIG_DIR: claudeData()};
		const withLedger = await runCli(['--json', '--verbose'], env);
		expect(withLedger.stderr).toMatch(/^Ledger: /m);
		const result = await runCli(['--json', '--verbose', '--no-ledger'], env);
		expect(result.code).toBe(0);
		expect(result.stderr).toMatch(/^Loaded \d+ files/m);
		expect(result.stderr).not.toMatch(/ledger/i);
	});
});
