/**
The header's limit line: the budget (`--budget`, `B`) and the 5-hour block's limit
(`--token-limit`, `--plan`) as `used / limit [bar] time left`, each with its warning level.
The level is carried by a symbol as well as a colour (`▲` at 60 and 80 %, `✖` at 95 %; ASCII
`!` and `!!`), so `--ascii` and `NO_COLOR` still say it. Pure strings, cut to the width here.
*/
import {type BudgetStatus, budgetAmountText, budgetText} from '../insights/budget.js';
import {formatTokens} from '../core/tokens.js';
import {cellWidth, formatDuration} from './format.js';
import {renderBar} from './sparkline.js';
import type {Theme} from './theme.js';

export type WarningLevel = 0 | 60 | 80 | 95;

/** The active block against a limit the user gave; `used` undefined when no block is active. */
export type BlockGauge = {
	readonly used: number | undefined;
	readonly limit: number;
	readonly level: WarningLevel;
	readonly minutesLeft: number;
};

export type Gauge = {readonly text: string; readonly level: WarningLevel};

export function levelMark(level: WarningLevel, ascii: boolean): string {
	if (level >= 95) {
		return ascii ? '!! ' : '✖ ';
	}

	return level > 0 ? (ascii ? '! ' : '▲ ') : '';
}

/** Bar cells for a terminal width: an eighth of it, within 6..20. */
export function gaugeBarWidth(width: number): number {
	return Math.max(6, Math.min(20, Math.floor(width / 8)));
}

const percent = (ratio: number) => `${Math.round(ratio * 100)}%`;

/** `Budget ▲ 82% $41.20 / $50/day [████████  ] 6h 12m left`. */
export function budgetGauge(status: BudgetStatus, width: number, theme: Theme): Gauge {
	const {budget} = status;
	const bar = renderBar(status.ratio, 1, gaugeBarWidth(width), theme.ascii);
	const used = budgetAmountText(status.used, budget.unit);
	return {
		text: `Budget ${levelMark(status.level, theme.ascii)}${percent(status.ratio)} ${used} / ${budgetText(budget)} [${bar}] ${formatDuration(status.msLeft)} left`,
		level: status.level,
	};
}

/** `Block 62% 54.6K / 88.0K [██████    ] 2h 10m left`, or `… no active block`. */
export function blockGauge(block: BlockGauge, width: number, theme: Theme): Gauge {
	const limit = formatTokens(block.limit);
	if (block.used === undefined) {
		return {text: `Block 0% 0 / ${limit} (no active block)`, level: 0};
	}

	const ratio = block.used / block.limit;
	const bar = renderBar(ratio, 1, gaugeBarWidth(width), theme.ascii);
	return {
		text: `Block ${levelMark(block.level, theme.ascii)}${percent(ratio)} ${formatTokens(block.used)} / ${limit} [${bar}] ${formatDuration(block.minutesLeft * 60_000)} left`,
		level: block.level,
	};
}

/**
The gauges that fit in `width`, in order (the budget first): the first always (the header cuts
it), each other one whole or not at all (the footer still shows the block).
*/
export function fittingGauges(gauges: readonly Gauge[], width: number): Gauge[] {
	const kept: Gauge[] = [];
	let used = 0;
	for (const gauge of gauges) {
		const needed = cellWidth(gauge.text) + (kept.length > 0 ? gaugeGap.length : 0);
		if (kept.length === 0 || used + needed <= width) {
			kept.push(gauge);
			used += needed;
		}
	}

	return kept;
}

export const gaugeGap = '   ';

export function levelColor(level: WarningLevel, theme: Theme): string | undefined {
	return level >= 95 ? theme.error : level > 0 ? theme.warning : theme.good;
}
