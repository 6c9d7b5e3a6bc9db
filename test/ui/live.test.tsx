/**
The browser while an agent writes (`DataSource.watch`): an update shows in place, keeps the
opened path and the cursor, marks the rows that grew for a moment, and waits while keys are
being pressed so a rebuild never comes between a key and its frame.
*/
import {expect, it} from 'vitest';
import {call, tokens} from '../support/events.js';
import {waitFor} from '../support/wait-for.js';
import {keys, listRows, mount} from './helpers.js';

const grownLine = (frame: string, text: string) => listRows(frame).find(line => line.includes(text)) ?? '';
const callsIn = (frame: string) => Number(/([\d,]+) calls/.exec(frame)?.[1]?.replaceAll(',', ''));

it('shows a live update in place, cursor and path kept, the grown row marked for a moment', async () => {
	const {frame, press, source, waitForText} = await mount();
	await waitForText('2026-W08');
	await press(keys.enter, text => /All › 2026-W0\d\n/.test(text));
	const before = frame();
	const crumbs = before.split('\n')[0];
	const [selected, other] = listRows(before);
	const otherDay = /\d{4}-\d{2}-\d{2}/.exec(other!)![0];
	const selectedDay = /\d{4}-\d{2}-\d{2}/.exec(selected!)![0];
	// Updates wait until the keys have been still for a second.
	await new Promise(resolve => setTimeout(resolve, 1100));

	// The day below the cursor grows past it: it moves up, the cursor stays on its own day.
	source.agentWrites([
		call('claude', 'tiny', `${otherDay}T07:31:00Z`, {tokens: tokens({input: 900_000, output: 5000})}),
	]);
	await waitFor(() => grownLine(frame(), otherDay).startsWith('+'), {message: frame});
	expect(callsIn(frame())).toBe(callsIn(before) + 1);
	expect(frame().split('\n')[0]).toBe(crumbs);
	expect(listRows(frame())[0]).toContain(otherDay);
	expect(listRows(frame()).find(line => line.startsWith('›'))).toContain(selectedDay);
	await waitFor(() => grownLine(frame(), otherDay).startsWith(' '), {timeoutMs: 5000});
});

it('holds an update while keys are pressed and shows it once they are still', async () => {
	const {frame, press, source, waitForText} = await mount();
	await waitForText('2026-W08');
	const before = callsIn(frame());
	await press('j');
	source.agentWrites([call('claude', 'tiny', '2026-02-16T07:31:00Z', {tokens: tokens({input: 1000, output: 10})})]);
	const typingUntil = Date.now() + 1500;
	while (Date.now() < typingUntil) {
		await press('j');
		await press('k');
		await new Promise(resolve => setTimeout(resolve, 100));
		expect(callsIn(frame())).toBe(before);
	}

	const stopped = Date.now();
	await waitFor(() => callsIn(frame()) === before + 1, {timeoutMs: 4000});
	expect(Date.now() - stopped).toBeGreaterThanOrEqual(800);
});

it('in the project view, keeps the cursor on its project while another one grows past it, and marks it', async () => {
	const {frame, press, source, waitForText} = await mount();
	await waitForText('2026-W08');
	await press('v', frame => frame.includes('Project → Session'));
	// The picker listens from the effect after its first frame, as a person's next key would find it.
	await new Promise(resolve => setTimeout(resolve, 50));
	await press('2', 'All (by project)');
	const before = frame();
	const rows = listRows(before);
	expect(rows[0]).toContain('billing-service');
	expect(rows.some(row => row.includes('dotfiles'))).toBe(true);
	await new Promise(resolve => setTimeout(resolve, 1100));

	source.agentWrites([
		call('claude', 'tiny', '2026-02-16T07:31:00Z', {tokens: tokens({input: 2_000_000, output: 5000})}),
	]);
	await waitFor(() => grownLine(frame(), 'dotfiles').startsWith('+'), {message: frame});
	expect(callsIn(frame())).toBe(callsIn(before) + 1);
	expect(listRows(frame())[0]).toContain('dotfiles');
	expect(listRows(frame()).find(line => line.startsWith('›'))).toContain('billing-service');
	expect(frame()).toContain('All (by project)');
});
