/**
Sparklines and bars as pure strings. Unicode mode uses block elements; ASCII mode (`--ascii`)
uses only printable ASCII so the output survives any terminal, log or font.

Invariants: `sparkline` returns at most `width` characters, zero stays blank so "no usage"
differs from "a little usage"; `renderBar` returns exactly `width` characters.
*/
const blocks = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
const asciiLevels = ['_', '.', '-', '=', '+', '*', '#', '@'];
const eighths = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/** Sums neighbouring values so `values` fits in `width` buckets (keeps totals meaningful). */
export function resample(values: readonly number[], width: number): number[] {
	if (width <= 0) {
		return [];
	}

	if (values.length <= width) {
		return [...values];
	}

	const result = new Array<number>(width).fill(0);
	for (const [index, value] of values.entries()) {
		result[Math.min(width - 1, Math.floor((index * width) / values.length))]! += value;
	}

	return result;
}

/** `▁▂▅█` (or `_.=@`) scaled to the largest value; empty input gives an empty string. */
export function sparkline(values: readonly number[], width: number, ascii = false): string {
	const levels = ascii ? asciiLevels : blocks;
	const fitted = resample(values, width);
	const max = Math.max(0, ...fitted);
	return fitted
		.map(value => {
			if (!(value > 0) || max === 0) {
				return ' ';
			}

			const level = Math.ceil((value / max) * levels.length) - 1;
			return levels[Math.min(levels.length - 1, Math.max(0, level))]!;
		})
		.join('');
}

/**
A horizontal bar of exactly `width` cells for `value / max`. Unicode mode draws eighth-cell
precision; ASCII mode draws `#`. Any positive value gets at least a sliver so it is visible.
*/
export function renderBar(value: number, max: number, width: number, ascii = false): string {
	if (width <= 0) {
		return '';
	}

	const ratio = max > 0 && value > 0 ? Math.min(1, value / max) : 0;
	if (ascii) {
		const filled = ratio > 0 ? Math.max(1, Math.round(ratio * width)) : 0;
		return '#'.repeat(filled) + ' '.repeat(width - filled);
	}

	const units = ratio > 0 ? Math.max(1, Math.round(ratio * width * 8)) : 0;
	const full = Math.floor(units / 8);
	const partial = eighths[units % 8]!;
	const bar = '█'.repeat(full) + partial;
	return bar + ' '.repeat(width - bar.length);
}
