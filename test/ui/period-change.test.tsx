/**
The header compares a week with the week before and a day with the day before (issue 17,
item 4): the change of tokens, against the previous period's node in the same tree.
*/
import {expect, it} from 'vitest';
import {previousPeriodOf} from '../../source/model/query.js';
import {changeText} from '../../source/ui/header.js';
import {makeTheme} from '../../source/ui/theme.js';
import {loadDemo} from '../support/demo-store.js';
import {treeOf, usageStore} from '../support/ui-data.js';
import {keys, mount} from './helpers.js';

const theme = makeTheme({ascii: false, color: false});
const percent = (now: number, before: number) => Math.round((now / before - 1) * 100);

it('finds the week and the day before, and says how the tokens changed', () => {
	const tree = treeOf(usageStore());
	const week = (key: string) => tree.root.children.find(node => node.key === key)!;
	const [w06, w07, w08] = [week('2026-W06'), week('2026-W07'), week('2026-W08')];
	expect(previousPeriodOf(w07)).toBe(w06);
	expect(previousPeriodOf(w06)).toBeUndefined();
	const change = percent(w07.totals.total, w06.totals.total);
	expect(changeText(w07, theme)).toBe(`${change > 0 ? '+' : '−'}${Math.abs(change)}% vs 2026-W06`);
	expect(changeText(w08, theme)).toMatch(/% vs 2026-W07$/);

	const day = (key: string) => w07.children.find(node => node.key === key)!;
	expect(previousPeriodOf(day('2026-02-13'))).toBe(day('2026-02-12'));
	// 2026-02-14 follows 02-13; 02-12 follows a day without usage.
	expect(previousPeriodOf(day('2026-02-12'))).toBeUndefined();
	expect(changeText(day('2026-02-12'), theme)).toBeUndefined();
	expect(previousPeriodOf(tree.root)).toBeUndefined();
});

it('says a tenfold rise the way the rows do, ×N, not as a percent of thousands', async () => {
	// In the demo data 2026-11-17 (payments-api's long session) follows a quiet 2026-11-16.
	const tree = treeOf(await loadDemo());
	const day = tree.root.children
		.find(week => week.key === '2026-W47')!
		.children.find(node => node.key === '2026-11-17')!;
	const before = previousPeriodOf(day)!;
	expect(before.key).toBe('2026-11-16');
	const ratio = day.totals.total / before.totals.total;
	expect(ratio).toBeGreaterThan(10);
	expect(changeText(day, theme)).toBe(`×${ratio >= 999.5 ? '999+' : Math.round(ratio)} vs 2026-11-16`);
	expect(changeText(day, makeTheme({ascii: true, color: false}))).toMatch(/^x\d+\+? vs 2026-11-16$/);
});

it('shows the change in the header of an opened week', async () => {
	const {frame, press, waitForText} = await mount({size: {columns: 120, rows: 30}});
	await waitForText('2026-W08');
	const selected = () =>
		frame()
			.split('\n')
			.find(line => line.startsWith('›')) ?? '';
	for (let moves = 0; !selected().includes('2026-W07') && moves < 3; moves++) {
		const before = selected();
		await press('j', () => selected() !== before);
	}

	await press(keys.enter, text => text.includes('All › 2026-W07\n'));
	const w07 = treeOf(usageStore()).root.children.find(week => week.key === '2026-W07')!;
	expect(changeText(w07, theme)).toMatch(/% vs 2026-W06$/);
	expect(frame().split('\n')[1]).toContain(changeText(w07, theme));
});
