/**
The TUI's first load, started before the UI framework is imported. Loading Ink and React
takes about half a second of module compiling; the discovery walk, the parse-cache read and
(on a cold start) the parse workers get going meanwhile instead of after it. The UI's first
`load()` adopts this run: it sees its progress (the latest state at once, then every update)
and its quit key aborts it, exactly as if the UI had started it.
*/
import type {LoadProgress} from '../pipeline/types.js';
import type {Options} from './options.js';
import {type Loaded, loadFor} from './runtime.js';

export type Preload = {
	/** Resolves with the load; `onProgress` replaces the listener; aborting `signal` aborts the load. */
	adopt(onProgress: (progress: LoadProgress) => void, signal?: AbortSignal): Promise<Loaded>;
	/** Stops the load (an error before the UI took over). */
	abort(): void;
};

export function startPreload(options: Options): Preload {
	const controller = new AbortController();
	let latest: LoadProgress | undefined;
	let listener: ((progress: LoadProgress) => void) | undefined;
	const loaded = loadFor(options, {
		demoFallback: true,
		signal: controller.signal,
		onProgress(progress) {
			latest = progress;
			listener?.(progress);
		},
	});
	// Never an unhandled rejection: the adopter (or nobody, after an abort) sees the error.
	loaded.catch(() => undefined);
	return {
		async adopt(onProgress, signal) {
			listener = onProgress;
			if (latest) {
				onProgress(latest);
			}

			if (signal?.aborted) {
				controller.abort();
			}

			signal?.addEventListener('abort', () => controller.abort(), {once: true});
			return loaded;
		},
		abort() {
			controller.abort();
		},
	};
}
