import {describe, expect, it} from 'vitest';
import type {CallEvent} from '../../../source/core/events.js';
import {codexFixture, parseCodexHome, raw} from './helpers.js';

const sum = (calls: CallEvent[], pick: (call: CallEvent) => number): number =>
	calls.reduce((total, call) => total + pick(call), 0);

describe('codex token_count rules (fixtures/codex/token-rules)', async () => {
	const {calls, diagnostics} = await parseCodexHome(codexFixture('token-rules'));
	const at = (iso: string): CallEvent | undefined => calls.find(call => call.time === Date.parse(iso));

	it('skips null info and re-emitted events whose total did not move', () => {
		expect(calls.map(call => new Date(call.time).toISOString().slice(11, 23))).toEqual([
			'10:00:02.000',
			'10:00:03.000',
			'10:00:06.000',
			'10:00:08.000',
			'10:00:09.000',
			'10:00:09.500',
		]);
	});

	it('maps input to uncached input, cached to cacheRead, keeps reasoning inside output', () => {
		expect(at('2026-03-02T10:00:02.000Z')?.tokens).toEqual({
			input: 800,
			cacheRead: 200,
			cacheWrite5m: 0,
			cacheWrite1h: 0,
			output: 50,
			reasoning: 10,
		});
	});

	it('uses total − previous total when last_token_usage is missing', () => {
		expect(raw(at('2026-03-02T10:00:03.000Z')!)).toEqual({input: 1500, cached: 1000, output: 30, reasoning: 10});
	});

	it('prefers last_token_usage over the total delta, also when the total drops', () => {
		expect(raw(at('2026-03-02T10:00:06.000Z')!)).toEqual({input: 1500, cached: 0, output: 20, reasoning: 0});
		// After compaction the cumulative total went down: the new `last` still counts.
		expect(at('2026-03-02T10:00:08.000Z')).toBeDefined();
	});

	it('clamps cached to input', () => {
		expect(at('2026-03-02T10:00:08.000Z')?.tokens).toMatchObject({input: 0, cacheRead: 300, output: 10});
	});

	it('drops all-zero rows and counts identical last-only rows each time', () => {
		expect(at('2026-03-02T10:00:07.000Z')).toBeUndefined();
		expect(raw(at('2026-03-02T10:00:09.000Z')!)).toEqual(raw(at('2026-03-02T10:00:09.500Z')!));
	});

	it('sums to the hand-computed totals and sets a verbatim-copy dedup key', () => {
		expect(sum(calls, call => call.tokens.input)).toBe(2880);
		expect(sum(calls, call => call.tokens.cacheRead)).toBe(1500);
		expect(sum(calls, call => call.tokens.output)).toBe(118);
		expect(sum(calls, call => call.tokens.reasoning)).toBe(22);
		expect(calls.every(call => call.tokens.cacheWrite5m === 0 && call.tokens.cacheWrite1h === 0)).toBe(true);
		expect(at('2026-03-02T10:00:02.000Z')?.dedupKey).toBe(
			'codex:2026-03-02T10:00:02.000Z|gpt-5.3-codex|1000|200|50|10|1050',
		);
		// The timestamp is part of the key: identical usage at two moments is two calls.
		expect(new Set(calls.map(call => call.dedupKey)).size).toBe(calls.length);
		expect(diagnostics).toEqual([]);
	});
});

describe('codex model resolution (fixtures/codex/model)', async () => {
	const {calls, diagnostics} = await parseCodexHome(codexFixture('model'));

	it('falls back to gpt-5 before any model is known, and says so', () => {
		expect(calls[0]?.model).toBe('gpt-5');
		expect(diagnostics).toEqual([
			expect.objectContaining({kind: 'missing-field', message: expect.stringContaining('gpt-5')}),
		]);
	});

	it('takes a model named on the event, keeps it, then follows turn_context', () => {
		expect(calls.map(call => call.model)).toEqual(['gpt-5', 'gpt-5.2-codex', 'gpt-5.2-codex', 'gpt-5.4']);
	});
});
