/**
Header: breadcrumbs of the opened node, its totals, a sparkline of its scope (daily tokens or
cost; `$` toggles) and the active filters. Always `headerHeight(isDemo)` lines tall so the list
window can be computed without measuring.
*/
import {Box, Text} from 'ink';
import {inertText} from '../core/inert-text.js';
import type {ScopeSeries} from '../browser/series.js';
import type {TreeNode} from '../model/types.js';
import {formatTokens} from '../core/tokens.js';
import {formatCost, formatPercent, formatUsd, plural, toAscii, truncate, truncateStart} from './format.js';
import {previousPeriodOf} from '../model/query.js';
import {isGroupKind} from '../model/views.js';
import {crumbOf} from './labels.js';
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
};

export function headerHeight(isDemo: boolean): number {
	return isDemo ? 5 : 4;
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

/** A week's or day's tokens against the period before it: `+34% vs 2026-W46`, `−12% vs 2026-11-17`. */
export function changeText(node: TreeNode, theme: Theme): string | undefined {
	const previous = previousPeriodOf(node);
	if (!previous || previous.totals.total === 0) {
		return undefined;
	}

	const ratio = node.totals.total / previous.totals.total - 1;
	const percent = Math.round(ratio * 100);
	const sign = percent > 0 ? '+' : percent < 0 ? (theme.ascii ? '-' : '−') : '±';
	return `${sign}${Math.abs(percent)}% vs ${previous.key}`;
}

export function Header({path, width, theme, timeZone, series, sparkMetric, filters, isDemo}: HeaderProps) {
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
		<Box flexDirection="column" height={headerHeight(isDemo)}>
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
