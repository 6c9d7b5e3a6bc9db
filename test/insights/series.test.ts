import {describe, expect, it} from 'vitest';
import {dailySeries, hourHistogram, toolsByHour, weekdayHistogram} from '../../source/insights/series.js';
import {nodesOfKind} from '../../source/model/query.js';
import {modelOf, sessionEvents} from './fixtures.js';

describe('series', () => {
	const events = () => [
		...sessionEvents('a', '2026-03-02T23:30:00Z', 1, 2, () => 10_000),
		...sessionEvents('b', '2026-03-05T08:00:00Z', 1, 1, () => 10_000),
	];

	it('gives one point per day, zeros in between, in the tree time zone', () => {
		const model = modelOf(events());
		expect(dailySeries(model.root, model.timezone).map(point => [point.day, point.tokens])).toEqual([
			['2026-03-02', 21_600],
			['2026-03-03', 0],
			['2026-03-04', 0],
			['2026-03-05', 10_800],
		]);
		const tokyo = modelOf(events(), 'Asia/Tokyo');
		expect(dailySeries(tokyo.root, tokyo.timezone).map(point => point.day)).toEqual([
			'2026-03-03',
			'2026-03-04',
			'2026-03-05',
		]);
		const session = nodesOfKind(model.root, 'session')[1]!;
		expect(dailySeries(session, model.timezone)).toHaveLength(1);
		expect(dailySeries(model.root, model.timezone)[0]!.costUSD).toBeGreaterThan(0);
	});

	it('reads the same days from day nodes (root, week) as from calls (a session), cost being the priced part', () => {
		const model = modelOf(events(), 'Asia/Tokyo');
		const fromDays = dailySeries(model.root, model.timezone).filter(point => point.tokens > 0);
		const fromCalls = nodesOfKind(model.root, 'session').flatMap(session => dailySeries(session, model.timezone));
		expect(fromCalls).toEqual(fromDays);
		const week = nodesOfKind(model.root, 'week')[0]!;
		expect(dailySeries(week, model.timezone)[0]).toEqual(fromDays[0]);
	});

	it('builds weekday (Monday first) and hour histograms', () => {
		const model = modelOf(events());
		const weekdays = weekdayHistogram(model, model.root);
		// 2026-03-02 is a Monday, 2026-03-05 a Thursday.
		expect(weekdays.calls).toEqual([2, 0, 0, 1, 0, 0, 0]);
		const hours = hourHistogram(model, model.root);
		expect(hours.calls[23]).toBe(2);
		expect(hours.calls[8]).toBe(1);
		expect(hours.tokens.reduce((a, b) => a + b, 0)).toBe(model.root.totals.total);
		// Every fixture call makes one Read.
		const tools = toolsByHour(model, model.root);
		expect(tools.reading[23]).toBe(2);
		expect(tools.reading[8]).toBe(1);
		expect(tools.writing.every(count => count === 0)).toBe(true);
	});
});
