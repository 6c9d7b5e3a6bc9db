/**
The parse cache must never change a result: cold, warm, --no-cache and appended-file runs
give byte-identical --json (generatedAt aside); a damaged or foreign pack is discarded and
rebuilt, never trusted; an appended session rewrites only the small delta pack.
*/
import {
	appendFileSync,
	cpSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	statSync,
	utimesSync,
	writeFileSync,
} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {packFormatVersion} from '../../source/store/pack/pack-file.js';
import {emptyHome, publicFixtures, runCli} from '../support/cli.js';

const stripVolatile = (text: string) => text.replace(/"generatedAt":"[^"]+"/, '');

function packs(home: string): {base: string[]; delta: string[]} {
	const dir = path.join(home, '.cache', 'agent-ncdu', `packs-v${packFormatVersion}`);
	const names = readdirSync(dir).map(name => path.join(dir, name));
	return {base: names.filter(name => name.endsWith('.base')), delta: names.filter(name => name.endsWith('.delta'))};
}

function appendedResponse(id: string): string {
	const line = {
		type: 'assistant',
		uuid: `appended-${id}`,
		parentUuid: null,
		sessionId: 'appended-session',
		timestamp: '2026-02-12T18:00:00.000Z',
		requestId: `req_${id}`,
		message: {
			id: `msg_${id}`,
			role: 'assistant',
			model: 'claude-opus-4-6',
			content: [{type: 'text', text: 'done'}],
			usage: {input_tokens: 10, cache_creation_input_tokens: 0, cache_read_input_tokens: 1000, output_tokens: 25},
		},
	};
	return `${JSON.stringify(line)}\n`;
}

function setUp() {
	const data = mkdtempSync(path.join(tmpdir(), 'agent-ncdu-cache-data-'));
	cpSync(path.join(publicFixtures, 'claude-code/spotter'), data, {recursive: true});
	const home = emptyHome();
	const env = {HOME: home, CLAUDE_CONFIG_DIR: data};
	const run = async (...extra: string[]) => {
		const result = await runCli(['--json', '--depth', 'call', '--timezone', 'UTC', '--verbose', ...extra], env);
		expect(result.code).toBe(0);
		return result;
	};

	const fileCount = (text: string) => Number(/Loaded (\d+) files/.exec(text)?.[1]);
	return {data, home, run, fileCount};
}

