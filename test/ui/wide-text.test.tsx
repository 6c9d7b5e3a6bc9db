/**
Rows fit their terminal when data holds wide characters: projects and prompts in CJK, with
emoji (two cells each) and a ZWJ sequence, drawn at 80, 120 and 200 columns on every level
from the weeks down to a turn's calls. No line is wider than the terminal, so no row is cut by
Ink or wraps into the next (issue 17, item 7).
*/
import stringWidth from 'string-width';
import {describe, expect, it} from 'vitest';
import {truncate, truncateStart, wrapText} from '../../source/ui/format.js';
import {call, session, tokens, turn} from '../support/events.js';
import {keys, mount} from './helpers.js';

const project =
	'東京オリンピック公式サイトの決済モジュール刷新プロジェクト🚀✨👩‍💻 第二期・国際カード対応と不正検知の全面見直し、監査ログ保存期間延長';
const prompt = '決済フローの例外処理をすべて見直して、テストを追加してください 🙏 それから README も更新';
const events = [
	session('claude', 'wide', {project, cwd: `/home/dev/${project}`}),
	turn('claude', 'wide', 't1', '2026-02-16T09:00:00Z', prompt),
	call('claude', 'wide', '2026-02-16T09:00:05Z', {turnId: 't1', tokens: tokens({input: 9000, output: 800})}),
	session('codex', 'ascii', {project: 'billing-service'}),
	turn('codex', 'ascii', '1', '2026-02-16T10:00:00Z', 'fix the flaky test'),
	call('codex', 'ascii', '2026-02-16T10:00:03Z', {turnId: '1', tokens: tokens({input: 3000, output: 200})}),
];

describe.each([80, 120, 200])('at %i columns', columns => {
	it('every line of every level fits the terminal', async () => {
		const {frame, press, waitForText} = await mount({size: {columns, rows: 24}}, {events});
		await waitForText('2026-W08');
		const screens = [frame()];
		for (let level = 0; level < 4; level++) {
			const before = frame();
			await press(keys.enter, text => text !== before);
			screens.push(frame());
		}

		for (const screen of screens) {
			for (const line of screen.split('\n')) {
				expect(stringWidth(line), line).toBeLessThanOrEqual(columns);
			}
		}

		// The session's row shows the start of its CJK project, cut by us (…), not lost.
		expect(screens[2]).toContain('東京オリンピック');
	});
});

it('cuts, pads and wraps by terminal cells, never inside a grapheme', () => {
	expect(stringWidth(truncate(project, 21))).toBeLessThanOrEqual(21);
	expect(truncate(project, 21)).toBe('東京オリンピック公式…');
	expect(truncate('👩‍💻👩‍💻👩‍💻', 5)).toBe('👩‍💻👩‍💻…');
	expect(truncateStart('刷新プロジェクト🚀✨👩‍💻', 9)).toBe('…ト🚀✨👩‍💻');
	for (const line of wrapText(prompt, 20)) expect(stringWidth(line)).toBeLessThanOrEqual(20);
	expect(wrapText(prompt, 20).join('').replaceAll(' ', '')).toBe(prompt.replaceAll(' ', ''));
	expect(wrapText('日本', 1)).toEqual(['日', '本']);
});
