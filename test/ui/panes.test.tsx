import {cleanup} from 'ink-testing-library';
import {afterEach, describe, expect, it} from 'vitest';
import {helpLines, keyGroups} from '../../source/ui/help-lines.js';
import type {LoadProgress} from '../../source/pipeline/types.js';
import type {OtlpHost} from '../../source/ui/types.js';
import {waitFor} from '../support/wait-for.js';
import {flushEffects, keys, listRows, mount, pickWith} from './helpers.js';

afterEach(() => {
	cleanup();
});

const progress = (partial: Partial<LoadProgress>): LoadProgress => ({
	phase: 'parsing',
	filesTotal: 10,
	filesDone: 3,
	bytesTotal: 4 * 1024 * 1024,
	bytesDone: 1024 * 1024,
	sessions: 12,
	calls: 345,
	elapsedMs: 2000,
	...partial,
});

describe('info pane', () => {
	it('shows token split, cost source, cache, activity, models, tools and files of a session', async () => {
		const {frame, press, waitForText} = await mount({size: {columns: 100, rows: 50}});
		await waitForText('2026-W08');
		await press(keys.enter, 'All › 2026-W06');
		await press(keys.enter, 'All › 2026-W06 › 2026-02-03');
		await press('i', 'SESSION  billing-service');
		const text = frame();
		expect(text).toContain('input 7,700 · cache read 610,000 · cache write 12,000');
		expect(text).toContain('output 9,200');
		expect(text).toMatch(/~\$0\.\d\d {2}source: estimated/);
		expect(text).toContain('cache hit rate 96.9%');
		expect(text).toContain('1 session · 2 turns · 4 calls');
		expect(text).toContain('branch main');
		// Each call's tokens split over its tool calls: 164k Read+Read, 283.6k Edit, 191.3k Bash.
		expect(text).toMatch(/│ reading +│ █+\S* +│ 25\.7% │/);
		expect(text).toMatch(/│ writing +│ █+\S* +│ 44\.4% │/);
		expect(text).toMatch(/│ executing +│ █+\S* +│ 29\.9% │/);
		expect(text).toMatch(/│ claude-sonnet-4-5 │ +639k │ +100% │ \$0\.39 │ +4 │/);
		expect(text).toMatch(/│ Claude Code +│ +639k │ +100% │ \$0\.39 │ +4 │/);
		expect(text).toContain('Tool calls (5)');
		expect(text).toContain('Read×2 Edit×2 Bash');
		expect(text).toContain('src/invoice.ts ×2');
		expect(text).toContain('CHANGELOG.md');
		// j moves the selection under the pane: the pane follows it.
		await press(keys.escape, frame => !frame.includes('SESSION  '));
		await press(keys.left, frame => /All › 2026-W06\n/.test(frame));
		await press('i', 'DAY  2026-02-03 Tue');
		await press('j', 'DAY  2026-02-05 Thu');
	});

	it('says j/k select another row when the info does not fit (they move the cursor, not the text)', async () => {
		const {frame, press, waitForText} = await mount({size: {columns: 100, rows: 16}});
		await waitForText('2026-W08');
		await press('i', text => /Info \(1-\d+ of \d+/.test(text));
		expect(frame()).toMatch(/Info \(1-\d+ of \d+, j\/k: next row\) {2}Esc: close/);
		expect(frame()).not.toContain('j/k scroll');
		await press('?', text => /Keys \(1-\d+ of \d+, j\/k scroll\)/.test(text));
	});

	it('draws an asciichart trend for week nodes', async () => {
		const {frame, press, waitForText} = await mount({size: {columns: 100, rows: 60}});
		await waitForText('2026-W08');
		await press('j', frame => /› +130k/.test(frame));
		await press('i', 'Trend (daily)');
		expect(frame()).toMatch(/┤/);
		expect(frame()).toMatch(/41\.9k/);
	});

	it('lists every key in the help overlay', async () => {
		const {frame, press, waitForText} = await mount({size: {columns: 100, rows: 60}});
		await waitForText('2026-W08');
		await press('?', 'Keys');
		for (const group of keyGroups) {
			expect(frame()).toContain(group.title);
			for (const [, what] of group.keys) {
				expect(frame()).toContain(what);
			}
		}

		expect(helpLines().length).toBeGreaterThan(20);
		await press('?', frame => !frame.includes('Navigation'));
	});

	it('shows the diagnostics count and list, and the OTLP placeholder without an exporter', async () => {
		const diagnostics = [
			{
				kind: 'malformed-line',
				agent: 'claude',
				file: '/home/dev/.claude/projects/x/a.jsonl',
				line: 17,
				message: 'Unexpected token',
			},
			{kind: 'unreadable-file', agent: 'codex', file: '/home/dev/.codex/sessions/b.jsonl', message: 'EACCES'},
		] as const;
		const {frame, press, waitForText} = await mount({}, {diagnostics: [...diagnostics]});
		await waitForText('2 diagnostics (D)');
		await press('D', 'Diagnostics (2)');
		expect(frame()).toMatch(
			/│ malformed-line +│ claude │ \/home\/dev\/\.claude\/projects\/x\/a\.jsonl:17 │ Unexpected token │/,
		);
		expect(frame()).toMatch(/│ unreadable-file │ codex +│ \/home\/dev\/\.codex\/sessions\/b\.jsonl +│ EACCES +│/);
		await press('o', 'OTLP settings not available');
		await press('q', frame => listRows(frame).length === 3);
	});
});

describe('insights and OTLP panes', () => {
	it('shows the insights of the opened scope', async () => {
		const {frame, press, waitForText} = await mount({size: {columns: 100, rows: 40}});
		await waitForText('2026-W08');
		await press('I', text => /Insights \((none|1\/\d+)\)/.test(text));
		if (frame().includes('Insights (none)')) {
			expect(frame()).toContain('No insights for this scope');
		} else {
			// The first insight is selected: the cursor mark, then its severity marker.
			expect(frame()).toMatch(/^›(✖|▲|•) /m);
		}

		await press(keys.escape, frame => !frame.includes('Insights ('));
	});

	it('hands the keyboard to the OTLP settings pane, which closes itself', async () => {
		const connected: string[] = [];
		const otlp = {
			controller: undefined,
			config: undefined,
			connect(config: {endpoint: string}) {
				connected.push(config.endpoint);
			},
			disconnect() {},
		};
		const {frame, press, waitForText} = await mount({}, {}, otlp as never);
		await waitForText('2026-W08');
		await press('o', frame => !frame.includes('› ') || frame.includes('not connected'));
		expect(frame()).toContain('not connected');
		await flushEffects();
		// `j` moves the pane's focus (not the list's cursor); `n` is not a sort in there.
		await press('j', '› Protocol');
		await press('n');
		await press('q', frame => listRows(frame).length === 3);
		expect(frame()).toContain('Sorted by tokens');
		expect(connected).toEqual([]);
	});

	it('tests the endpoint through the OTLP host (the pane sends nothing itself)', async () => {
		const tested: string[] = [];
		const otlp: OtlpHost = {
			controller: undefined,
			config: undefined,
			connect() {},
			disconnect() {},
			async testEndpoint(config) {
				tested.push(config.endpoint);
				return tested.length === 1 ? {ok: true, status: 200} : {ok: false, error: 'HTTP 401 Unauthorized'};
			},
		};
		const {press, waitForText} = await mount({}, {}, otlp);
		await waitForText('2026-W08');
		await press('o', 'not connected');
		await flushEffects();
		await press('t', '✔ http://localhost:4318/v1/metrics accepted an empty export (HTTP 200).');
		await press('t', '✖ HTTP 401 Unauthorized');
		expect(tested).toEqual(['http://localhost:4318/v1/metrics', 'http://localhost:4318/v1/metrics']);
	});
});

describe('actions', () => {
	it('exports the current filtered tree and shows the path', async () => {
		const {frame, press, source, waitForText} = await mount();
		await waitForText('2026-W08');
		await pickWith({frame, press}, 'a', 'Agent', 'Claude Code');
		await press('e', 'Exported to /tmp/agent-ncdu-export-1.json');
		expect(source.exports).toHaveLength(1);
		expect(source.exports[0]!.filter.agents).toEqual(['claude']);
		expect(source.exports[0]!.root.totals.agents).toEqual(['claude']);
		expect(frame()).toContain('Exported to');
	});

	it('reloads on r, keeping the opened path', async () => {
		const {press, source, waitForText} = await mount();
		await waitForText('2026-W08');
		await press(keys.enter, 'All › 2026-W06');
		await press('r');
		await waitFor(() => source.loads === 2);
		await waitForText('All › 2026-W06');
	});
});

describe('loading view and terminal etiquette', () => {
	it('shows progress while loading and quits with q, aborting the load', async () => {
		let release = () => {};
		const gate = new Promise<void>(resolve => {
			release = resolve;
		});
		let report: (p: LoadProgress) => void = () => {};
		const {frame, press, source, app, waitForText} = await mount(
			{},
			{gate, onProgress: callback => (report = callback)},
		);
		await waitForText('agent-ncdu');
		await waitFor(() => source.loads === 1);
		report(progress({}));
		await waitForText('Files     3 / 10');
		expect(frame()).toContain('Reading session files');
		expect(frame()).toContain('Bytes     1.0 MB / 4.0 MB');
		expect(frame()).toContain('Found     12 sessions, 345 API calls');
		// 25% in 2 s → 6 s to go.
		expect(frame()).toMatch(/Elapsed {3}2s {3}ETA 6s/);
		expect(frame()).toMatch(/\[█+ +\] 25\.0%/);
		await press('j');
		await press('q');
		await waitFor(() => source.aborted === 1);
		release();
		app.unmount();
	});

	it('shows a failed load and retries on r', async () => {
		const {frame, press, source, waitForText} = await mount(
			{},
			{fail: {message: 'EACCES: permission denied, scandir /home/dev/.claude', failures: 1}},
		);
		await waitForText('Loading failed');
		expect(frame()).toContain('EACCES: permission denied');
		expect(frame()).toContain('r: retry');
		await press('r', '2026-W08');
		expect(source.loads).toBe(2);
	});

	it('says the terminal is too small instead of drawing garbage', async () => {
		const {frame, waitForText} = await mount({size: {columns: 30, rows: 8}});
		await waitForText('Terminal too small');
		expect(frame()).toContain('need 40x10, have 30x8');
		expect(frame()).not.toContain('2026-W');
	});

	it('fits 80×24 exactly and shows the demo banner', async () => {
		const {frame, waitForText} = await mount({size: {columns: 80, rows: 24}}, {isDemo: true});
		await waitForText('2026-W08');
		expect(frame()).toContain('Demo data — no agent data found on this machine');
		const lines = frame().split('\n');
		expect(lines.length).toBeLessThanOrEqual(23);
		expect(Math.max(...lines.map(line => line.length))).toBeLessThanOrEqual(80);
	});

	it('uses only ASCII with --ascii', async () => {
		const {frame, press, waitForText} = await mount({ascii: true, size: {columns: 100, rows: 60}});
		await waitForText('2026-W08');
		const nonAscii = (text: string) => [...text].filter(char => char.charCodeAt(0) > 126);
		expect(nonAscii(frame())).toEqual([]);
		expect(listRows(frame())[0]).toMatch(/^> +670k .*\[#{10}\] 2026-W06/);
		await press('j', frame => /> +130k/.test(frame));
		await press('i', 'Trend');
		expect(nonAscii(frame())).toEqual([]);
		await press('?', 'Keys');
		expect(nonAscii(frame())).toEqual([]);
	});
});
