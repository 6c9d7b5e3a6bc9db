/**
End-to-end: the pickers (`t` time range, `a` agent) of the BUILT binary on the demo data in a
real terminal (tmux). The process's clock is set just after the demo's last day
(test/support/inject/clock.mjs), so "last 7 days" means the demo's last week.
*/
import {existsSync, mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {hasTmux, runsInCi, TmuxSession} from './tmux.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const cliPath = process.env['AGENT_NCDU_CLI'] ?? path.join(repoRoot, 'distribution', 'cli.js');
const clock = path.join(repoRoot, 'test', 'support', 'inject', 'clock.mjs');
const runnable = existsSync(cliPath) && hasTmux();
if (!runnable && runsInCi) {
	throw new Error('test/e2e/pickers.test.ts needs tmux and the built binary in CI');
}

/** The rows of the listing: lines that start with the cursor or a blank and hold a week label. */
const weekRows = (screen: string) => screen.split('\n').filter(line => /^[› ] .*\d{4}-W\d{2}/.test(line));
const marked = (screen: string) =>
	screen
		.split('\n')
		.find(line => line.startsWith('› '))
		?.slice(2)
		.trim();
const totalsLine = (screen: string) => screen.split('\n').find(line => /tokens · /.test(line)) ?? '';

describe.skipIf(!runnable)('pickers end to end (tmux)', () => {
	let session: TmuxSession;
	let workDir: string;

	beforeAll(() => {
		workDir = mkdtempSync(path.join(tmpdir(), 'agent-ncdu-e2e-pickers-'));
		session = new TmuxSession(
			`node --import ${JSON.stringify(clock)} ${JSON.stringify(cliPath)} --demo --timezone UTC; echo "EXITED:$?"; sleep 60`,
			{
				columns: 100,
				rows: 30,
				cwd: workDir,
				env: {
					HOME: path.join(workDir, 'home'),
					TERM: 'xterm-256color',
					NO_COLOR: '1',
					TZ: 'UTC',
					AGENT_NCDU_NOW: '2026-11-22T20:00:00Z',
				},
			},
		);
	});

	afterAll(() => {
		session?.close();
		rmSync(workDir, {recursive: true, force: true});
	});

	/** Opens a picker and moves its marker to `label` with j, as a user does; Enter is left to the caller. */
	async function markInPicker(key: string, title: string, label: string): Promise<string> {
		session.send(key);
		return moveMarkTo(await session.waitForText(`${title}  ↑/↓ Enter: pick`), title, label);
	}

	async function moveMarkTo(shown: string, title: string, label: string): Promise<string> {
		let screen = shown;
		for (let step = 0; marked(screen) !== label; step++) {
			expect(step, `"${label}" in the ${title} picker:\n${screen}`).toBeLessThan(30);
			const before = marked(screen);
			session.send('j');
			screen = await session.waitFor(text => marked(text) !== before);
		}

		return screen;
	}

	it('t opens the time picker; "last 7 days" keeps only the last week; Esc changes nothing', async () => {
		let screen = await session.waitForText(/› +\S+ .*\d{4}-W\d{2}/, 30_000);
		expect(weekRows(screen).length).toBeGreaterThan(1);
		const allTime = totalsLine(screen);

		screen = await markInPicker('t', 'Time range', 'all time');
		expect(screen).toContain('last 30 days');
		expect(screen).toContain('custom range…');
		await moveMarkTo(screen, 'Time range', 'last 7 days');
		session.send('Enter');
		screen = await session.waitForText('Filters: last 7 days');
		expect(screen).not.toContain('Enter: pick');
		expect(weekRows(screen).map(row => /\d{4}-W\d{2}/.exec(row)![0])).toEqual(['2026-W47']);
		expect(totalsLine(screen)).not.toBe(allTime);

		// The picker opens on the range in effect; Esc leaves it.
		session.send('t');
		screen = await session.waitForText('Enter: pick');
		expect(marked(screen)).toBe('last 7 days');
		session.send('Escape');
		screen = await session.waitFor(text => !text.includes('Enter: pick'));
		expect(screen).toContain('Filters: last 7 days');

		screen = await markInPicker('t', 'Time range', 'all time');
		session.send('Enter');
		screen = await session.waitForText('Filters: none');
		expect(totalsLine(screen)).toBe(allTime);
	});

	it('a opens the agent picker and picks an agent', async () => {
		await session.waitForText('Filters: none');
		await markInPicker('a', 'Agent', 'Codex');
		session.send('Enter');
		let screen = await session.waitForText('agent: Codex');
		expect(screen).not.toContain('Enter: pick');
		session.send('a');
		screen = await session.waitForText('Enter: pick');
		expect(marked(screen)).toBe('Codex');
		session.send('1');
		screen = await session.waitForText('Filters: none');
		session.send('q');
		await session.waitForText('EXITED:0');
	});
});
