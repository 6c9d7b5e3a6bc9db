/**
One clock reading per load: the relative time ranges, the billing block and the insights pane
describe the data as of the moment it was read, however many keys are pressed; `r` reads the
files and the clock again.
*/
import {cleanup, render} from 'ink-testing-library';
import {afterEach, describe, expect, it} from 'vitest';
import {insightsFor} from '../../source/insights/index.js';
import {App} from '../../source/ui/app.js';
import type {DataSource} from '../../source/ui/types.js';
import {memorySource} from '../support/ui-data.js';
import {waitFor} from '../support/wait-for.js';
import {testNow} from './helpers.js';

afterEach(() => {
	cleanup();
});

describe('the clock', () => {
	it('is read once per load, and the insights get that reading', async () => {
		let reads = 0;
		const clock = () => {
			reads++;
			// A clock that moves: a second reading would differ from the first.
			return testNow + reads * 60_000;
		};

		const insightTimes: number[] = [];
		const memory = memorySource();
		const source: DataSource = {
			...memory,
			insights(model, node, now) {
				insightTimes.push(now);
				return insightsFor(model, node, {now});
			},
		};
		const app = render(
			<App
				source={source}
				options={{ascii: false, color: false, size: {columns: 100, rows: 30}, now: clock, blockLimits: {}}}
			/>,
		);
		const frame = () => app.lastFrame() ?? '';
		const press = async (input: string, expected: string) => {
			app.stdin.write(input);
			await waitFor(() => frame().includes(expected), {message: () => `expected ${expected} in:\n${frame()}`});
		};

		await waitFor(() => frame().includes('2026-W08'));
		expect(reads).toBe(1);
		await press('t', 'today');
		await press('t', 'last 7 days');
		await press('a', 'agent:');
		await press('I', 'Insights (');
		expect(insightTimes.length).toBeGreaterThan(0);
		expect(new Set(insightTimes)).toEqual(new Set([testNow + 60_000]));
		expect(reads).toBe(1);

		app.stdin.write('\u001B');
		await waitFor(() => !frame().includes('Insights ('));
		app.stdin.write('r');
		// The reading happens when the new data arrives, not when the load starts: wait for it.
		await waitFor(() => memory.loads === 2 && reads === 2, {message: () => `clock read ${reads} times`});
		expect(reads).toBe(2);
	});
});