describe('parse cache', () => {
	it('gives identical output cold, warm, uncached and after damage of every kind', async () => {
		const {home, run, fileCount} = setUp();
		const cold = await run();
		const files = fileCount(cold.stderr);
		expect(files).toBeGreaterThan(3);
		expect(cold.stderr).toMatch(new RegExp(`parse cache 0 hits / ${files} misses`));
		const [base] = packs(home).base;
		expect(base).toBeDefined();

		const warm = await run();
		expect(warm.stderr).toMatch(new RegExp(`parse cache ${files} hits / 0 misses`));
		expect(stripVolatile(warm.stdout)).toBe(stripVolatile(cold.stdout));
		// Nothing changed: nothing rewritten.
		expect(statSync(base!).mtimeMs).toBe(statSync(packs(home).base[0]!).mtimeMs);

		const uncached = await run('--no-cache');
		expect(uncached.stderr).not.toMatch(/parse cache/);
		expect(stripVolatile(uncached.stdout)).toBe(stripVolatile(cold.stdout));

		const good = readFileSync(base!);
		const damages: Array<[string, Buffer]> = [
			['garbage', Buffer.from('not a pack')],
			['truncated', good.subarray(0, Math.floor(good.length / 2))],
			// One flipped bit deep inside the payload (a token count or a string): only the
			// checksum can tell, and it must.
			['bit flip', Buffer.from(good.map((byte, index) => (index === good.length - 100 ? byte ^ 0x04 : byte)))],
			['empty', Buffer.alloc(0)],
		];
		for (const [what, bytes] of damages) {
			writeFileSync(base!, bytes);
			const damaged = await run();
			expect(damaged.stderr, what).toMatch(new RegExp(`parse cache 0 hits / ${files} misses`));
			expect(stripVolatile(damaged.stdout), what).toBe(stripVolatile(cold.stdout));
			// …and rebuilt by that run.
			expect((await run()).stderr, what).toMatch(new RegExp(`parse cache ${files} hits`));
		}
	});

	it('re-parses only an appended file, writes it to the delta pack, and follows removals', async () => {
		const {data, home, run, fileCount} = setUp();
		const cold = await run();
		const files = fileCount(cold.stderr);
		const [base] = packs(home).base;
		const baseBefore = statSync(base!);

		// An agent appends a new API response to one session: only that file is parsed again.
		const sessionFile = path.join(data, 'projects/-home-USER-projects-spotter-misc/short.jsonl');
		appendFileSync(sessionFile, appendedResponse('one'));
		const afterAppend = await run();
		expect(afterAppend.stderr).toMatch(new RegExp(`parse cache ${files - 1} hits / 1 misses`));
		expect(stripVolatile(afterAppend.stdout)).toBe(stripVolatile((await run('--no-cache')).stdout));
		expect(JSON.parse(afterAppend.stdout).totals.calls).toBe(JSON.parse(cold.stdout).totals.calls + 1);
		// The big base pack is untouched; the change went into a delta pack.
		expect(statSync(base!).mtimeMs).toBe(baseBefore.mtimeMs);
		expect(packs(home).delta).toHaveLength(1);
		const warmAfterAppend = await run();
		expect(warmAfterAppend.stderr).toMatch(new RegExp(`parse cache ${files} hits / 0 misses`));
		expect(stripVolatile(warmAfterAppend.stdout)).toBe(stripVolatile(afterAppend.stdout));

		// A second append to the same file: still only that file.
		appendFileSync(sessionFile, appendedResponse('two'));
		expect((await run()).stderr).toMatch(new RegExp(`parse cache ${files - 1} hits / 1 misses`));

		// A session file deleted: its calls go, the rest stay cached.
		const other = readdirSync(path.join(data, 'projects'), {recursive: true, encoding: 'utf8'})
			.map(name => path.join(data, 'projects', name))
			.find(name => name.endsWith('.jsonl') && name !== sessionFile)!;
		rmSync(other);
		const afterRemoval = await run();
		expect(afterRemoval.stderr).toMatch(new RegExp(`parse cache ${files - 1} hits / 0 misses`));
		expect(stripVolatile(afterRemoval.stdout)).toBe(stripVolatile((await run('--no-cache')).stdout));
	});

	it('parses again a file rewritten in place with its size and mtime restored (its ctime moved)', async () => {
		const {data, run} = setUp();
		const sessionFile = path.join(data, 'projects/-home-USER-projects-spotter-misc/short.jsonl');
		// Whole seconds, so that setting the mtime back restores it exactly.
		const mtime = Math.floor(statSync(sessionFile).mtimeMs / 1000) - 3600;
		utimesSync(sessionFile, mtime, mtime);
		const cold = await run('--no-ledger');
		const before = statSync(sessionFile);

		// A sync tool rewrites the file in place: every response's output count grows, not its length.
		const text = readFileSync(sessionFile, 'utf8');
		const rewritten = text.replace(
			/"output_tokens":([1-8])/g,
			(_, digit: string) => `"output_tokens":${Number(digit) + 1}`,
		);
		expect(rewritten).not.toBe(text);
		writeFileSync(sessionFile, rewritten);
		utimesSync(sessionFile, mtime, mtime);
		const after = statSync(sessionFile);
		expect([after.size, after.mtimeMs, after.ino]).toEqual([before.size, before.mtimeMs, before.ino]);

		const warm = await run('--no-ledger');
		expect(warm.stderr).toMatch(/parse cache \d+ hits \/ 1 misses/);
		expect(stripVolatile(warm.stdout)).toBe(stripVolatile((await run('--no-ledger', '--no-cache')).stdout));
		const output = (result: {stdout: string}) => JSON.parse(result.stdout).totals.tokens.output;
		expect(output(warm)).toBeGreaterThan(output(cold));
	});

	it('replays the diagnostics of a cached file (a session still being written)', async () => {
		const {data, run} = setUp();
		const sessionFile = path.join(data, 'projects/-home-USER-projects-spotter-misc/short.jsonl');
		appendFileSync(sessionFile, '{"type":"assistant","message":{"usage":{"input_tokens":1');
		const cold = await run();
		const warm = await run();
		expect(warm.stderr).toMatch(/0 misses/);
		const diagnostics = (text: string) => /(\d+) diagnostics/.exec(text)?.[1];
		expect(Number(diagnostics(cold.stderr))).toBeGreaterThan(0);
		expect(diagnostics(warm.stderr)).toBe(diagnostics(cold.stderr));
		expect(warm.stderr).toMatch(/\[partial-line\] .*short\.jsonl/);
	});

	it('shares one cache between a relative and an absolute --data-dir', async () => {
		const data = mkdtempSync(path.join(tmpdir(), 'agent-ncdu-cache-relative-'));
		cpSync(path.join(publicFixtures, 'claude-code/spotter'), path.join(data, 'claude'), {recursive: true});
		const home = emptyHome();
		const run = async (dir: string) =>
			runCli(['--json', '--timezone', 'UTC', '--verbose', '--data-dir', dir], {HOME: home});
		const absolute = await run(data);
		expect(absolute.stderr).toMatch(/parse cache 0 hits/);
		// The CLI runs in this process's working folder.
		const relative = await run(path.relative(process.cwd(), data));
		expect(relative.stderr).toMatch(/parse cache \d+ hits \/ 0 misses/);
		expect(stripVolatile(relative.stdout)).toBe(stripVolatile(absolute.stdout));
	});

	it('shares one pack between a relative and an absolute CLAUDE_CONFIG_DIR', async () => {
		const data = mkdtempSync(path.join(tmpdir(), 'agent-ncdu-cache-env-'));
		cpSync(path.join(publicFixtures, 'claude-code/spotter'), data, {recursive: true});
		const home = emptyHome();
		const run = async (folder: string) =>
			runCli(['--json', '--timezone', 'UTC', '--verbose', '--no-ledger'], {HOME: home, CLAUDE_CONFIG_DIR: folder});
		const absolute = await run(data);
		expect(absolute.stderr).toMatch(/parse cache 0 hits/);
		// The CLI runs in this process's working folder; a trailing slash is the same folder too.
		const relative = await run(`${path.relative(process.cwd(), data)}/`);
		expect(relative.stderr).toMatch(/parse cache \d+ hits \/ 0 misses/);
		expect(stripVolatile(relative.stdout)).toBe(stripVolatile(absolute.stdout));
		expect(packs(home).base).toHaveLength(1);
	});
});
