/**
The shared counter layouts of parsers/token-counters.ts: disjoint counters (Kimi, Pi, Amp,
OpenClaw) and an input count that includes the cache (Copilot, Grok, Goose, Z Code, Cline's
OpenAI protocol).
*/
import {describe, expect, it} from 'vitest';
import {disjointCounters, inclusiveInput} from '../../source/parsers/token-counters.js';

describe('disjointCounters', () => {
	it('keeps each counter in its bucket, reading untrusted values as token counts', () => {
		expect(disjointCounters({input: 10.7, cacheRead: 20, cacheWrite: '5', output: 3, total: 999})).toEqual({
			input: 10,
			cacheRead: 20,
			cacheWrite5m: 0,
			cacheWrite1h: 0,
			output: 3,
			reasoning: 0,
		});
	});

	it('books a bare total as output, and ignores it when any part is present', () => {
		expect(disjointCounters({input: null, cacheRead: undefined, cacheWrite: 0, output: 0, total: 42}).output).toBe(42);
		expect(disjointCounters({input: 1, cacheRead: 0, cacheWrite: 0, output: 0, total: 42}).output).toBe(0);
		expect(disjointCounters({input: 0, cacheRead: 0, cacheWrite: 0, output: 0}).output).toBe(0);
	});
});

describe('inclusiveInput', () => {
	it('leaves as fresh input what the cache reads and writes do not account for', () => {
		expect(inclusiveInput({input: 100, cacheRead: 60, cacheWrite: 15, output: 9, reasoning: 4})).toEqual({
			input: 25,
			cacheRead: 60,
			cacheWrite5m: 15,
			cacheWrite1h: 0,
			output: 9,
			reasoning: 4,
		});
	});

	it('never makes fresh input negative when the cache counts exceed the input', () => {
		expect(inclusiveInput({input: 10, cacheRead: 30, cacheWrite: 5, output: 0, reasoning: 0}).input).toBe(0);
	});
});
