import {describe, expect, it} from 'vitest';
import {activeTimeOf, longSessions, sessionLengths, weekdayPattern} from '../../source/insights/rules/habits.js';
import {buildScope} from '../../source/insights/scope.js';
import {call, turn} from '../support/events.js';
import {cached, flatSession, modelOf, sessionEvents} from './fixtures.js';
import {detailText} from '../../source/insights/format.js';
import {messageText} from '../../source/insights/message.js';

/** Eight weeks: a session every Thursday (big) and every Monday (small). */
function weeks() {
	const events = [];
	for (let week = 0; week < 8; week++) {
		const monday = new Date(Date.UTC(2026, 2, 2 + week * 7)).toISOString().slice(0, 10);
		const thursday = new Date(Date.UTC(2026, 2, 5 + week * 7)).toISOString().slice(0, 10);
		events.push(...sessionEvents(`thu${week}`, `${thursday}T15:00:00Z`, 3, 3, () => 60_000));
		events.push(...sessionEvents(`mon${week}`, `${monday}T09:00:00Z`, 1, 2, () => 20_000));
	}

	return events;
}

describe('rule 6: habits', () => {
	it('names the busiest weekday and hour', () => {
		const model = modelOf(weeks());
		const [insight] = weekdayPattern(buildScope(model, model.root));
		expect(insight!.figures['topWeekday']).toBe('Thursday');
		expect(insight!.figures['activeDays']).toBe(16);
		expect(insight!.figures['peakHour']).toBe(15);
		expect(messageText(insight!.message)).toMatch(
			/^You use AI tools most on Thursdays \(9\d% of tokens over 16 active days\)/,
		);
	});

	it('needs a week of active days', () => {
		const model = modelOf(weeks().filter(event => event.sessionId.endsWith('0') || event.sessionId.endsWith('1')));
		expect(weekdayPattern(buildScope(model, model.root))).toEqual([]);
	});

	it('summarizes session lengths', () => {
		const model = modelOf(weeks());
		const [insight] = sessionLengths(buildScope(model, model.root));
		// Active time: Thursday sessions 9 calls 2 min apart = 16 min; Monday 2 calls = 2 min.
		expect(insight!.figures['sessions']).toBe(16);
		expect(insight!.figures['under15m']).toBe(8);
		expect(insight!.figures['under1h']).toBe(8);
		expect(insight!.figures['medianMinutes']).toBe(16);
		// For a person: the median and longest, and the two ends of the distribution; no target.
		expect(insight!.details.map(line => detailText(line))).toEqual([
			'median 16 min · longest 16 min',
			'8 sessions under 15 min · 0 sessions of 3 h or more',
		]);
		expect(insight!.target).toBeUndefined();
	});

	it('flags a long session with many turns, not one resumed hours later', () => {
		// 20 turns × 3 calls, 4 minutes apart: 59 gaps × 4 = 236 active minutes.
		const marathon = sessionEvents('marathon', '2026-03-02T08:00:00Z', 20, 3, () => 30_000, undefined, 'shop', 4);
		const model = modelOf([...marathon, ...sessionEvents('short', '2026-03-02T09:00:00Z', 2, 2, () => 20_000)]);
		const flagged = longSessions(buildScope(model, model.root));
		expect(flagged).toHaveLength(1);
		expect(flagged[0]!.figures['turns']).toBe(20);
		expect(flagged[0]!.figures['activeMinutes']).toBe(236);
		expect(messageText(flagged[0]!.message)).toContain('was active 3 h 56 min with 20 turns');
		// 236 active minutes over 59 × 4 minutes of wall clock; 60 calls of 30,800 tokens.
		expect(flagged[0]!.details.map(line => detailText(line))).toEqual([
			'active 3 h 56 min over 3 h 56 min · 20 turns',
			expect.stringMatching(/^context ×1 · 1\.8M tokens · \$\d+\.\d\d$/),
		]);
		expect(flagged[0]!.target).toEqual(['2026-W10', '2026-03-02', 'claude:marathon']);
		// 46 active minutes, then the same session resumed 12 hours later: idle time is capped.
		const resumed = [
			...flatSession('q1', '2026-03-02T08:00:00Z'),
			turn('claude', 'q1', 'evening', '2026-03-02T20:00:00Z', 'Back to the CSV importer: add a dry-run flag'),
			call('claude', 'q1', '2026-03-02T20:01:00Z', {turnId: 'evening', tokens: cached(21_000)}),
		];
		const quiet = modelOf(resumed);
		expect(longSessions(buildScope(quiet, quiet.root))).toEqual([]);
		const scope = buildScope(quiet, quiet.root);
		expect(activeTimeOf(scope, scope.sessions[0]!)).toBe((46 + 30) * 60_000);
	});
});
