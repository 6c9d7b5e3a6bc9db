/**
The tables of the info and diagnostics panes, laid out in terminal cells (pure; ui/table.tsx draws
them with `@alcalzone/ink-table`). ink-table sizes a column by `String.length`, which is wrong for
CJK and emoji (two cells each) and knows no width limit: here each column gets its width in cells,
the widest columns shrink first until the table fits the pane, and every cell is cut and padded
to its column. The box characters are Unicode, or `+ - |` in `--ascii`.

A table takes `rows + 4` lines: top border, heading, a rule under it, one line per row, bottom
border. `tableLineText` gives each line as the exact text drawn, so a pane of lines can scroll
through a table and tests can read it without Ink.
*/
import {cellWidth, padEnd, padStart, truncate, truncateStart} from './format.js';

export type TableColumn = {
	readonly title: string;
	readonly align?: 'left' | 'right';
	/** Which end of a too-long value survives (paths keep their end). */
	readonly keep?: 'start' | 'end';
};

export type TableSpec = {
	readonly columns: readonly TableColumn[];
	readonly rows: ReadonlyArray<readonly string[]>;
};

/** A table fitted to a width: each column's width in cells, headings and cells cut to it. */
export type TableLayout = {
	readonly columns: readonly TableColumn[];
	readonly widths: readonly number[];
	readonly titles: readonly string[];
	readonly rows: ReadonlyArray<readonly string[]>;
	readonly ascii: boolean;
};

/** Spaces either side of a cell's text (ink-table's `padding`). */
export const cellPadding = 1;
/** A column never shrinks below this many cells (room for `x…`). */
const minimumColumn = 3;

export function tableHeight(rows: number): number {
	return rows + 4;
}

function cut(text: string, width: number, column: TableColumn, ascii: boolean): string {
	return column.keep === 'end' ? truncateStart(text, width, ascii) : truncate(text, width, ascii);
}

/** Pads (never cuts) `text` to `width` cells on the column's side. */
export function alignCell(text: string, width: number, column: TableColumn | undefined): string {
	return column?.align === 'right' ? padStart(text, width) : padEnd(text, width);
}

export function layoutTable(spec: TableSpec, width: number, ascii: boolean): TableLayout {
	const {columns, rows} = spec;
	const widths = columns.map((column, index) =>
		Math.max(cellWidth(column.title), ...rows.map(row => cellWidth(row[index] ?? ''))),
	);
	// Borders: one `│` before each column and one after the last; padding both sides of each.
	const frame = columns.length + 1 + columns.length * 2 * cellPadding;
	let excess = widths.reduce((sum, value) => sum + value, 0) + frame - width;
	while (excess > 0) {
		const widest = widths.indexOf(Math.max(...widths));
		if (widths[widest]! <= minimumColumn) {
			break;
		}

		widths[widest]!--;
		excess--;
	}

	return {
		columns,
		widths,
		titles: columns.map((column, index) => cut(column.title, widths[index]!, column, ascii)),
		rows: rows.map(row => columns.map((column, index) => cut(row[index] ?? '', widths[index]!, column, ascii))),
		ascii,
	};
}

/** The box characters: Unicode, or `+ - |` in ASCII. */
export function boxChar(char: string, ascii: boolean): string {
	if (!ascii) {
		return char;
	}

	return char === '─' ? '-' : char === '│' ? '|' : /[┌┐└┘├┤┬┴┼]/.test(char) ? '+' : char;
}

function rule(layout: TableLayout, [left, cross, right]: readonly [string, string, string]): string {
	const line = boxChar('─', layout.ascii);
	const segments = layout.widths.map(width => line.repeat(width + 2 * cellPadding));
	return boxChar(left, layout.ascii) + segments.join(boxChar(cross, layout.ascii)) + boxChar(right, layout.ascii);
}

function cells(layout: TableLayout, values: readonly string[]): string {
	const bar = boxChar('│', layout.ascii);
	const pad = ' '.repeat(cellPadding);
	const inner = layout.widths.map(
		(width, index) => `${pad}${alignCell(values[index] ?? '', width, layout.columns[index])}${pad}`,
	);
	return bar + inner.join(bar) + bar;
}

/** Line `index` (0 … rows + 3) of the table, as drawn. */
export function tableLineText(layout: TableLayout, index: number): string {
	const last = tableHeight(layout.rows.length) - 1;
	if (index === 0) {
		return rule(layout, ['┌', '┬', '┐']);
	}

	if (index === 1) {
		return cells(layout, layout.titles);
	}

	if (index === 2) {
		return rule(layout, ['├', '┼', '┤']);
	}

	if (index === last) {
		return rule(layout, ['└', '┴', '┘']);
	}

	return cells(layout, layout.rows[index - 3] ?? []);
}
