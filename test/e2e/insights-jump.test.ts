/**
End-to-end: the BUILT binary on the demo data at 120×36 in tmux, without colour. `I` opens the
insights pane; `j` moves its cursor to an insight about one session; Enter opens that session's
day with the cursor on the session's row; `←` brings the insights pane back with the same
insight selected.
*/
import {existsSync, mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {hasTmux, runsInCi, TmuxSession} from './tmux.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const cliPath = process.env['AGENT_NCDU_CLI'] ?? path.join(repoRoot, 'distribution', 'cli.js');
const runnable = existsSync(cliPath) && hasTmux();
if (!runnable && runsInCi) {
	throw new Error('test/e2e/insights-jump.test.ts needs tmux and the built binary in CI');
}

/** `Insights (3/15)` in the pane's title: the selected insight's position. */
const position = (screen: string) => /Insights \((\d+)\/(\d+)\)/.exec(screen)?.slice(1, 3);
/** The selected insight's first line when it is about one session: `›▲  payments-api (claude, 2026-11-17): …`. */
const selectedSession = (screen: string) => /^›\S+ +([\w.-]+) \((\w+), (\d{4}-\d\d-\d\d)\):/m.exec(screen);

describe.skipIf(!runnable)('from an insight to its session and back (tmux)', () => {
	const workDir = mkdtempSync(path.join(tmpdir(), 'agent-ncdu-insights-jump-'));
	const session = new TmuxSession(`node ${JSON.stringify(cliPath)} --demo --timezone UTC; sleep 30`, {
		columns: 120,
		rows: 36,
		cwd: workDir,
		env: {HOME: path.join(workDir, 'home'), TERM: 'xterm-256color', NO_COLOR: '1', TZ: 'UTC'},
	});
	afterAll(() => {
		session.close();
		rmSync(workDir, {recursive: true, force: true});
	});

	it('Enter puts the cursor on the session an insight names; ← returns to that insight', async () => {
		await session.waitForText(/› +\S+ .*\d{4}-W\d{2}/, 30_000);
		session.send('I');
		let screen = await session.waitFor(text => position(text) !== undefined);
		const count = Number(position(screen)![1]);
		expect(count).toBeGreaterThan(5);
		expect(screen).not.toContain('more (');
		// Down to the first insight about one session (the list scrolls to keep it in view).
		while (!selectedSession(screen)) {
			const at = position(screen)![0];
			expect(Number(at)).toBeLessThan(count);
			session.send('j');
			screen = await session.waitFor(text => position(text)?.[0] !== at);
		}

		const [, project, , day] = selectedSession(screen)!;
		const at = position(screen)![0];
		session.send('Enter');
		screen = await session.waitFor(text => position(text) === undefined && text.includes(`› ${day}`));
		// The breadcrumbs end at the session's day; the cursor row is the session.
		expect(screen).toMatch(new RegExp(`All › \\d{4}-W\\d\\d › ${day}`));
		expect(screen).toMatch(new RegExp(`^› .*\\b${project}\\b`, 'm'));
		session.send('Left');
		screen = await session.waitFor(text => position(text) !== undefined);
		expect(position(screen)![0]).toBe(at);
		expect(selectedSession(screen)?.[1]).toBe(project);
		// The way back is used up: Esc closes the pane at the root.
		session.send('Escape');
		screen = await session.waitFor(text => position(text) === undefined);
		expect(screen).toMatch(/agent-ncdu All\n/);
	});
});
