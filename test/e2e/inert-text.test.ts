/**
End-to-end: the BUILT binary in a real terminal (tmux) on a transcript whose project, prompt,
model, tool name, file path, title and file name carry escape sequences (test/support/
hostile-data.ts). Opening the insights, drilling to the API call, opening its info pane and the
diagnostics must leave the terminal as it was: the pane title unchanged (OSC 0/2), no paste
buffer (OSC 52, with tmux's `set-clipboard on` so a clipboard write would land), no injected
colour or cleared screen (CSI), still on the alternate screen (`ESC[?1049l`). The sequences
show as visible text instead.
*/
import {existsSync, mkdirSync, mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {writeHostileClaudeData} from '../support/hostile-data.js';
import {hasTmux, TmuxSession} from './tmux.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
// AGENT_NCDU_CLI points the test at another build of the binary.
const cliPath = process.env['AGENT_NCDU_CLI'] ?? path.join(repoRoot, 'distribution', 'cli.js');
const runnable = hasTmux() && existsSync(cliPath);

if (!runnable) {
	console.warn('Skipping test/e2e/inert-text.test.ts: needs tmux and distribution/cli.js (`npm run build`).');
}

const title = 'agent-ncdu-e2e';
const crumbs = (screen: string) => screen.split('\n').find(line => line.startsWith('agent-ncdu')) ?? '';

describe.skipIf(!runnable)('escape sequences in data stay inert in the TUI (tmux)', () => {
	let session: TmuxSession;
	let workDir: string;

	beforeAll(() => {
		workDir = mkdtempSync(path.join(tmpdir(), 'agent-ncdu-inert-'));
		const home = path.join(workDir, 'home');
		mkdirSync(home);
		writeHostileClaudeData(path.join(workDir, 'data'));
		session = new TmuxSession(
			`node ${JSON.stringify(cliPath)} --timezone UTC --data-dir data; echo "EXITED:$?"; sleep 60`,
			{
				// Just below where the info pane moves beside the list: it gets the whole width here.
				columns: 139,
				rows: 50,
				cwd: workDir,
				env: {HOME: home, TERM: 'xterm-256color', NO_COLOR: '1', TZ: 'UTC', CI: 'true'},
			},
		);
		// OSC 52 from the pane would now become a tmux paste buffer; the title is ours to compare.
		session.tmux('set-option', '-s', 'set-clipboard', 'on');
		session.tmux('select-pane', '-t', 'tui', '-T', title);
	});

	afterAll(() => {
		session?.close();
		rmSync(workDir, {recursive: true, force: true});
	});

	/** What the hostile strings would have changed, read from tmux itself. */
	function terminalState() {
		return {
			title: session.tmux('display-message', '-p', '-t', 'tui', '#{pane_title}').trim(),
			alternateScreen: session.tmux('display-message', '-p', '-t', 'tui', '#{alternate_on}').trim(),
			buffers: session.tmux('list-buffers'),
		};
	}

	const untouched = {title, alternateScreen: '1', buffers: ''};

	it('opens insights, drills to the call, opens info and diagnostics: the terminal is untouched', async () => {
		await session.waitForText(/› +\S+ .*2026-W07/, 30_000);
		session.send('I');
		let screen = await session.waitForText('Insights (');
		expect(screen).toContain('"continue␛[K\\u009bK ok\\u202e" at ');
		session.send('Escape');
		await session.waitFor(text => !text.includes('Insights ('));
		for (const depth of [2, 3, 4, 5]) {
			session.send('Enter');
			await session.waitFor(text => crumbs(text).split(' › ').length === depth);
		}

		screen = await session.waitForText(/› .*claude-opus-4-6␛\]2;MODEL-TITLE␇/);
		expect(crumbs(screen)).toContain('shop␛]0;PWNED-TITLE␇ › turn 16:01');
		expect(terminalState()).toEqual(untouched);

		session.send('i');
		screen = await session.waitForText('CALL  ');
		expect(screen).toContain('  /home/dev/src/shop/cart␛]52;c;cHduZWQ=␇.ts');
		expect(screen).toContain('  Read\\u009b31mRED');
		expect(screen).toContain('  cwd /home/dev/src/shop␛]0;PWNED-TITLE␇');
		expect(screen).toContain('  title Stripe ␛]8;;https://evil.example/␇checkout␛]8;;␇ \\u202egnp.exe');
		expect(screen).toContain('  Add checkout ␛[2J␛[H␛[41mRED␛[0m ␛[?1049l to the cart page');
		expect(terminalState()).toEqual(untouched);
		// No colour but the UI's own: NO_COLOR leaves only bold headings and inverse video.
		expect(session.capture(true)).not.toMatch(/\u001B\[(?:[\d;]*;)?4\dm/);

		session.send('Escape');
		await session.waitFor(text => !text.includes('CALL  '));
		session.send('D');
		screen = await session.waitForText('Diagnostics (');
		expect(screen).toContain('broken␛]2;FILE-TITLE␇.jsonl');
		expect(terminalState()).toEqual(untouched);

		session.send('Escape');
		session.send('q');
		await session.waitForText('EXITED:0');
	});
});
