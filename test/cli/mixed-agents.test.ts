/**
Issue 3's acceptance: on a mixed generated corpus (the demo: Claude + Codex + Gemini +
OpenCode, and a few sessions of OpenClaw and Kilo CLI) each agent's totals equal its single-agent run and the grand total is their sum;
bad input in one agent never stops the others.
*/
import {cpSync, mkdirSync, mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {publicFixtures, runJson} from '../support/cli.js';

describe('several agents in one tree', () => {
	it('per-agent totals equal the single-agent runs and add up to the grand total', async () => {
		const all = await runJson(['--demo']);
		const agents = Object.keys(all.byAgent).sort();
		expect(agents).toEqual(['claude', 'codex', 'gemini', 'kilo', 'openclaw', 'opencode']);
		let calls = 0;
		let tokens = 0;
		let cost = 0;
		for (const agent of agents) {
			const alone = await runJson(['--demo', '--agent', agent]);
			expect(alone.totals.tokens, agent).toEqual(all.byAgent[agent].tokens);
			expect(alone.totals.calls, agent).toBe(all.byAgent[agent].calls);
			expect(alone.totals.costUSD, agent).toBeCloseTo(all.byAgent[agent].costUSD, 6);
			calls += alone.totals.calls;
			tokens += alone.totals.tokens.total;
			cost += alone.totals.costUSD;
		}

		expect(calls).toBe(all.totals.calls);
		expect(tokens).toBe(all.totals.tokens.total);
		expect(cost).toBeCloseTo(all.totals.costUSD, 6);
	});

	it('skips a corrupt database, a half-written session and unknown records with diagnostics, and loads the rest', async () => {
		const data = mkdtempSync(path.join(tmpdir(), 'agent-ncdu-mixed-bad-'));
		cpSync(path.join(publicFixtures, 'claude-code/vibecodingtracker'), path.join(data, 'claude'), {recursive: true});
		cpSync(path.join(publicFixtures, 'codex/localpush'), path.join(data, 'codex'), {recursive: true});
		mkdirSync(path.join(data, 'opencode'), {recursive: true});
		writeFileSync(
			path.join(data, 'opencode', 'opencode.db'),
			Buffer.concat([Buffer.from('SQLite format 3\u0000'), Buffer.alloc(4096, 0x5a)]),
		);
		mkdirSync(path.join(data, 'gemini', 'proj', 'chats'), {recursive: true});
		writeFileSync(
			path.join(data, 'gemini', 'proj', 'chats', 'session-2026-02-01T10-00-abcd1234.json'),
			'{"sessionId":"abcd1234","messages":[{"id":"g1","type":"gemini","tokens":{"input":10',
		);
		writeFileSync(
			path.join(data, 'gemini', 'proj', 'chats', 'session-2026-02-02T10-00-efgh5678.jsonl'),
			'{"sessionId":"efgh5678","schemaVersion":99}\n{"$future":{"x":1}}\n',
		);

		const mixed = await runJson(['--data-dir', data, '--verbose']);
		const claudeAlone = await runJson([], {
			CLAUDE_CONFIG_DIR: path.join(publicFixtures, 'claude-code/vibecodingtracker'),
		});
		const codexAlone = await runJson([], {CODEX_HOME: path.join(publicFixtures, 'codex/localpush')});
		expect(mixed.byAgent.claude.tokens).toEqual(claudeAlone.totals.tokens);
		expect(mixed.byAgent.codex.tokens).toEqual(codexAlone.totals.tokens);
		const kinds = mixed.diagnostics.entries.map(
			(entry: {agent: string; kind: string}) => `${entry.agent}:${entry.kind}`,
		);
		expect(kinds).toContain('opencode:database-error');
		expect(kinds.some((kind: string) => kind.startsWith('gemini:'))).toBe(true);
	});
});
