/**
callTotals (the allocation-light leaf totals the builder uses for every API call) must equal,
field for field, what a TotalsBuilder fed that one call produces — for priced, unpriced,
reported, tool-less and multi-tool calls alike.
*/
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {activities} from '../../source/core/activity.js';
import {type CallLeaf, callTotals, TotalsBuilder} from '../../source/model/totals.js';

const tokenCount = fc.integer({min: 0, max: 2_000_000});
const leaf: fc.Arbitrary<CallLeaf> = fc.record({
	info: fc.record({
		agent: fc.constantFrom('claude', 'codex', 'gemini'),
		time: fc.oneof(fc.constant(0), fc.integer({min: 1_600_000_000_000, max: 1_900_000_000_000})),
		model: fc.constantFrom('claude-opus-4-6', 'claude-sonnet-4-5-20250929', 'gpt-5-codex', 'unknown'),
		tokens: fc.record({
			input: tokenCount,
			cacheRead: tokenCount,
			cacheWrite5m: tokenCount,
			cacheWrite1h: tokenCount,
			output: tokenCount,
			reasoning: tokenCount,
		}),
		costUSD: fc.oneof(fc.constant(null), fc.double({min: 0, max: 50, noNaN: true})),
		costSource: fc.constantFrom('reported', 'estimated'),
		longContext: fc.boolean(),
		tools: fc.array(
			fc.record({name: fc.constantFrom('Read', 'Edit', 'Bash', 'Grep'), activity: fc.constantFrom(...activities)}),
			{maxLength: 5},
		),
		files: fc.constant([]),
	}),
	sessionKey: fc.constant('claude:s1'),
	turnKey: fc.constant('claude:s1#t1'),
}) as fc.Arbitrary<CallLeaf>;

describe('callTotals', () => {
	it('equals a TotalsBuilder fed the same single call', () => {
		fc.assert(
			fc.property(leaf, call => {
				const builder = new TotalsBuilder();
				builder.addCall(call);
				expect(callTotals(call)).toEqual(builder.freeze());
			}),
			{numRuns: 300},
		);
	});

	it('reports an unpriced call with tokens as null cost and a zero-token unpriced call as 0', () => {
		const base = {
			agent: 'claude',
			time: 1_770_000_000_000,
			model: 'mystery',
			costSource: 'estimated',
			longContext: false,
			tools: [],
			files: [],
		} as const;
		const zero = {input: 0, cacheRead: 0, cacheWrite5m: 0, cacheWrite1h: 0, output: 0, reasoning: 0};
		expect(
			callTotals({info: {...base, tokens: {...zero, output: 10}, costUSD: null}, sessionKey: 's', turnKey: 't'})
				.costUSD,
		).toBeNull();
		expect(callTotals({info: {...base, tokens: zero, costUSD: null}, sessionKey: 's', turnKey: 't'}).costUSD).toBe(0);
	});
});
