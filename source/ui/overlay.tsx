/**
A scrollable pane of plain lines (info, help, diagnostics, placeholders) drawn in place of the
list. Scrolling is a slice of the lines; the offset lives in the reducer state. The lines of a
table (info-lines.ts `tableLines`) are drawn by ui/table.tsx, only those in view.
*/
import {Box, Text} from 'ink';
import type {ReactNode} from 'react';
import {inertText} from '../core/inert-text.js';
import {toAscii, truncate} from './format.js';
import type {Line} from './info-lines.js';
import {TableView} from './table.js';
import type {Theme} from './theme.js';

export type OverlayProps = {
	readonly title: string;
	readonly lines: readonly Line[];
	readonly top: number;
	readonly rows: number;
	readonly width: number;
	readonly theme: Theme;
	/**
	What j/k do here, said in the title when the lines do not fit: `scroll` (help, diagnostics),
	or `select` where they move the list's cursor and the pane follows it (info).
	*/
	readonly keys?: 'scroll' | 'select';
};

/** The first line index that keeps the pane full (clamps a scroll past the end). */
export function clampTop(top: number, lineCount: number, rows: number): number {
	return Math.max(0, Math.min(top, lineCount - rows));
}

export function Overlay({title, lines, top, rows, width, theme, keys = 'scroll'}: OverlayProps) {
	const bodyRows = Math.max(1, rows - 1);
	const first = clampTop(top, lines.length, bodyRows);
	const more =
		lines.length > first + bodyRows
			? ` (${first + 1}-${first + bodyRows} of ${lines.length}, ${keys === 'scroll' ? 'j/k scroll' : 'j/k: next row'})`
			: '';
	const fix = (text: string) => {
		const inert = inertText(text);
		return truncate(theme.ascii ? toAscii(inert) : inert, width, theme.ascii);
	};
	return (
		<Box height={rows} flexDirection="column" overflow="hidden">
			<Text inverse wrap="truncate">
				{fix(`${title}${more}  Esc: close`.padEnd(width))}
			</Text>
			{visibleLines(lines.slice(first, first + bodyRows), first, theme, fix)}
		</Box>
	);
}

/** Text lines one by one; each run of one table's lines as one TableView of those lines. */
function visibleLines(lines: readonly Line[], first: number, theme: Theme, fix: (text: string) => string): ReactNode[] {
	const drawn: ReactNode[] = [];
	for (let index = 0; index < lines.length; index++) {
		const line = lines[index]!;
		const {table} = line;
		if (table) {
			let end = index + 1;
			while (end < lines.length && lines[end]!.table?.layout === table.layout) {
				end++;
			}

			drawn.push(
				<TableView
					key={first + index}
					layout={table.layout}
					from={table.line}
					to={table.line + end - index}
					theme={theme}
				/>,
			);
			index = end - 1;
			continue;
		}

		drawn.push(
			// Lines are positional: the same index is the same screen line.
			<Text key={first + index} wrap="truncate" bold={line.heading} color={line.heading ? theme.accent : undefined}>
				{fix(line.text)}
			</Text>,
		);
	}

	return drawn;
}
