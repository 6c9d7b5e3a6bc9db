/**
Pure formatting helpers for the TUI: token counts, USD, durations, percents, clock times and
text fitting. Every function returns a plain string (no color) so rows can be measured and
cut to the terminal width before Ink sees them.
*/
import stringWidth from 'string-width';
import type {Totals} from '../model/types.js';

/** `1,234,567` (grouped, for the info pane where exact numbers matter). */
export function formatInteger(value: number): string {
	return Math.round(value).toLocaleString('en-US');
}

/**
`$12.34`; `~$12.34` when estimated from list prices; `<$0.01` for tiny positive amounts;
`$1.2k` above $1,000 so the column stays narrow.
*/
export function formatUsd(value: number, estimated = false): string {
	const prefix = estimated ? '~$' : '$';
	if (value > 0 && value < 0.005) {
		return `<${prefix}0.01`;
	}

	if (value >= 10_000) {
		return `${prefix}${(value / 1000).toFixed(1)}k`;
	}

	return `${prefix}${value.toFixed(2)}`;
}

/**
The cost of a node as the list shows it: `~` when any part is an estimate, `≥` (ASCII `>=`)
when some calls are unpriced (the known part is a lower bound), `-` when nothing is priced.
*/
export function formatCost(totals: Pick<Totals, 'costUSD' | 'pricedCostUSD' | 'costSource'>, ascii = false): string {
	const estimated = totals.costSource === 'estimated' || totals.costSource === 'mixed';
	if (totals.costUSD !== null) {
		return formatUsd(totals.costUSD, estimated);
	}

	if (totals.pricedCostUSD > 0) {
		return `${ascii ? '>=' : '≥'}${formatUsd(totals.pricedCostUSD, estimated)}`;
	}

	return '-';
}

/** `45s`, `12m`, `1h 05m`, `2d 03h`; `0s` for zero or negative spans. */
export function formatDuration(ms: number): string {
	const seconds = Math.max(0, Math.round(ms / 1000));
	if (seconds < 60) {
		return `${seconds}s`;
	}

	const minutes = Math.floor(seconds / 60);
	if (minutes < 60) {
		return `${minutes}m`;
	}

	const hours = Math.floor(minutes / 60);
	if (hours < 24) {
		return `${hours}h ${String(minutes % 60).padStart(2, '0')}m`;
	}

	return `${Math.floor(hours / 24)}d ${String(hours % 24).padStart(2, '0')}h`;
}

/** A ratio as `12.3%` (`100%` without decimals; `0.0%` for zero or non-finite). */
export function formatPercent(ratio: number): string {
	if (!Number.isFinite(ratio) || ratio <= 0) {
		return '0.0%';
	}

	const percent = ratio * 100;
	return percent >= 99.95 ? `${Math.round(percent)}%` : `${percent.toFixed(1)}%`;
}

/** Bytes as `512 B`, `1.5 MB`, `2.0 GB` (loading view). */
export function formatBytes(bytes: number): string {
	const steps = ['B', 'KB', 'MB', 'GB', 'TB'];
	let value = bytes;
	let step = 0;
	while (value >= 1024 && step < steps.length - 1) {
		value /= 1024;
		step++;
	}

	return step === 0 ? `${Math.round(value)} B` : `${value.toFixed(1)} ${steps[step]}`;
}

const clockFormatters = new Map<string, Intl.DateTimeFormat>();

/** `HH:MM` (or `HH:MM:SS`) of an instant in a time zone. */
export function formatClock(time: number, timeZone: string, seconds = false): string {
	const id = `${timeZone}|${seconds}`;
	let formatter = clockFormatters.get(id);
	if (!formatter) {
		formatter = new Intl.DateTimeFormat('en-GB', {
			timeZone,
			hour: '2-digit',
			minute: '2-digit',
			second: seconds ? '2-digit' : undefined,
			hourCycle: 'h23',
		});
		clockFormatters.set(id, formatter);
	}

	return formatter.format(time);
}

/** Collapses whitespace (prompts contain newlines) so a value fits on one row. */
export function oneLine(text: string): string {
	return text.replace(/\s+/g, ' ').trim();
}

