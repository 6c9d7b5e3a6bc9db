import {describe, expect, it} from 'vitest';
import {describeFilters, noFilters, parseCustomRange, toTreeFilter} from '../../source/browser/filters.js';
import {scopeSeries} from '../../source/browser/series.js';
import {findByKeyPath} from '../../source/model/query.js';
import {treeOf, usageStore} from '../support/ui-data.js';

const now = Date.parse('2026-02-16T12:00:00Z');

describe('filters', () => {
	it('resolves relative time ranges against today in the tree time zone', () => {
		expect(toTreeFilter({...noFilters, time: {kind: 'today'}}, now, 'UTC')).toMatchObject({
			since: '2026-02-16',
			until: '2026-02-16',
		});
		expect(toTreeFilter({...noFilters, time: {kind: 'last', days: 7}}, now, 'UTC')).toMatchObject({
			since: '2026-02-10',
			until: '2026-02-16',
		});
		// 12:00 UTC is already the 17th in Auckland.
		expect(toTreeFilter({...noFilters, time: {kind: 'today'}}, now, 'Pacific/Auckland').since).toBe('2026-02-17');
		expect(toTreeFilter({text: '  api ', agent: 'codex', time: {kind: 'all'}}, now, 'UTC')).toEqual({
			agents: ['codex'],
			since: undefined,
			until: undefined,
			text: 'api',
		});
	});

	it('applied to a real tree, keeps exactly the matching calls', () => {
		const store = usageStore();
		const lastWeek = treeOf(store, toTreeFilter({...noFilters, time: {kind: 'last', days: 7}}, now, 'UTC'));
		expect(lastWeek.root.children.map(node => node.key)).toEqual(['2026-W07', '2026-W08']);
		const codex = treeOf(store, toTreeFilter({...noFilters, agent: 'codex'}, now, 'UTC'));
		expect(codex.root.totals.agents).toEqual(['codex']);
		expect(codex.agentsPresent).toEqual(expect.arrayContaining(['claude', 'codex', 'gemini']));
	});

	it('parses custom ranges and rejects bad ones with a message', () => {
		expect(parseCustomRange('2026-01-01..2026-01-31')).toEqual({
			kind: 'custom',
			since: '2026-01-01',
			until: '2026-01-31',
		});
		expect(parseCustomRange('2026-01-05')).toEqual({kind: 'custom', since: '2026-01-05', until: '2026-01-05'});
		expect(parseCustomRange('2026-01-05..')).toEqual({kind: 'custom', since: '2026-01-05', until: ''});
		expect(parseCustomRange('2026-02-31')).toHaveProperty('error');
		expect(parseCustomRange('2026-03-01..2026-02-01')).toEqual({error: 'The start is after the end'});
		expect(parseCustomRange('')).toHaveProperty('error');
	});

	it('describes filters', () => {
		expect(describeFilters(noFilters)).toBe('');
		expect(describeFilters({text: 'api', agent: 'codex', time: {kind: 'last', days: 30}})).toBe(
			'agent: Codex · last 30 days · "api"',
		);
	});
});

describe('scopeSeries', () => {
	const model = treeOf(usageStore());

	it('gives one value per calendar day for the root, gaps filled with zero', () => {
		const series = scopeSeries(model.root, 'tokens', 'UTC');
		expect(series.unit).toBe('daily');
		expect(series.from).toBe('2026-02-03');
		expect(series.to).toBe('2026-02-16');
		expect(series.values).toHaveLength(14);
		expect(series.values.reduce((a, b) => a + b, 0)).toBe(model.root.totals.total);
		expect(series.values[1]).toBe(0);
	});

	it('gives hours for a day and turns for a session', () => {
		const day = findByKeyPath(model, ['2026-W06', '2026-02-03']);
		const hourly = scopeSeries(day, 'tokens', 'UTC');
		expect(hourly.values).toHaveLength(24);
		expect(hourly.values[9]! + hourly.values[10]!).toBe(day.totals.total);
		const session = day.children[0]!;
		expect(scopeSeries(session, 'cost', 'UTC').values).toHaveLength(2);
	});
});

describe('device filter (d)', () => {
	it('filters the tree to one device', () => {
		const filters = {...noFilters, device: 'laptop (Windows)'};
		expect(toTreeFilter(filters, Date.parse('2026-02-16T12:00:00Z'), 'UTC').devices).toEqual(['laptop (Windows)']);
		expect(describeFilters(filters)).toBe('device: laptop (Windows)');
	});
});
