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
				path: ['a', 1, 'b'],
			}),
		).toEqual({
			sort: {key: 'tokens', reverse: false},
			filters: {...noFilters},
			graph: 'both',
			path: ['a', 'b'],
		});
		expect(parseRememberedView('garbage')).toBeUndefined();
		expect(parseRememberedView(undefined)).toBeUndefined();
	});

	it('R resets sort, filters, graph and path but keeps the load generation', () => {
		const state = {
			...initialState({sort: {key: 'cost', reverse: false}, graph: 'percent', path: ['2026-W07']}),
			loadGeneration: 3,
		};
		const reset = browserReducer(state, {type: 'resetView'});
		expect(reset.sort).toEqual(initialState().sort);
		expect(reset.graph).toBe('both');
		expect(reset.path).toEqual([]);
		expect(reset.filters).toEqual(noFilters);
		expect(reset.loadGeneration).toBe(3);
		expect(reset.status).toBe('View reset to defaults');
	});
});
