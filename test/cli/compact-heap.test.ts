/**
compactHeap really collects: garbage that only a full collection frees is gone afterwards
(checked through a WeakRef), without the process having been started with --expose-gc.
*/
import {describe, expect, it} from 'vitest';
import {compactHeap} from '../../source/cli/compact-heap.js';

describe('compactHeap', () => {
	it('frees unreachable objects for a big history', async () => {
		let big: number[] | undefined = Array.from({length: 100_000}, (_, index) => index);
		const ref = new WeakRef(big);
		big = undefined;
		// A WeakRef keeps its target alive until the current job ends.
		await new Promise(resolve => setImmediate(resolve));
		compactHeap(200_000);
		expect(ref.deref()).toBeUndefined();
	});
});
