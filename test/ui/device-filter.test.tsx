/** The `d` key filters the browser to one machine's sessions (merged through the ledger). */
import {describe, expect, it} from 'vitest';
import {call, session, tokens, turn} from '../support/events.js';
import {mount} from './helpers.js';

const twoMachines = [
	session('claude', 'desk', {project: 'api', device: 'desktop'}),
	turn('claude', 'desk', 't', '2026-02-10T09:00:00Z', 'add caching'),
	call('claude', 'desk', '2026-02-10T09:00:05Z', {turnId: 't', tokens: tokens({input: 1000, output: 500})}),
	session('claude', 'lap', {project: 'web', device: 'laptop'}),
	turn('claude', 'lap', 't', '2026-02-11T09:00:00Z', 'fix the navbar'),
	call('claude', 'lap', '2026-02-11T09:00:05Z', {turnId: 't', tokens: tokens({input: 3000, output: 1000})}),
];

describe('device filter', () => {
	it('cycles through the machines and back to all', async () => {
		const {frame, press, waitForText} = await mount({}, {events: twoMachines});
		await waitForText('5.5k tokens');
		await press('d', 'device: desktop');
		expect(frame()).toContain('1.5k tokens');
		await press('d', 'device: laptop');
		expect(frame()).toContain('4.0k tokens');
		await press('d', 'Filters: none');
		expect(frame()).toContain('5.5k tokens');
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
		const {frame, press, waitForText} = await mount({blockLimits: {tokenLimit: 10_000}}, {events: activeOnTwoMachines});
		// 5,500 of 10,000 tokens in the block.
		await waitForText('block 55%');
		await press('d', 'device: desktop');
		expect(frame()).toContain('1.5k tokens');
		expect(frame()).toContain('block 55%');
		await press('d', 'device: laptop');
		expect(frame()).toContain('block 55%');
	});
});
