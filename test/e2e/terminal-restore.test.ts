/**
End-to-end (issue #8 part 4): every way out of the BUILT binary's TUI gives the terminal back
— normal screen (`#{alternate_on}` 0), visible cursor (`#{cursor_flag}` 1) and cooked mode
with echo (the shell's `stty -a` after the run shows `icanon` and `echo`, not `-icanon`).
Each case runs the binary from an interactive shell in its own private tmux server, through
`sh -c 'echo $$ > pid; exec node cli.js …'` so the test knows the binary's own pid for signals.

Two cases need a moment production never makes provable: they run the same binary with a
module hook (`node --import test/e2e/inject/<name>.mjs`, see test/e2e/inject/hooks.mjs) that
holds the loading view up (`slow-load`) or makes <App> throw while rendering (`render-crash`).
*/
import {existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {hasTmux, TmuxSession} from './tmux.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const cliPath = process.env['AGENT_NCDU_CLI'] ?? path.join(repoRoot, 'distribution', 'cli.js');
const built = existsSync(cliPath);
const tmux = hasTmux();

if (!tmux || !built) {
	console.warn('Skipping test/e2e/terminal-restore.test.ts: needs tmux and distribution/cli.js (`npm run build`).');
}

/** A browser row of the demo data: the list is up, loading is over. */
const browserUp = /› +\S+ .*\d{4}-W\d{2}/;
/** Each case waits up to 30 s for the screen on a loaded 2-core machine, then for the shell. */
const caseTimeout = 90_000;
const loadingUp = /Starting…|Looking for agent data|Reading session files/;
/** Test-only module hooks, loaded with `node --import` (test/e2e/inject/hooks.mjs). */
type Injection = 'slow-load' | 'render-crash';
const injection = (name: Injection) => path.join(import.meta.dirname, 'inject', `${name}.mjs`);

describe.skipIf(!tmux || !built)('terminal restore (tmux)', () => {
	let workDir: string;
	let session: TmuxSession | undefined;

	beforeEach(() => {
		workDir = mkdtempSync(path.join(tmpdir(), 'agent-ncdu-restore-'));
		mkdirSync(path.join(workDir, 'home'));
	});

	afterEach(() => {
		session?.close();
		session = undefined;
		// The killed shell may still be writing as it dies; retry the removal.
		rmSync(workDir, {recursive: true, force: true, maxRetries: 10, retryDelay: 100});
	});

	/** Starts a shell in a pane and runs the binary in the foreground; afterwards the shell records exit status and tty modes. */
	function start(
		env: Record<string, string> = {},
		size = {columns: 100, rows: 30},
		extraArgs = '',
		inject?: Injection,
	): TmuxSession {
		const created = new TmuxSession('bash --norc --noprofile -i', {
			...size,
			cwd: workDir,
			env: {
				HOME: path.join(workDir, 'home'),
				TERM: 'xterm-256color',
				NO_COLOR: '1',
				TZ: 'UTC',
				CI: 'true',
				HISTFILE: '/dev/null',
				...env,
			},
		});
		session = created;
		const hooks = inject ? `--import ${JSON.stringify(injection(inject))} ` : '';
		const run = `sh -c 'echo $$ > pid; exec node ${hooks}${JSON.stringify(cliPath)} --demo --timezone UTC ${extraArgs}'`;
		created.send(`${run}; echo "EXITED:$?"; stty -a > stty.txt; echo STTY-SAVED`, true);
		created.send('Enter');
		return created;
	}

	function binaryPid(): number {
		return Number(readFileSync(path.join(workDir, 'pid'), 'utf8').trim());
	}

	/** Waits for the shell to take over again, then checks the three terminal properties; returns the exit status. */
	async function expectRestored(pane: TmuxSession): Promise<number> {
		// Anchored: the typed command line itself also contains these words.
		const screen = await pane.waitForText(/^STTY-SAVED\s*$/m, 20_000);
		const status = Number(/^EXITED:(\d+)/m.exec(screen)?.[1]);
		expect(pane.tmux('display', '-p', '-t', 'tui', '#{alternate_on}').trim()).toBe('0');
		expect(pane.tmux('display', '-p', '-t', 'tui', '#{cursor_flag}').trim()).toBe('1');
		const modes = readFileSync(path.join(workDir, 'stty.txt'), 'utf8');
		expect(modes).toMatch(/(^|\s)icanon(\s|$)/);
		expect(modes).toMatch(/(^|\s)echo(\s|$)/);
		// The shell echoes typed text again (raw mode would swallow it until Enter).
		pane.send('typed-after-exit', true);
		await pane.waitForText(/[#$] typed-after-exit/, 5000);
		return status;
	}

	it(
		'Ctrl+C in the browser',
		async () => {
			const pane = start();
			await pane.waitForText(browserUp, 30_000);
			expect(pane.tmux('display', '-p', '-t', 'tui', '#{alternate_on}').trim()).toBe('1');
			pane.send('C-c');
			expect(await expectRestored(pane)).toBe(0);
		},
		caseTimeout,
	);

	it.each([
		['SIGINT', 130],
		['SIGTERM', 143],
		['SIGHUP', 129],
	] as const)(
		'%s in the browser exits %i',
		async (signal, expected) => {
			const pane = start();
			await pane.waitForText(browserUp, 30_000);
			process.kill(binaryPid(), signal);
			expect(await expectRestored(pane)).toBe(expected);
		},
		caseTimeout,
	);

	/** The screen and tty modes the shell has now (after the binary stopped or quit). */
	async function expectShellModes(pane: TmuxSession, marker: string): Promise<void> {
		pane.send(`stty -a > stty.txt; echo ${marker}`, true);
		pane.send('Enter');
		await pane.waitForText(new RegExp(`^${marker}\\s*$`, 'm'), 10_000);
		expect(pane.tmux('display', '-p', '-t', 'tui', '#{alternate_on}').trim()).toBe('0');
		expect(pane.tmux('display', '-p', '-t', 'tui', '#{cursor_flag}').trim()).toBe('1');
		const modes = readFileSync(path.join(workDir, 'stty.txt'), 'utf8');
		expect(modes).toMatch(/(^|\s)icanon(\s|$)/);
		expect(modes).toMatch(/(^|\s)echo(\s|$)/);
	}

	it.each([
		['Ctrl+Z', (pane: TmuxSession) => pane.send('C-z')],
		['kill -TSTP', () => process.kill(binaryPid(), 'SIGTSTP')],
	] as const)(
		'%s suspends to the shell with the terminal restored; fg brings the browser back, redrawn and answering keys',
		async (_, suspend) => {
			const pane = start();
			await pane.waitForText(browserUp, 30_000);
			suspend(pane);
			// The shell goes on with the rest of the command line: the job stopped (128 + SIGSTOP).
			expect(await expectRestored(pane)).toBe(147);
			expect(pane.capture()).toMatch(/Stopped/);
			pane.send('C-u');
			pane.send('fg', true);
			pane.send('Enter');
			await pane.waitFor(screen => browserUp.test(screen) && !screen.includes('Stopped'), 15_000);
			expect(pane.tmux('display', '-p', '-t', 'tui', '#{alternate_on}').trim()).toBe('1');
			expect(pane.tmux('display', '-p', '-t', 'tui', '#{cursor_flag}').trim()).toBe('0');
			// Keys reach the browser again: open the first week.
			pane.send('Enter');
			await pane.waitForText(/All › \d{4}-W\d{2}/, 15_000);
			pane.send('q');
			await pane.waitFor(screen => !browserUp.test(screen) && /[#$]\s*$/.test(screen.trimEnd()), 15_000);
			await expectShellModes(pane, 'AFTER-QUIT');
		},
		caseTimeout,
	);

	it(
		'q while the loading view is up',
		async () => {
			const pane = start({}, undefined, '', 'slow-load');
			await pane.waitForText(loadingUp, 30_000);
			pane.send('q');
			expect(await expectRestored(pane)).toBe(0);
		},
		caseTimeout,
	);

	it(
		'SIGTERM while the loading view is up',
		async () => {
			const pane = start({}, undefined, '', 'slow-load');
			await pane.waitForText(loadingUp, 30_000);
			process.kill(binaryPid(), 'SIGTERM');
			expect(await expectRestored(pane)).toBe(143);
		},
		caseTimeout,
	);

	it(
		'an exception inside a component: one ✖ line, exit 1',
		async () => {
			const pane = start({}, undefined, '', 'render-crash');
			const status = await expectRestored(pane);
			expect(status).toBe(1);
			const lines = pane.capture().split('\n');
			expect(lines.filter(line => line.startsWith('✖'))).toEqual([
				'✖ deliberate exception inside a component (injected by the test)',
			]);
		},
		caseTimeout,
	);

	it(
		'an error after the first frame was drawn (bad --pricing file): one ✖ line, exit 1',
		async () => {
			// The first frame is drawn before the UI framework loads (source/cli/splash.ts); a
			// failure between the two must still give the normal screen back.
			const pane = start({}, {columns: 100, rows: 30}, '--pricing ./no-such-prices.json');
			const status = await expectRestored(pane);
			expect(status).toBe(1);
			const errors = pane
				.capture()
				.split('\n')
				.filter(line => line.startsWith('✖'));
			expect(errors).toHaveLength(1);
			expect(errors[0]).toMatch(/no-such-prices\.json/);
		},
		caseTimeout,
	);

	it(
		'a 20×5 terminal shows "too small", and growing it brings the browser back',
		async () => {
			const pane = start({}, {columns: 20, rows: 5});
			const small = await pane.waitForText('Terminal too small', 30_000);
			// Nothing else: no half-drawn rows of the browser.
			expect(small).not.toMatch(/\d{4}-W\d{2}|tokens ·/);
			pane.tmux('resize-window', '-t', 'tui', '-x', '100', '-y', '30');
			await pane.waitForText(browserUp, 15_000);
			pane.send('q');
			expect(await expectRestored(pane)).toBe(0);
		},
		caseTimeout,
	);
});
