/**
End-to-end: the BUILT binary on the bundled demo data, in a real terminal (tmux), driven key
by key like a user: drill Week → Day → Session → Turn → API call, back up, sort, filter,
export, quit — and the terminal is restored afterwards.
*/
import {existsSync, mkdtempSync, rmSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {hasTmux, TmuxSession} from './tmux.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
// AGENT_NCDU_CLI points the test at another build of the binary.
const cliPath = process.env['AGENT_NCDU_CLI'] ?? path.join(repoRoot, 'distribution', 'cli.js');
const built = existsSync(cliPath);
const tmux = hasTmux();

if (!tmux) {
	console.warn('Skipping test/e2e/tui.test.ts: tmux is not installed (CI installs it).');
}

if (!built) {
	console.warn('Skipping test/e2e/tui.test.ts: distribution/cli.js is missing (run `npm run build`).');
}

/** The header's breadcrumb line. */
const crumbs = (screen: string) => screen.split('\n').find(line => line.startsWith('agent-ncdu')) ?? '';
const selectedRow = (screen: string) => screen.split('\n').find(line => line.startsWith('›')) ?? '';

describe.skipIf(!tmux || !built)('TUI end to end (tmux)', () => {
	let session: TmuxSession;
	let workDir: string;

	beforeAll(() => {
		workDir = mkdtempSync(path.join(tmpdir(), 'agent-ncdu-e2e-'));
		const home = path.join(workDir, 'home');
		// An empty HOME: the user's own agent data never shows up in a test.
		session = new TmuxSession(`node ${JSON.stringify(cliPath)} --demo --timezone UTC; echo "EXITED:$?"; sleep 60`, {
			columns: 100,
			rows: 30,
			cwd: workDir,
			// CI=true: the binary must still draw every frame in a real terminal (dev containers set CI).
			env: {HOME: home, TERM: 'xterm-256color', NO_COLOR: '1', TZ: 'UTC', CI: 'true'},
		});
	});

	afterAll(() => {
		session?.close();
		rmSync(workDir, {recursive: true, force: true});
	});

	it('drills down to an API call and back up, sorts, filters, exports and quits', async () => {
		let screen = await session.waitForText(/› +\S+ .*\d{4}-W\d{2}/, 30_000);
		expect(screen).toMatch(/tokens · .*\$[\d.]+ · cache [\d.]+% · [\d,]+ calls/);
		expect(screen).toContain('?:help');

		session.send('Enter');
		screen = await session.waitFor(text => /All › \d{4}-W\d{2}$/.test(crumbs(text).trim()));
		expect(selectedRow(screen)).toMatch(/\d{4}-\d{2}-\d{2} \w{3}/);

		session.send('Enter');
		screen = await session.waitFor(text => /› \d{4}-\d{2}-\d{2}$/.test(crumbs(text).trim()));
		// A session row: project · agent · duration · model.
		expect(selectedRow(screen)).toMatch(/ · .+ · \d+[smhd]/);

		session.send('Right');
		screen = await session.waitFor(text => crumbs(text).split(' › ').length === 4);
		expect(selectedRow(screen)).toMatch(/\d{2}:\d{2} /);

		session.send('l');
		screen = await session.waitFor(text => / › turn \d{2}:\d{2}$/.test(crumbs(text).trim()));
		expect(selectedRow(screen)).toMatch(/\d{2}:\d{2}:\d{2} · .* · cache [\d.]+%/);

		// An API call is a leaf: Enter opens its details.
		session.send('Enter');
		screen = await session.waitForText('CALL  ');
		expect(screen).toContain('cache hit rate');
		session.send('Escape');
		await session.waitFor(text => !text.includes('CALL  '));

		for (const depth of [4, 3, 2, 1]) {
			session.send('Left');
			await session.waitFor(text => crumbs(text).split(' › ').length === depth);
		}

		expect(crumbs(session.capture()).trim()).toBe('agent-ncdu All');

		session.send('n');
		await session.waitForText('Sorted by time');
		session.send('n');
		await session.waitForText('Sorted by time (reversed)');

		session.send('/');
		await session.waitForText('Filter text: _');
		session.send('no-such-project-xyz', true);
		session.send('Enter');
		screen = await session.waitForText('Filters: "no-such-project-xyz"');
		expect(screen).toContain('nothing matches');
		session.send('/');
		await session.waitForText('Filter text: no-such-project-xyz_');
		for (let index = 0; index < 'xyz'.length; index++) {
			session.send('BSpace');
		}

		await session.waitForText('Filter text: no-such-project-_');
		session.send('C-u');
		await session.waitForText('Filter text: _');
		session.send('Enter');
		await session.waitForText('Filters: none');

		session.send('e');
		screen = await session.waitForText(/Exported to \S+\.json/);
		const exported = /Exported to (\S+\.json)/.exec(screen)![1]!;
		expect(existsSync(exported)).toBe(true);
		// Private: the document holds prompt previews.
		expect(statSync(exported).mode & 0o777).toBe(0o600);

		session.send('q');
		screen = await session.waitForText('EXITED:0');
		// The alternate screen is gone: the browser's rows are not left on the terminal.
		expect(screen).not.toContain('?:help');
	});
});
