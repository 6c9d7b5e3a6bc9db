/**
Rule 6, habits: when and how long the user works with agents.

- weekday/hour: tokens by local weekday and hour over ≥ 7 active days. Triggers when the
  top weekday holds ≥ 1.5 × an even share (1/7) of the tokens; names the peak hour too.
- session lengths: active time of each session in buckets < 15 min, 15–60 min, 1–3 h,
  ≥ 3 h, with the median; needs ≥ 5 sessions. Active time = Σ of the gaps between
  consecutive calls, each gap capped at 30 min, so a session resumed the next morning is
  not counted as a 20-hour session.
- long sessions to split: a session with ≥ 3 h of active time and ≥ 15 turns or context
  growth ≥ 10 (rule 1): one insight each (warning), pointing at the split.
*/
import {formatTokens} from '../../core/tokens.js';
import {count, minutes, minutesText, percentText, ratio, times, tokens, usd} from '../format.js';
import {makeInsight, onlyFragment, type Scope, type SessionGroup, sessionName, targetOf, turnsOf} from '../scope.js';
import {addToHistogram, emptyHistogram, weekdayNames} from '../series.js';
import type {Insight} from '../types.js';
import {contextGrowthOf} from './context.js';

export const habitThresholds = {
	minDays: 7,
	weekdayFactor: 1.5,
	minSessions: 5,
	longSessionMs: 3 * 3_600_000,
	longTurns: 15,
	longGrowth: 10,
	idleCapMs: 30 * 60_000,
} as const;

const activeMemo = new WeakMap<SessionGroup, number>();

/**
Active time of a session group: gaps between consecutive calls, each capped at 30 min.
Memoized: the session-length and long-session rules both ask for every session.
*/
export function activeTimeOf(scope: Scope, group: SessionGroup): number {
	let active = activeMemo.get(group);
	if (active === undefined) {
		active = measureActiveTime(scope, group);
		activeMemo.set(group, active);
	}

	return active;
}

function measureActiveTime(scope: Scope, {calls}: SessionGroup): number {
	let active = 0;
	for (let index = 1; index < calls.length; index++) {
		active += Math.min(habitThresholds.idleCapMs, scope.time(calls[index]!) - scope.time(calls[index - 1]!));
	}

	return active;
}

export function weekdayPattern(scope: Scope): Insight[] {
	const days = new Set<string>();
	const weekdays = emptyHistogram(7);
	const hours = emptyHistogram(24);
	for (let call = 0; call < scope.size; call++) {
		days.add(scope.day(call));
		addToHistogram(weekdays, scope.weekday(call), scope.total(call), scope.cost(call));
		addToHistogram(hours, scope.hour(call), scope.total(call), scope.cost(call));
	}

	if (days.size < habitThresholds.minDays) {
		return [];
	}

	const all = weekdays.tokens.reduce((sum, value) => sum + value, 0);
	if (all <= 0) {
		return [];
	}

	const top = weekdays.tokens.indexOf(Math.max(...weekdays.tokens));
	const share = weekdays.tokens[top]! / all;
	if (share < habitThresholds.weekdayFactor / 7) {
		return [];
	}

	const peakHour = hours.tokens.indexOf(Math.max(...hours.tokens));
	const figures: Insight['figures'] = {
		activeDays: days.size,
		topWeekday: weekdayNames[top]!,
		topWeekdayShare: Math.round(share * 1000) / 1000,
		peakHour,
		peakHourShare: Math.round((hours.tokens[peakHour]! / all) * 1000) / 1000,
	};
	for (const [index, name] of weekdayNames.entries()) {
		figures[`tokens:${name}`] = weekdays.tokens[index]!;
	}

	return [
		makeInsight(scope, {
			rule: 'habits-weekday',
			severity: 'info',
			message: `You use AI tools most on ${weekdayNames[top]}s (${percentText(share)} of tokens over ${days.size} active days), busiest around ${String(peakHour).padStart(2, '0')}:00.`,
			figures,
			details: [
				[
					`${weekdayNames[top]!} `,
					ratio(share),
					` of tokens · ${String(peakHour).padStart(2, '0')}:00 `,
					ratio(hours.tokens[peakHour]! / all),
				],
				[count(days.size, 'active day'), ' · ', tokens(all)],
			],
		}),
	];
}

const buckets = [
	{name: 'under15m', label: '<15 min', below: 15 * 60_000},
	{name: 'under1h', label: '15-60 min', below: 3_600_000},
	{name: 'under3h', label: '1-3 h', below: 3 * 3_600_000},
	{name: 'over3h', label: '≥3 h', below: Number.POSITIVE_INFINITY},
] as const;

export function sessionLengths(scope: Scope): Insight[] {
	if (scope.sessions.length < habitThresholds.minSessions) {
		return [];
	}

	const durations = scope.sessions.map(group => activeTimeOf(scope, group)).sort((a, b) => a - b);
	const median = durations[Math.floor(durations.length / 2)]!;
	const counts = buckets.map(bucket => durations.filter(duration => duration < bucket.below).length);
	const figures: Insight['figures'] = {
		sessions: durations.length,
		medianMinutes: Math.round(median / 60_000),
		longestMinutes: Math.round(durations.at(-1)! / 60_000),
	};
	for (const [index, bucket] of buckets.entries()) {
		figures[bucket.name] = counts[index]! - (index > 0 ? counts[index - 1]! : 0);
	}

	const split = buckets.map(bucket => `${bucket.label}: ${figures[bucket.name]}`).join(', ');
	return [
		makeInsight(scope, {
			rule: 'habits-session-length',
			severity: 'info',
			message: `${durations.length} sessions, median active time ${minutesText(median / 60_000)} (${split}).`,
			figures,
			details: [
				['median ', minutes(median / 60_000), ' · longest ', minutes(durations.at(-1)! / 60_000)],
				[
					count(counts[0]!, 'session'),
					' under 15 min · ',
					count(durations.length - counts[2]!, 'session'),
					' of 3 h or more',
				],
			],
		}),
	];
}

export function longSessions(scope: Scope): Insight[] {
	const insights: Insight[] = [];
	for (const group of scope.sessions) {
		const duration = activeTimeOf(scope, group);
		if (duration < habitThresholds.longSessionMs) {
			continue;
		}

		const growth = contextGrowthOf(scope, group)?.growth ?? 1;
		const turns = turnsOf(scope, group).length;
		if (turns < habitThresholds.longTurns && growth < habitThresholds.longGrowth) {
			continue;
		}

		const info = scope.session(group);
		insights.push(
			makeInsight(scope, {
				rule: 'habits-long-session',
				subject: group.key,
				severity: 'warning',
				at: onlyFragment(scope, group),
				message: `${sessionName(scope, group)} was active ${minutesText(duration / 60_000)} with ${turns} turns and context ×${Math.round(growth)} (${formatTokens(group.tokens)} tokens): split unrelated tasks into separate sessions.`,
				details: [
					[
						'active ',
						minutes(duration / 60_000),
						' over ',
						minutes((info.lastTime - info.firstTime) / 60_000),
						' · ',
						count(turns, 'turn'),
					],
					['context ', times(growth), ' · ', tokens(group.tokens), ' · ', usd(group.costUSD)],
				],
				target: targetOf(scope, group.calls[0]!, 'session'),
				figures: {
					session: group.key,
					activeMinutes: Math.round(duration / 60_000),
					wallClockMinutes: Math.round((info.lastTime - info.firstTime) / 60_000),
					turns,
					growth: Math.round(growth * 10) / 10,
					tokens: group.tokens,
				},
			}),
		);
	}

	return insights;
}
