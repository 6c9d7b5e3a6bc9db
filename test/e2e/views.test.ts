/**
End-to-end: the BUILT binary on `--demo` at 80 columns in tmux. `v` picks the tree's view:
by project (project names at the root), by model (model names), by agent (agent names), back to
time (weeks); in the project view Enter opens a project (its sessions) and a session (its turns);
the view is remembered for the next start.
*/
import {existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {hasTmux, runsInCi, TmuxSession} from './tmux.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const cliPath = process.env['AGENT_NCDU_CLI'] ?? path.join(repoRoot, 'distribution', 'cli.js');
const runnable = existsSync(cliPath) && hasTmux();
if (!runnable && runsInCi) {
	throw new Error('test/e2e/views.test.ts needs tmux and the built binary in CI');
}

/** The row under the cursor (ncdu's `›` marker, `>` in ASCII). */
const selected = (screen: string) => /^[›>] .*$/m.exec(screen)?.[0] ?? '';

describe.skipIf(!runnable)('v: views of the tree (tmux)', () => {
	const workDir = mkdtempSync(path.join(tmpdir(), 'agent-ncdu-views-'));
	const env = {
		HOME: path.join(workDir, 'home'),
		XDG_CONFIG_HOME: path.join(workDir, 'config'),
		TERM: 'xterm-256color',
		NO_COLOR: '1',
		TZ: 'UTC',
	};
	const start = () =>
		new TmuxSession(`node ${JSON.stringify(cliPath)} --demo --timezone UTC; sleep 30`, {
			columns: 80,
			rows: 30,
			cwd: workDir,
			env,
		});
	const sessions: TmuxSession[] = [];
	afterAll(() => {
		for (const session of sessions) session.close();
		rmSync(workDir, {recursive: true, force: true});
	});

	it('shows projects, models and agents at the root, and drills into a project', async () => {
		const session = start();
		sessions.push(session);
		let screen = await session.waitForText(/[›>] +\S+ .*\d{4}-W\d{2}/, 30_000);
		expect(screen).toContain('v:view');

		// `v` opens the view picker: the views this data offers, with the levels each opens into.
		session.send('v');
		screen = await session.waitForText('Project → Session → Turn → Call');
		expect(screen).toContain('Model → Day → Session');
		expect(screen).not.toContain('by device');
		// One key at a time, as a person types: an arrow's escape sequence and the next key in one
		// read of the terminal (a busy CI machine lets tmux's keys pile up) are not two keys.
		session.send('Down');
		await session.waitFor(text => /^[›>] by project/m.test(text));
		session.send('Enter');
		screen = await session.waitForText('All (by project)');
		expect(selected(screen)).toContain('infra-terraform');
		expect(screen).toContain('payments-api');
		expect(screen).not.toMatch(/\d{4}-W\d{2} ·/);

		// Into the project: its whole sessions; into a session: its turns (a clock time each).
		session.send('Enter');
		screen = await session.waitForText('All (by project) › infra-terraform');
		// Whole sessions, each saying when it started.
		expect(selected(screen)).toMatch(/\d{4}-\d{2}-\d{2} \d\d:\d\d · Claude Code/);
		session.send('Enter');
		screen = await session.waitFor(text => /› infra-terraform › session \d{4}-\d{2}-\d{2}/.test(text));
		expect(selected(screen)).toMatch(/\d\d:\d\d/);
		session.send('Left');
		session.send('Left');
		await session.waitFor(text => /All \(by project\)\s*$/m.test(text) && selected(text).includes('infra-terraform'));

		session.send('v');
		await session.waitForText('Project → Session → Turn → Call');
		session.send('3');
		screen = await session.waitForText('All (by model)');
		expect(selected(screen)).toContain('claude-haiku-4-5');
		session.send('Enter');
		screen = await session.waitFor(text => /All \(by model\) › claude-haiku/.test(text));
		// A model's days.
		expect(selected(screen)).toMatch(/\d{4}-\d{2}-\d{2} \w{3}/);
		session.send('Left');

		session.send('v');
		await session.waitForText('Project → Session → Turn → Call');
		session.send('4');
		screen = await session.waitForText('All (by agent)');
		expect(selected(screen)).toContain('Claude Code');
		expect(screen).toContain('Codex');

		// Back to weeks.
		session.send('v');
		await session.waitForText('Project → Session → Turn → Call');
		session.send('1');
		screen = await session.waitFor(text => !text.includes('All (by') && /[›>] +\S+ .*\d{4}-W\d{2}/.test(text));

		// The view is remembered on quit: the next start opens by project.
		session.send('v');
		await session.waitForText('Project → Session → Turn → Call');
		session.send('2');
		await session.waitForText('All (by project)');
		session.send('q');
		await session.waitFor(() => existsSync(path.join(env.XDG_CONFIG_HOME, 'agent-ncdu', 'config.json')));
		const config = JSON.parse(readFileSync(path.join(env.XDG_CONFIG_HOME, 'agent-ncdu', 'config.json'), 'utf8'));
		expect(config.view.groupBy).toBe('project');
		const again = start();
		sessions.push(again);
		screen = await again.waitForText('All (by project)', 30_000);
		expect(selected(screen)).toContain('infra-terraform');
	});
});
