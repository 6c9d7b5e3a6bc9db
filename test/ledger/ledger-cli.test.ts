/**
The usage ledger through the built CLI, on copies of the public samples: history survives
deleted transcripts, several machines share one ledger folder without double counting,
`--import` adds another machine's export, WSL's Windows side is found in a faked `/mnt/c`.
Agent data folders are never written to.
*/
import {cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {publicFixtures, runCli, runJson} from '../support/cli.js';

function workDir(): string {
	return mkdtempSync(path.join(tmpdir(), 'agent-ncdu-ledger-cli-'));
}

/** A machine: its HOME with copies of some public samples as its agents' data. */
function machine(root: string, name: string, claude: string, codex?: string) {
	const home = path.join(root, name);
	const claudeDir = path.join(home, 'claude');
	cpSync(path.join(publicFixtures, 'claude-code', claude), claudeDir, {recursive: true});
	const codexDir = codex ? path.join(home, 'codex') : path.join(home, 'no-codex');
	if (codex) {
		cpSync(path.join(publicFixtures, 'codex', codex), codexDir, {recursive: true});
	}

	const env = {HOME: home, AGENT_NCDU_HOST: name, CLAUDE_CONFIG_DIR: claudeDir, CODEX_HOME: codexDir};
	return {home, claudeDir, codexDir, env};
}

/** Every file (path, size, mtime) under a folder, to prove nothing was written there. */
function snapshot(folder: string): string[] {
	return readdirSync(folder, {recursive: true, withFileTypes: true})
		.filter(entry => entry.isFile())
		.map(entry => {
			const file = path.join(entry.parentPath, entry.name);
			const info = statSync(file);
			return `${file}:${info.size}:${info.mtimeMs}`;
		})
		.sort();
}

const callsOf = (document: {totals: {calls: number}}) => document.totals.calls;
const devicesOf = (document: {byDevice: Record<string, {calls: number}>}) =>
	Object.fromEntries(Object.entries(document.byDevice).map(([device, entry]) => [device, entry.calls]));

type SessionJson = {sessionId: string; costUSD: number};

describe('usage ledger (CLI)', () => {
	it('a transcript deleted after a first run still counts in the second, and agent folders stay untouched', async () => {
		const a = machine(workDir(), 'hostA', 'spotter', 'localpush');
		const first = await runJson([], a.env);
		const dataBefore = [...snapshot(a.claudeDir), ...snapshot(a.codexDir)];
		rmSync(path.join(a.claudeDir, 'projects', '-home-USER-projects-spotter-worktrees-spotter-dov'), {recursive: true});
		rmSync(path.join(a.codexDir, 'sessions'), {recursive: true});
		const withoutLedger = await runJson(['--no-ledger'], a.env);
		expect(callsOf(withoutLedger)).toBeLessThan(callsOf(first));
		const second = await runJson([], a.env);
		expect(callsOf(second)).toBe(callsOf(first));
		expect(second.totals.costUSD).toBe(first.totals.costUSD);
		expect(second.days).toEqual(first.days);
		expect(devicesOf(second)).toEqual({hostA: callsOf(first)});
		// Sessions restored from the ledger keep their project and device, not their prompts.
		const restored = second.sessions.find(
			(session: SessionJson) => session.sessionId === '4d5611e5-241a-462a-8d15-5122611a9569',
		);
		expect(restored).toMatchObject({
			project: 'spotter-dov',
			device: 'hostA',
			costUSD: first.sessions.find((session: SessionJson) => session.sessionId === restored.sessionId).costUSD,
		});
		const remaining = dataBefore.filter(
			entry => !entry.includes('spotter-dov') && !entry.includes(`${path.sep}sessions${path.sep}`),
		);
		expect([...snapshot(a.claudeDir), ...snapshot(a.codexDir)]).toEqual(remaining);
	});

	it('two machines sharing --ledger-dir see each other once, however often they run', async () => {
		const root = workDir();
		const shared = path.join(root, 'shared-ledgers');
		const a = machine(root, 'hostA', 'spotter');
		const b = machine(root, 'hostB', 'ccusage-synthetic', 'localpush');
		const aAlone = callsOf(await runJson(['--no-ledger'], a.env));
		const bAlone = callsOf(await runJson(['--no-ledger'], b.env));
		await runJson(['--ledger-dir', shared], a.env);
		await runJson(['--ledger-dir', shared], b.env);
		for (let run = 0; run < 2; run++) {
			const fromA = await runJson(['--ledger-dir', shared], a.env);
			const fromB = await runJson(['--ledger-dir', shared], b.env);
			expect(callsOf(fromA)).toBe(aAlone + bAlone);
			expect(devicesOf(fromA)).toEqual({hostA: aAlone, hostB: bAlone});
			expect(fromB.totals.costUSD).toBe(fromA.totals.costUSD);
		}

		expect(readdirSync(shared).sort()).toEqual(['hostA.history', 'hostB.history']);
		// The same transcripts synced to both machines still count once.
		cpSync(path.join(publicFixtures, 'claude-code', 'spotter'), b.claudeDir, {recursive: true});
		expect(callsOf(await runJson(['--ledger-dir', shared], b.env))).toBe(aAlone + bAlone);
	});

	it('--import adds another machine export once, and an own export adds nothing', async () => {
		const root = workDir();
		const a = machine(root, 'hostA', 'spotter');
		const b = machine(root, 'hostB', 'ccusage-synthetic', 'localpush');
		// --import reads the calls out of the tree: the exporting side writes it whole.
		const exportOfB = await runCli(['--json', '--depth', 'call', '--timezone', 'UTC', '--no-ledger'], b.env);
		const bFile = path.join(root, 'laptop.json');
		writeFileSync(bFile, exportOfB.stdout);
		const bDocument = JSON.parse(exportOfB.stdout);
		const aDocument = await runJson(['--no-ledger', '--depth', 'call'], a.env);
		const aFile = path.join(root, 'self.json');
		writeFileSync(aFile, JSON.stringify(aDocument));
		const merged = await runJson(['--no-ledger', '--import', bFile, '--import', bFile, '--import', aFile], a.env);
		expect(callsOf(merged)).toBe(callsOf(aDocument) + callsOf(bDocument));
		// Sessions keep the device their export recorded (hostB); documents without one get the file name.
		expect(devicesOf(merged)).toEqual({hostA: callsOf(aDocument), hostB: callsOf(bDocument)});
		expect(merged.byDevice.hostB.costUSD).toBeCloseTo(bDocument.totals.costUSD, 6);
		expect(merged.byDevice.hostB.tokens).toEqual(bDocument.totals.tokens);

		// A default (session-deep) export holds no calls: it is refused (✖, exit 1) with the fix, not counted as 0 silently.
		const shallowFile = path.join(root, 'shallow.json');
		writeFileSync(shallowFile, (await runCli(['--json', '--timezone', 'UTC', '--no-ledger'], b.env)).stdout);
		const refused = await runCli(['--json', '--no-ledger', '--import', shallowFile], a.env);
		expect(refused.code).toBe(1);
		expect(refused.stderr).toMatch(/^✖ --import .*shallow\.json: .*--depth session.*--json --depth call/m);
		expect(refused.stdout).toBe('');
	});

	it('finds the Windows side of a WSL machine in a faked /mnt/c, as its own device', async () => {
		const root = workDir();
		const a = machine(root, 'hostA', 'spotter');
		const mount = path.join(root, 'mnt-c');
		const windowsClaude = path.join(mount, 'Users', 'alice', '.claude');
		cpSync(path.join(publicFixtures, 'claude-code', 'ccusage-synthetic'), windowsClaude, {recursive: true});
		mkdirSync(path.join(mount, 'Users', 'Public'), {recursive: true});
		const windowsBefore = snapshot(mount);
		const linuxOnly = callsOf(await runJson(['--no-ledger'], a.env));
		const windowsOnly = callsOf(await runJson(['--no-ledger'], {...a.env, CLAUDE_CONFIG_DIR: windowsClaude}));
		const wsl = await runJson(['--no-ledger'], {...a.env, WSL_DISTRO_NAME: 'Ubuntu', AGENT_NCDU_WSL_MOUNT: mount});
		expect(windowsOnly).toBeGreaterThan(0);
		expect(devicesOf(wsl)).toEqual({hostA: linuxOnly, 'hostA (Windows)': windowsOnly});
		expect(callsOf(wsl)).toBe(linuxOnly + windowsOnly);
		const notWsl = await runJson(['--no-ledger'], {...a.env, AGENT_NCDU_WSL_MOUNT: mount});
		expect(callsOf(notWsl)).toBe(linuxOnly);
		expect(snapshot(mount)).toEqual(windowsBefore);
	});
});
