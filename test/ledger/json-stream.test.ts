/**
The streaming JSON reader of `--import` agrees with JSON.parse on every document, however the
bytes are cut into chunks, and refuses what JSON.parse refuses (plus its own depth and size
limits), without recursion.
*/
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {type JsonHandler, JsonStreamError, JsonStreamReader} from '../../source/store/history/json-stream.js';

/** Rebuilds the value from the tokens (the way a consumer would), to compare with JSON.parse. */
function rebuild(): JsonHandler & {result: () => unknown} {
	const open: Array<unknown[] | Record<string, unknown>> = [];
	const keys: string[] = [];
	let result: unknown;
	const add = (value: unknown) => {
		const parent = open.at(-1);
		if (parent === undefined) {
			result = value;
		} else if (Array.isArray(parent)) {
			parent.push(value);
		} else {
			Object.defineProperty(parent, keys.pop()!, {value, enumerable: true, writable: true, configurable: true});
		}
	};

	return {
		beginObject() {
			const object = {};
			add(object);
			open.push(object);
		},
		beginArray() {
			const array: unknown[] = [];
			add(array);
			open.push(array);
		},
		endObject: () => open.pop(),
		endArray: () => open.pop(),
		key: name => keys.push(name),
		scalar: add,
		result: () => result,
	};
}

function read(text: string, chunkSize: number, limits = {maxDepth: 1000, maxStringBytes: 1 << 20}): unknown {
	const handler = rebuild();
	const reader = new JsonStreamReader(handler, limits);
	const bytes = Buffer.from(text);
	for (let at = 0; at < bytes.length; at += chunkSize) {
		reader.write(bytes.subarray(at, at + chunkSize));
	}

	reader.end();
	return handler.result();
}

describe('JsonStreamReader', () => {
	it('gives what JSON.parse gives, for any document cut into any chunks', () => {
		fc.assert(
			fc.property(fc.jsonValue(), fc.integer({min: 1, max: 17}), fc.boolean(), (value, chunkSize, spaced) => {
				const text = JSON.stringify(value, null, spaced ? '\t' : undefined);
				expect(read(text, chunkSize)).toEqual(JSON.parse(text));
			}),
			{numRuns: 500, seed: 16},
		);
	});

	it('keeps escapes and multi-byte characters split across chunks', () => {
		const text = JSON.stringify({'ké\u0000y': ['\\"\n\u2028', 'ü€😀', -0.5e-3, 12, true, false, null]});
		for (const chunkSize of [1, 2, 3, 5]) {
			expect(read(text, chunkSize)).toEqual(JSON.parse(text));
		}
	});

	it('refuses what JSON.parse refuses, and reads what it reads', () => {
		fc.assert(
			// A leading byte order mark is the one difference: the reader skips it.
			fc.property(
				fc.string({maxLength: 12}).filter(text => !text.startsWith('\uFEFF')),
				text => {
					let parsed = true;
					try {
						JSON.parse(text);
					} catch {
						parsed = false;
					}

					if (parsed) {
						expect(read(text, 3)).toEqual(JSON.parse(text));
					} else {
						expect(() => read(text, 3)).toThrow(JsonStreamError);
					}
				},
			),
			{numRuns: 2000, seed: 16},
		);
		for (const text of ['', '{', '[1,]', '{"a":1,}', '01', '1.', '-', 'tru', '"\u0001"', '"\\x"', '{} {}', '[1 2]']) {
			expect(() => read(text, 2), text).toThrow(JsonStreamError);
		}
	});

	it('refuses nesting and strings beyond its limits, 10,000 levels deep without a stack overflow', () => {
		const deep = '['.repeat(10_000) + ']'.repeat(10_000);
		expect(() => read(deep, 4096, {maxDepth: 64, maxStringBytes: 100})).toThrow(
			'nested deeper than 64 levels (byte 64)',
		);
		expect(read('['.repeat(64) + ']'.repeat(64), 7, {maxDepth: 64, maxStringBytes: 100})).toBeDefined();
		expect(() => read(JSON.stringify('x'.repeat(101)), 7, {maxDepth: 64, maxStringBytes: 100})).toThrow(
			'a value longer than 100 bytes',
		);
	});
});
