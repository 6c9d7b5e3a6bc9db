/**
Runs `source.load` (again whenever `generation` changes) and exposes its progress and
result. The load is aborted when the component unmounts (quit during loading) or a newer
load starts. Progress updates are state updates, so Ink repaints at most at its frame rate.
Once loaded, the source may keep the load current (`source.watch`): each update is the same
load grown, shown in place of the previous one without the loading view. An update waits while
`hooks.holdUpdates()` says the user is busy (keys being pressed): rebuilding the tree of a large
history takes a few hundred ms, which must not come between a key and its frame. For the same
reason updates are spaced by `updateSpacing` times what the last one cost to show, so an agent
writing without pause never keeps the browser busy more than a fraction of the time.
*/
import {useEffect, useRef, useState} from 'react';
import type {LoadProgress} from '../../pipeline/types.js';
import type {DataSource, LoadedData} from '../types.js';

export type LoadState =
	| {readonly status: 'loading'; readonly progress: LoadProgress | undefined; readonly previous: LoadedData | undefined}
	| {readonly status: 'ready'; readonly data: LoadedData}
	| {readonly status: 'error'; readonly message: string; readonly previous: LoadedData | undefined};

function previousOf(state: LoadState): LoadedData | undefined {
	return state.status === 'ready' ? state.data : state.previous;
}

/** How often a held update asks again whether it may be shown. */
const holdRetryMs = 150;
/** An update waits this many times the previous one's cost (render to screen) after it. */
const updateSpacing = 3;

export type LiveUpdateHooks = {
	/** While true, updates wait (the user is pressing keys). */
	readonly holdUpdates: () => boolean;
	/** Called right before an update is shown (the app pins its cursor). */
	readonly beforeUpdate: () => void;
};

const noHooks: LiveUpdateHooks = {holdUpdates: () => false, beforeUpdate: () => undefined};

export function useLoad(source: DataSource, generation: number, hooks: LiveUpdateHooks = noHooks): LoadState {
	const [state, setState] = useState<LoadState>({status: 'loading', progress: undefined, previous: undefined});
	// When the last update was handed to React, and how long it took to reach the screen (the
	// effect without dependencies runs after every commit, the update's among them).
	const lastUpdate = useRef({shownAt: 0, costMs: 0, pending: false});
	useEffect(() => {
		const update = lastUpdate.current;
		if (update.pending) {
			update.pending = false;
			update.costMs = performance.now() - update.shownAt;
		}
	});
	useEffect(() => {
		// `generation` is the reload trigger: each change starts a fresh load.
		void generation;
		const controller = new AbortController();
		let stopWatching: (() => void) | undefined;
		let held: LoadedData | undefined;
		let holdTimer: NodeJS.Timeout | undefined;
		const showWhenIdle = () => {
			holdTimer = undefined;
			const update = lastUpdate.current;
			const spaced = performance.now() >= update.shownAt + updateSpacing * update.costMs;
			if (hooks.holdUpdates() || !spaced) {
				holdTimer = setTimeout(showWhenIdle, holdRetryMs);
			} else if (held && !controller.signal.aborted) {
				lastUpdate.current = {shownAt: performance.now(), costMs: update.costMs, pending: true};
				hooks.beforeUpdate();
				setState({status: 'ready', data: held});
				held = undefined;
			}
		};
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
							held = grown;
							if (!holdTimer) showWhenIdle();
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
			clearTimeout(holdTimer);
		};
	}, [source, generation, hooks]);
	return state;
}
