/**
Reading the monthly statement's Markdown back in tests: the cells of a pipe table, split at
the pipes no backslash escapes, and a cell's text as Markdown shows it.
*/

/** A table row's cells, split the way Markdown does: at pipes that no backslash escapes. */
export function cellsOf(line: string): string[] {
	const cells: string[] = [];
	let cell = '';
	for (let index = 1; index < line.length; index++) {
		const character = line[index]!;
		if (character === '\\') {
			cell += character + (line[index + 1] ?? '');
			index++;
		} else if (character === '|') {
			cells.push(cell.trim());
			cell = '';
		} else {
			cell += character;
		}
	}

	return cells;
}

/** A cell's text as Markdown shows it (a backslash before punctuation is dropped). */
export const shown = (cell: string) => cell.replace(/\\([!-/:-@[-`{-~])/g, '$1');

/** The rows of the table under `## title`, header first. */
export function tableUnder(markdown: string, title: string): string[][] {
	const section = markdown.split(`## ${title}\n\n`)[1]!;
	const lines = section.split('\n');
	const table = lines.slice(
		0,
		lines.findIndex(line => !line.startsWith('|')),
	);
	return table.map(line => cellsOf(line));
}
