/**
The panes' tables (ui/table-layout.ts, drawn by ui/table.tsx with @alcalzone/ink-table): what Ink
draws is the layout's text line for line, in cells; wide characters keep the columns straight;
--ascii draws `+ - |`; a table fits its pane; and in the app the info pane's breakdowns and the
diagnostics pane fit at 80 columns (full width) and 160 (the side pane).
*/
import {render} from 'ink-testing-library';
import stringWidth from 'string-width';
import {describe, expect, it} from 'vitest';
import {tableLines} from '../../source/ui/info-lines.js';
import {Overlay} from '../../source/ui/overlay.js';
import {layoutTable, type TableSpec, tableLineText} from '../../source/ui/table-layout.js';
import {TableView} from '../../source/ui/table.js';
import {makeTheme} from '../../source/ui/theme.js';
import {call, session, tokens, turn} from '../support/events.js';
import {keys, mount} from './helpers.js';

const spec: TableSpec = {
	columns: [{title: 'model'}, {title: 'tokens', align: 'right'}, {title: 'share', align: 'right'}],
	rows: [
		['claude-sonnet-4-5', '639k', '71.2%'],
		['東京モデル🚀', '258k', '28.8%'],
	],
};

function drawn(node: React.JSX.Element): string[] {
	const {lastFrame, unmount} = render(node);
	const frame = lastFrame() ?? '';
	unmount();
	return frame.split('\n');
}

describe('table layout and TableView', () => {
	it('ink-table draws exactly the layout text, with wide characters in straight columns', () => {
		const layout = layoutTable(spec, 80, false);
		const theme = makeTheme({ascii: false, color: false});
		const lines = drawn(<TableView layout={layout} from={0} to={6} theme={theme} />);
		expect(lines).toEqual(Array.from({length: 6}, (_, index) => tableLineText(layout, index)));
		expect(lines).toEqual([
			'┌───────────────────┬────────┬───────┐',
			'│ model             │ tokens │ share │',
			'├───────────────────┼────────┼───────┤',
			'│ claude-sonnet-4-5 │   639k │ 71.2% │',
			'│ 東京モデル🚀      │   258k │ 28.8% │',
			'└───────────────────┴────────┴───────┘',
		]);
		expect(new Set(lines.map(line => stringWidth(line)))).toEqual(new Set([38]));
	});

	it('draws + - | in --ascii', () => {
		const layout = layoutTable(spec, 80, true);
		const lines = drawn(<TableView layout={layout} from={0} to={6} theme={makeTheme({ascii: true, color: false})} />);
		expect(lines[0]).toBe('+-------------------+--------+-------+');
		expect(lines[3]).toBe('| claude-sonnet-4-5 |   639k | 71.2% |');
		expect(lines).toEqual(Array.from({length: 6}, (_, index) => tableLineText(layout, index)));
	});

	it('shrinks the widest column to fit the width, cutting its cells by cells', () => {
		const layout = layoutTable(spec, 30, false);
		for (let index = 0; index < 6; index++) {
			expect(stringWidth(tableLineText(layout, index))).toBe(30);
		}

		expect(tableLineText(layout, 3)).toBe('│ claude-s… │   639k │ 71.2% │');
		expect(tableLineText(layout, 4)).toBe('│ 東京モデ… │   258k │ 28.8% │');
		const paths = layoutTable(
			{columns: [{title: 'file', keep: 'end'}], rows: [['/home/dev/.claude/projects/x/a.jsonl:17']]},
			20,
			false,
		);
		expect(tableLineText(paths, 3)).toBe('│ …ts/x/a.jsonl:17 │');
	});

	it('draws only the lines asked for (a scrolled pane)', () => {
		const layout = layoutTable(spec, 80, false);
		const lines = drawn(<TableView layout={layout} from={3} to={5} theme={makeTheme({ascii: false, color: false})} />);
		expect(lines).toEqual([tableLineText(layout, 3), tableLineText(layout, 4)]);
	});

	it('scrolls through a table inside a pane of lines', () => {
		const lines = [{text: 'Models', heading: true}, ...tableLines(spec, 40, false), {text: 'after the table'}];
		const theme = makeTheme({ascii: false, color: false});
		const frame = drawn(<Overlay title="Info" lines={lines} top={3} rows={5} width={40} theme={theme} />);
		expect(frame.slice(1)).toEqual([
			'├───────────────────┼────────┼───────┤',
			'│ claude-sonnet-4-5 │   639k │ 71.2% │',
			'│ 東京モデル🚀      │   258k │ 28.8% │',
			'└───────────────────┴────────┴───────┘',
		]);
	});

	it('makes cells from the data inert', () => {
		const [, , , row] = tableLines({columns: [{title: 'model'}], rows: [['evil\u001B]0;TITLE\u0007']]}, 40, false);
		expect(row!.text).toBe('│ evil␛]0;TITLE␇ │');
	});
});

