/**
Filter state of the browser (agent, time range, text) and its translation into the model's
`TreeFilter`. Rebuilding the tree with another filter is how filters apply; keys are stable
across rebuilds, so the open path survives a filter change as far as it still exists.
*/
import {type AgentId, agentLabels} from '../core/agents.js';
import {addDays, dayKey} from '../core/time.js';
import type {TreeFilter} from '../model/types.js';

export type TimeRange =
	| {readonly kind: 'all'}
	| {readonly kind: 'today'}
	| {readonly kind: 'last'; readonly days: 7 | 30}
	| {readonly kind: 'custom'; readonly since: string; readonly until: string};

export type Filters = {
	readonly text: string;
	/** undefined = all agents. */
	readonly agent: AgentId | undefined;
	/** undefined = all devices (machines merged through the ledger). */
	readonly device?: string;
	readonly time: TimeRange;
};

export const noFilters: Filters = {text: '', agent: undefined, time: {kind: 'all'}};

const dayPattern = /^\d{4}-\d{2}-\d{2}$/;

function isDay(value: string): boolean {
	if (!dayPattern.test(value)) {
		return false;
	}

	const date = new Date(`${value}T00:00:00Z`);
	return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/**
Parses `YYYY-MM-DD..YYYY-MM-DD` (either side may be empty for an open end; a single day means
that day). Returns an error message instead of throwing: it comes from the user's keyboard.
*/
export function parseCustomRange(text: string): TimeRange | {error: string} {
	const trimmed = text.trim();
	const [sinceText = '', untilText = sinceText] = trimmed.includes('..') ? trimmed.split('..', 2) : [trimmed, trimmed];
	const since = sinceText.trim();
	const until = untilText.trim();
	if (since === '' && until === '') {
		return {error: 'Type a range like 2026-01-01..2026-01-31'};
	}

	for (const value of [since, until]) {
		if (value !== '' && !isDay(value)) {
			return {error: `Not a date: "${value}" (use YYYY-MM-DD)`};
		}
	}

	if (since !== '' && until !== '' && since > until) {
		return {error: 'The start is after the end'};
	}

	return {kind: 'custom', since, until};
}

/** The model filter for `filters`, with relative ranges resolved against `now` in `timeZone`. */
export function toTreeFilter(filters: Filters, now: number, timeZone: string): TreeFilter {
	const today = dayKey(now, timeZone);
	const {time} = filters;
	let since: string | undefined;
	let until: string | undefined;
	switch (time.kind) {
		case 'all': {
			break;
		}

		case 'today': {
			since = today;
			until = today;
			break;
		}

		case 'last': {
			since = addDays(today, 1 - time.days);
			until = today;
			break;
		}

		case 'custom': {
			since = time.since || undefined;
			until = time.until || undefined;
			break;
		}

		default: {
			time satisfies never;
		}
	}

	return {
		agents: filters.agent ? [filters.agent] : undefined,
		devices: filters.device ? [filters.device] : undefined,
		since,
		until,
		text: filters.text.trim() || undefined,
	};
}

export function describeTimeRange(range: TimeRange): string {
	switch (range.kind) {
		case 'all': {
			return 'all time';
		}

		case 'today': {
			return 'today';
		}

		case 'last': {
			return `last ${range.days} days`;
		}

		case 'custom': {
			return `${range.since || '…'}..${range.until || '…'}`;
		}

		default: {
			range satisfies never;
			return '';
		}
	}
}

/** `agent: Codex · last 7 days · "refactor"`, or '' when nothing is filtered. */
export function describeFilters(filters: Filters): string {
	const parts: string[] = [];
	if (filters.agent) {
		parts.push(`agent: ${agentLabels[filters.agent]}`);
	}

	if (filters.device) {
		parts.push(`device: ${filters.device}`);
	}

	if (filters.time.kind !== 'all') {
		parts.push(describeTimeRange(filters.time));
	}

	if (filters.text.trim()) {
		parts.push(`"${filters.text.trim()}"`);
	}

	return parts.join(' · ');
}
