/**
Rule 4's "unread writes" now come from one backward pass (next cache read per model) instead
of a forward scan per write. On random sessions that interleave models, mix 5-minute and
1-hour writes and put several calls on the same millisecond, the result must equal the
forward-scan definition: a write is unread when no later call of the same model reads cache
before the first later call (of any model) that is past the write's TTL.
*/
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {cacheAccount, cacheThresholds} from '../../source/insights/rules/cache.js';
import {buildScope, type Scope} from '../../source/insights/scope.js';
import {call, session, tokens} from '../support/events.js';
import {modelOf} from './fixtures.js';

function unreadByScan(scope: Scope, calls: Int32Array): {count: number; tokens: number} {
	let count = 0;
	let written = 0;
	for (const [index, call] of calls.entries()) {
		const write = scope.cacheWrite5m(call) + scope.cacheWrite1h(call);
		if (write === 0) {
			continue;
		}

		const ttl = scope.cacheWrite1h(call) > 0 ? cacheThresholds.ttl1h : cacheThresholds.ttl5m;
		let read = false;
		for (const later of calls.slice(index + 1)) {
			if (scope.time(later) - scope.time(call) > ttl) {
				break;
			}

			if (scope.modelName(later) === scope.modelName(call) && scope.cacheRead(later) > 0) {
				read = true;
				break;
			}
		}

		if (!read) {
			count++;
			written += write;
		}
	}

	return {count, tokens: written};
}

describe('rule 4: unread cache writes', () => {
	it('equal the forward-scan definition on random sessions', () => {
		const step = fc.record({
			gapSeconds: fc.constantFrom(0, 0, 30, 200, 290, 300, 310, 1800, 3500, 3600, 3700),
			model: fc.constantFrom('claude-sonnet-4-5', 'claude-haiku-4-5'),
			read: fc.constantFrom(0, 0, 5000),
			write5m: fc.constantFrom(0, 2000),
			write1h: fc.constantFrom(0, 0, 3000),
		});
		fc.assert(
			fc.property(fc.array(fc.array(step, {minLength: 1, maxLength: 25}), {minLength: 1, maxLength: 3}), sessions => {
				const events = [];
				for (const [number, steps] of sessions.entries()) {
					const id = `s${number}`;
					events.push(session('claude', id));
					let time = Date.parse('2026-03-02T09:00:00Z') + number * 7000;
					for (const item of steps) {
						time += item.gapSeconds * 1000;
						events.push(
							call('claude', id, new Date(time).toISOString(), {
								model: item.model,
								tokens: tokens({
									input: 100,
									cacheRead: item.read,
									cacheWrite5m: item.write5m,
									cacheWrite1h: item.write1h,
									output: 50,
								}),
							}),
						);
					}
				}

				const model = modelOf(events);
				const scope = buildScope(model, model.root);
				const expected = scope.sessions
					.map(group => unreadByScan(scope, group.calls))
					.reduce((sum, item) => ({count: sum.count + item.count, tokens: sum.tokens + item.tokens}), {
						count: 0,
						tokens: 0,
					});
				const account = cacheAccount(scope);
				expect({count: account.unreadWrites, tokens: account.unreadWriteTokens}).toEqual(expected);
			}),
			{numRuns: 300},
		);
	});
});
