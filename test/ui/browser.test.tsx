import {afterEach, describe, expect, it} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {call, session, tokens, turn} from '../support/events.js';
import {manySessions} from '../support/ui-data.js';
import {keys, listRows, mount, pickerSelection, pickWith} from './helpers.js';

afterEach(() => {
	cleanup();
});

/** The label column of the list rows (what follows the bar). */
function labels(frame: string): string[] {
	return listRows(frame).map(row => row.replace(/^.*\] /, '').trim());
}

const selected = (frame: string) => listRows(frame).find(row => row.startsWith('›')) ?? '';

describe('browser view', () => {
	it('lists the children sorted by tokens with size, cost, change, percent and bars', async () => {
		const {frame, waitForText} = await mount();
		await waitForText('2026-W08');
		const rows = listRows(frame());
		expect(rows).toHaveLength(3);
		expect(rows[0]).toMatch(/^› +670k +~\$0\.45 +new +83\.8% \[█{10}\] 2026-W06 · Feb 3–5/);
		// Unpriced calls inside: a lower bound. Bars relative to the largest sibling.
		expect(rows[1]).toMatch(/130k +≥~\$0\.21 +−81% +16\.2% \[█▉ +\] 2026-W07/);
		expect(rows[2]).toMatch(/350 +<~\$0\.01 +−99% +0\.0% \[▏ +\] 2026-W08/);
		expect(frame()).toContain('800k tokens · ≥~$0.65 · cache 92.0% · 10 calls · 6 sessions');
		expect(frame()).toMatch(/daily tokens \(max 639k\) [▁-█ ]+ 2026-02-03\.\.2026-02-16/);
	});

	it('sorts by time, cost and count; the same key again reverses', async () => {
		const {frame, press, waitForText} = await mount();
		await waitForText('2026-W08');
		await press('n', 'Sorted by time');
		expect(labels(frame()).map(label => label.slice(0, 8))).toEqual(['2026-W06', '2026-W07', '2026-W08']);
		await press('n', 'Sorted by time (reversed)');
		expect(labels(frame()).map(label => label.slice(0, 8))).toEqual(['2026-W08', '2026-W07', '2026-W06']);
		// Count = sessions per week: W07 has three, W06 two, W08 one.
		await press('C', 'Sorted by count');
		expect(labels(frame()).map(label => label.slice(0, 8))).toEqual(['2026-W07', '2026-W06', '2026-W08']);
		await press('s', 'Sorted by tokens');
		// g cycles percent+bar → bar → percent → both.
		await press('g', frame => !frame.includes('83.8%'));
		expect(listRows(frame())[0]).toMatch(/~\$0\.45 +new \[█{10}\] 2026-W06/);
		await press('g', frame => !frame.includes('['));
		expect(listRows(frame())[0]).toMatch(/83\.8% 2026-W06/);
		await press('g', frame => frame.includes('83.8% [█'));
	});

	it('drills down Week → Day → Session → Turn → API call and back up with the cursor restored', async () => {
		const {frame, press, waitForText} = await mount();
		await waitForText('2026-W08');
		await press(keys.down, frame => selected(frame).includes('2026-W07'));
		await press(keys.enter, 'All › 2026-W07');
		await press('j', frame => selected(frame).includes('2026-02-12 Thu'));
		await press('l', 'All › 2026-W07 › 2026-02-12');
		// The midnight session is marked as continuing into the next day.
		expect(selected(frame())).toMatch(/night-owl · Claude Code · 10m · claude-sonnet-4-5 ↪$/);
		await press(keys.right, '› night-owl');
		expect(selected(frame())).toContain('23:55 why is the parser slow?');
		await press(keys.right, '› turn 23:55');
		expect(selected(frame())).toMatch(/23:55:00 · claude-sonnet-4-5 · Grep · cache 97\.6%/);
		// A call is a leaf: Enter shows its details.
		await press(keys.enter, 'CALL  claude-sonnet-4-5');
		await press(keys.escape, frame => !frame.includes('CALL  '));
		await press(keys.left, frame => frame.includes('night-owl\n'));
		await press(keys.backspace, frame => /2026-02-12\n/.test(frame));
		await press('h', frame => /› 2026-W07\n/.test(frame));
		expect(selected(frame())).toContain('2026-02-12 Thu');
		await press('h', frame => frame.startsWith('agent-ncdu All\n'));
		expect(selected(frame())).toContain('2026-W07');
	});

	it('pages through 10k children, rendering only the visible rows', async () => {
		const {frame, press, waitForText} = await mount({size: {columns: 80, rows: 24}}, {events: manySessions(10_000)});
		await waitForText('2026-W10');
		// Two Enters in one read open two levels.
		await press('\r\r', 'All › 2026-W10 › 2026-03-02');
		// 24 rows - 1 spare line - 4 header - 2 footer = 17 list rows.
		expect(listRows(frame())).toHaveLength(17);
		// Keys that arrive in one read ("jjj") are three presses.
		await press('jjj', frame => listRows(frame)[3]!.startsWith('›'));
		await press(keys.end, frame => listRows(frame).at(-1)!.startsWith('›'));
		const last = selected(frame());
		// Page up moves cursor and window together by one page.
		await press(keys.pageUp, frame => selected(frame) !== last);
		expect(listRows(frame()).at(-1)!.startsWith('›')).toBe(true);
		await press(keys.home, frame => selected(frame) !== '' && listRows(frame)[0]!.startsWith('›'));
		expect(frame()).toContain('10,000 sessions');
	});
});

