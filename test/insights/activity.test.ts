import {describe, expect, it} from 'vitest';
import type {UsageEvent} from '../../source/core/events.js';
import {activitySplit, rereadFiles} from '../../source/insights/rules/activity.js';
import {buildScope} from '../../source/insights/scope.js';
import {call, session, tokens, tool, turn} from '../support/events.js';
import {modelOf} from './fixtures.js';
import {messageText} from '../../source/insights/message.js';

/** A session of `reads` reading calls and `edits` writing calls, 20K tokens each. */
function work(id: string, project: string, day: string, reads: number, edits: number, file = 'src/router.ts') {
	const events: UsageEvent[] = [
		session('claude', id, {project}),
		turn('claude', id, `${id}-1`, `${day}T14:00:00Z`, 'Trace the routing bug'),
	];
	for (let i = 0; i < reads + edits; i++) {
		const reading = i < reads;
		events.push(
			call('claude', id, `${day}T14:${String(10 + i).padStart(2, '0')}:00Z`, {
				turnId: `${id}-1`,
				tokens: tokens({input: 1000, cacheRead: 18_000, output: 1000}),
				tools: reading ? [tool('Read', 'reading', file)] : [tool('Edit', 'writing', 'src/fix.ts')],
			}),
		);
	}

	return events;
}

describe('rule 5: activity', () => {
	it('reports the dominant activity, its share, cost and the peak tool hour', () => {
		const model = modelOf(work('a', 'web', '2026-03-02', 6, 2));
		const [insight] = activitySplit(buildScope(model, model.root));
		expect(insight!.figures['readingShare']).toBe(0.75);
		expect(insight!.figures['writingShare']).toBe(0.25);
		expect(insight!.figures['peakToolHour']).toBe(14);
		expect(messageText(insight!.message)).toMatch(
			/^75% of tokens \(120k, \$0\.\d\d\) went to reading; then writing 25%/,
		);
	});

	it('is quiet when no activity dominates', () => {
		const model = modelOf(work('b', 'web', '2026-03-02', 3, 3));
		expect(activitySplit(buildScope(model, model.root))).toEqual([]);
	});

	it('finds files read in several sessions of one project on one day', () => {
		const model = modelOf([
			...work('a', 'web', '2026-03-02', 2, 0),
			...work('b', 'web', '2026-03-02', 2, 0),
			...work('c', 'web', '2026-03-02', 1, 0),
		]);
		const [insight] = rereadFiles(buildScope(model, model.root));
		expect(insight!.figures['file1']).toBe('src/router.ts');
		expect(insight!.figures['file1Sessions']).toBe(3);
		expect(insight!.figures['file1Day']).toBe('2026-03-02');
	});

	it('keeps a project or file name with "|" whole, and counts a session reading twice once', () => {
		const model = modelOf([
			...work('a', 'web|admin', '2026-03-02', 3, 0, 'src/a|b.ts'),
			...work('b', 'web|admin', '2026-03-02', 1, 0, 'src/a|b.ts'),
			...work('c', 'web|admin', '2026-03-02', 2, 0, 'src/a|b.ts'),
		]);
		const [insight] = rereadFiles(buildScope(model, model.root));
		expect(insight!.figures).toMatchObject({
			file1: 'src/a|b.ts',
			file1Project: 'web|admin',
			file1Sessions: 3,
			file1Day: '2026-03-02',
		});
	});

	it('does not count the same file on other days or in other projects', () => {
		const model = modelOf([
			...work('a', 'web', '2026-03-02', 2, 0),
			...work('b', 'web', '2026-03-03', 2, 0),
			...work('c', 'api', '2026-03-02', 2, 0),
		]);
		expect(rereadFiles(buildScope(model, model.root))).toEqual([]);
	});
});
