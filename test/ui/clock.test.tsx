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
import {pickWith, testNow} from './helpers.js';

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
		const press = async (input: string, expected: string | ((frame: string) => boolean)) => {
			app.stdin.write(input);
			const check = typeof expected === 'string' ? (text: string) => text.includes(expected) : expected;
			await waitFor(() => check(frame()), {message: () => `expected ${String(expected)} in:\n${frame()}`});
		};

		await waitFor(() => frame().includes('2026-W08'));
		expect(reads).toBe(1);
		await pickWith({frame, press}, 't', 'Time range', 'today');
		await pickWith({frame, press}, 't', 'Time range', 'last 7 days');
		await pickWith({frame, press}, 'a', 'Agent', 'Claude Code');
		expect(frame()).toContain('agent: Claude Code');
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
