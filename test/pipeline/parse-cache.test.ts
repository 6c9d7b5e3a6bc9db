/**
The parse cache must never change a result: cold, warm, --no-cache and appended-file runs
give byte-identical --json (generatedAt aside), and a corrupt or foreign entry is discarded
and rebuilt, never trusted.
*/
import {appendFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {emptyHome, publicFixtures, runCli} from '../support/cli.js';

const stripVolatile = (text: string) => text.replace(/"generatedAt":"[^"]+"/, '');

function cacheEntries(home: string): string[] {
	const root = path.join(home, '.cache', 'agent-ncdu');
	const walk = (dir: string): string[] =>
		readdirSync(dir).flatMap(name => {
			const full = path.join(dir, name);
			return statSync(full).isDirectory() ? walk(full) : [full];
		});
	return walk(root).filter(file => file.endsWith('.bin'));
}

describe('parse cache', () => {
	it('gives identical output cold, warm, uncached, after corruption and after an append', async () => {
		const data = mkdtempSync(path.join(tmpdir(), 'agent-ncdu-cache-data-'));
		cpSync(path.join(publicFixtures, 'claude-code/spotter'), data, {recursive: true});
		const home = emptyHome();
		const env = {HOME: home, CLAUDE_CONFIG_DIR: data};
		const run = async (...extra: string[]) => {
			const result = await runCli(['--json', '--timezone', 'UTC', '--verbose', ...extra], env);
			expect(result.code).toBe(0);
			return result;
		};

		const cold = await run();
		expect(cold.stderr).toMatch(/parse cache 0 hits/);
		const entries = cacheEntries(home);
		expect(entries.length).toBeGreaterThan(0);

		const warm = await run();
		expect(warm.stderr).toMatch(new RegExp(`parse cache ${entries.length} hits / 0 misses`));
		expect(stripVolatile(warm.stdout)).toBe(stripVolatile(cold.stdout));

		const uncached = await run('--no-cache');
		expect(uncached.stderr).not.toMatch(/parse cache/);
		expect(stripVolatile(uncached.stdout)).toBe(stripVolatile(cold.stdout));

		// Corrupt every entry: garbage, truncation, and a foreign but well-formed value.
		entries.forEach((entry, index) => {
			if (index % 3 === 0) {
				writeFileSync(entry, 'not a cache entry');
			} else if (index % 3 === 1) {
				writeFileSync(entry, readFileSync(entry).subarray(0, 20));
			} else {
				writeFileSync(entry, Buffer.from([0xff, 0x0f, 0x6f, 0x7b, 0x00]));
			}
		});
		const afterCorruption = await run();
		expect(afterCorruption.stderr).toMatch(/parse cache 0 hits/);
		expect(stripVolatile(afterCorruption.stdout)).toBe(stripVolatile(cold.stdout));
		expect((await run()).stderr).toMatch(new RegExp(`parse cache ${entries.length} hits`));

		// An agent appends a new API response to one session: only that file is parsed again.
		const sessionFile = path.join(data, 'projects/-home-USER-projects-spotter-misc/short.jsonl');
		const appended = {
			type: 'assistant',
			uuid: 'appended-1',
			parentUuid: null,
			sessionId: 'appended-session',
			timestamp: '2026-02-12T18:00:00.000Z',
			requestId: 'req_appended',
			message: {id: 'msg_appended', role: 'assistant', model: 'claude-opus-4-6', content: [{type: 'text', text: 'done'}], usage: {input_tokens: 10, cache_creation_input_tokens: 0, cache_read_input_tokens: 1000, output_tokens: 25}},
		};
		appendFileSync(sessionFile, JSON.stringify(appended) + '\n');
		const afterAppend = await run();
		expect(afterAppend.stderr).toMatch(new RegExp(`parse cache ${entries.length - 1} hits / 1 misses`));
		const uncachedAfterAppend = await run('--no-cache');
		expect(stripVolatile(afterAppend.stdout)).toBe(stripVolatile(uncachedAfterAppend.stdout));
		expect(JSON.parse(afterAppend.stdout).totals.calls).toBe(JSON.parse(cold.stdout).totals.calls + 1);
	});
});
