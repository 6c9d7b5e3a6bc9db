/**
`v` picks the tree's view on the demo data (a picker: 1 time, 2 project, 3 model, 4 agent): the
listing at the root is projects, models, agents, or weeks again; the header's breadcrumbs say which view is shown; opening a
project lists whole sessions; the view is remembered and `--group-by` (initialGroupBy) opens
its view at the root.
*/
import {cleanup} from 'ink-testing-library';
import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import type {RememberedView} from '../../source/browser/remembered.js';
import type {UsageEvent} from '../../source/core/events.js';
import {demoEvents} from '../support/demo-store.js';
import {keys, listRows, mount} from './helpers.js';

let events: UsageEvent[];

beforeAll(async () => {
	events = await demoEvents();
});

afterEach(() => {
	cleanup();
});

/** The first list row (largest by tokens) of a frame. */
const firstRow = (frame: string) => listRows(frame)[0] ?? '';

/** The view picker is open: it lists each view with the levels it opens into. */
const pickerOpen = (frame: string) => frame.includes('by project') && frame.includes('Project → Session → Turn → Call');

type Press = Awaited<ReturnType<typeof mount>>['press'];

/** `v`, then the view's number in the picker (1 time, 2 project, 3 model, 4 agent). */
async function pickView(press: Press, number: number, until: string | ((frame: string) => boolean)) {
	await press('v', pickerOpen);
	await pickerListening();
	await press(String(number), until);
}

/**
Ink subscribes the picker's key handler in an effect, just after the frame that shows it: a
person's next key comes later than that, so the test waits a moment too.
*/
const pickerListening = async () => new Promise(resolve => setTimeout(resolve, 50));

describe('v: views of the tree', () => {
	it('picks project, model, agent and time on the demo data, each root listing its groups', async () => {
		const {press, frame, waitForText} = await mount({size: {columns: 80, rows: 30}}, {events});
		await waitForText('2026-W');
		expect(frame()).toContain('v:view');
		expect(firstRow(frame())).toMatch(/2026-W\d\d/);

		await press('v', pickerOpen);
		// The demo data comes from one machine: no device view to pick.
		expect(frame()).toContain('by agent');
		expect(frame()).not.toContain('by device');
		await pickerListening();
		await press('2', 'All (by project)');
		expect(firstRow(frame())).toContain('infra-terraform');
		expect(frame()).toContain('payments-api');
		expect(frame()).not.toMatch(/2026-W\d\d ·/);

		await pickView(press, 3, 'All (by model)');
		expect(firstRow(frame())).toContain('claude-haiku-4-5-20251001');
		expect(frame()).toContain('gpt-5.3-codex');

		await pickView(press, 4, 'All (by agent)');
		expect(firstRow(frame())).toContain('Claude Code');
		expect(frame()).toContain('Gemini CLI');

		await pickView(press, 1, frame => !frame.includes('All (by') && !pickerOpen(frame));
		expect(firstRow(frame())).toMatch(/2026-W\d\d/);
	});

	it('opens a project into whole sessions, then a session into its turns', async () => {
		const {press, frame, waitForText} = await mount({size: {columns: 100, rows: 30}}, {events});
		await waitForText('2026-W');
		await pickView(press, 2, 'All (by project)');
		await press(keys.enter, 'All (by project) › infra-terraform');
		const sessions = listRows(frame());
		expect(sessions.length).toBeGreaterThan(0);
		// Whole sessions: when each started · agent · duration · model (the project is the parent's).
		expect(sessions.every(row => /\d{4}-\d{2}-\d{2} \d\d:\d\d · (Claude Code|Codex|OpenCode)/.test(row))).toBe(true);
		expect(frame()).toMatch(/\d+ sessions/);
		await press(keys.enter, frame => /All \(by project\) › infra-terraform › session \d{4}-\d{2}-\d{2}/.test(frame));
		expect(listRows(frame()).some(row => /\d\d:\d\d/.test(row))).toBe(true);
		await press(keys.left, frame => /All \(by project\) › infra-terraform\s*$/m.test(frame));
		await press(keys.left, frame => firstRow(frame).includes('infra-terraform') && frame.includes('All (by project)'));
	});

	it('remembers the view, and --group-by opens its view at the root', async () => {
		const reported: RememberedView[] = [];
		const {press, waitForText} = await mount({onViewChange: view => reported.push(view)}, {events});
		await waitForText('2026-W');
		await pickView(press, 2, () => reported.at(-1)?.groupBy === 'project');
		cleanup();

		const remembered = reported.at(-1)!;
		const again = await mount({initialView: remembered}, {events});
		await again.waitForText('All (by project)');
		cleanup();

		const flagged = await mount({initialView: remembered, initialGroupBy: 'model'}, {events});
		await flagged.waitForText('All (by model)');
		expect(firstRow(flagged.frame())).toContain('claude-haiku');
		await flagged.press('R', 'View reset to defaults');
		await flagged.waitForText('2026-W');
		expect(flagged.frame()).not.toContain('All (by');
	});
});
