/**
The info pane (`i`) as plain lines for the selected node: token split by kind, cost and its
source, cache hit rate, counts, activity split, models, agents, the largest sessions (above
the session level), session facts, and for turns and calls the tool calls and files; for week/day nodes a larger asciichart trend and what moved
most against the week or day before.
Pure, so it is tested without Ink and scrolled by slicing.
*/
import asciichart from 'asciichart';
import {type Activity, activities} from '../core/activity.js';
import {agentLabels, isAgentId} from '../core/agents.js';
import {inertText} from '../core/inert-text.js';
import {dayKey} from '../core/time.js';
import type {ScopeSeries} from '../browser/series.js';
import {filesOf, timeOrderOf} from '../model/nodes.js';
import type {Breakdown, SessionInfo, TreeNode} from '../model/types.js';
import {isGroupKind} from '../model/views.js';
import {cacheWriteOf, formatTokens, totalOf} from '../core/tokens.js';
import {
	formatClock,
	formatCost,
	formatDuration,
	formatInteger,
	formatPercent,
	formatUsd,
	padEnd,
	padStart,
	plural,
	toAscii,
	truncate,
	wrapText,
} from './format.js';
import {sessionName, signedChange, toolSummary} from './labels.js';
import {largestSessions} from '../insights/largest-sessions.js';
import {type MoverKind, movedMost} from '../insights/movers.js';
import {renderBar} from './sparkline.js';
import {layoutTable, type TableSpec, tableHeight, tableLineText, type TableLayout} from './table-layout.js';
import type {Theme} from './theme.js';

/**
One line of a pane. A table's lines carry it (`table`): the pane draws them with ui/table.tsx;
`text` is then the same line as plain text.
*/
export type Line = {
	readonly text: string;
	readonly heading?: boolean;
	readonly table?: {readonly layout: TableLayout; readonly line: number};
};

/** The lines of a table fitted to `width` (cells made inert, and ASCII in --ascii). */
export function tableLines(spec: TableSpec, width: number, ascii: boolean): Line[] {
	const shown = (text: string) => (ascii ? toAscii(inertText(text)) : inertText(text));
	const layout = layoutTable({columns: spec.columns, rows: spec.rows.map(row => row.map(shown))}, width, ascii);
	return Array.from({length: tableHeight(layout.rows.length)}, (_, line) => ({
		text: tableLineText(layout, line),
		table: {layout, line},
	}));
}

const asciiSymbols = ['+', '|', '-', '-', '-', '\\', '/', '\\', '/', '|'];

function when(time: number, timeZone: string): string {
	return `${dayKey(time, timeZone)} ${formatClock(time, timeZone)}`;
}

/** Models or agents with their tokens, share of the node's tokens, cost and calls: a table. */
function breakdownLines(
	title: string,
	map: ReadonlyMap<string, Breakdown>,
	total: number,
	name: (key: string) => string,
	layout: {readonly width: number; readonly ascii: boolean},
): Line[] {
	if (map.size === 0) {
		return [];
	}

	const rows = [...map]
		.sort((a, b) => sum(b[1]) - sum(a[1]))
		.map(([key, value]) => [
			name(key),
			formatTokens(sum(value)),
			formatPercent(total > 0 ? sum(value) / total : 0),
			value.costUSD === null ? 'unpriced' : formatUsd(value.costUSD),
			formatInteger(value.calls),
		]);
	const columns = [
		{title: title.toLowerCase().replace(/s$/, '')},
		...['tokens', 'share', 'cost', 'calls'].map(heading => ({title: heading, align: 'right' as const})),
	];
	return [{text: title, heading: true}, ...tableLines({columns, rows}, layout.width, layout.ascii)];
}

function sum(value: Breakdown): number {
	return totalOf(value.tokens);
}

/**
The node's five largest sessions (fragments of one session merged): a table. Started is
`MM-DD hh:mm`, so the names keep some room in the 58-column side pane.
*/
function largestSessionLines(node: TreeNode, timeZone: string, theme: Theme, width: number): Line[] {
	const sessions = largestSessions(node);
	if (!sessions || sessions.length === 0) {
		return [];
	}

	const rows = sessions.map(size => [
		sessionName(size.session, theme),
		`${dayKey(size.session.firstTime, timeZone).slice(5)} ${formatClock(size.session.firstTime, timeZone)}`,
		formatTokens(size.total),
		formatCost(size, theme.ascii),
		formatPercent(size.cacheHitRate),
	]);
	const columns = [
		{title: 'session'},
		{title: 'started'},
		...['tokens', 'cost', 'hit'].map(title => ({title, align: 'right' as const})),
	];
	return [{text: 'Largest sessions', heading: true}, ...tableLines({columns, rows}, width, theme.ascii)];
}

