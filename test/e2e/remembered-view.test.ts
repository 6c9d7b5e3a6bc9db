/**
End-to-end: the built TUI remembers sort and the opened path across runs (config file under
XDG_CONFIG_HOME) and `R` resets them.
*/
import {existsSync, mkdtempSync, readdirSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {hasTmux, TmuxSession} from './tmux.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const cliPath = path.join(repoRoot, 'distribution', 'cli.js');
const workDir = mkdtempSync(path.join(tmpdir(), 'agent-ncdu-e2e-view-'));
const crumbs = (screen: string) => screen.split('\n').find(line => line.startsWith('agent-ncdu')) ?? '';

function start(flags = '', folder = workDir): TmuxSession {
	return new TmuxSession(`node ${JSON.stringify(cliPath)} --demo --timezone UTC ${flags}; sleep 30`, {
		columns: 100,
		rows: 30,
		cwd: workDir,
		env: {
			HOME: path.join(folder, 'home'),
			XDG_CONFIG_HOME: path.join(folder, 'config'),
			TERM: 'xterm-256color',
			NO_COLOR: '1',
			TZ: 'UTC',
		},
	});
}

describe.skipIf(!hasTmux() || !existsSync(cliPath))('remembered view (tmux)', () => {
	afterAll(() => {
		rmSync(workDir, {recursive: true, force: true});
	});

	it('restores sort and path on the next run, and R resets them', async () => {
		const first = start();
		await first.waitForText(/› +\S+ .*\d{4}-W\d{2}/, 30_000);
		first.send('c');
		await first.waitForText('Sorted by cost');
		first.send('Enter');
		const opened = await first.waitFor(screen => /All › \d{4}-W\d{2}/.test(crumbs(screen)));
		const week = /(\d{4}-W\d{2})/.exec(crumbs(opened))![1]!;
		first.send('q');
		await first.waitFor(screen => !screen.includes('Sorted by cost'));
		first.close();
		const config = JSON.parse(readFileSync(path.join(workDir, 'config/agent-ncdu/config.json'), 'utf8'));
		expect(config.view.sort).toEqual({key: 'cost', reverse: false});
		expect(config.view.path).toEqual([week]);

		const second = start();
		const restored = await second.waitFor(
			screen => crumbs(screen).includes(week) && screen.includes('Sorted by cost'),
			30_000,
		);
		expect(crumbs(restored)).toContain(`All › ${week}`);
		second.send('R');
		const reset = await second.waitForText('View reset to defaults');
		expect(crumbs(reset).trim()).toBe('agent-ncdu All');
		second.close();
	});

	it('is not saved with --no-cache, which leaves HOME as it was', async () => {
		const folder = mkdtempSync(path.join(workDir, 'no-cache-'));
		const session = start('--no-cache', folder);
		await session.waitForText(/› +\S+ .*\d{4}-W\d{2}/, 30_000);
		session.send('c');
		await session.waitForText('Sorted by cost');
		session.send('q');
		await session.waitFor(screen => !screen.includes('Sorted by cost'));
		session.close();
		expect(readdirSync(folder, {recursive: true})).toEqual([]);
	});
});
