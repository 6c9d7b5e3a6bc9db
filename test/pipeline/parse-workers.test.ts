/**
Parse workers (cold loads of ≥ 16 MB) must never change a result: the built CLI gives
byte-identical output with two workers, with none, and when its workers die; diagnostics
found in a worker reach the user; a worker-parsed file is cached like any other.
*/
import {appendFileSync, mkdtempSync, readdirSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {generateClaudeCorpus} from '../generate/claude.js';
import {emptyHome, runCli} from '../support/cli.js';

const stripVolatile = (text: string) => text.replace(/"generatedAt":"[^"]+"/, '');
let dataDir = '';

beforeAll(async () => {
	dataDir = mkdtempSync(path.join(tmpdir(), 'agent-ncdu-workers-'));
	// ~20 MB in the real format: above the size at which the loader starts workers.
	await generateClaudeCorpus(path.join(dataDir, 'claude'), {
		seed: 7,
		sessions: 1,
		startDay: '2026-03-01',
		days: 30,
		targetBytes: 20_000_000,
	});
	// One damaged line, so a worker has a diagnostic to send back.
	const projects = path.join(dataDir, 'claude', 'projects');
	const folder = path.join(projects, readdirSync(projects)[0]!);
	const file = path.join(folder, readdirSync(folder).find(name => name.endsWith('.jsonl'))!);
	appendFileSync(file, '{"type":"assistant","message":{"usage":{"input_tokens": oops}}}\n');
}, 120_000);

/** Every parse worker dies on its first file (a test-only `--import`; the binary runs unchanged). */
const workerExit = path.join(import.meta.dirname, '../support/inject/worker-exit.mjs');

async function run(workers: string, extra: string[] = [], home = emptyHome(), nodeArgs: string[] = []) {
	const result = await runCli(
		['--json', '--depth', 'call', '--timezone', 'UTC', '--verbose', '--data-dir', dataDir, ...extra],
		{HOME: home, AGENT_NCDU_WORKERS: workers},
		nodeArgs,
	);
	expect(result.code, result.stderr).toBe(0);
	return result;
}

describe('parse workers', () => {
	it('give the same document as parsing on the main thread, diagnostics included', async () => {
		const pooled = await run('2', ['--no-cache']);
		const inProcess = await run('0', ['--no-cache']);
		expect(pooled.stderr).toMatch(/, 2 parse workers/);
		expect(inProcess.stderr).not.toMatch(/parse workers/);
		expect(JSON.parse(pooled.stdout).totals.calls).toBeGreaterThan(1000);
		expect(stripVolatile(pooled.stdout)).toBe(stripVolatile(inProcess.stdout));
		expect(pooled.stderr).toMatch(/\[malformed-line\] .*\.jsonl:\d+: not valid JSON/);
		expect(pooled.stderr.match(/\[malformed-line\].*/)?.[0]).toBe(inProcess.stderr.match(/\[malformed-line\].*/)?.[0]);
	}, 120_000);

	it('fall back to the main thread when a worker dies, losing nothing', async () => {
		const dying = await run('2', ['--no-cache'], emptyHome(), ['--import', workerExit]);
		expect(dying.stderr).toMatch(/, 2 parse workers/);
		const inProcess = await run('0', ['--no-cache']);
		expect(stripVolatile(dying.stdout)).toBe(stripVolatile(inProcess.stdout));
	}, 120_000);

	it('fill the parse cache: the next run parses nothing and gives the same document', async () => {
		const home = emptyHome();
		const cold = await run('2', [], home);
		const files = Number(/Loaded (\d+) files/.exec(cold.stderr)?.[1]);
		const warm = await run('2', [], home);
		// The damaged file is cached with its diagnostic, so every file is a hit.
		expect(warm.stderr).toMatch(new RegExp(`parse cache ${files} hits / 0 misses`));
		expect(warm.stderr).not.toMatch(/parse workers/);
		expect(stripVolatile(warm.stdout)).toBe(stripVolatile(cold.stdout));
	}, 120_000);
});
