/** The one pick-one list (ui/picker.tsx): keys, the preselected entry, ASCII and width. */
import {cleanup, render} from 'ink-testing-library';
import {afterEach, describe, expect, it} from 'vitest';
import {cellWidth} from '../../source/ui/format.js';
import {Picker} from '../../source/ui/picker.js';
import {makeTheme} from '../../source/ui/theme.js';
import {waitFor} from '../support/wait-for.js';
import {flushEffects, keys, pickerSelection} from './helpers.js';

afterEach(() => {
	cleanup();
});

const ranges = ['all time', 'today', 'last 7 days', 'last 30 days', 'custom range…'].map(label => ({
	label,
	value: label.toUpperCase(),
}));

async function mountPicker(
	options: {items?: typeof ranges; current?: number; rows?: number; width?: number; ascii?: boolean} = {},
) {
	const picked: string[] = [];
	let cancels = 0;
	const app = render(
		<Picker
			title="Time range"
			items={options.items ?? ranges}
			current={options.current ?? 0}
			rows={options.rows ?? 10}
			width={options.width ?? 60}
			theme={makeTheme({ascii: options.ascii ?? false, color: false})}
			onPick={value => picked.push(value)}
			onCancel={() => cancels++}
		/>,
	);
	const frame = () => app.lastFrame() ?? '';
	await waitFor(() => frame().includes('Time range'));
	await flushEffects();
	const press = async (input: string, expected: (frame: string) => boolean) => {
		app.stdin.write(input);
		await waitFor(() => expected(frame()), {
			message: () => `unexpected frame after ${JSON.stringify(input)}:\n${frame()}`,
		});
		await flushEffects();
	};

	return {app, frame, press, picked, cancels: () => cancels};
}

describe('Picker', () => {
	it('opens on the current entry; j/k and the arrows move, Enter picks that entry', async () => {
		const {frame, press, picked} = await mountPicker({current: 2});
		expect(pickerSelection(frame())).toBe('last 7 days');
		expect(frame().split('\n')[0]).toMatch(/^Time range {2}↑\/↓ Enter: pick {2}Esc: cancel/);
		await press('j', text => pickerSelection(text) === 'last 30 days');
		await press(keys.down, text => pickerSelection(text) === 'custom range…');
		await press('k', text => pickerSelection(text) === 'last 30 days');
		await press(keys.up, text => pickerSelection(text) === 'last 7 days');
		expect(picked).toEqual([]);
		await press(keys.enter, () => picked.length > 0);
		expect(picked).toEqual(['LAST 7 DAYS']);
	});

	it('picks an entry by its number at once', async () => {
		const {press, picked} = await mountPicker();
		await press('4', () => picked.length > 0);
		expect(picked).toEqual(['LAST 30 DAYS']);
	});

	it('cancels on Esc, q or ←, once: a late key after it reaches nothing', async () => {
		for (const key of [keys.escape, 'q', keys.left]) {
			const {app, press, picked, cancels} = await mountPicker();
			await press(key, () => cancels() === 1);
			app.stdin.write(keys.enter);
			app.stdin.write('q');
			await flushEffects();
			expect(cancels()).toBe(1);
			expect(picked).toEqual([]);
			cleanup();
		}
	});

	it('draws `>` and ASCII labels in --ascii', async () => {
		const {frame} = await mountPicker({ascii: true, current: 4});
		expect(frame()).toContain('> custom range...');
		expect(frame()).toContain('Up/Down Enter: pick');
		expect(frame()).not.toMatch(/[^\u0020-\u007E\n]/);
	});

	it('cuts labels to the width by terminal cells, makes them inert, and scrolls a long list', async () => {
		const items = [
			{label: '東京のワークステーション東京のワークステーション', value: 'wide'},
			{label: 'evil\u001B[2Jname', value: 'escape'},
			...Array.from({length: 20}, (_, index) => ({label: `machine-${index + 1}`, value: `m${index + 1}`})),
		];
		const {frame, press, picked} = await mountPicker({items, width: 24, rows: 6});
		const lines = frame().split('\n');
		expect(lines).toHaveLength(6);
		for (const line of lines) {
			expect(cellWidth(line)).toBeLessThanOrEqual(24);
		}

		expect(frame()).not.toContain('\u001B[2J');
		for (let step = 0; step < 8; step++) {
			const before = pickerSelection(frame());
			await press('j', text => pickerSelection(text) !== before);
		}

		expect(pickerSelection(frame())).toBe('machine-7');
		expect(frame().split('\n')).toHaveLength(6);
		await press(keys.enter, () => picked.length > 0);
		expect(picked).toEqual(['m7']);
	});
});
