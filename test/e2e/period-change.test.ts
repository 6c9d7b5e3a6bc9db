/**
End-to-end: week rows of the built TUI say how their tokens changed against the week before,
and the info pane of a week lists what moved most against it (issue 17, item 4), on the demo data.
*/
import {existsSync, mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {hasTmux, TmuxSession} from './tmux.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const cliPath = path.join(repoRoot, 'distribution', 'cli.js');
const workDir = mkdtempSync(path.join(tmpdir(), 'agent-ncdu-e2e-change-'));

describe.skipIf(!hasTmux() || !existsSync(cliPath))('change against the period before (tmux)', () => {
	afterAll(() => {
		rmSync(workDir, {recursive: true, force: true});
	});

	it('shows a change column on week rows and what moved most in the info pane', async () => {
		const session = new TmuxSession(`node ${JSON.stringify(cliPath)} --demo --timezone UTC --no-cache; sleep 30`, {
			columns: 80,
			rows: 40,
			cwd: workDir,
			env: {HOME: path.join(workDir, 'home'), TERM: 'xterm-256color', NO_COLOR: '1', TZ: 'UTC'},
		});
		try {
			await session.waitForText(/› +\S+ .*\d{4}-W\d{2}/, 30_000);
			session.send('n');
			const listed = await session.waitForText('Sorted by time');
			const weeks = listed.split('\n').filter(line => /\d{4}-W\d{2}/.test(line) && line.includes('['));
			// The first week has nothing before it; the others say by how much they changed.
			expect(weeks[0]).toMatch(/^. +\S+ +\S+ +new +[\d.]+% \[/);
			for (const line of weeks.slice(1)) {
				expect(line).toMatch(/^. +\S+ +\S+ +(?:[+−]\d+%|0%|×\d+) +[\d.]+% \[/);
				expect(line.length).toBeLessThanOrEqual(80);
			}

			session.send('j');
			session.send('i');
			const pane = await session.waitForText(/Moved most vs \d{4}-W\d{2}/);
			expect(pane).toMatch(/^ {4}\S.* +[+−][\d.]+[kMB]? tokens +[+−]\$\d+\.\d\d/m);
		} finally {
			session.close();
		}
	}, 60_000);
});