function toolAndFileLines(node: TreeNode, theme: Theme): Line[] {
	const tools: Array<{name: string}> = [];
	const files = new Map<string, number>();
	const {rows, rowAt} = timeOrderOf(node);
	for (const row of rowAt) {
		const callTools = rows.toolsOf(row);
		tools.push(...callTools);
		for (const file of filesOf(callTools)) {
			files.set(file, (files.get(file) ?? 0) + 1);
		}
	}
	const lines: Line[] = [{text: `Tool calls (${tools.length})`, heading: true}];
	lines.push({text: tools.length > 0 ? `  ${toolSummary(tools, theme.ascii)}` : '  none'});
	lines.push({text: `Files (${files.size})`, heading: true});
	const times = theme.ascii ? 'x' : '×';
	for (const [file, count] of [...files].sort((a, b) => b[1] - a[1]).slice(0, 50)) {
		lines.push({text: `  ${file}${count > 1 ? ` ${times}${count}` : ''}`});
	}

	if (files.size > 50) {
		lines.push({text: `  … and ${files.size - 50} more`});
	}

	return lines;
}

function chartLines(series: ScopeSeries, width: number, theme: Theme): Line[] {
	const values = series.values.slice(-Math.max(2, width - 14));
	if (values.length < 2) {
		return [];
	}

	const chart = asciichart.plot(values, {
		height: 6,
		format: value => padStart(formatTokens(value), 8),
		...(theme.ascii ? {symbols: asciiSymbols} : {}),
	});
	return [{text: `Trend (${series.unit})`, heading: true}, ...chart.split('\n').map(text => ({text}))];
}

const moverTitles: Record<MoverKind, string> = {projects: 'Projects', sessions: 'Sessions', models: 'Models'};

/** `+$3.10`, `−$0.42` (ASCII `-`): a change of cost. */
function signedUsd(value: number, ascii: boolean): string {
	const minus = ascii ? '-' : '−';
	return `${value < 0 ? minus : '+'}${formatUsd(Math.abs(value))}`;
}

/**
The projects, sessions and models whose tokens rose or fell the most against the period
before: `payments-api   +1.2M tokens  +$3.10`.
*/
function movedLines(node: TreeNode, theme: Theme, width: number): Line[] {
	const moved = movedMost(node);
	if (!moved) {
		return [{text: `Moved most: nothing to compare with (no usage the ${node.kind} before)`, heading: true}];
	}

	const lines: Line[] = [{text: `Moved most vs ${moved.previous.key}`, heading: true}];
	// The names give way first, so both figures stay inside a side pane (58 columns at 140).
	const nameWidth = Math.max(12, Math.min(30, width - 4 - 15 - 10));
	for (const [kind, {up, down}] of Object.entries(moved.movers) as Array<
		[MoverKind, (typeof moved.movers)[MoverKind]]
	>) {
		if (up.length + down.length > 0) {
			lines.push({text: `  ${moverTitles[kind]}`});
			for (const mover of [...up, ...down]) {
				const tokens = `${signedChange(mover.tokens, theme.ascii)} tokens`;
				lines.push({
					text: `    ${padEnd(truncate(mover.label, nameWidth, theme.ascii), nameWidth)} ${padStart(tokens, 14)} ${padStart(signedUsd(mover.costUSD, theme.ascii), 9)}`,
				});
			}
		}
	}

	return lines;
}

