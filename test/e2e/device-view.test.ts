/**
End-to-end: the device view on the BUILT binary in tmux. Two machines (hostA with Claude Code
samples, hostB with Claude Code and Codex samples) share one `--ledger-dir`, as a synced
folder would; hostA's browser then offers "by device" in the `v` picker (it is offered only
with more than one machine), and the device view lists both machines with the calls each
recorded.
*/
import {cpSync, existsSync, mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {publicFixtures, runJson, userEnvironment} from '../support/cli.js';
import {hasTmux, runsInCi, TmuxSession} from './tmux.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const cliPath = process.env['AGENT_NCDU_CLI'] ?? path.join(repoRoot, 'distribution', 'cli.js');
const runnable = existsSync(cliPath) && hasTmux();
if (!runnable && runsInCi) {
	throw new Error('test/e2e/device-view.test.ts needs tmux and the built binary in CI');
}

/** The row under the cursor (ncdu's `›` marker, `>` in ASCII). */
const selected = (screen: string) => /^[›>] .*$/m.exec(screen)?.[0] ?? '';

describe.skipIf(!runnable)('the device view (tmux)', () => {
	const workDir = mkdtempSync(path.join(tmpdir(), 'agent-ncdu-device-view-'));
	const sharedLedgers = path.join(workDir, 'shared-ledgers');
	const sessions: TmuxSession[] = [];
	afterAll(() => {
		for (const session of sessions) session.close();
		rmSync(workDir, {recursive: true, force: true});
	});

	/** A machine: its HOME with copies of public samples as its agents' data. */
	const machine = (name: string, claude: string, codex?: string) => {
		const home = path.join(workDir, name);
		const claudeDir = path.join(home, 'claude');
		cpSync(path.join(publicFixtures, 'claude-code', claude), claudeDir, {recursive: true});
		const codexDir = path.join(home, 'codex');
		if (codex) {
			cpSync(path.join(publicFixtures, 'codex', codex), codexDir, {recursive: true});
		}

		return {...userEnvironment(home), AGENT_NCDU_HOST: name, CLAUDE_CONFIG_DIR: claudeDir, CODEX_HOME: codexDir};
	};

	it('offers by device with two machines, and lists each machine with its calls', async () => {
		const hostA = machine('hostA', 'spotter');
		const hostB = machine('hostB', 'ccusage-synthetic', 'localpush');
		await runJson(['--ledger-dir', sharedLedgers], hostB);
		const document = await runJson(['--ledger-dir', sharedLedgers], hostA);
		const calls = (device: string) => document.byDevice[device].calls as number;
		expect(Object.keys(document.byDevice).sort()).toEqual(['hostA', 'hostB']);

		const session = new TmuxSession(
			`node ${JSON.stringify(cliPath)} --ledger-dir ${JSON.stringify(sharedLedgers)} --timezone UTC; sleep 30`,
			{columns: 100, rows: 30, cwd: workDir, env: {...hostA, TERM: 'xterm-256color', NO_COLOR: '1'}},
		);
		sessions.push(session);
		await session.waitForText(/[›>] +\S+ .*\d{4}-W\d{2}/, 30_000);

		session.send('v');
		const picker = await session.waitForText('Device → Week → Day');
		expect(picker).toContain('by device');
		session.send('5');
		const screen = await session.waitForText('All (by device)');
		const rowOf = (device: string) => screen.split('\n').find(line => line.includes(` ${device}`)) ?? '';
		expect(rowOf('hostA')).not.toBe('');
		expect(rowOf('hostB')).not.toBe('');

		// Into the larger machine: its weeks; its header counts the calls that machine recorded.
		const larger = calls('hostA') >= calls('hostB') ? 'hostA' : 'hostB';
		expect(selected(screen)).toContain(larger);
		session.send('Enter');
		const opened = await session.waitForText(`All (by device) › ${larger}`);
		expect(opened).toContain(`${calls(larger).toLocaleString('en-US')} call`);
		expect(selected(opened)).toMatch(/\d{4}-W\d{2}/);
	});
});
