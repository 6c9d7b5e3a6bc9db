/**
End-to-end: the BUILT binary at 160 columns in tmux. `i` opens the info pane beside the list
(the list keeps its rows and cursor), `j` moves the cursor and the pane follows it, Esc closes.
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
	throw new Error('test/e2e/side-pane.test.ts needs tmux and the built binary in CI');
}

const selectedDay = (screen: string) => /^› .*?(\d{4}-\d{2}-\d{2})/m.exec(screen)?.[1];
const paneDay = (screen: string) => /DAY {2}(\d{4}-\d{2}-\d{2})/.exec(screen)?.[1];

describe.skipIf(!runnable)('info pane beside the list at 160 columns (tmux)', () => {
	const workDir = mkdtempSync(path.join(tmpdir(), 'agent-ncdu-side-pane-'));
	const session = new TmuxSession(`node ${JSON.stringify(cliPath)} --demo --timezone UTC; sleep 30`, {
		columns: 160,
		rows: 30,
		cwd: workDir,
		env: {HOME: path.join(workDir, 'home'), TERM: 'xterm-256color', NO_COLOR: '1', TZ: 'UTC'},
	});
	afterAll(() => {
		session.close();
		rmSync(workDir, {recursive: true, force: true});
	});

	it('keeps the list and its cursor, and the pane follows the cursor', async () => {
		await session.waitForText(/› +\S+ .*\d{4}-W\d{2}/, 30_000);
		session.send('Enter');
		await session.waitFor(screen => selectedDay(screen) !== undefined);
		session.send('i');
		let screen = await session.waitFor(text => paneDay(text) !== undefined);
		expect(paneDay(screen)).toBe(selectedDay(screen));
		expect(screen.split('\n').filter(line => /^[ ›] +\S+ .*\d{4}-\d{2}-\d{2} \w{3}/.test(line)).length).toBeGreaterThan(
			1,
		);
		const first = selectedDay(screen);
		session.send('j');
		screen = await session.waitFor(text => selectedDay(text) !== first && paneDay(text) === selectedDay(text));
		expect(paneDay(screen)).not.toBe(first);
		session.send('Escape');
		await session.waitFor(text => paneDay(text) === undefined);
	});
});