const events = [
	session('claude', 'wide', {project: '決済モジュール刷新プロジェクト'}),
	turn('claude', 'wide', 't1', '2026-02-16T09:00:00Z', 'テストを追加してください'),
	call('claude', 'wide', '2026-02-16T09:00:05Z', {
		turnId: 't1',
		model: 'claude-sonnet-4-5-東京リージョン特別版-with-a-very-long-deployment-name',
		tokens: tokens({input: 9000, output: 800}),
	}),
	session('codex', 'ascii', {project: 'billing-service'}),
	turn('codex', 'ascii', '1', '2026-02-16T10:00:00Z', 'fix the flaky test'),
	call('codex', 'ascii', '2026-02-16T10:00:03Z', {turnId: '1', tokens: tokens({input: 3000, output: 200})}),
];

describe.each([
	{columns: 80, ascii: false},
	{columns: 160, ascii: false},
	{columns: 80, ascii: true},
])('in the app at $columns columns (ascii: $ascii)', ({columns, ascii}) => {
	it('the info pane draws its breakdowns as tables that fit the pane', async () => {
		const {frame, press, waitForText} = await mount({ascii, size: {columns, rows: 60}}, {events});
		await waitForText('2026-W08');
		await press('i', 'WEEK  2026-W08');
		// The footer's billing block is worked out after the first frames: wait for it too.
		await waitForText(' block ');
		const screen = frame();
		// Activity, models and agents: three headings with a share column.
		const headings = screen.split('\n').filter(line => /[│|] +share [│|]/.test(line));
		expect(headings).toHaveLength(3);
		// Side by side from 140 columns: the pane is 67 columns wide, right of the list.
		const paneWidth = columns >= 140 ? 67 : columns;
		for (const line of screen.split('\n')) {
			expect(stringWidth(line), line).toBeLessThanOrEqual(columns);
		}

		const modelRow = screen.split('\n').find(line => line.includes('claude-sonnet-4-5'))!;
		const cells = modelRow.slice(modelRow.indexOf(ascii ? '|' : '│'));
		expect(stringWidth(cells.trimEnd())).toBeLessThanOrEqual(paneWidth);
		expect(cells).toMatch(
			ascii ? /^\| claude-sonnet-4-5-\S*(\.\.\.|…)? +\| +9\.8k \|/ : /^│ claude-sonnet-4-5-\S+… │ +9\.8k │/,
		);
		if (ascii) {
			// ASCII everywhere but in what the data itself holds (the model name's and, in the
			// largest sessions, the project's CJK).
			expect(
				screen.replaceAll(/[東京リージョン特別版決済モジュール刷新プロジェクト]/g, '').match(/[^\u0020-\u007E\n]/g) ??
					[],
			).toEqual([]);
		}
	});
});

describe.each([80, 160])('diagnostics pane at %i columns', columns => {
	it('is a table that fits, long paths keeping their end', async () => {
		const diagnostics = [
			{
				kind: 'malformed-line' as const,
				agent: 'claude' as const,
				file: `/home/dev/.claude/projects/${'very-long-folder-name/'.repeat(6)}session.jsonl`,
				line: 17,
				message: 'Unexpected token } in JSON at position 4096',
			},
		];
		const {frame, press, waitForText} = await mount({size: {columns, rows: 24}}, {diagnostics});
		await waitForText('1 diagnostics (D)');
		await press('D', 'Diagnostics (1)');
		const rows = frame()
			.split('\n')
			.filter(line => line.startsWith('│') || line.startsWith('┌'));
		expect(rows).toHaveLength(3);
		for (const line of rows) {
			expect(stringWidth(line)).toBe(columns);
		}

		expect(rows[2]).toMatch(/│ malformed-line │ claude │ …[^│]*session\.jsonl:17 │ Unexpected token/);
		await press(keys.escape, frame => !frame.includes('Diagnostics ('));
	});
});
