/**
End-to-end: the BUILT binary in tmux while an agent writes. A response appended to a transcript
shows in the totals within 2 s, the opened path and the cursor stay where the user left them,
and the session that grew is marked. With --no-watch nothing moves.
*/
import {existsSync, mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {ClaudeSessionWriter} from '../support/claude-session.js';
import {hasTmux, runsInCi, TmuxSession} from './tmux.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const cliPath = process.env['AGENT_NCDU_CLI'] ?? path.join(repoRoot, 'distribution', 'cli.js');
const runnable = existsSync(cliPath) && hasTmux();
if (!runnable && runsInCi) {
	throw new Error('test/e2e/live.test.ts needs tmux and the built binary in CI');
}

const crumbs = (screen: string) => screen.split('\n').find(line => line.startsWith('agent-ncdu')) ?? '';
const selectedRow = (screen: string) => screen.split('\n').find(line => line.startsWith('›')) ?? '';
const callsInHeader = (screen: string) => Number(/([\d,]+) calls/.exec(screen)?.[1]?.replaceAll(',', '') ?? Number.NaN);

const cleanup: Array<() => void> = [];
afterEach(() => {
	for (const step of cleanup.splice(0)) step();
});

/** Two sessions of today in a scratch data folder, and the browser opened on them. */
function browse(extraFlags: string) {
	const workDir = mkdtempSync(path.join(tmpdir(), 'agent-ncdu-live-e2e-'));
	const root = path.join(workDir, 'data', 'claude');
	const now = Date.now();
	const at = (minutesAgo: number) => new Date(now - minutesAgo * 60_000);
	const big = new ClaudeSessionWriter(root, '/home/dev/src/billing-service');
	big.prompt('Port the invoice exporter to streams', at(30));
	big.respond({input: 40_000, output: 9000, cacheRead: 200_000}, at(29));
	const small = new ClaudeSessionWriter(root, '/home/dev/src/docs-site');
	small.prompt('Fix the broken links', at(20));
	small.respond({input: 3000, output: 500}, at(19));
	const session = new TmuxSession(
		`node ${JSON.stringify(cliPath)} --data-dir ${JSON.stringify(path.join(workDir, 'data'))} --timezone UTC ${extraFlags}; sleep 60`,
		{
			columns: 110,
			rows: 24,
			cwd: workDir,
			env: {HOME: path.join(workDir, 'home'), TERM: 'xterm-256color', NO_COLOR: '1', TZ: 'UTC'},
		},
	);
	cleanup.push(() => {
		session.close();
		rmSync(workDir, {recursive: true, force: true});
	});
	return {session, big, small, at};
}

describe.skipIf(!runnable)('the browser while an agent writes (tmux)', () => {
	it('shows an appended response within 2 s, keeps the cursor, and marks what grew', async () => {
		const {session, small, at} = browse('');
		let screen = await session.waitForText(/› +\S+ .*\d{4}-W\d{2}/, 30_000);
		session.send('Enter');
		await session.waitFor(text => /All › \d{4}-W\d{2}$/.test(crumbs(text).trim()));
		session.send('Enter');
		screen = await session.waitFor(text => /› \d{4}-\d{2}-\d{2}$/.test(crumbs(text).trim()));
		// Sorted by tokens: the cursor is on billing-service, docs-site is the row below.
		expect(selectedRow(screen)).toContain('billing-service');
		const path = crumbs(screen).trim();
		const callsBefore = callsInHeader(screen);
		// Updates wait until the keys have been still for a second (a rebuild never delays a key).
		await new Promise(resolve => setTimeout(resolve, 1100));

		const appended = Date.now();
		small.respond({input: 8000, output: 2500, cacheRead: 30_000}, at(1));
		screen = await session.waitFor(text => callsInHeader(text) === callsBefore + 1, 2000);
		const seenAfterMs = Date.now() - appended;

		expect(seenAfterMs).toBeLessThan(2000);
		// The grown row's mark follows in the next frame.
		const grownRow = (text: string) => text.split('\n').find(line => line.includes('docs-site')) ?? '';
		screen = await session.waitFor(text => grownRow(text).startsWith('+'), 3000);
		expect(crumbs(screen).trim()).toBe(path);
		expect(selectedRow(screen)).toContain('billing-service');
		// The mark is for a moment only.
		await session.waitFor(
			text => (text.split('\n').find(line => line.includes('docs-site')) ?? '').startsWith(' '),
			6000,
		);
	});

	it('with --no-watch, the totals stay as loaded', async () => {
		const {session, small, at} = browse('--no-watch');
		const screen = await session.waitForText(/› +\S+ .*\d{4}-W\d{2}/, 30_000);
		const callsBefore = callsInHeader(screen);
		small.respond({input: 8000, output: 2500}, at(1));
		await new Promise(resolve => setTimeout(resolve, 2500));
		expect(callsInHeader(session.capture())).toBe(callsBefore);
		session.send('r');
		await session.waitFor(text => callsInHeader(text) === callsBefore + 1, 15_000);
	});
});
