/** The `d` key filters the browser to one machine's sessions (merged through the ledger). */
import {describe, expect, it} from 'vitest';
import {call, session, tokens, turn} from '../support/events.js';
import {mount, pickWith} from './helpers.js';

const twoMachines = [
	session('claude', 'desk', {project: 'api', device: 'desktop'}),
	turn('claude', 'desk', 't', '2026-02-10T09:00:00Z', 'add caching'),
	call('claude', 'desk', '2026-02-10T09:00:05Z', {turnId: 't', tokens: tokens({input: 1000, output: 500})}),
	session('claude', 'lap', {project: 'web', device: 'laptop'}),
	turn('claude', 'lap', 't', '2026-02-11T09:00:00Z', 'fix the navbar'),
	call('claude', 'lap', '2026-02-11T09:00:05Z', {turnId: 't', tokens: tokens({input: 3000, output: 1000})}),
];

describe('device filter', () => {
	it('picks each machine and all again', async () => {
		const mounted = await mount({}, {events: twoMachines});
		const {frame, waitForText} = mounted;
		await waitForText('5.5k tokens');
		await pickWith(mounted, 'd', 'Device', 'desktop');
		expect(frame()).toContain('device: desktop');
		expect(frame()).toContain('1.5k tokens');
		await pickWith(mounted, 'd', 'Device', 'laptop');
		expect(frame()).toContain('device: laptop');
		expect(frame()).toContain('4.0k tokens');
		await pickWith(mounted, 'd', 'Device', 'all devices');
		expect(frame()).toContain('Filters: none');
		expect(frame()).toContain('5.5k tokens');
	});

	it('says why there is nothing to pick on one machine', async () => {
		const {frame, press, waitForText} = await mount({}, {events: twoMachines.slice(0, 3)});
		await waitForText('1.5k tokens');
		await press('d', 'One machine only');
		expect(frame()).not.toContain('Enter: pick');
		expect(frame()).toContain('Filters: none');
	});
});

describe('billing block and the device filter', () => {
	// Both machines worked in the 5-hour block that is active at testNow (2026-02-16 12:00 UTC).
	const activeOnTwoMachines = [
		session('claude', 'desk', {project: 'api', device: 'desktop'}),
		turn('claude', 'desk', 't', '2026-02-16T09:10:00Z', 'add caching'),
		call('claude', 'desk', '2026-02-16T09:10:05Z', {turnId: 't', tokens: tokens({input: 1000, output: 500})}),
		session('claude', 'lap', {project: 'web', device: 'laptop'}),
		turn('claude', 'lap', 't', '2026-02-16T11:00:00Z', 'fix the navbar'),
		call('claude', 'lap', '2026-02-16T11:00:05Z', {turnId: 't', tokens: tokens({input: 3000, output: 1000})}),
	];

	it('keeps the footer block figure when `d` filters to one machine: the block counts all usage', async () => {
		const mounted = await mount({blockLimits: {tokenLimit: 10_000}}, {events: activeOnTwoMachines});
		const {frame, waitForText} = mounted;
		// 5,500 of 10,000 tokens in the block.
		await waitForText('block 55%');
		await pickWith(mounted, 'd', 'Device', 'desktop');
		expect(frame()).toContain('1.5k tokens');
		expect(frame()).toContain('block 55%');
		await pickWith(mounted, 'd', 'Device', 'laptop');
		expect(frame()).toContain('device: laptop');
		expect(frame()).toContain('block 55%');
	});
});
