/**
The help overlay (`?`): every key, grouped like ncdu's help. The readme's keys table is
written from this list; test/ui/panes.test.tsx checks the overlay shows every entry.
*/
import type {Line} from './info-lines.js';

export const keyGroups: ReadonlyArray<{title: string; keys: ReadonlyArray<readonly [string, string]>}> = [
	{
		title: 'Navigation',
		keys: [
			['↑/↓  k/j', 'move the cursor'],
			['PgUp/PgDn  ^B/^F', 'move one page'],
			['Home/End  G', 'first / last row'],
			['→  l  Enter', 'open the selected node (API call: details)'],
			['←  h  Backspace', 'go up (cursor position is restored)'],
		],
	},
	{
		title: 'Sorting and display',
		keys: [
			['s', 'sort by tokens (again: reverse)'],
			['c', 'sort by cost (again: reverse)'],
			['n', 'sort by time (again: reverse)'],
			['C', 'sort by count: sessions/turns/calls'],
			['v', 'pick the view: by time / project / model / agent (/ device)'],
			['g', 'graph: percent+bar / bar / percent'],
			['$', 'header sparkline: tokens / cost'],
		],
	},
	{
		title: 'Filters',
		keys: [
			['/', 'text filter (project, prompt, model, id)'],
			['a', 'pick the agent: all / each agent present'],
			['d', 'pick the device: all / each machine (ledger, --ledger-dir, --import)'],
			['R', 'reset the remembered view (sort, filters, graph, view, opened path, budget)'],
			['t', 'pick the time: all/today/7d/30d/custom from..to'],
			['  in a picker', '↑/↓ k/j move, Enter or 1-9 pick, Esc cancel'],
		],
	},
	{
		title: 'Panes',
		keys: [
			['i', 'info: tokens, cost, cache, activity, files'],
			['I', 'insights'],
			['D', 'diagnostics (skipped files and lines)'],
			['o', 'OTLP settings'],
			['?', 'this help'],
			['Esc  q', 'close a pane'],
		],
	},
	{
		title: 'Insights pane (I)',
		keys: [
			['↑/↓  k/j', 'select an insight (PgUp/PgDn, Home/End, G too)'],
			['→  l  Enter', 'open the node it is about, cursor on it'],
			['←  h  Backspace', 'right after that: back to the same insight'],
		],
	},
	{
		title: 'Actions',
		keys: [
			['B', 'budget: 2M/week, $50/day (empty: none)'],
			['e', 'export the filtered tree as JSON'],
			['r', 'reload the agents\u2019 files'],
			['q  Ctrl+C', 'quit'],
			['Ctrl+Z', 'suspend to the shell (fg resumes)'],
		],
	},
];

export function helpLines(): Line[] {
	const lines: Line[] = [];
	for (const group of keyGroups) {
		lines.push({text: group.title, heading: true});
		for (const [keys, what] of group.keys) {
			lines.push({text: `  ${keys.padEnd(18)} ${what}`});
		}
	}

	return lines;
}
