/**
The pick-one lists of the browser: `t` (time range), `a` (agent), `d` (device) and `v` (the
tree's view). Each entry carries the reducer Action that picking it performs, so the UI's one
picker component (ui/picker.tsx) draws every list the same way and knows nothing of filters;
another list is one more `PickerKind` and one more case in `pickerList`.

Pure: what the lists hold comes from the state and from the tree's `agentsPresent` and
`devicesPresent` (listed before filtering, so a filter never hides the other choices).
*/
import {type AgentId, agentLabels} from '../core/agents.js';
import type {TreeModel} from '../model/types.js';
import {type ViewName, viewLevels, viewsFor} from '../model/views.js';
import {describeTimeRange, type TimeRange} from './filters.js';
import type {Action, BrowserState} from './state.js';

export type PickerKind = 'time' | 'agent' | 'device' | 'view';

export type PickerEntry = {readonly label: string; readonly action: Action};

export type PickerList = {
	readonly title: string;
	readonly entries: readonly PickerEntry[];
	/** The entry that is in effect now: the picker opens on it. */
	readonly current: number;
	/** Why there is nothing to pick (the picker does not open; the footer says this instead). */
	readonly unavailable?: string;
};

const relativeRanges: readonly TimeRange[] = [
	{kind: 'all'},
	{kind: 'today'},
	{kind: 'last', days: 7},
	{kind: 'last', days: 30},
];

function timeList(range: TimeRange): PickerList {
	const entries: PickerEntry[] = relativeRanges.map(choice => ({
		label: describeTimeRange(choice),
		action: {type: 'filter', change: {time: choice}},
	}));
	// The last entry opens the range prompt; a custom range in effect is shown on it.
	const custom = range.kind === 'custom' ? ` (${describeTimeRange(range)})` : '';
	entries.push({label: `custom range…${custom}`, action: {type: 'startPrompt', kind: 'time'}});
	const current = relativeRanges.findIndex(choice => describeTimeRange(choice) === describeTimeRange(range));
	return {title: 'Time range', entries, current: current === -1 ? entries.length - 1 : current};
}

/**
"All" first, then each value present; the current value (else All) is preselected. With fewer
than two values a filter would show what All shows: there is nothing to pick.
*/
function valueList<T>(
	title: string,
	all: string,
	present: readonly T[],
	current: T | undefined,
	label: (value: T) => string,
	action: (value: T | undefined) => Action,
	unavailable: string,
): PickerList {
	if (present.length < 2) {
		return {title, entries: [], current: 0, unavailable};
	}

	const entries = [
		{label: all, action: action(undefined)},
		...present.map(value => ({label: label(value), action: action(value)})),
	];
	return {title, entries, current: current === undefined ? 0 : present.indexOf(current) + 1};
}

const levelNames: Readonly<Record<string, string>> = {
	week: 'Week',
	day: 'Day',
	session: 'Session',
	turn: 'Turn',
	project: 'Project',
	model: 'Model',
	agent: 'Agent',
	device: 'Device',
};

/** `by project   Project → Session → Turn → Call`: the view and the levels it opens into. */
function viewLabel(view: ViewName): string {
	const levels = [...viewLevels[view].map(level => levelNames[level] ?? level), 'Call'];
	return `by ${view.padEnd(8)} ${levels.join(' → ')}`;
}

/** The views this data offers (device only with several machines); the view in effect preselected. */
function viewList(current: ViewName, devicesPresent: readonly string[] | undefined): PickerList {
	const views = viewsFor(devicesPresent);
	const entries = views.map(view => ({label: viewLabel(view), action: {type: 'setView', view} as const}));
	return {title: 'View', entries, current: Math.max(0, views.indexOf(current))};
}

export function pickerList(
	kind: PickerKind,
	state: Pick<BrowserState, 'filters' | 'groupBy'>,
	model: Pick<TreeModel, 'agentsPresent' | 'devicesPresent'>,
): PickerList {
	const {filters} = state;
	switch (kind) {
		case 'time': {
			return timeList(filters.time);
		}

		case 'agent': {
			return valueList<AgentId>(
				'Agent',
				'all agents',
				model.agentsPresent,
				filters.agent,
				agent => agentLabels[agent],
				agent => ({type: 'filter', change: {agent}}),
				model.agentsPresent.length === 1
					? `Only ${agentLabels[model.agentsPresent[0]!]} has data: no agent to pick`
					: 'No agent has data',
			);
		}

		case 'device': {
			return valueList<string>(
				'Device',
				'all devices',
				model.devicesPresent ?? [],
				filters.device,
				device => device,
				device => ({type: 'filter', change: {device}}),
				'One machine only: devices come from merged usage histories (--ledger-dir, --import, WSL)',
			);
		}

		case 'view': {
			return viewList(state.groupBy, model.devicesPresent);
		}

		default: {
			kind satisfies never;
			return {title: '', entries: [], current: 0};
		}
	}
}
