/**
Runs `source.load` (again whenever `generation` changes) and exposes its progress and
result. The load is aborted when the component unmounts (quit during loading) or a newer
load starts. Progress updates are state updates, so Ink repaints at most at its frame rate.
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
		};
	}, [source, generation]);
	return state;
}
