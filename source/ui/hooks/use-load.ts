/**
Runs `source.load` (again whenever `generation` changes) and exposes its progress and
result. The load is aborted when the component unmounts (quit during loading) or a newer
load starts. Progress updates are state updates, so Ink repaints at most at its frame rate.
Once loaded, the source may keep the load current (`source.watch`): each update is the same
load grown, shown in place of the previous one without the loading view.
*/
import {useEffect, useState} from 'react';
import type {LoadProgress} from '../../pipeline/types.js';
import type {DataSource, LoadedData} from '../types.js';

export type LoadState =
	| {readonly status: 'loading'; readonly progress: LoadProgress | undefined; readonly previous: LoadedData | undefined}
	| {readonly status: 'ready'; readonly data: LoadedData}
	| {readonly status: 'error'; readonly message: string; readonly previous: LoadedData | undefined};

function previousOf(state: LoadState): LoadedData | undefined {
	return state.status === 'ready' ? state.data : state.previous;
}

export function useLoad(source: DataSource, generation: number): LoadState {
	const [state, setState] = useState<LoadState>({status: 'loading', progress: undefined, previous: undefined});
	useEffect(() => {
		// `generation` is the reload trigger: each change starts a fresh load.
		void generation;
		const controller = new AbortController();
		let stopWatching: (() => void) | undefined;
		setState(current => ({status: 'loading', progress: undefined, previous: previousOf(current)}));
		source
			.load(progress => {
				if (!controller.signal.aborted) {
					setState(current => ({status: 'loading', progress, previous: previousOf(current)}));
				}
			}, controller.signal)
			.then(
				data => {
					if (!controller.signal.aborted) {
						setState({status: 'ready', data});
						stopWatching = source.watch?.(data, grown => {
							setState({status: 'ready', data: grown});
						});
					}
				},
				(error: unknown) => {
					if (!controller.signal.aborted) {
						const message = error instanceof Error ? error.message : String(error);
						setState(current => ({status: 'error', message, previous: previousOf(current)}));
					}
				},
			);
		return () => {
			controller.abort();
			stopWatching?.();
		};
	}, [source, generation]);
	return state;
}
