/**
The info pane (`i`) beside the list on a wide terminal (issue 17, item 2): at 160 columns the
list keeps its rows and cursor and the pane describes the row under the cursor as it moves; at
120 columns the pane takes the list's place, as before.
*/
import {expect, it} from 'vitest';
import {keys, listRows, mount} from './helpers.js';

const selectedDay = (frame: string) => /› .*?(\d{4}-\d{2}-\d{2})/.exec(frame)?.[1];
const paneDay = (frame: string) => /DAY {2}(\d{4}-\d{2}-\d{2})/.exec(frame)?.[1];

it('at 160 columns the pane opens beside the list and follows the cursor', async () => {
	const {frame, press, waitForText} = await mount({size: {columns: 160, rows: 30}});
	await waitForText('2026-W08');
	await press(keys.enter, text => /All › 2026-W0\d\n/.test(text));
	await press('i', text => text.includes('DAY  '));
	expect(listRows(frame()).filter(line => /\d{4}-\d{2}-\d{2}/.test(line)).length).toBeGreaterThan(1);
	expect(paneDay(frame())).toBe(selectedDay(frame()));
	const first = selectedDay(frame());
	await press('j', text => selectedDay(text) !== first);
	expect(paneDay(frame())).toBe(selectedDay(frame()));
	for (const line of frame().split('\n')) expect(line.length).toBeLessThanOrEqual(160);
	await press(keys.escape, text => !text.includes('DAY  '));
});

it('at 120 columns the pane takes the list’s place', async () => {
	const {frame, press, waitForText} = await mount({size: {columns: 120, rows: 30}});
	await waitForText('2026-W08');
	await press(keys.enter, text => /All › 2026-W0\d\n/.test(text));
	await press('i', text => text.includes('DAY  '));
	expect(frame()).not.toMatch(/› .*\d{4}-\d{2}-\d{2} \w{3}/);
});
