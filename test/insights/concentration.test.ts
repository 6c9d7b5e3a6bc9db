import {describe, expect, it} from 'vitest';
import {concentration} from '../../source/insights/rules/concentration.js';
import {buildScope} from '../../source/insights/scope.js';
import {modelOf, sessionEvents} from './fixtures.js';
import {messageText} from '../../source/insights/message.js';

const small = (id: string, day: string) => sessionEvents(id, `${day}T10:00:00Z`, 2, 2, () => 20_000);

describe('rule 2: concentration', () => {
	it('reports the few sessions that used most tokens', () => {
		const events = [
			...sessionEvents('huge', '2026-03-02T09:00:00Z', 6, 4, () => 200_000),
			...small('a', '2026-03-03'),
			...small('b', '2026-03-04'),
			...small('c', '2026-03-05'),
			...small('d', '2026-03-06'),
			...small('e', '2026-03-07'),
		];
		const model = modelOf(events);
		const [insight, ...rest] = concentration(buildScope(model, model.root));
		expect(rest).toEqual([]);
		// Huge: 24 calls × 200,800 tokens; each small: 4 × 20,800.
		const huge = 24 * 200_800;
		const smallTotal = 4 * 20_800;
		expect(insight!.figures['sessions']).toBe(6);
		expect(insight!.figures['topSessions']).toBe(1);
		expect(insight!.figures['top2']).toBe('a-app (claude, 2026-03-03)');
		expect(insight!.figures['top1']).toBe('huge-app (claude, 2026-03-02)');
		expect(insight!.figures['top1Share']).toBeCloseTo(huge / (huge + 5 * smallTotal), 3);
		expect(insight!.severity).toBe('warning');
		expect(messageText(insight!.message)).toMatch(/^1 of 6 sessions used 9\d% of all tokens/);
	});

	it('stays quiet when sessions are evenly sized', () => {
		const events = ['a', 'b', 'c', 'd', 'e', 'f'].flatMap((id, index) => small(id, `2026-03-0${index + 2}`));
		const model = modelOf(events);
		expect(concentration(buildScope(model, model.root))).toEqual([]);
	});
});
