/**
Markdown pieces for the monthly statement: text from data made literal, and pipe tables.

Invariant: every data-derived string (project, model, session id, device, insight message)
goes through `markdownText` before it is placed, so a name like `a|b`, `**x**` or `<img>`
shows as written and never breaks a table row or turns into markup. Our own words and
figures are written as they are.
*/
import {inertText} from '../core/inert-text.js';

/**
The characters that make Markdown (CommonMark, GitHub's tables and math) do something inside
a line: escapes, code, emphasis, links, HTML, table cells, strike-through, entities, math.
`#`, `-`, `+` and digits only matter at the start of a line, where data never stands.
*/
const special = /[\\`*_[\]<>|~&$]/g;

/** Text from data as literal Markdown on one line: whitespace folded, controls inert, specials escaped. */
export function markdownText(value: string): string {
	return inertText(value.replace(/\s+/g, ' ').trim()).replace(special, character => `\\${character}`);
}

export type Align = 'left' | 'right';

/**
A pipe table: a header row, the alignment row, then one row per entry. Cells are written as
given (escape data with `markdownText` first); a row shorter than the header is padded.
*/
export function markdownTable(
	head: readonly string[],
	align: readonly Align[],
	rows: ReadonlyArray<readonly string[]>,
): string[] {
	const line = (cells: readonly string[]) => `| ${head.map((_, index) => cells[index] ?? '').join(' | ')} |`;
	const rule = `|${head.map((_, index) => (align[index] === 'right' ? '---:' : ':---')).join('|')}|`;
	return [line(head), rule, ...rows.map(row => line(row))];
}
