/**
The browser reducer (browser/state.ts) seeded from the app's options, and the remembered view
reported back to the host whenever it changes (the CLI writes it to the config file on quit).
*/
import {type Dispatch, useEffect, useReducer} from 'react';
import {type Action, type BrowserState, browserReducer, initialState} from '../../browser/state.js';
import type {AppOptions} from '../types.js';

/** Explicit `initialSort`/`initialFilters`/`initialBudget` (flags) win over the remembered view. */
function initialStateOf(options: AppOptions): BrowserState {
	return initialState({
		sort: options.initialSort ?? options.initialView?.sort,
		filters: options.initialFilters ?? options.initialView?.filters,
		graph: options.initialView?.graph,
		path: options.initialView?.path,
		budget: options.initialBudget ?? options.initialView?.budget,
	});
}

export function useBrowserState(options: AppOptions): [BrowserState, Dispatch<Action>] {
	const [state, dispatch] = useReducer(browserReducer, options, initialStateOf);
	const {onViewChange} = options;
	useEffect(() => {
		onViewChange?.({
			sort: state.sort,
			filters: state.filters,
			graph: state.graph,
			path: state.path,
			...(state.budget ? {budget: state.budget} : {}),
		});
	}, [onViewChange, state.sort, state.filters, state.graph, state.path, state.budget]);
	return [state, dispatch];
}
