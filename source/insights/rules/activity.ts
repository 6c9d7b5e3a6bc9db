/**
Rule 5, activity: what the tokens were for.

- split: the scope's tokens and cost by activity (totals.activity: a call's tokens split
  evenly over its tool calls, see core/activity.ts). Triggers when one activity has more than 50%
  of the tokens (and the scope made ≥ 5 calls); figures hold every share, the number of
  tool calls and the busiest hour of day for tools.
- re-read files: a file read (reading tool naming a file) in ≥ 2 different sessions of the
  same project on the same day: each new session paid to load it again. Lists the files
  read in the most sessions; warning when ≥ 5 files were re-read in ≥ 3 sessions.
*/
import {activities} from '../../core/activity.js';
import {formatTokens} from '../../core/tokens.js';
import {cents, clip, count, percentText, ratio, usd, usdText} from '../format.js';
import {makeInsight, type Scope, targetOf} from '../scope.js';
import type {DetailPart, Insight} from '../types.js';

export const activityThresholds = {
	dominantShare: 0.5,
	minCalls: 5,
	rereadSessions: 2,
	warningFiles: 5,
	warningSessions: 3,
} as const;

export function activitySplit(scope: Scope): Insight[] {
	const totals = scope.node.totals;
	if (totals.calls < activityThresholds.minCalls || totals.total <= 0) {
		return [];
	}

	const ranked = activities
		.map(activity => ({activity, ...totals.activity[activity]}))
		.sort((a, b) => b.tokens - a.tokens);
	const top = ranked[0]!;
	const share = top.tokens / totals.total;
	if (share <= activityThresholds.dominantShare) {
		return [];
	}

	const toolsByHour = new Array<number>(24).fill(0);
	let toolCalls = 0;
	for (let call = 0; call < scope.size; call++) {
		const tools = scope.toolCount(call);
		if (tools > 0) {
			toolsByHour[scope.hour(call)]! += tools;
			toolCalls += tools;
		}
	}

	const peakHour = toolCalls === 0 ? -1 : toolsByHour.indexOf(Math.max(...toolsByHour));
	const figures: Insight['figures'] = {toolCalls, peakToolHour: peakHour};
	for (const item of ranked) {
		figures[`${item.activity}Share`] = Math.round((item.tokens / totals.total) * 1000) / 1000;
		figures[`${item.activity}CostUSD`] = cents(item.costUSD);
	}

	const rest = ranked
		.slice(1, 3)
		.filter(item => item.tokens > 0)
		.map(item => `${item.activity} ${percentText(item.tokens / totals.total)}`)
		.join(', ');
	const hour = peakHour >= 0 ? ` Tools ran most at ${String(peakHour).padStart(2, '0')}:00.` : '';
	return [
		makeInsight(scope, {
			rule: 'activity-split',
			severity: 'info',
			message: `${percentText(share)} of tokens (${formatTokens(top.tokens)}, ${usdText(top.costUSD)}) went to ${top.activity}${rest ? `; then ${rest}` : ''}.${hour}`,
			figures,
			details: [
				ranked
					.slice(0, 3)
					.filter(item => item.tokens > 0)
					.flatMap((item, index): DetailPart[] => [
						...(index > 0 ? [' · '] : []),
						`${item.activity} `,
						ratio(item.tokens / totals.total),
						' ',
						usd(item.costUSD),
					]),
				[
					count(toolCalls, 'tool call'),
					...(peakHour >= 0 ? [` · busiest hour ${String(peakHour).padStart(2, '0')}:00`] : []),
				],
			],
		}),
	];
}

type Readers = {
	project: string;
	day: string;
	file: string;
	sessions: number;
	lastSession: string;
	seen: Set<string> | undefined;
	/** The call (index into the scope) of the first read. */
	firstCall: number;
};

/**
Files read by reading tools, per project, local day and file, with the number of distinct
sessions that read them, in order of first read. Nested maps keyed by the shared project,
day and file strings (no key string per tool call); a Set of sessions is made only for the
few files a second session read.
*/
function readersOf(scope: Scope): Readers[] {
	const byProject = new Map<string, Map<string, Map<string, Readers>>>();
	const all: Readers[] = [];
	for (let call = 0; call < scope.size; call++) {
		if (!readsAnything(scope, call)) {
			continue;
		}

		const project = scope.project(call);
		let byDay = byProject.get(project);
		if (!byDay) {
			byDay = new Map();
			byProject.set(project, byDay);
		}

		const day = scope.day(call);
		let byFile = byDay.get(day);
		if (!byFile) {
			byFile = new Map();
			byDay.set(day, byFile);
		}

		const session = scope.sessionKey(call);
		for (const tool of scope.tools(call)) {
			if (tool.activity !== 'reading' || !tool.file) {
				continue;
			}

			const readers = byFile.get(tool.file);
			if (!readers) {
				const entry: Readers = {
					project,
					day,
					file: tool.file,
					sessions: 1,
					lastSession: session,
					seen: undefined,
					firstCall: call,
				};
				byFile.set(tool.file, entry);
				all.push(entry);
			} else if (readers.lastSession !== session) {
				readers.seen ??= new Set([readers.lastSession]);
				readers.seen.add(session);
				readers.sessions = readers.seen.size;
				readers.lastSession = session;
			}
		}
	}

	return all;
}

const reading = activities.indexOf('reading');

/** Whether any of the call's tools read (from the activity column: most calls need no tool objects). */
function readsAnything(scope: Scope, call: number): boolean {
	for (let tool = 0; tool < scope.toolCount(call); tool++) {
		if (scope.toolActivity(call, tool) === reading) {
			return true;
		}
	}

	return false;
}

export function rereadFiles(scope: Scope): Insight[] {
	const reread = readersOf(scope)
		.filter(readers => readers.sessions >= activityThresholds.rereadSessions)
		.map(({project, day, file, sessions, firstCall}) => ({project, day, file, sessions, firstCall}))
		.sort((a, b) => b.sessions - a.sessions || a.file.localeCompare(b.file));
	if (reread.length === 0) {
		return [];
	}

	const heavy = reread.filter(item => item.sessions >= activityThresholds.warningSessions).length;
	const figures: Insight['figures'] = {files: reread.length, filesInThreeOrMoreSessions: heavy};
	for (const [index, item] of reread.slice(0, 3).entries()) {
		figures[`file${index + 1}`] = item.file;
		figures[`file${index + 1}Sessions`] = item.sessions;
		figures[`file${index + 1}Project`] = item.project;
		figures[`file${index + 1}Day`] = item.day;
	}

	const first = reread[0]!;
	return [
		makeInsight(scope, {
			rule: 'files-reread',
			severity: heavy >= activityThresholds.warningFiles ? 'warning' : 'info',
			message: `${reread.length} file${reread.length === 1 ? ' was' : 's were'} read again in several sessions of the same project on the same day; ${clip(first.file, 40)} in ${first.sessions} sessions of ${first.project} on ${first.day}. Keep related work in one session or note key facts in the project memory file.`,
			figures,
			details: [
				[count(reread.length, 'file'), ' read again · ', count(heavy, 'file'), ' in 3 or more sessions'],
				...(reread.length > 1
					? [
							reread
								.slice(1, 3)
								.flatMap((item, index): DetailPart[] => [
									index === 0 ? 'also ' : ', ',
									`${clip(item.file, 30)} (`,
									count(item.sessions, 'session'),
									` on ${item.day})`,
								]),
						]
					: []),
			],
			// The day the most re-read file was read again.
			target: targetOf(scope, first.firstCall, 'day'),
		}),
	];
}
