/**
The info pane's "Largest sessions" table on the demo data, in the app: on a week and on a day,
at 80 columns and in --ascii, the rows are the largest sessions by tokens (the week's day
fragments of one session merged, insights/largest-sessions.ts) and every line fits the width.
*/
import stringWidth from 'string-width';
import {beforeAll, describe, expect, it} from 'vitest';
import type {UsageEvent} from '../../source/core/events.js';
import {formatTokens} from '../../source/core/tokens.js';
import {largestSessions} from '../../source/insights/largest-sessions.js';
import type {TreeModel, TreeNode} from '../../source/model/types.js';
import {formatCost, formatPercent} from '../../source/ui/format.js';
import {sessionName} from '../../source/ui/labels.js';
import {makeTheme} from '../../source/ui/theme.js';
import {demoEvents} from '../support/demo-store.js';
import {treeOf, usageStore} from '../support/ui-data.js';
import {keys, mount} from './helpers.js';

let events: UsageEvent[];
let tree: TreeModel;
beforeAll(async () => {
	events = await demoEvents();
	tree = treeOf(usageStore(events));
});

/** The table's lines under the "Largest sessions" heading: top border to bottom border. */
function tableUnder(frame: string, ascii: boolean): string[] {
	const lines = frame.split('\n');
	const start = lines.findIndex(line => line.includes('Largest sessions')) + 1;
	expect(start, frame).toBeGreaterThan(0);
	// Beside the list (from 140 columns) the pane starts where its heading does.
	const left = lines[start - 1]!.indexOf('Largest sessions');
	const pane = lines.map(line => line.slice(left).trim());
	const corner = ascii ? '+' : '└';
	const end = pane.findIndex((line, index) => index > start + 2 && line.startsWith(corner));
	return pane.slice(start, end + 1);
}

function checkTable(frame: string, node: TreeNode, ascii: boolean, columns: number): void {
	for (const line of frame.split('\n')) {
		expect(stringWidth(line), line).toBeLessThanOrEqual(columns);
	}

	const table = tableUnder(frame, ascii);
	const bar = ascii ? '|' : '│';
	expect(table[1]).toMatch(
		new RegExp(`^\\${bar} session +\\${bar} started +\\${bar} tokens \\${bar} +cost \\${bar} +hit \\${bar}$`),
	);
	const theme = makeTheme({ascii, color: false});
	const expected = largestSessions(node)!;
	expect(expected.length).toBeGreaterThan(1);
	const rows = table.slice(3, -1);
	expect(rows).toHaveLength(expected.length);
	for (const [index, size] of expected.entries()) {
		const cells = rows[index]!.split(bar).map(cell => cell.trim());
		// `project · agent`: whole at 80 columns, cut in the side pane.
		const name = sessionName(size.session, theme);
		if (columns === 80) {
			expect(cells[1]).toBe(name);
		} else {
			expect(name.startsWith(cells[1]!.replace(/…$/, ''))).toBe(true);
		}

		expect(cells[3]).toBe(formatTokens(size.total));
		expect(cells[4]).toBe(formatCost(size, ascii));
		expect(cells[5]).toBe(formatPercent(size.cacheHitRate));
		expect(cells[2]).toMatch(/^\d\d-\d\d \d\d:\d\d$/);
	}

	if (ascii) {
		expect(frame.match(/[^\u0020-\u007E\n]/g) ?? []).toEqual([]);
	}
}

/** The node the info pane's heading names (`WEEK  2026-W42 · Oct 12–18`, `DAY  2026-10-12`). */
function shownNode(frame: string, kind: 'WEEK' | 'DAY'): TreeNode {
	const key = new RegExp(`${kind}  (\\S+)`).exec(frame)![1]!;
	const week =
		kind === 'WEEK' ? undefined : tree.root.children.find(node => node.children.some(day => day.key === key));
	return (week ? week.children : tree.root.children).find(node => node.key === key)!;
}

describe.each([
	{columns: 80, ascii: false},
	{columns: 80, ascii: true},
	{columns: 140, ascii: false},
])('the largest sessions in the info pane at $columns columns (ascii: $ascii)', ({columns, ascii}) => {
	it('lists a week’s and a day’s largest sessions', async () => {
		const {frame, press, waitForText} = await mount({ascii, size: {columns, rows: 120}}, {events});
		await waitForText('2026-W4');
		await press('i', 'Largest sessions');
		const week = shownNode(frame(), 'WEEK');
		expect(week.totals.sessions).toBeGreaterThan(5);
		checkTable(frame(), week, ascii, columns);
		await press(keys.escape, current => !current.includes('Largest sessions'));
		await press(keys.enter, current => week.children.some(day => current.includes(day.key)));
		await press('i', 'Largest sessions');
		const day = shownNode(frame(), 'DAY');
		expect(day.parent).toBe(week);
		checkTable(frame(), day, ascii, columns);
	});
});
