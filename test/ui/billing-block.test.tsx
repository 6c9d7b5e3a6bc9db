/**
The active 5-hour billing block in the footer: burn rate, time left, and the 60/80/95 %
warnings against --token-limit.
*/
import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import {Footer} from '../../source/ui/footer.js';
import {makeTheme} from '../../source/ui/theme.js';
import {call, session, tokens, turn} from '../support/events.js';
import {mount} from './helpers.js';

const activeBlock = [
	session('claude', 'now', {project: 'checkout'}),
	turn('claude', 'now', 't', '2026-02-16T09:10:00Z', 'ship the checkout fix'),
	call('claude', 'now', '2026-02-16T09:10:00Z', {turnId: 't', tokens: tokens({input: 1000, output: 1500})}),
	call('claude', 'now', '2026-02-16T11:00:00Z', {
		turnId: 't',
		tokens: tokens({input: 2000, cacheRead: 3000, output: 1000}),
	}),
];

describe('billing block in the footer', () => {
	it('shows the active block with a warning level against the token limit', async () => {
		// 8,500 of 10,000 tokens used: past the 80 % warning, below 95 %.
		const {frame, waitForText} = await mount({blockLimits: {tokenLimit: 10_000}}, {events: activeBlock});
		await waitForText('block 85%');
		expect(frame()).toMatch(/▲ 80% block 85% · [\d.]+K? tok\/min · \$[\d.]+\/h · .* left/);
	});

	it('shows the block without a warning when below 60 %', async () => {
		const {frame, waitForText} = await mount({blockLimits: {tokenLimit: 100_000}}, {events: activeBlock});
		await waitForText('block 9%');
		expect(frame()).not.toContain('▲');
	});

	it('shows nothing when no block is active', async () => {
		const quiet = activeBlock.map(event => (event.type === 'call' ? {...event, time: event.time - 86_400_000} : event));
		const {frame, waitForText} = await mount({blockLimits: {tokenLimit: 10_000}}, {events: quiet});
		await waitForText('Sorted by tokens');
		expect(frame()).not.toContain('block ');
	});

	it('marks 95 % with ! in ASCII mode and keeps the line within the width', () => {
		const {lastFrame} = render(
			<Footer
				prompt={undefined}
				status={undefined}
				sortLabel="tokens"
				diagnosticCount={0}
				width={80}
				theme={makeTheme({ascii: true, color: false})}
				block={{text: 'block 97% · 1.2k tok/min · $2.40/h · 1 h 10 min left', level: 95}}
			/>,
		);
		const first = (lastFrame() ?? '').split('\n')[0]!;
		expect(first).toContain('! 95% block 97%');
		expect(first.length).toBeLessThanOrEqual(80);
	});
});
