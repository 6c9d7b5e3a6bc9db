import {createHash} from 'node:crypto';
import {readdirSync, readFileSync} from 'node:fs';
import {mkdtemp} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {UsageStore} from '../../../source/model/store.js';
import {generateCodexCorpus} from '../../generate/codex.js';
import {parseCodexHome} from './helpers.js';

function digest(dir: string): string {
	const hash = createHash('sha256');
	const walk = (folder: string): void => {
		for (const entry of readdirSync(folder, {withFileTypes: true}).sort((a, b) => a.name.localeCompare(b.name))) {
			const full = path.join(folder, entry.name);
			if (entry.isDirectory()) {
				walk(full);
			} else {
				hash.update(path.relative(dir, full)).update(readFileSync(full));
			}
		}
	};

	walk(dir);
	return hash.digest('hex');
}

describe('generateCodexCorpus', async () => {
	const options = {seed: 11, sessions: 12, startDay: '2026-10-05', days: 14};
	const first = await mkdtemp(path.join(tmpdir(), 'agent-ncdu-codex-gen-'));
	const second = await mkdtemp(path.join(tmpdir(), 'agent-ncdu-codex-gen-'));
	const result = await generateCodexCorpus(first, options);
	await generateCodexCorpus(second, options);
	const parsed = await parseCodexHome(first);

	it('is deterministic for a seed', () => {
		expect(digest(first)).toBe(digest(second));
	});

	it('writes rollouts the parser reads completely: one call per generated request, no diagnostics', () => {
		expect(parsed.files).toHaveLength(result.files);
		expect(result.files).toBeGreaterThan(options.sessions); // some sub-agent files
		expect(parsed.calls).toHaveLength(result.calls);
		expect(new UsageStore().addAll(parsed.events).duplicateCount).toBe(0);
		expect(parsed.diagnostics).toEqual([]);
	});

	it('contains the traps: null-info and re-emitted token_count, replaying sub-agents, a midnight crossing, git calls, vague prompts', () => {
		const text = parsed.files.map(file => readFileSync(file.path, 'utf8')).join('');
		const tokenLines = text.split('\n').filter(line => line.includes('"token_count"'));
		expect(tokenLines.filter(line => line.includes('"info":null'))).toHaveLength(result.files);
		expect(tokenLines.length).toBeGreaterThan(1.5 * result.calls);
		expect(parsed.sessions.some(session => session.parentSessionId !== undefined)).toBe(true);
		const days = (id: string) =>
			new Set(
				parsed.calls.filter(call => call.sessionId === id).map(call => new Date(call.time).toISOString().slice(0, 10)),
			);
		expect(parsed.sessions.some(session => days(session.sessionId).size > 1)).toBe(true);
		expect(parsed.calls.some(call => call.tools.some(tool => tool.activity === 'git'))).toBe(true);
		expect(parsed.turns.some(turn => turn.prompt.length <= 12)).toBe(true);
	});

	it('grows to targetBytes', async () => {
		const dir = await mkdtemp(path.join(tmpdir(), 'agent-ncdu-codex-gen-'));
		const big = await generateCodexCorpus(dir, {
			seed: 3,
			sessions: 1,
			startDay: '2026-01-01',
			days: 3,
			targetBytes: 2_000_000,
		});
		expect(big.bytes).toBeGreaterThanOrEqual(2_000_000);
		const {calls} = await parseCodexHome(dir);
		expect(calls).toHaveLength(big.calls);
	});
});
