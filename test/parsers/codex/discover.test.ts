import {execFileSync} from 'node:child_process';
import {chmod, cp, mkdir, mkdtemp, symlink} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import type {Diagnostic} from '../../../source/core/diagnostics.js';
import {codexParser} from '../../../source/parsers/codex/index.js';
import {codexFixture, parseCodexHome, raw} from './helpers.js';

const noReport = (): void => {};

describe('codex roots', () => {
	const roots = (env: Record<string, string | undefined>) =>
		codexParser.roots({env, home: '/home/dev', report: noReport});

	it('defaults to ~/.codex', () => {
		expect(roots({})).toEqual(['/home/dev/.codex']);
		expect(roots({CODEX_HOME: ' , '})).toEqual(['/home/dev/.codex']);
	});

	it('reads CODEX_HOME as a trimmed comma list with ~ expanded, without duplicates', () => {
		expect(roots({CODEX_HOME: ' ~/work/codex , /data/codex,~,/data/codex '})).toEqual([
			'/home/dev/work/codex',
			'/data/codex',
			'/home/dev',
		]);
	});
});

describe('codex discovery (fixtures/codex/discovery)', async () => {
	const parsed = await parseCodexHome(codexFixture('discovery'));
	const relative = parsed.files.map(file => [path.relative(file.root, file.path), file.kind]);

	it('walks sessions/ and archived_sessions/; sessions/ wins a shared relative path; plain beats .zst', () => {
		expect(relative).toEqual([
			['sessions/2026/03/07/rollout-2026-03-07T10-00-00-66666666-0000-4000-8000-000000000006.jsonl', 'jsonl'],
			['sessions/2026/03/07/rollout-2026-03-07T11-00-00-66666666-0000-4000-8000-000000000007.jsonl', 'jsonl'],
			['sessions/2026/03/07/rollout-2026-03-07T12-00-00-66666666-0000-4000-8000-000000000008.jsonl.zst', 'zst'],
			['archived_sessions/rollout-2026-03-07T10-00-00-66666666-0000-4000-8000-000000000006.jsonl', 'jsonl'],
		]);
		expect(parsed.files.every(file => file.agent === 'codex' && file.size > 0 && file.mtimeMs > 0)).toBe(true);
	});

	it('decodes .jsonl.zst rollouts', () => {
		const zst = parsed.calls.filter(call => call.sessionId === '66666666-0000-4000-8000-000000000008');
		expect(zst.map(raw)).toEqual([{input: 3000, cached: 1000, output: 300, reasoning: 30}]);
		expect(parsed.turns.find(turn => turn.sessionId === '66666666-0000-4000-8000-000000000008')?.prompt).toBe(
			'compressed rollout',
		);
	});

	it('a verbatim archived copy carries the same dedup key (the store keeps one)', () => {
		const copies = parsed.calls.filter(call => call.sessionId === '66666666-0000-4000-8000-000000000006');
		expect(copies).toHaveLength(2);
		expect(copies[0]?.dedupKey).toBe(copies[1]?.dedupKey);
		expect(parsed.calls.some(call => call.tokens.input === 99_999 || call.tokens.input === 7777)).toBe(false);
		expect(parsed.diagnostics).toEqual([]);
	});
});

describe('codex discovery on odd file systems', () => {
	async function home(): Promise<string> {
		const dir = await mkdtemp(path.join(tmpdir(), 'agent-ncdu-codex-'));
		await cp(codexFixture('model'), dir, {recursive: true});
		return dir;
	}

	const discover = async (root: string) => {
		const diagnostics: Diagnostic[] = [];
		const files = await codexParser.discover(root, {env: {}, home: '/nonexistent', report: d => diagnostics.push(d)});
		return {files, diagnostics};
	};

	it('is silent about a missing root', async () => {
		expect(await discover('/nonexistent/codex-home')).toEqual({files: [], diagnostics: []});
	});

	it('skips a FIFO named like a rollout and reports a broken link; follows a file link', async () => {
		const root = await home();
		const day = path.join(root, 'sessions/2026/03/03');
		execFileSync('mkfifo', [path.join(day, 'rollout-fifo.jsonl')]);
		await symlink('/nonexistent/target.jsonl', path.join(day, 'rollout-broken.jsonl'));
		await mkdir(path.join(root, 'archived_sessions'));
		await symlink(
			path.join(day, 'rollout-2026-03-03T09-00-00-22222222-0000-4000-8000-000000000002.jsonl'),
			path.join(root, 'archived_sessions/linked.jsonl'),
		);
		const {files, diagnostics} = await discover(root);
		expect(files.map(file => path.relative(root, file.path))).toEqual([
			'sessions/2026/03/03/rollout-2026-03-03T09-00-00-22222222-0000-4000-8000-000000000002.jsonl',
			'archived_sessions/linked.jsonl',
		]);
		expect(diagnostics.map(d => d.kind).sort()).toEqual(['not-a-file', 'unreadable-file']);
	});

	it.skipIf(process.getuid?.() === 0)('reports an unreadable folder and goes on', async () => {
		const root = await home();
		const locked = path.join(root, 'sessions/2026/03/04');
		await mkdir(locked);
		await chmod(locked, 0);
		const {files, diagnostics} = await discover(root);
		await chmod(locked, 0o755);
		expect(files).toHaveLength(1);
		expect(diagnostics.map(d => d.kind)).toEqual(['unreadable-folder']);
	});
});
