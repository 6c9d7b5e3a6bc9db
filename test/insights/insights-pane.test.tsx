import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import {insightsFor} from '../../source/insights/index.js';
import type {Insight} from '../../source/insights/types.js';
import {InsightsPane, paneLines} from '../../source/ui/insights-pane.js';
import {growingSession, modelOf, sessionEvents} from './fixtures.js';
import {messageText} from '../../source/insights/message.js';

function realInsights(): Insight[] {
	const vague = sessionEvents(
		'loop',
		'2026-03-03T09:00:00Z',
		6,
		2,
		i => 40_000 + i * 30_000,
		turn => (turn >= 4 ? 'try again' : `Port report ${turn} to the new charts`),
	);
	const model = modelOf([...growingSession('g1'), ...vague]);
	return insightsFor(model, model.root, {now: Date.parse('2026-03-03T09:30:00Z'), tokenLimit: 3_000_000});
}

describe('InsightsPane', () => {
	it('renders markers, wrapped messages, figures and savings within the height', () => {
		const insights = realInsights();
		const {lastFrame} = render(<InsightsPane insights={insights} width={80} height={20} ascii={false} color={false} />);
		const frame = lastFrame() ?? '';
		const lines = frame.split('\n');
		expect(lines.length).toBeLessThanOrEqual(20);
		expect(lines.every(line => line.length <= 80)).toBe(true);
		expect(frame).toContain('▲ ');
		expect(frame).toContain('Active 5-h block');
		expect(frame).toMatch(/saving ≈ \$0\.\d\d \([\d,]+ tokens\)/);
		expect(frame).toMatch(/\+\d+ more/);
	});

	it('uses ASCII markers and shows everything when there is room', () => {
		const insights = realInsights();
		const {lastFrame} = render(<InsightsPane insights={insights} width={100} height={200} ascii color={false} />);
		const frame = lastFrame() ?? '';
		expect(frame).not.toMatch(/[^\x20-\x7e\n]/);
		expect(frame).toContain('saving ~ $');
		expect(frame).not.toContain('more (');
		for (const insight of insights) {
			expect(frame).toContain(messageText(insight.message).slice(0, 12));
		}

		// Quoted prompts are shown in the TUI (only the export can leave them out).
		const text = frame
			.split('\n')
			.map(line => line.trim())
			.join(' ');
		expect(text).toContain('tokens): "try again" at 340k');
	});

	it('says so when a scope has no insights', () => {
		const {lastFrame} = render(<InsightsPane insights={[]} width={60} height={5} ascii={false} color />);
		expect(lastFrame()).toContain('No insights for this scope');
	});

	it('never exceeds the height', () => {
		for (const height of [1, 2, 3, 7]) {
			expect(paneLines(realInsights(), 50, height, false).length).toBeLessThanOrEqual(height);
		}
	});
});
