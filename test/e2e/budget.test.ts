/**
End-to-end: the budget in the built TUI's header (issue 17, item 5), over the demo data with the
clock at 2026-11-17 17:59:30 UTC (test/support/inject/clock.mjs), when the demo's 17 November
has spent $8.65 of its estimated cost: `--budget` shows it, `B` sets it, the config file keeps
it for the next run, the flag wins over the remembered one, and `R` forgets it.
*/
import {existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, afterEach, describe, expect, it} from 'vitest';
import {hasTmux, TmuxSession} from './tmux.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const cliPath = path.join(repoRoot, 'distribution', 'cli.js');
const clock = path.join(repoRoot, 'test', 'support', 'inject', 'clock.mjs');
const workDir = mkdtempSync(path.join(tmpdir(), 'agent-ncdu-e2e-budget-'));
const gaugeLine = (screen: string) => screen.split('\n').find(line => line.startsWith('Budget')) ?? '';
const sessions: TmuxSession[] = [];

function start(flags: string, folder: string, color = false): TmuxSession {
	const session = new TmuxSession(
		`node --import ${JSON.stringify(clock)} ${JSON.stringify(cliPath)} --demo --timezone UTC ${flags}; sleep 30`,
		{
			columns: 100,
			rows: 30,
			cwd: workDir,
			env: {
				HOME: path.join(folder, 'home'),
				XDG_CONFIG_HOME: path.join(folder, 'config'),
				TERM: 'xterm-256color',
				// The tmux server inherits vitest's CI=false, which alone turns chalk's colours off.
				...(color ? {FORCE_COLOR: '1'} : {NO_COLOR: '1'}),
				TZ: 'UTC',
				AGENT_NCDU_NOW: '2026-11-17T17:59:30Z',
			},
		},
	);
	sessions.push(session);
	return session;
}

const loaded = /› +\S+ .*\d{4}-W\d{2}/;

describe.skipIf(!hasTmux() || !existsSync(cliPath))('budget in the header (tmux)', () => {
	afterEach(() => {
		for (const session of sessions.splice(0)) {
			session.close();
		}
	});

	afterAll(() => {
		rmSync(workDir, {recursive: true, force: true});
	});

	it('--budget shows what today has used of it, with a bar, the time left and the 80 % warning', async () => {
		const session = start(`--budget '$10/day'`, mkdtempSync(path.join(workDir, 'flag-')));
		const screen = await session.waitForText(/^Budget .*left/m, 30_000);
		expect(gaugeLine(screen)).toMatch(/^Budget ▲ 87% \$8\.65 \/ \$10\/day \[█{10}▍ \] 6h 00m left$/);
		expect(gaugeLine(screen).length).toBeLessThanOrEqual(100);
	});

	it('colours the gauge by its level: yellow from 60 %, red from 95 %', async () => {
		const folder = mkdtempSync(path.join(workDir, 'colour-'));
		const warned = start(`--budget '$10/day'`, folder, true);
		await warned.waitForText(/^Budget .*left/m, 30_000);
		expect(warned.capture(true)).toMatch(/\u001B\[33mBudget ▲ 87%/);
		warned.close();
		const over = start(`--budget '$8/day'`, folder, true);
		await over.waitForText(/^Budget .*left/m, 30_000);
		expect(over.capture(true)).toMatch(/\u001B\[31mBudget ✖ 108% \$8\.65 \/ \$8\/day/);
	}, 60_000);

	it('B sets the budget, the next run remembers it, the flag wins over it, and R forgets it', async () => {
		const folder = mkdtempSync(path.join(workDir, 'remember-'));
		const first = start('', folder);
		await first.waitForText(loaded, 30_000);
		expect(first.capture()).not.toContain('Budget');
		first.send('B');
		await first.waitForText('Budget (');
		first.send('$10/fortnight', true);
		first.send('Enter');
		await first.waitForText('"fortnight" is not a period: use day, week or month');
		first.send('C-u');
		first.send('$10/day', true);
		first.send('Enter');
		await first.waitForText(/^Budget ▲ 87% \$8\.65 \/ \$10\/day/m);
		first.send('q');
		await first.waitFor(screen => !screen.includes('Budget ▲'));
		const config = JSON.parse(readFileSync(path.join(folder, 'config/agent-ncdu/config.json'), 'utf8'));
		expect(config.view.budget).toEqual({amount: 10, unit: 'usd', period: 'day'});

		const second = start('', folder);
		await second.waitForText(/^Budget ▲ 87% \$8\.65 \/ \$10\/day/m, 30_000);
		second.send('R');
		const reset = await second.waitForText('View reset to defaults');
		expect(reset).not.toContain('Budget');
		second.close();

		const third = start('--budget 2M/week', folder);
		const flagged = await third.waitForText(/^Budget .*left/m, 30_000);
		expect(gaugeLine(flagged)).toMatch(/^Budget ✖ 891% 17\.8M \/ 2M\/week \[█{12}\] 5d 06h left$/);
	}, 90_000);
});
