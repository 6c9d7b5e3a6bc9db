/**
Header: breadcrumbs of the opened node, its totals, the budget and block limit gauges (when a
budget or a limit is set), a sparkline of its scope (daily tokens or cost; `$` toggles) and the
active filters. Always `headerHeight(isDemo, hasGauges)` lines tall so the list window can be
computed without measuring.
*/
import {Box, Text} from 'ink';
import {inertText} from '../core/inert-text.js';
import type {ScopeSeries} from '../browser/series.js';
import type {TreeNode} from '../model/types.js';
import {formatTokens} from '../core/tokens.js';
import {formatCost, formatPercent, formatUsd, plural, toAscii, truncate, truncateStart} from './format.js';
import {previousPeriodOf} from '../model/query.js';
import {isGroupKind} from '../model/views.js';
import {crumbOf, periodChange} from './labels.js';
import {fittingGauges, type Gauge, gaugeGap, levelColor} from './limit-gauges.js';
import {sparkline} from './sparkline.js';
import type {Theme} from './theme.js';

export type HeaderProps = {
	readonly path: readonly TreeNode[];
	readonly width: number;
	readonly theme: Theme;
	readonly timeZone: string;
	readonly series: ScopeSeries;
	readonly sparkMetric: 'tokens' | 'cost';
	readonly filters: string;
	readonly isDemo: boolean;
	/**
	The limit gauges line, when a budget or a block limit is set (its height is known before the
	gauges are worked out, so the list does not jump); empty until they are.
	*/
	readonly gauges?: readonly Gauge[];
};

export function headerHeight(isDemo: boolean, hasGauges = false): number {
	return (isDemo ? 5 : 4) + (hasGauges ? 1 : 0);
}

function GaugesLine({gauges, width, theme}: {gauges: readonly Gauge[]; width: number; theme: Theme}) {
	const shown = fittingGauges(gauges, width);
	return (
		<Text wrap="truncate">
			{shown.map((gauge, index) => (
				<Text key={gauge.text.slice(0, 6)} color={levelColor(gauge.level, theme)}>
					{index > 0 ? gaugeGap : ''}
					{index === 0 ? truncate(gauge.text, width, theme.ascii) : gauge.text}
				</Text>
			))}
		</Text>
	);
}

export function totalsLine(node: TreeNode, theme: Theme): string {
	const {totals} = node;
	const parts = [
		`${formatTokens(totals.total)} tokens`,
		formatCost(totals, theme.ascii),
		`cache ${formatPercent(totals.cacheHitRate)}`,
		plural(totals.calls, 'call'),
	];
	if (node.kind === 'root' || node.kind === 'week' || node.kind === 'day' || isGroupKind(node.kind)) {
		parts.push(plural(totals.sessions, 'session'));
	}

	if (node.kind === 'session') {
		parts.push(plural(totals.turns, 'turn'));
	}

	const change = changeText(node, theme);
	if (change) {
		parts.push(change);
	}

	return parts.join(theme.dot);
}

/**
A week's or day's tokens against the period before it, in the rows' words: `+34% vs 2026-W46`,
`−12% vs 2026-11-17`, `×12 vs 2026-11-16`; nothing when that period had no usage.
*/
export function changeText(node: TreeNode, theme: Theme): string | undefined {
	const previous = previousPeriodOf(node);
	const change = periodChange(node, theme.ascii);
	if (!previous || !change || change.direction === 'new') {
		return undefined;
	}

	return `${change.text} vs ${previous.key}`;
}

export function Header({path, width, theme, timeZone, series, sparkMetric, filters, isDemo, gauges}: HeaderProps) {
	const node = path.at(-1)!;
	const joined = inertText(path.map(item => crumbOf(item, timeZone)).join(theme.separator));
	const crumbs = theme.ascii ? toAscii(joined) : joined;
	const title = 'agent-ncdu ';
	const peak = Math.max(0, ...series.values);
	const peakText = sparkMetric === 'tokens' ? formatTokens(peak) : formatUsd(peak);
	const caption = `${series.unit} ${sparkMetric} (max ${peakText}) `;
	const range = series.from && series.to && series.from !== series.to ? ` ${series.from}..${series.to}` : '';
	const sparkWidth = Math.max(0, Math.min(series.values.length, width - caption.length - range.length));
	return (
		<Box flexDirection="column" height={headerHeight(isDemo, gauges !== undefined)}>
			{isDemo ? (
				<Text color={theme.warning} inverse={!theme.warning} wrap="truncate">
					{truncate(`Demo data ${theme.ascii ? '-' : '—'} no agent data found on this machine`, width, theme.ascii)}
				</Text>
			) : null}
			<Text wrap="truncate">
				<Text bold color={theme.accent}>
					{title}
				</Text>
				{truncateStart(crumbs, Math.max(1, width - title.length), theme.ascii)}
			</Text>
			<Text wrap="truncate">{truncate(totalsLine(node, theme), width, theme.ascii)}</Text>
			{gauges ? <GaugesLine gauges={gauges} width={width} theme={theme} /> : null}
			<Text wrap="truncate">
				<Text color={theme.muted}>{caption}</Text>
				<Text color={theme.bar}>{sparkline(series.values, sparkWidth, theme.ascii)}</Text>
				<Text color={theme.muted}>{series.values.length > 0 ? range : 'no data'}</Text>
			</Text>
			<Text wrap="truncate" color={filters ? theme.warning : theme.muted}>
				{truncate(
					filters ? inertText(`Filters: ${filters}`) : 'Filters: none (a agent, t time, / text)',
					width,
					theme.ascii,
				)}
			</Text>
		</Box>
	);
}
