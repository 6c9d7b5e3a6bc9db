/** The budget in the browser's state: `B` opens its prompt, Enter sets or clears it, `R` forgets it, and it is remembered. */
import {describe, expect, it} from 'vitest';
import {keymap} from '../../source/browser/keymap.js';
import {parseRememberedView} from '../../source/browser/remembered.js';
import {type Action, type BrowserState, browserReducer, initialState} from '../../source/browser/state.js';
import type {Budget} from '../../source/insights/budget.js';

const type = (state: BrowserState, text: string, ...more: Action[]): BrowserState =>
	[
		{type: 'startPrompt', kind: 'budget'} as const,
		{type: 'promptClear'} as const,
		{type: 'promptInput', text} as const,
		{type: 'promptSubmit'} as const,
		...more,
	].reduce(browserReducer, state);

const weekly: Budget = {amount: 2_000_000, unit: 'tokens', period: 'week'};

describe('budget state', () => {
	it('B opens the budget prompt with the current budget to edit', () => {
		expect(keymap('B', {}, {loading: false, overlay: 'none', prompt: undefined})).toEqual({
			type: 'startPrompt',
			kind: 'budget',
		});
		const opened = browserReducer(initialState({budget: weekly}), {type: 'startPrompt', kind: 'budget'});
		expect(opened.prompt).toEqual({kind: 'budget', draft: '2M/week'});
		expect(browserReducer(initialState(), {type: 'startPrompt', kind: 'budget'}).prompt?.draft).toBe('');
	});

	it('sets a budget, keeps the prompt open with the reason for a bad one, and clears it when empty', () => {
		const set = type(initialState(), '$50/day');
		expect(set.budget).toEqual({amount: 50, unit: 'usd', period: 'day'});
		expect(set.prompt).toBeUndefined();
		expect(set.status).toBe('Budget $50/day');

		const bad = type(set, '50/fortnight');
		expect(bad.budget).toEqual(set.budget);
		expect(bad.prompt).toEqual({
			kind: 'budget',
			draft: '50/fortnight',
			error: '"fortnight" is not a period: use day, week or month',
		});
		const cancelled = browserReducer(bad, {type: 'promptCancel'});
		expect(cancelled.budget).toEqual(set.budget);

		const cleared = type(set, '   ');
		expect(cleared.budget).toBeUndefined();
		expect(cleared.status).toBe('Budget removed');
	});

	it('R forgets the budget with the rest of the view', () => {
		expect(browserReducer(initialState({budget: weekly}), {type: 'resetView'}).budget).toBeUndefined();
	});

	it('is remembered in the config file as an object, and a damaged one is dropped', () => {
		const view = {
			sort: {key: 'tokens', reverse: false},
			filters: {text: '', time: {kind: 'all'}},
			graph: 'both',
			path: [],
		};
		expect(parseRememberedView(JSON.parse(JSON.stringify({...view, budget: weekly})))?.budget).toEqual(weekly);
		for (const budget of [
			{amount: -1, unit: 'usd', period: 'day'},
			{amount: 5, unit: 'eur', period: 'day'},
			'2M/week',
			{amount: 5, unit: 'usd', period: 'year'},
		]) {
			expect(parseRememberedView({...view, budget})).not.toHaveProperty('budget');
		}
	});
});
