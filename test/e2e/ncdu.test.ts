/**
End-to-end: the real `ncdu` browses what the BUILT binary's `--export ncdu` wrote. ncdu runs
in a real terminal (tmux) on the demo data's export; the test waits until ncdu's first screen
lists the largest week on top with its size, opens ncdu's item info for the exact byte count,
and checks both against the export file's own numbers (each week's calls added up).

Skipped only when ncdu is missing outside CI; CI installs ncdu, and there a missing ncdu fails.
*/
import {execFileSync} from 'node:child_process';
import {existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {hasTmux, runsInCi, TmuxSession} from './tmux.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const cliPath = process.env['AGENT_NCDU_CLI'] ?? path.join(repoRoot, 'distribution', 'cli.js');
const built = existsSync(cliPath);
const tmux = hasTmux();

function hasNcdu(): boolean {
	try {
		execFileSync('ncdu', ['-v'], {stdio: 'ignore'});
		return true;
	} catch {
		return false;
	}
}

const ncdu = hasNcdu();
if (!ncdu && !runsInCi) {
	console.warn('Skipping test/e2e/ncdu.test.ts: ncdu is not installed (CI installs it).');
}

type NcduEntry = {name: string; dsize: number} | [{name: string}, ...NcduEntry[]];

const sizeOf = (entry: NcduEntry): number =>
	Array.isArray(entry)
		? entry.slice(1).reduce<number>((sum, child) => sum + sizeOf(child as NcduEntry), 0)
		: entry.dsize;

/**
A size as `ncdu --si` prints it in a row: one decimal of the largest power of 1000 below it
(ncdu's `formatsize`), unit `B`, `KB`, `MB`, …; ncdu 1.22 and 2.8 write `kB`, hence the class.
*/
function siSizePattern(bytes: number): string {
	const units = ['B', '[Kk]B', 'MB', 'GB', 'TB', 'PB'];
	let value = bytes;
	let unit = 0;
	while (value >= 1000 && unit < units.length - 1) {
		value /= 1000;
		unit++;
	}

	return `${value.toFixed(1).replace('.', '\\.')} +${units[unit]}`;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe.skipIf(!tmux || !built || (!ncdu && !runsInCi))('ncdu browses --export ncdu (tmux)', () => {
	let workDir: string;
	let file: string;
	let session: TmuxSession | undefined;

	beforeAll(() => {
		workDir = mkdtempSync(path.join(tmpdir(), 'agent-ncdu-ncdu-e2e-'));
		file = path.join(workDir, 'usage.ncdu');
		execFileSync(process.execPath, [cliPath, '--demo', '--timezone', 'UTC', '--export', 'ncdu', file], {
			env: {PATH: process.env['PATH'] ?? '', HOME: path.join(workDir, 'home'), TZ: 'UTC'},
			stdio: 'ignore',
		});
	});

	afterAll(() => {
		session?.close();
		rmSync(workDir, {recursive: true, force: true});
	});

	it('shows the largest week on top with its token size, and its exact size in the item info', async () => {
		expect(ncdu, 'ncdu must be installed where CI runs this test').toBe(true);
		const [, , , root] = JSON.parse(readFileSync(file, 'utf8')) as [
			number,
			number,
			unknown,
			[{name: string}, ...NcduEntry[]],
		];
		const weeks = root.slice(1).map(entry => {
			const week = entry as [{name: string}, ...NcduEntry[]];
			return {name: week[0].name, size: sizeOf(week)};
		});
		expect(weeks.length).toBeGreaterThan(1);
		const top = weeks.reduce((largest, week) => (week.size > largest.size ? week : largest));
		expect(top.name).toMatch(/^\d{4}-W\d{2}$/);
		expect(top.size).toBeGreaterThan(1_000_000);

		session = new TmuxSession(`ncdu --si -f ${JSON.stringify(file)}; echo "EXITED:$?"; sleep 60`, {
			columns: 100,
			rows: 24,
			cwd: workDir,
			env: {TERM: 'xterm-256color', LANG: 'C.UTF-8', HOME: path.join(workDir, 'home')},
		});
		// ncdu lists a folder as `<size> [<bar>] /<name>`, largest first: the top week's row is the
		// first one under the `--- <root> ---` line, with a full bar.
		const row = new RegExp(`^ +${siSizePattern(top.size)} +\\[#+\\] /${escapeRegExp(top.name)} *$`);
		const screen = await session.waitFor(text => row.test(text.split('\n')[2] ?? ''), 20_000);
		expect(screen.split('\n')[1]).toContain(`--- ${root[0].name} `);
		expect(screen).toMatch(/Total disk usage: +\S+ [A-Za-z]+ +Apparent size/);

		session.send('i');
		const info = await session.waitForText(/Disk usage: .*\(([\d.,' ]+) B\)/);
		expect(info).toContain(`Name: ${top.name}`);
		const exact = /Disk usage: .*\(([\d.,' ]+) B\)/.exec(info)![1]!.replace(/\D/g, '');
		expect(Number(exact)).toBe(top.size);

		session.send('i');
		session.send('q');
		await session.waitForText('EXITED:0');
	});
});
