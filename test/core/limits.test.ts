/**
The bounds of core/limits.ts at their edges: what is in passes, what is just out is named.
*/
import {describe, expect, it} from 'vitest';
import {eventProblem, maxTextLength, maxTokensPerCall} from '../../source/core/limits.js';
import {call, session, tokens, tool, turn} from '../support/events.js';

const at = (iso: string) => call('claude', 's', '2026-02-12T10:00:00Z', {time: Date.parse(iso)});

describe('eventProblem', () => {
	it('takes times from epoch 0 to the end of 2099, and names the time outside', () => {
		expect(eventProblem(at('1970-01-01T00:00:00.000Z'))).toBeUndefined();
		expect(eventProblem(at('2099-12-31T23:59:59.999Z'))).toBeUndefined();
		expect(eventProblem(at('1969-12-31T23:59:59.999Z'))).toBe(
			'time 1969-12-31T23:59:59.999Z is outside 1970-01-01 … 2099-12-31',
		);
		expect(eventProblem(at('2100-01-01T00:00:00.000Z'))).toMatch(/^time 2100-01-01T00:00:00.000Z is outside/);
		expect(eventProblem(at('+275760-09-13T00:00:00.000Z'))).toMatch(/^time \+275760-09-13T00:00:00.000Z is outside/);
		expect(eventProblem(call('claude', 's', '2026-02-12T10:00:00Z', {time: Number.NaN}))).toMatch(/^time NaN/);
		expect(eventProblem(turn('claude', 's', 't', '1969-07-20T20:17:00Z', 'hi'))).toMatch(/^time 1969-07-20/);
	});

	it('takes whole token counts up to 10 billion per kind, and names the one outside', () => {
		const withTokens = (partial: Parameters<typeof tokens>[0]) =>
			eventProblem(call('claude', 's', '2026-02-12T10:00:00Z', {tokens: tokens(partial)}));
		expect(
			withTokens({input: maxTokensPerCall, cacheRead: maxTokensPerCall, output: maxTokensPerCall}),
		).toBeUndefined();
		expect(withTokens({cacheRead: maxTokensPerCall + 1})).toBe(
			'cacheRead token count 10000000001 is not a whole number from 0 to 10,000,000,000',
		);
		// A whole long session logged as one record (Hermes, Goose, Droid) reads this much cache.
		expect(withTokens({cacheRead: 750_000_000, input: 2_000_000})).toBeUndefined();
		expect(withTokens({output: -5})).toMatch(/^output token count -5 /);
		expect(withTokens({reasoning: Number.NaN})).toMatch(/^reasoning token count NaN /);
		expect(withTokens({input: 1.5})).toMatch(/^input token count 1.5 /);
		expect(withTokens({input: 1e20})).toMatch(/^input token count 100000000000000000000 /);
	});

	it('takes reported costs from 0 to below one million USD, on calls and sessions', () => {
		const costing = (reportedCostUSD: number) =>
			eventProblem(call('claude', 's', '2026-02-12T10:00:00Z', {reportedCostUSD}));
		expect(costing(0)).toBeUndefined();
		expect(costing(999_999.99)).toBeUndefined();
		expect(costing(1e308)).toBe('reported cost 1e+308 is not from 0 to 1,000,000 USD');
		expect(costing(-0.01)).toMatch(/^reported cost -0.01 /);
		expect(costing(Number.POSITIVE_INFINITY)).toMatch(/^reported cost Infinity /);
		expect(eventProblem(session('claude', 's', {reportedCostUSD: Number.NaN}))).toMatch(/^reported cost NaN /);
	});

	it('takes any name, Object.prototype members included, but no empty id and no text over 4096 characters', () => {
		for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
			expect(eventProblem(session('claude', name, {project: name, device: name}))).toBeUndefined();
			expect(
				eventProblem(call('claude', name, '2026-02-12T10:00:00Z', {model: name, tools: [tool(name, 'reading')]})),
			).toBeUndefined();
		}

		expect(eventProblem(session('claude', ''))).toBe('sessionId (0 characters) is not a text of 1 to 4096 characters');
		const long = 'x'.repeat(maxTextLength + 1);
		expect(eventProblem(session('claude', 's', {title: long}))).toBe(
			'title (4097 characters) is not a text of at most 4096 characters',
		);
		expect(eventProblem(call('claude', 's', '2026-02-12T10:00:00Z', {tools: [tool(long, 'reading')]}))).toMatch(
			/^tool \(4097 characters\)/,
		);
		expect(eventProblem(session('claude', 's', {title: 'x'.repeat(maxTextLength)}))).toBeUndefined();
	});
});