describe('insight hints', () => {
	it('marks a row whose large prompt barely used the cache', async () => {
		const events = [
			session('claude', 'cold', {project: 'cold-cache'}),
			turn('claude', 'cold', 'c1', '2026-03-03T10:00:00Z', 'summarize the repository'),
			call('claude', 'cold', '2026-03-03T10:00:05Z', {
				turnId: 'c1',
				tokens: tokens({input: 150_000, cacheRead: 1000, cacheWrite5m: 5000, output: 2000}),
			}),
			session('claude', 'warm', {project: 'warm-cache'}),
			turn('claude', 'warm', 'w1', '2026-03-03T11:00:00Z', 'summarize the repository'),
			call('claude', 'warm', '2026-03-03T11:00:05Z', {
				turnId: 'w1',
				tokens: tokens({input: 1000, cacheRead: 150_000, output: 2000}),
			}),
		];
		const {frame, press, waitForText} = await mount({}, {events});
		await waitForText('2026-W10');
		await press(keys.enter, 'All › 2026-W10');
		await press(keys.enter, 'cold-cache');
		expect(listRows(frame()).find(row => row.includes('cold-cache'))).toMatch(/claude-sonnet-4-5 +cache 1%$/);
		expect(listRows(frame()).find(row => row.includes('warm-cache'))).not.toMatch(/cache \d+%$/);
	});
});

describe('filters', () => {
	it('picks the agent filter from those with data, and rebuilds the tree', async () => {
		const mounted = await mount();
		const {frame, waitForText} = mounted;
		await waitForText('2026-W08');
		await pickWith(mounted, 'a', 'Agent', 'Claude Code');
		expect(frame()).toContain('agent: Claude Code');
		expect(frame()).toContain('3 sessions');
		await pickWith(mounted, 'a', 'Agent', 'Codex');
		expect(frame()).toContain('agent: Codex');
		expect(labels(frame()).map(label => label.slice(0, 8))).toEqual(['2026-W06', '2026-W07']);
		await pickWith(mounted, 'a', 'Agent', 'all agents');
		expect(frame()).toContain('Filters: none');
	});

	it('applies a text filter on Enter and keeps the old one on Esc', async () => {
		const {frame, press, waitForText} = await mount();
		await waitForText('2026-W08');
		// A paste after `/` in the same read becomes the filter text.
		await press('/dev', 'Filter text: dev_');
		await press(keys.escape, frame => !frame.includes('Filter text:'));
		await press('/', 'Filter text: _');
		for (const char of 'docs') {
			await press(char, `Filter text: ${'docs'.slice(0, 'docs'.indexOf(char) + 1)}_`);
		}

		await press(keys.enter, 'Filters: "docs"');
		expect(listRows(frame())).toHaveLength(1);
		expect(frame()).toContain('1 session');
		await press('/', 'Filter text: docs_');
		await press('x', 'docsx_');
		await press(keys.escape, frame => !frame.includes('Filter text:'));
		expect(frame()).toContain('Filters: "docs"');
	});

	it('picks time ranges relative to today, and a custom range through its prompt', async () => {
		const mounted = await mount();
		const {frame, press, waitForText} = mounted;
		await waitForText('2026-W08');
		await pickWith(mounted, 't', 'Time range', 'today');
		expect(frame()).toContain('Filters: today');
		expect(labels(frame())).toEqual(['2026-W08 · Feb 16']);
		await pickWith(mounted, 't', 'Time range', 'last 7 days');
		expect(frame()).toContain('Filters: last 7 days');
		await pickWith(mounted, 't', 'Time range', 'last 30 days');
		await pickWith(mounted, 't', 'Time range', 'custom range…');
		await waitForText('Time range (YYYY-MM-DD..YYYY-MM-DD)');
		for (const char of '2026-02-12..2026-02-13') {
			await press(char);
		}

		await press(keys.enter, 'Filters: 2026-02-12..2026-02-13');
		expect(labels(frame())).toEqual(['2026-W07 · Feb 12–13']);
		// The picker opens on the range in effect, which it names.
		await press('t', 'Enter: pick');
		expect(pickerSelection(frame())).toBe('custom range… (2026-02-12..2026-02-13)');
	});
});
