import {describe, expect, it} from 'vitest';
import {cacheAccount, cacheEfficiency} from '../../source/insights/rules/cache.js';
import {buildScope} from '../../source/insights/scope.js';
import {nodesOfKind} from '../../source/model/query.js';
import {call, session, tokens, turn} from '../support/events.js';
import {pricer} from '../support/pricer.js';
import {modelOf} from './fixtures.js';
import {messageText} from '../../source/insights/message.js';

/** A session that pauses 26 minutes (cache TTL 5 min) and then rebuilds its cache. */
function pausedSession() {
	return [
		session('claude', 'pause', {project: 'billing'}),
		turn('claude', 'pause', 't1', '2026-03-02T10:00:00Z', 'Add VAT handling to invoices'),
		call('claude', 'pause', '2026-03-02T10:00:05Z', {
			turnId: 't1',
			tokens: tokens({input: 100, cacheWrite5m: 50_000, output: 500}),
		}),
		call('claude', 'pause', '2026-03-02T10:02:00Z', {
			turnId: 't1',
			tokens: tokens({input: 100, cacheRead: 50_000, cacheWrite5m: 2000, output: 500}),
		}),
		call('claude', 'pause', '2026-03-02T10:04:00Z', {
			turnId: 't1',
			tokens: tokens({input: 100, cacheRead: 52_000, cacheWrite5m: 2000, output: 500}),
		}),
		turn('claude', 'pause', 't2', '2026-03-02T10:30:00Z', 'Now the credit notes'),
		call('claude', 'pause', '2026-03-02T10:30:05Z', {
			turnId: 't2',
			tokens: tokens({input: 100, cacheWrite5m: 56_000, output: 500}),
		}),
		call('claude', 'pause', '2026-03-02T10:32:00Z', {
			turnId: 't2',
			tokens: tokens({input: 100, cacheRead: 56_000, cacheWrite5m: 1000, output: 500}),
		}),
	];
}

describe('rule 4: cache efficiency', () => {
	it('derives list-price rates from a call cost (no pricer) and from a pricer alike', () => {
		const model = modelOf(pausedSession());
		const derived = buildScope(model, model.root).rates(1)!;
		const priced = buildScope(model, model.root, {pricer}).rates(1)!;
		expect(derived.input * 1e6).toBeCloseTo(3, 6);
		expect(derived.cacheRead * 1e6).toBeCloseTo(0.3, 6);
		expect(priced.cacheWrite5m * 1e6).toBeCloseTo(3.75, 6);
		expect(priced.output * 1e6).toBeCloseTo(15, 6);
	});

	it('counts savings, a rebuild after an idle gap and writes never read', () => {
		const model = modelOf(pausedSession());
		const account = cacheAccount(buildScope(model, model.root));
		expect(account.cacheRead).toBe(158_000);
		expect(account.savedUSD).toBeCloseTo((158_000 * 2.7) / 1e6, 6);
		expect(account.rebuilds).toBe(1);
		// Rebuilt: min(56K written, previous prompt 54,100).
		expect(account.rebuildTokens).toBe(54_100);
		expect(account.rebuildLostUSD).toBeCloseTo((54_100 * (3.75 - 0.3)) / 1e6, 6);
		// Call 3's 2K write expired unread (next call 26 min later); call 5's 1K is the last.
		expect(account.unreadWrites).toBe(2);
		expect(account.unreadWriteTokens).toBe(3000);
		expect(account.unreadLostUSD).toBeCloseTo((3000 * 0.75) / 1e6, 6);
	});

	it('emits the summary and the rebuild insight with its saving', () => {
		const model = modelOf(pausedSession());
		const insights = cacheEfficiency(buildScope(model, model.root, {pricer: pricer}));
		expect(insights.map(insight => insight.rule)).toEqual(['cache-efficiency', 'cache-idle-rebuild']);
		expect(messageText(insights[0]!.message)).toMatch(/^Cache hit rate 59%: cache saved \$0\.43/);
		expect(insights[1]!.estimatedSavingUSD).toBeCloseTo(0.19, 2);
	});

	it('compares a day with the user average and warns when far below', () => {
		const cold = [
			session('claude', 'cold', {project: 'scripts'}),
			turn('claude', 'cold', 'c1', '2026-03-03T10:00:00Z', 'Write a backup script'),
			call('claude', 'cold', '2026-03-03T10:00:05Z', {
				turnId: 'c1',
				tokens: tokens({input: 90_000, cacheWrite5m: 10_000, output: 500}),
			}),
		];
		const model = modelOf([...pausedSession(), ...cold]);
		const day = nodesOfKind(model.root, 'day').find(node => node.key === '2026-03-03')!;
		const [summary] = cacheEfficiency(buildScope(model, day));
		expect(summary!.figures['hitRate']).toBe(0);
		expect(summary!.severity).toBe('warning');
		expect(messageText(summary!.message)).toContain('your average');
	});

	it('says nothing when no cache was used', () => {
		const model = modelOf([
			session('codex', 'nocache', {project: 'cli'}),
			turn('codex', 'nocache', '1', '2026-03-02T10:00:00Z', 'rename the flag'),
			call('codex', 'nocache', '2026-03-02T10:00:05Z', {turnId: '1', tokens: tokens({input: 12_000, output: 400})}),
		]);
		expect(cacheEfficiency(buildScope(model, model.root))).toEqual([]);
	});
});
