/**
Draws lines `from`…`to` of a laid-out table (table-layout.ts) with `@alcalzone/ink-table`, the ESM
fork of `ink-table` (whose CommonJS build cannot load Ink 6). The library draws the structure:
its rows, borders and the order of cells. Its sizes are by `String.length` and its box characters
Unicode only, so the cell, heading and skeleton components are replaced: every cell is re-aligned
to its column's width in terminal cells and every box character goes through `boxChar` (`+ - |`
in `--ascii`). Its render is replaced too: no rule between data rows (ink-table draws one under
every row), and only the lines asked for, so a scrolled pane draws just what it shows.
*/
import {type CellProps, Table} from '@alcalzone/ink-table';
import {Box, Text} from 'ink';
import {type ComponentType, Fragment, type ReactNode} from 'react';
import {alignCell, boxChar, cellPadding, type TableLayout, tableHeight} from './table-layout.js';
import type {Theme} from './theme.js';

type Row = Record<string, string>;
type Slice = {readonly from: number; readonly to: number};

/** ink-table's Table, drawing only lines `from`…`to` and one rule, under the heading. */
class TableSlice extends Table<Row> {
	override render() {
		const {from, to} = this.props as unknown as Slice;
		const columns = this.getColumns();
		const data = this.props.data;
		const last = tableHeight(data.length) - 1;
		const line = (index: number) => {
			const key = `line-${index}`;
			if (index === 0) return this.header({key, columns, data: {}});
			if (index === 1) return this.heading({key, columns, data: this.getHeadings()});
			if (index === 2) return this.separator({key, columns, data: {}});
			if (index === last) return this.footer({key, columns, data: {}});
			return this.data({key, columns, data: data[index - 3] ?? {}});
		};

		const lines: ReactNode[] = [];
		for (let index = Math.max(0, from); index < Math.min(to, last + 1); index++) {
			lines.push(<Fragment key={index}>{line(index)}</Fragment>);
		}

		return <Box flexDirection="column">{lines}</Box>;
	}
}

// The slice bounds ride along with the table's own props (its props type cannot be widened).
const SlicedTable = TableSlice as unknown as ComponentType<
	Slice & {
		data: Row[];
		columns: string[];
		padding: number;
		cell: (props: CellProps) => React.JSX.Element;
		header: (props: CellProps) => React.JSX.Element;
		skeleton: (props: Partial<CellProps>) => React.JSX.Element;
	}
>;

export type TableViewProps = {
	readonly layout: TableLayout;
	/** First and past-last line to draw (0 is the top border; `tableHeight(rows)` lines in all). */
	readonly from: number;
	readonly to: number;
	readonly theme: Theme;
};

export function TableView({layout, from, to, theme}: TableViewProps) {
	// Column keys are their positions: titles may repeat or be empty.
	const keys = layout.columns.map((_, index) => String(index));
	const data = layout.rows.map(row => Object.fromEntries(keys.map((key, index) => [key, row[index] ?? ''])));
	const padded = (column: number, text: string) =>
		`${' '.repeat(cellPadding)}${alignCell(text.trim(), layout.widths[column] ?? 0, layout.columns[column])}${' '.repeat(cellPadding)}`;
	const cell = ({column, children}: CellProps) => <Text>{padded(column, String(children))}</Text>;
	const header = ({column, children}: CellProps) => (
		<Text bold color={theme.accent}>
			{padded(column, layout.titles[column] ?? String(children))}
		</Text>
	);
	// Border runs come with their column, junctions and side bars without one.
	const skeleton = ({column, children}: Partial<CellProps>) => {
		const text = String(children);
		const drawn =
			column === undefined
				? boxChar(text, layout.ascii)
				: boxChar(text[0] ?? ' ', layout.ascii).repeat((layout.widths[column] ?? 0) + 2 * cellPadding);
		return <Text color={theme.muted}>{drawn}</Text>;
	};

	return (
		<SlicedTable
			data={data}
			columns={keys}
			padding={cellPadding}
			cell={cell}
			header={header}
			skeleton={skeleton}
			from={from}
			to={to}
		/>
	);
}
