import {describe, expect, it} from 'vitest';
import {noFilters} from '../../source/browser/filters.js';
import {parseRememberedView} from '../../source/browser/remembered.js';
import {browserReducer, initialState} from '../../source/browser/state.js';

describe('remembered view', () => {
	it('drops invalid fields one by one instead of failing', () => {
		expect(
			parseRememberedView({
				sort: {key: 'size', reverse: 'yes'},
				filters: {agent: 'cursor', time: {kind: 'last', days: 9}, text: 3},
				graph: 'pie',
				groupBy: 'colour',
				path: ['a', 1, 'b'],
			}),
		).toEqual({
			sort: {key: 'tokens', reverse: false},
			filters: {...noFilters, device: undefined},
			graph: 'both',
			groupBy: 'time',
			path: ['a', 'b'],
		});
		expect(parseRememberedView({groupBy: 'project'})?.groupBy).toBe('project');
		expect(parseRememberedView('garbage')).toBeUndefined();
		expect(parseRememberedView(undefined)).toBeUndefined();
	});

	it('R resets sort, filters, graph, view and path but keeps the load generation', () => {
		const state = {
			...initialState({sort: {key: 'cost', reverse: false}, graph: 'percent', path: ['claude'], groupBy: 'agent'}),
			loadGeneration: 3,
		};
		const reset = browserReducer(state, {type: 'resetView'});
		expect(reset.sort).toEqual(initialState().sort);
		expect(reset.graph).toBe('both');
		expect(reset.groupBy).toBe('time');
		expect(reset.path).toEqual([]);
		expect(reset.filters).toEqual(noFilters);
		expect(reset.loadGeneration).toBe(3);
		expect(reset.status).toBe('View reset to defaults');
	});
});