/** Tokens by kind, cost with its source and price key, and counts. */
function totalsLines(node: TreeNode, theme: Theme): Line[] {
	const {totals} = node;
	const t = totals.tokens;
	return [
		{text: 'Tokens', heading: true},
		{text: `  total ${formatInteger(totals.total)}`},
		{
			text: `  input ${formatInteger(t.input)} · cache read ${formatInteger(t.cacheRead)} · cache write ${formatInteger(cacheWriteOf(t))}${t.cacheWrite1h > 0 ? ` (1h: ${formatInteger(t.cacheWrite1h)})` : ''}`,
		},
		{text: `  output ${formatInteger(t.output)}${t.reasoning > 0 ? ` (reasoning ${formatInteger(t.reasoning)})` : ''}`},
		{text: `  cache hit rate ${formatPercent(totals.cacheHitRate)}`},
		{text: 'Cost', heading: true},
		{
			text: `  ${formatCost(totals, theme.ascii)}  source: ${totals.costSource}${totals.unpricedTokens > 0 ? ` · ${formatInteger(totals.unpricedTokens)} tokens unpriced` : ''}${node.call?.pricingKey ? ` · price key ${node.call.pricingKey}` : ''}${node.call?.longContext ? ' · long-context tier' : ''}`,
		},
		{
			text: `Counts    ${plural(totals.sessions, 'session')} · ${plural(totals.turns, 'turn')} · ${plural(totals.calls, 'call')}`,
		},
	];
}

/** A session's agent, project and id, and whichever of its cwd, branch, surface, device and title it has. */
function sessionLines(session: SessionInfo): Line[] {
	const details = [
		['cwd', session.cwd],
		['branch', session.gitBranch],
		['surface', session.surface],
		['device', session.device],
		['title', session.title],
	] as const;
	return [
		{text: 'Session', heading: true},
		{text: `  ${agentLabels[session.agent]} · ${session.project} · id ${session.sessionId}`},
		...details.flatMap(([label, value]) => (value ? [{text: `  ${label} ${value}`}] : [])),
	];
}

/** Each activity with tokens: a bar and percent of the node's tokens, and its cost: a table. */
function activityLines(totals: TreeNode['totals'], theme: Theme, width: number): Line[] {
	const rows: string[][] = [];
	for (const activity of activities) {
		const share = totals.activity[activity as Activity];
		if (share.tokens > 0) {
			const ratio = totals.total > 0 ? share.tokens / totals.total : 0;
			rows.push([activity, renderBar(ratio, 1, 12, theme.ascii), formatPercent(ratio), formatUsd(share.costUSD)]);
		}
	}

	const columns = [
		{title: 'activity'},
		{title: ''},
		{title: 'share', align: 'right' as const},
		{title: 'cost', align: 'right' as const},
	];
	return [
		{text: 'Activity (share of tokens)', heading: true},
		...(rows.length > 0 ? tableLines({columns, rows}, width, theme.ascii) : []),
	];
}

export function infoLines(
	node: TreeNode,
	options: {timeZone: string; theme: Theme; width: number; series?: ScopeSeries},
): Line[] {
	const {timeZone, theme, width} = options;
	const {totals} = node;
	const lines: Line[] = [{text: `${node.kind.toUpperCase()}  ${node.label}`, heading: true}];
	if (totals.calls > 0) {
		lines.push({
			text: `Time      ${when(totals.firstTime, timeZone)} → ${when(totals.lastTime, timeZone)} (${formatDuration(totals.lastTime - totals.firstTime)})`,
		});
	}

	lines.push(...totalsLines(node, theme));
	// The trend comes early for weeks and days (and a project's, model's… days): it is what those levels are for.
	if ((node.kind === 'week' || node.kind === 'day' || isGroupKind(node.kind)) && options.series) {
		lines.push(...chartLines(options.series, width, theme));
	}

	if (node.kind === 'week' || node.kind === 'day') {
		lines.push(...movedLines(node, theme, width));
	}

	if (node.session) {
		lines.push(...sessionLines(node.session));
	}

	if (node.turn?.prompt) {
		// Inert before wrapping, so the wrap measures what the pane draws (`\u009b` is 6 cells).
		lines.push(
			{text: 'Prompt', heading: true},
			...wrapText(inertText(node.turn.prompt), Math.max(10, width - 4)).map(text => ({text: `  ${text}`})),
		);
	}

	const table = {width, ascii: theme.ascii};
	lines.push(...activityLines(totals, theme, width));
	lines.push(...breakdownLines('Models', totals.byModel, totals.total, key => key, table));
	lines.push(
		...breakdownLines('Agents', totals.byAgent, totals.total, key => (isAgentId(key) ? agentLabels[key] : key), table),
	);
	lines.push(...largestSessionLines(node, timeZone, theme, width));
	if (node.kind === 'turn' || node.kind === 'call' || node.kind === 'session') {
		lines.push(...toolAndFileLines(node, theme));
	}

	if (node.call?.callId) {
		lines.push({text: `Call id   ${node.call.callId}`});
	}

	return lines;
}
