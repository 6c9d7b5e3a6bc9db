/**
Issue 16 defects 11 and 15: absurd numbers and times, through the built CLI. A token count
of 1e20 or -5, a reported cost of 1e308, a time before 1970 or at JavaScript's last date
(year 275760) each drop their call with an `out-of-range` diagnostic naming the file and
line, instead of a capped 9e15-token call, an aggregate turned null, a crash (`Invalid time
value`) or a silent 0. Epoch 0 is a real first time. The history keeps none of the dropped
values, and one another host wrote (or an older version wrote here) no longer breaks a run.
*/
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli} from '../support/cli.js';
import {minute, writeClaudeTranscripts, writeCodexRollouts, writeHostLedger} from './hostile-values.js';

const sane = {input_tokens: 10, cache_read_input_tokens: 100, output_tokens: 20};
const claudeCall = (index: number, time: string, extra: {usage?: Record<string, unknown>; costUSD?: number} = {}) => ({
	sessionId: `s${index}`,
	model: 'claude-sonnet-4-5',
	project: 'shop',
	tool: 'Read',
	time,
	...extra,
});

function machine() {
	const home = mkdtempSync(path.join(tmpdir(), 'agent-ncdu-hostile-numbers-'));
	const claude = path.join(home, 'claude');
	const codex = path.join(home, 'codex');
	writeClaudeTranscripts(claude, [
		claudeCall(0, '1970-01-01T00:00:00.000Z'),
		claudeCall(1, minute(1)),
		claudeCall(2, minute(2), {usage: {...sane, input_tokens: 1e20}}),
		claudeCall(3, minute(3), {usage: {...sane, output_tokens: -5}}),
		claudeCall(4, minute(4), {costUSD: 1e308}),
		claudeCall(5, '1969-12-31T23:59:59.000Z'),
		claudeCall(6, '+275760-09-13T00:00:00.000Z'),
	]);
	writeCodexRollouts(codex, [
		{name: 'fine', time: minute(10), model: 'gpt-5'},
		{
			name: 'huge',
			time: minute(11),
			model: 'gpt-5',
			usage: {input_tokens: 2 ** 60, output_tokens: 5, total_tokens: 2 ** 60 + 5},
		},
	]);
	const env = {HOME: home, AGENT_NCDU_HOST: 'hostA', CLAUDE_CONFIG_DIR: claude, CODEX_HOME: codex};
	return {home, claude, codex, env, ledgers: path.join(home, 'ledgers')};
}

describe('absurd numbers and times (CLI)', () => {
	it('drop their call with a diagnostic naming file and line; the rest counts, exactly, twice', async () => {
		const {claude, codex, env, ledgers} = machine();
		const args = ['--json', '--verbose', '--timezone', 'UTC', '--ledger-dir', ledgers];
		for (const run of ['first', 'second']) {
			const result = await runCli(args, env);
			expect({run, code: result.code}).toEqual({run, code: 0});
			const document = JSON.parse(result.stdout);
			expect(document.totals).toMatchObject({calls: 3, firstTime: '1970-01-01T00:00:00.000Z'});
			expect(document.totals.costUSD).toBeGreaterThan(0);
			expect(document.unpricedModels).toEqual({});
			const claudeFile = (index: number) => path.join(claude, 'projects', `-home-dev-${index}`, `${index}.jsonl`);
			const codexFile = path.join(
				codex,
				'sessions/2026/03/02/rollout-2026-03-02T10-00-01-019c8a4c-0000-7000-8000-000000000001.jsonl',
			);
			const outOfRange = result.stderr
				.split('\n')
				.filter(line => line.startsWith('[out-of-range]'))
				.sort();
			expect(outOfRange).toEqual(
				[
					`[out-of-range] ${claudeFile(2)}:2: call skipped: input token count 100000000000000000000 is not a whole number from 0 to 10,000,000,000`,
					`[out-of-range] ${claudeFile(3)}:2: call skipped: output token count -5 is not a whole number from 0 to 10,000,000,000`,
					`[out-of-range] ${claudeFile(4)}:2: call skipped: reported cost 1e+308 is not from 0 to 1,000,000 USD`,
					`[out-of-range] ${claudeFile(5)}:1: turn skipped: time 1969-12-31T23:59:59.000Z is outside 1970-01-01 … 2099-12-31`,
					`[out-of-range] ${claudeFile(5)}:2: call skipped: time 1969-12-31T23:59:59.000Z is outside 1970-01-01 … 2099-12-31`,
					`[out-of-range] ${claudeFile(6)}:1: turn skipped: time +275760-09-13T00:00:00.000Z is outside 1970-01-01 … 2099-12-31`,
					`[out-of-range] ${claudeFile(6)}:2: call skipped: time +275760-09-13T00:00:00.000Z is outside 1970-01-01 … 2099-12-31`,
					`[out-of-range] ${codexFile}:5: call skipped: input token count ${2 ** 60} is not a whole number from 0 to 10,000,000,000`,
				].sort(),
			);
		}
	});

	it('in a ledger (another host, or this one written by an older version) are left out and the run goes on', async () => {
		const {env, ledgers} = machine();
		const t = (iso: string) => Date.parse(iso);
		const records = (host: string) => [
			{k: 's', a: 'qwen', s: `${host}-s`, p: 'shop'},
			{k: 'c', a: 'qwen', s: `${host}-s`, t: t(minute(30)), m: 'gpt-5', tk: [10, 0, 0, 0, 5, 0]},
			{k: 'c', a: 'qwen', s: `${host}-s`, t: t('+275760-09-13T00:00:00.000Z'), m: 'gpt-5', tk: [10, 0, 0, 0, 5, 0]},
			{k: 'c', a: 'qwen', s: `${host}-s`, t: t(minute(31)), m: 'gpt-5', tk: [1e20, 0, 0, 0, 5, 0]},
			{k: 'c', a: 'qwen', s: `${host}-s`, t: t(minute(32)), m: 'gpt-5', tk: [-5, 0, 0, 0, 5, 0]},
			{k: 'c', a: 'qwen', s: `${host}-s`, t: t(minute(33)), m: 'gpt-5', tk: [10, 0, 0, 0, 5, 0], r: 1e308},
			{k: 'r', a: 'qwen', s: `${host}-s`, usd: 1e308},
		];
		writeHostLedger(ledgers, 'hostB', records('hostB'));
		writeHostLedger(ledgers, 'hostA', records('hostA'));
		for (const run of ['first', 'second']) {
			const result = await runCli(['--json', '--timezone', 'UTC', '--ledger-dir', ledgers], env);
			expect({run, code: result.code}).toEqual({run, code: 0});
			const document = JSON.parse(result.stdout);
			// Three live calls, and one sane call from each ledger.
			expect(document.totals.calls).toBe(5);
			expect(document.byDevice.hostB.calls).toBe(1);
			expect(document.totals.costUSD).toBeGreaterThan(0);
			expect(document.totals.lastTime).toBe(minute(30));
		}
	});
});
