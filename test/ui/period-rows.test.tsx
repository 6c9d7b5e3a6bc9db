/**
Week and day rows say how their tokens changed against the week or day before (`+34%`, `−12%`,
`new`), in a column that keeps every row inside 80, 120 and 200 columns; the info pane of a
week or a day lists what moved most against the period before.
*/
import {describe, expect, it} from 'vitest';
import {cellWidth} from '../../source/ui/format.js';
import {infoLines} from '../../source/ui/info-lines.js';
import {makeTheme} from '../../source/ui/theme.js';
import {treeOf, usageStore} from '../support/ui-data.js';
import {keys, listRows, mount} from './helpers.js';

const tree = treeOf(usageStore());
const week = (key: string) => tree.root.children.find(node => node.key === key)!;
const day = (weekKey: string, key: string) => week(weekKey).children.find(node => node.key === key)!;
const change = (now: number, before: number, minus = '−') => {
	// A fall to almost nothing is −99%, never −100% (that would say nothing was left).
	const percent = Math.max(-99, Math.round((now / before - 1) * 100));
	return percent > 0 ? `+${percent}%` : percent < 0 ? `${minus}${-percent}%` : '0%';
};

const rowOf = (frame: string, text: string) => listRows(frame).find(line => line.includes(text)) ?? '';
/** The change column: after the mark (1), the size (6) and the cost (8), each with a space. */
const changeIn = (row: string) => row.slice(17, 22).trim();

describe('change column of week and day rows', () => {
	it.each([80, 120, 200])('shows the change against the week before, and fits %i columns', async columns => {
		const {frame, waitForText} = await mount({size: {columns, rows: 24}});
		await waitForText('2026-W08');
		const w07 = change(week('2026-W07').totals.total, week('2026-W06').totals.total);
		const w08 = change(week('2026-W08').totals.total, week('2026-W07').totals.total);
		expect(changeIn(rowOf(frame(), '2026-W07'))).toBe(w07);
		expect(changeIn(rowOf(frame(), '2026-W08'))).toBe(w08);
		expect(changeIn(rowOf(frame(), '2026-W06'))).toBe('new');
		for (const line of frame().split('\n')) {
			expect(cellWidth(line)).toBeLessThanOrEqual(columns);
		}
	});

	it('compares days with the day before, in ASCII too, and leaves session rows alone', async () => {
		const {frame, press, waitForText} = await mount({ascii: true, size: {columns: 100, rows: 24}});
		await waitForText('2026-W08');
		await press('n', 'Sorted by time');
		await press(keys.down);
		await press(keys.enter, 'All > 2026-W07');
		const d13 = change(day('2026-W07', '2026-02-13').totals.total, day('2026-W07', '2026-02-12').totals.total, '-');
		expect(changeIn(rowOf(frame(), '2026-02-12'))).toBe('new');
		expect(changeIn(rowOf(frame(), '2026-02-13'))).toBe(d13);
		await press(keys.enter, 'All > 2026-W07 > 2026-02-12');
		// Session rows have no change column: the percent follows the cost.
		expect(rowOf(frame(), 'night-owl')).toMatch(/^. +[\d.]+k +\S+ +[\d.]+% \[/);
	});
});

describe('what moved most in the info pane', () => {
	it('lists the projects, sessions and models that rose and fell most against the week before', async () => {
		const {frame, press, waitForText} = await mount({size: {columns: 100, rows: 60}});
		await waitForText('2026-W08');
		await press('n', 'Sorted by time');
		await press(keys.down);
		await press('i', 'Moved most vs 2026-W06');
		const lines = frame().split('\n');
		const at = (text: string) => lines.findIndex(line => line.includes(text));
		expect(at('Moved most vs 2026-W06')).toBeGreaterThan(0);
		expect(at('  Projects')).toBeGreaterThan(at('Moved most'));
		expect(at('  Sessions')).toBeGreaterThan(at('  Projects'));
		expect(at('  Models')).toBeGreaterThan(at('  Sessions'));
		// W06's refactor of billing-service is gone in W07: the largest fall.
		const projects = lines.slice(at('  Projects') + 1, at('  Sessions'));
		expect(projects.find(line => line.includes('billing-service'))).toMatch(
			/^ {4}billing-service +−[\d.]+k tokens +−\$\d+\.\d\d/,
		);
		// Rises first, then falls, each largest first: web-app fell least.
		expect(projects.at(-1)).toMatch(/^ {4}web-app +−/);
		expect(lines.find(line => line.includes('night-owl · late'))).toMatch(/\+[\d.]+k tokens +\+\$\d+\.\d\d/);
	});

	it('keeps both figures of every line inside a side pane of 58 columns', () => {
		const lines = infoLines(week('2026-W07'), {
			timeZone: 'UTC',
			theme: makeTheme({ascii: false, color: false}),
			width: 58,
		});
		const moved = lines.slice(lines.findIndex(line => line.text.startsWith('Moved most vs')) + 1);
		const figures = moved.filter(line => line.text.startsWith('    '));
		expect(figures.length).toBeGreaterThan(6);
		for (const {text} of figures) {
			expect(cellWidth(text)).toBeLessThanOrEqual(58);
			expect(text).toMatch(/[+−][\d.]+k? tokens +[+−]\$\d+\.\d\d$/);
		}
	});

	it('says there is nothing to compare with for the first week', async () => {
		const {press, waitForText} = await mount({size: {columns: 100, rows: 60}});
		await waitForText('2026-W08');
		await press('n', 'Sorted by time');
		await press('i', 'Moved most: nothing to compare with (no usage the week before)');
	});
});