/**
Greedy word wrap to lines of at most `width` terminal cells: words are joined by one space while
they fit; a word longer than the width starts a line and is split into width-long pieces, so
no text is lost (a prompt's URL or an insight's path is shown whole).
*/
export function wrapText(text: string, width: number): string[] {
	const size = Math.max(1, Math.floor(width));
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(/\s+/).filter(Boolean)) {
		if (line !== '' && stringWidth(line) + 1 + stringWidth(word) <= size) {
			line += ` ${word}`;
			continue;
		}

		if (line !== '') {
			lines.push(line);
		}

		line = word;
		while (stringWidth(line) > size) {
			// A grapheme wider than the line (a CJK character in one cell) goes on a line of its own.
			const head = fitCells(line, size, 'start') || [...graphemes.segment(line)][0]!.segment;
			lines.push(head);
			line = line.slice(head.length);
		}
	}

	if (line !== '') {
		lines.push(line);
	}

	return lines;
}

/** Display cells of `text` in a terminal: wide CJK and most emoji take two, combining marks none. */
export function cellWidth(text: string): number {
	return stringWidth(text);
}

const graphemes = new Intl.Segmenter(undefined, {granularity: 'grapheme'});

/** The longest run of whole graphemes of `text` that fits in `width` cells, from its start or its end. */
function fitCells(text: string, width: number, from: 'start' | 'end'): string {
	const parts = [...graphemes.segment(text)].map(part => part.segment);
	if (from === 'end') parts.reverse();
	let used = 0;
	let count = 0;
	for (const part of parts) {
		used += stringWidth(part);
		if (used > width) break;
		count++;
	}

	const kept = parts.slice(0, count);
	return from === 'end' ? kept.reverse().join('') : kept.join('');
}

/**
Cuts `text` to `width` terminal cells, ending with `…` (ASCII `...`) when cut. Counts cells, not
characters (a project or prompt in CJK or with emoji takes two cells a character), and never
splits a grapheme, so a row never runs past the terminal's edge.
*/
export function truncate(text: string, width: number, ascii = false): string {
	if (width <= 0) {
		return '';
	}

	if (stringWidth(text) <= width) {
		return text;
	}

	const ellipsis = ascii ? '...' : '…';
	if (width <= ellipsis.length) {
		return fitCells(text, width, 'start');
	}

	return fitCells(text, width - ellipsis.length, 'start') + ellipsis;
}

/** Keeps the end of `text` (breadcrumbs: the deepest part matters most), in cells like `truncate`. */
export function truncateStart(text: string, width: number, ascii = false): string {
	if (stringWidth(text) <= width) {
		return text;
	}

	const ellipsis = ascii ? '...' : '…';
	return width <= ellipsis.length
		? fitCells(text, width, 'end')
		: ellipsis + fitCells(text, width - ellipsis.length, 'end');
}

export function padStart(text: string, width: number): string {
	const cells = stringWidth(text);
	return cells >= width ? text : ' '.repeat(width - cells) + text;
}

export function padEnd(text: string, width: number): string {
	const cells = stringWidth(text);
	return cells >= width ? text : text + ' '.repeat(width - cells);
}

/** `1 call`, `2 calls`, `1,234 sessions`. */
export function plural(count: number, noun: string): string {
	return `${formatInteger(count)} ${noun}${count === 1 ? '' : 's'}`;
}

const asciiReplacements: ReadonlyArray<readonly [RegExp, string]> = [
	[/·/g, '-'],
	[/→/g, '->'],
	[/←/g, '<-'],
	[/↑/g, '^'],
	[/↓/g, 'v'],
	[/…/g, '...'],
	[/×/g, 'x'],
	[/—/g, '-'],
	[/–/g, '-'],
	[/›/g, '>'],
	[/↩/g, '<'],
	[/↪/g, '>'],
	[/≥/g, '>='],
	[/≤/g, '<='],
	[/≈/g, '~'],
	[/[“”]/g, '"'],
	[/[‘’]/g, "'"],
];

/**
`--ascii`: replaces the typographic characters this UI and the insight messages emit (arrows,
dashes, `×`, `≥`, `≈`, curly quotes…) with plain ones; other characters are left alone.
*/
export function toAscii(text: string): string {
	let result = text;
	for (const [pattern, replacement] of asciiReplacements) {
		result = result.replace(pattern, replacement);
	}

	return result;
}
