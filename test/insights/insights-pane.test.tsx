/**
The insights pane (`I`): blocks of message, human detail lines and saving that fit the width
in terminal cells, a cursor that scrolls the pane, and Enter that opens the node an insight is
about (← returns). Component tests on the rules' real output, and the App over the same events.
*/
import {render} from 'ink-testing-library';
import stringWidth from 'string-width';
import {describe, expect, it} from 'vitest';
import {insightsFor} from '../../source/insights/index.js';
import type {Insight} from '../../source/insights/types.js';
import {InsightsPane, insightBlocks, visibleLines} from '../../source/ui/insights-pane.js';
import {keys, mount} from '../ui/helpers.js';
import {growingSession, modelOf, sessionEvents} from './fixtures.js';

const now = Date.parse('2026-03-03T09:30:00Z');

function events() {
	const vague = sessionEvents(
		'loop',
		'2026-03-03T09:00:00Z',
		6,
		2,
		i => 40_000 + i * 30_000,
		turn => (turn >= 4 ? 'try again' : `Port report ${turn} to the new charts`),
	);
	return [...growingSession('g1'), ...growingSession('g2', '2026-03-02T14:00:00Z'), ...vague];
}

function realInsights(): Insight[] {
	const model = modelOf(events());
	return insightsFor(model, model.root, {now, tokenLimit: 3_000_000});
}

const frameLines = (frame: string) => frame.split('\n');

describe('InsightsPane', () => {
	it('at 80 columns, ASCII and no colour: markers, human lines and savings, every line within the width', () => {
		const insights = realInsights();
		const blocks = insightBlocks(insights, 80, true);
		const {lastFrame} = render(
			<InsightsPane blocks={blocks} cursor={0} top={0} width={80} height={200} ascii color={false} />,
		);
		const frame = lastFrame() ?? '';
		expect(frame).not.toMatch(/[^\x20-\x7e\n]/);
		for (const line of frameLines(frame)) {
			expect(stringWidth(line)).toBeLessThanOrEqual(80);
		}

		// Severity survives without colour: the warning and info markers.
		expect(frame).toMatch(/^>! {2}/m);
		expect(frame).toMatch(/^ - {2}/m);
		expect(frame).toMatch(/saves ~ \$\d+\.\d\d \([\d.]+k tokens\)/);
		// Human figures, never the export's internals.
		expect(frame).toContain('24 calls - context 20.0k tokens -> 364k tokens (x18)');
		expect(frame).not.toMatch(/\w=\S/);
		expect(frame).not.toContain('claude:');
		// Insights that point at a node end their first line with the affordance; whole-scope ones do not.
		const firstLines = frameLines(frame).filter(line => /^.(!!|! |- ) /.test(line));
		expect(firstLines.length).toBe(insights.length);
		const withArrow = firstLines.filter(line => line.endsWith(' >'));
		expect(withArrow.length).toBe(insights.filter(insight => insight.target).length);
		expect(withArrow.length).toBeLessThan(insights.length);
		// Quoted prompts are shown in the TUI (only the export can leave them out).
		expect(frame).toContain('costliest: "try again" in loop-app on 2026-03-03, 340k tokens in context');
		// A blank line between insights.
		expect(frame).toMatch(/\n\s*\n !/);
	});

	it('puts recommendations first, by saving', () => {
		const blocks = insightBlocks(realInsights(), 100, false);
		const rules = blocks.map(block => block.insight.rule);
		const recommendations = rules.filter(rule => rule === 'recommendation').length;
		expect(recommendations).toBeGreaterThan(0);
		expect(rules.slice(0, recommendations).every(rule => rule === 'recommendation')).toBe(true);
	});

	it('draws from the top insight, marks the selected one, and never exceeds the height', () => {
		const blocks = insightBlocks(realInsights(), 60, false);
		const lines = visibleLines(blocks, 2, 1, 12);
		expect(lines.length).toBe(12);
		expect(lines[0]!.key).toBe(`${blocks[1]!.insight.id}:0`);
		expect(lines.filter(line => line.selected).length).toBeGreaterThan(0);
		expect(lines.every(line => line.selected === line.key.startsWith(`${blocks[2]!.insight.id}:`))).toBe(true);
		for (const height of [1, 2, 3, 7]) {
			expect(visibleLines(blocks, 0, 0, height).length).toBeLessThanOrEqual(height);
		}
	});

	it('says so when a scope has no insights', () => {
		const {lastFrame} = render(
			<InsightsPane blocks={[]} cursor={-1} top={0} width={60} height={5} ascii={false} color />,
		);
		expect(lastFrame()).toContain('No insights for this scope');
	});
});

describe('the insights pane in the app', () => {
	const title = (frame: string) => /Insights \((\d+)\/(\d+)\)/.exec(frame);

	it('scrolls with the cursor to the last insight and back, with a position indicator', async () => {
		const {frame, press, waitForText} = await mount(
			{size: {columns: 80, rows: 24}, now: () => now},
			{events: events()},
		);
		await waitForText('2026-W10');
		await press('I', text => title(text) !== null);
		const count = Number(title(frame())![2]);
		expect(count).toBeGreaterThan(4);
		expect(frame()).not.toContain('more (');
		const first = frame();
		await press('G', text => title(text)?.[1] === String(count));
		// The last insight is on screen, selected: the pane scrolled.
		expect(frame()).not.toBe(first);
		expect(frame()).toMatch(/^›/m);
		for (const line of frameLines(frame())) {
			expect(stringWidth(line)).toBeLessThanOrEqual(80);
		}

		await press('k', text => title(text)?.[1] === String(count - 1));
		await press(keys.pageUp, text => Number(title(text)?.[1]) < count - 1);
		await press(keys.home, text => title(text)?.[1] === '1');
		await press('j', text => title(text)?.[1] === '2');
	});

	it('Enter opens the node an insight is about, with the cursor on it; ← returns to the same insight', async () => {
		const {frame, press, waitForText} = await mount(
			{size: {columns: 100, rows: 30}, now: () => now},
			{events: events()},
		);
		await waitForText('2026-W10');
		await press('I', text => title(text) !== null);
		// Down to the first context-growth insight (about session g1 or g2).
		for (let step = 0; step < 20 && !/›▲ {2}g\d-app \(claude/.test(frame()); step++) {
			const before = title(frame())![1];
			await press('j', text => title(text)?.[1] !== before);
		}

		const selected = /›▲ {2}(g\d)-app \(claude, (\d{4}-\d\d-\d\d)\)/.exec(frame())!;
		expect(selected).not.toBeNull();
		const position = title(frame())![1];
		await press(keys.enter, text => text.includes(`All › 2026-W10 › ${selected[2]}`));
		// The session's row is under the cursor in its day's listing.
		expect(frame()).toMatch(new RegExp(`^› .*${selected[1]}-app`, 'm'));
		await press(keys.left, text => title(text) !== null);
		expect(title(frame())![1]).toBe(position);
		expect(frame()).toMatch(new RegExp(`›▲ {2}${selected[1]}-app`));
		// The way back is used up: Esc, then ← is the ordinary "up" at the root (nothing happens).
		await press(keys.escape, text => title(text) === null);
	});
});
