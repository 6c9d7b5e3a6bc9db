/**
The budget in the header (issue 17, item 5): used / limit with a bar and the time left, its
60/80/95 % warnings as symbols that survive --ascii and NO_COLOR, the block limit beside it,
and `B` to set, change or remove it from the browser.
*/
import {describe, expect, it} from 'vitest';
import {parseBudget, type Budget} from '../../source/insights/budget.js';
import {cellWidth} from '../../source/ui/format.js';
import {call, session, tokens, turn} from '../support/events.js';
import {keys, mount} from './helpers.js';

// 2026-02-16 (the tests' today, noon UTC): 2,500 + 6,000 tokens in an active block.
const today = [
	session('claude', 'now', {project: 'checkout'}),
	turn('claude', 'now', 't', '2026-02-16T09:10:00Z', 'ship the checkout fix'),
	call('claude', 'now', '2026-02-16T09:10:00Z', {turnId: 't', tokens: tokens({input: 1000, output: 1500})}),
	call('claude', 'now', '2026-02-16T11:00:00Z', {
		turnId: 't',
		tokens: tokens({input: 2000, cacheRead: 3000, output: 1000}),
	}),
];

const budget = (text: string) => parseBudget(text) as Budget;
const gaugeLine = (frame: string) => frame.split('\n')[2] ?? '';

describe('budget gauge in the header', () => {
	it.each([
		['20k/day', '43%', ''],
		['14k/day', '61%', '▲ '],
		['10k/day', '85%', '▲ '],
		['8.9k/day', '96%', '✖ '],
	])('%s: used / limit, a bar, the time left and the warning symbol at 80 columns', async (text, percent, mark) => {
		const {frame, waitForText} = await mount(
			{initialBudget: budget(text), size: {columns: 80, rows: 24}},
			{events: today},
		);
		await waitForText('Budget ');
		const line = gaugeLine(frame());
		expect(line).toMatch(
			new RegExp(`^Budget ${mark}${percent} 8\\.5k / ${text.replace('.', '\\.')} \\[[█▉▊▋▌▍▎▏ ]{10}\\] 12h 00m left$`),
		);
		expect(cellWidth(line)).toBeLessThanOrEqual(80);
	});

	it('says the level with ASCII symbols and a # bar under --ascii', async () => {
		const {frame, waitForText} = await mount(
			{initialBudget: budget('$0.01/day'), ascii: true, size: {columns: 80, rows: 24}},
			{events: today},
		);
		await waitForText('Budget ');
		expect(gaugeLine(frame())).toMatch(/^Budget !! 474% \$0\.05 \/ \$0\.01\/day \[#{10}\] 12h 00m left$/);
	});

	it('shows the block limit beside the budget when both fit, the budget alone when not', async () => {
		const wide = await mount(
			{initialBudget: budget('2M/week'), blockLimits: {tokenLimit: 10_000}, size: {columns: 120, rows: 24}},
			{events: today},
		);
		await wide.waitForText('Block ');
		expect(gaugeLine(wide.frame())).toMatch(
			/^Budget 0% 8\.5k \/ 2M\/week \[▏ {14}\] 6d 12h left {3}Block ▲ 85% 8\.5k \/ 10\.0k \[█{12}▊ {2}\] 2h 00m left$/,
		);

		const narrow = await mount(
			{initialBudget: budget('2M/week'), blockLimits: {tokenLimit: 10_000}, size: {columns: 80, rows: 24}},
			{events: today},
		);
		await narrow.waitForText('Budget ');
		expect(gaugeLine(narrow.frame())).not.toContain('Block');
		// The footer still has the block.
		expect(narrow.frame()).toContain('block 85%');
	});

	it('has no gauge line without a budget or a block limit', async () => {
		const {frame, waitForText} = await mount({}, {events: today});
		await waitForText('Sorted by tokens');
		expect(frame()).not.toContain('Budget');
		expect(gaugeLine(frame())).toMatch(/^daily tokens/);
	});
});

describe('B sets the budget from the browser', () => {
	it('sets it, says why a bad one is refused, and removes it when left empty', async () => {
		const {frame, press, waitForText} = await mount({size: {columns: 120, rows: 24}}, {events: today});
		await waitForText('Sorted by tokens');
		await press('B', 'Budget ($50/day, 2M/week; empty removes): _');
		await press('10k/fortnight');
		await press(keys.enter, '"fortnight" is not a period: use day, week or month');
		for (let count = 0; count < 9; count++) {
			await press(keys.backspace);
		}

		await press('day', '10k/day_');
		await press(keys.enter, 'Budget ▲ 85% 8.5k / 10k/day');
		expect(frame()).toContain('Budget 10k/day');

		await press('B', 'empty removes): 10k/day_');
		await press('\u0015', 'empty removes): _');
		await press(keys.enter, 'Budget removed');
		expect(frame()).not.toContain('Budget ▲');
	});
});
