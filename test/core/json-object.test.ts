import {describe, expect, it} from 'vitest';
import {asRecord} from '../../source/core/json-object.js';

describe('asRecord', () => {
	it('passes plain objects only: not null, arrays or other values', () => {
		const object = {a: 1};
		expect(asRecord(object)).toBe(object);
		expect(asRecord(JSON.parse('{"__proto__": 1}'))).toEqual(JSON.parse('{"__proto__": 1}'));
		for (const value of [null, undefined, [], [1], 'text', 3, true]) {
			expect(asRecord(value)).toBeUndefined();
		}
	});
});
