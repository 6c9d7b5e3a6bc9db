/**
The TUI's early first load (source/cli/preload.ts): whoever adopts it gets the same result a
fresh load gives, the progress so far at once and every update after, and can abort it.
*/
import {describe, expect, it} from 'vitest';
import {resolveOptions} from '../../source/cli/options.js';
import {plainFlags} from '../support/flags.js';
import {startPreload} from '../../source/cli/preload.js';
import {loadFor} from '../../source/cli/runtime.js';
import type {LoadProgress} from '../../source/pipeline/types.js';

const flags = plainFlags();
const options = resolveOptions(flags, {stdoutIsTTY: true, env: {}});

describe('preload', () => {
	it('gives the adopter the whole load and its progress, ending with "done"', async () => {
		const preload = startPreload(options);
		// Adopted late, as the UI does once Ink has loaded: the latest progress comes first.
		await new Promise(resolve => setTimeout(resolve, 50));
		const seen: LoadProgress[] = [];
		const loaded = await preload.adopt(progress => seen.push(progress));
		const fresh = await loadFor(options, {demoFallback: true});
		expect(loaded.demo).toBe(true);
		expect(loaded.result.store.callCount).toBe(fresh.result.store.callCount);
		expect(loaded.result.store.callCount).toBeGreaterThan(1000);
		expect(seen.length).toBeGreaterThan(0);
		expect(seen.at(-1)!.phase).toBe('done');
	});

	it('stops when the adopter aborts (q on the loading view)', async () => {
		const preload = startPreload(options);
		const controller = new AbortController();
		controller.abort();
		const loaded = await preload.adopt(() => undefined, controller.signal);
		expect(loaded.result.store.callCount).toBe(0);
	});
});
