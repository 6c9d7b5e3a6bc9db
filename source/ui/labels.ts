/**
One-line labels for list rows, per node kind (week/day: date; project, model, agent, device:
its name; session: project · agent · model · duration with continuation marks, under a
project its start instead of the project; turn: time and prompt preview; API call: time ·
model · tools · files · cache hit). Pure strings; the row cuts them to the width.
*/
import {agentLabels} from '../core/agents.js';
import {dayKey} from '../core/time.js';
import {formatTokens} from '../core/tokens.js';
import {viewNameOf} from '../model/nodes.js';
import {previousPeriodOf} from '../model/query.js';
import type {SessionInfo, TreeNode} from '../model/types.js';
import {formatClock, formatDuration, formatPercent, oneLine} from './format.js';
import type {Theme} from './theme.js';

/** `Read×3 Bash` (ASCII `Readx3`): tool names in first-use order with counts. */
export function toolSummary(tools: readonly {name: string}[], ascii = false): string {
	const counts = new Map<string, number>();
	for (const tool of tools) {
		counts.set(tool.name, (counts.get(tool.name) ?? 0) + 1);
	}

	const times = ascii ? 'x' : '×';
	return [...counts].map(([name, count]) => (count > 1 ? `${name}${times}${count}` : name)).join(' ');
}

/** `project · agent`: a session named as its row names it (the largest-sessions table). */
export function sessionName(session: SessionInfo, theme: Theme): string {
	return `${session.project}${theme.dot}${agentLabels[session.agent]}`;
}

/**
`project · agent · duration · model`; `lead` replaces the project (under a project, where the
row says when the session started instead).
*/
export function sessionLabel(node: TreeNode, theme: Theme, lead?: string): string {
	const {session, totals} = node;
	const agent = session ? agentLabels[session.agent] : (totals.agents[0] ?? '');
	// The whole session's duration (a day fragment alone would say 0s for a 10-minute
	// session that crossed midnight). Before the model: the model name is the longest part
	// and the first to be cut.
	const duration = session ? session.lastTime - session.firstTime : totals.lastTime - totals.firstTime;
	const parts = [
		lead ?? session?.project ?? node.label,
		agent,
		formatDuration(duration),
		totals.models[0] ?? 'unknown',
	];
	const from = node.continues?.fromEarlierDay ? `${theme.fromEarlier} ` : '';
	const to = node.continues?.toLaterDay ? ` ${theme.toLater}` : '';
	return from + parts.join(theme.dot) + to;
}

export function rowLabel(node: TreeNode, timeZone: string, theme: Theme): string {
	switch (node.kind) {
		case 'root':
		case 'project':
		case 'model':
		case 'agent':
		case 'device':
		case 'week':
		case 'day': {
			return node.label;
		}

		case 'session': {
			// Under its project (the project view) a whole session: when it started says more than the project again.
			const start = node.totals.firstTime;
			return node.parent?.kind === 'project'
				? sessionLabel(node, theme, `${dayKey(start, timeZone)} ${formatClock(start, timeZone)}`)
				: sessionLabel(node, theme);
		}

		case 'turn': {
			const prompt = node.turn?.prompt ? oneLine(node.turn.prompt) : '(no prompt)';
			return `${formatClock(node.totals.firstTime, timeZone)} ${prompt}`;
		}

		case 'call': {
			const call = node.call;
			if (!call) {
				return node.label;
			}

			const parts = [formatClock(call.time, timeZone, true), call.model];
			const tools = toolSummary(call.tools, theme.ascii);
			if (tools) {
				parts.push(tools);
			}

			if (call.files.length > 0) {
				parts.push(call.files.length === 1 ? '1 file' : `${call.files.length} files`);
			}

			parts.push(`cache ${formatPercent(node.totals.cacheHitRate)}`);
			return parts.join(theme.dot);
		}

		default: {
			node.kind satisfies never;
			return node.label;
		}
	}
}

/** The breadcrumb name of a node in the header path. */
export function crumbOf(node: TreeNode, timeZone: string): string {
	switch (node.kind) {
		case 'root': {
			const view = viewNameOf(node);
			return view === 'time' ? 'All' : `All (by ${view})`;
		}

		case 'week':
		case 'day': {
			return node.key;
		}

		case 'project':
		case 'model':
		case 'agent':
		case 'device': {
			return node.label;
		}

		case 'session': {
			return node.parent?.kind === 'project'
				? `session ${dayKey(node.totals.firstTime, timeZone)}`
				: (node.session?.project ?? node.label);
		}

		case 'turn': {
			return `turn ${formatClock(node.totals.firstTime, timeZone)}`;
		}

		case 'call': {
			return `call ${node.key}`;
		}

		default: {
			node.kind satisfies never;
			return node.key;
		}
	}
}

/** `+1.2M`, `−800k` (ASCII `-`): a change of tokens with its sign. */
export function signedChange(tokens: number, ascii: boolean): string {
	const minus = ascii ? '-' : '−';
	return `${tokens < 0 ? minus : '+'}${formatTokens(Math.abs(tokens))}`;
}

/** Cells of the change column (`+999%`). */
export const changeWidth = 5;

export type PeriodChange = {readonly text: string; readonly direction: 'up' | 'down' | 'same' | 'new'};

/**
A week's or day's tokens against the week or day before, for its row: `+34%`, `−12%`, `0%`,
`×15` from fifteen times as much, `new` when the period before had no usage; undefined for other
nodes. At most `changeWidth` cells.
*/
export function periodChange(node: TreeNode, ascii: boolean): PeriodChange | undefined {
	if (node.kind !== 'week' && node.kind !== 'day') {
		return undefined;
	}

	const before = previousPeriodOf(node)?.totals.total ?? 0;
	if (before === 0) {
		return {text: 'new', direction: 'new'};
	}

	const ratio = node.totals.total / before;
	const times = ascii ? 'x' : '×';
	if (ratio >= 10) {
		return {text: ratio >= 999.5 ? `${times}999+` : `${times}${Math.round(ratio)}`, direction: 'up'};
	}

	const text = signedPercent(ratio - 1, ascii);
	return {text, direction: text.startsWith('+') ? 'up' : text === '0%' ? 'same' : 'down'};
}

/** A relative change as a whole percent with its sign: `+34%`, `−12%` (ASCII `-12%`), `0%`; `−100%` only for a fall to zero. */
export function signedPercent(change: number, ascii: boolean): string {
	// A fall to almost nothing is −99%: −100% would say nothing was left.
	const percent = Math.max(change > -1 ? -99 : -100, Math.round(change * 100));
	const minus = ascii ? '-' : '−';
	return percent > 0 ? `+${percent}%` : percent < 0 ? `${minus}${-percent}%` : '0%';
}
