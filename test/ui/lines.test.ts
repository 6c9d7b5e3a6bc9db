import {describe, expect, it} from 'vitest';
import {findByKeyPath} from '../../source/model/query.js';
import {infoLines} from '../../source/ui/info-lines.js';
import {rowLabel, toolSummary} from '../../source/ui/labels.js';
import {etaMs, loadFraction} from '../../source/ui/loading-view.js';
import {clampTop} from '../../source/ui/overlay.js';
import {makeTheme} from '../../source/ui/theme.js';
import {treeOf, usageStore} from '../support/ui-data.js';

const unicode = makeTheme({ascii: false, color: false});
const ascii = makeTheme({ascii: true, color: false});
const model = treeOf(usageStore());

describe('row labels', () => {
	it('labels each level', () => {
		const week = findByKeyPath(model, ['2026-W07']);
		expect(rowLabel(week, 'UTC', unicode)).toBe('2026-W07 · Feb 12–14');
		const day = findByKeyPath(model, ['2026-W07', '2026-02-13']);
		expect(rowLabel(day, 'UTC', unicode)).toBe('2026-02-13 Fri');
		const late = day.children.find(node => node.key === 'claude:late')!;
		// Continues from the 12th; the model of this fragment is Opus.
		expect(rowLabel(late, 'UTC', unicode)).toBe('↩ night-owl · Claude Code · 10m · claude-opus-4-5');
		expect(rowLabel(late, 'UTC', ascii)).toBe('< night-owl - Claude Code - 10m - claude-opus-4-5');
		const turn = late.children[0]!;
		expect(rowLabel(turn, 'UTC', unicode)).toBe('00:05 why is the parser slow?');
		const refactor = findByKeyPath(model, ['2026-W06', '2026-02-03', 'claude:refactor', 'r1']);
		expect(rowLabel(refactor, 'Asia/Tokyo', unicode)).toBe(
			'18:00 Refactor the invoice module and keep the tests green',
		);
		expect(rowLabel(refactor.children[0]!, 'UTC', unicode)).toBe(
			'09:00:10 · claude-sonnet-4-5 · Read×2 · 2 files · cache 92.6%',
		);
	});

	it('summarizes tool calls with counts in first-use order', () => {
		expect(toolSummary([{name: 'Read'}, {name: 'Bash'}, {name: 'Read'}])).toBe('Read×2 Bash');
		expect(toolSummary([{name: 'Read'}, {name: 'Read'}], true)).toBe('Readx2');
		expect(toolSummary([])).toBe('');
	});
});

describe('info lines', () => {
	it('names unpriced tokens and the price key of a call', () => {
		const sandbox = findByKeyPath(model, ['2026-W07', '2026-02-14', 'codex:exp', '1', '1']);
		const text = infoLines(sandbox, {timeZone: 'UTC', theme: unicode, width: 100})
			.map(line => line.text)
			.join('\n');
		expect(text).toContain('-  source: estimated · 5,100 tokens unpriced');
		expect(text).toMatch(/│ mystery-model-1 │ +5\.1k │ +100% │ unpriced │ +1 │/);
	});
});

describe('loading progress and pane scrolling', () => {
	const progress = {
		phase: 'parsing' as const,
		filesTotal: 4,
		filesDone: 1,
		bytesTotal: 0,
		bytesDone: 0,
		sessions: 0,
		calls: 0,
		elapsedMs: 1000,
	};

	it('measures progress by bytes when known, else by files', () => {
		expect(loadFraction(progress)).toBe(0.25);
		expect(loadFraction({...progress, bytesTotal: 1000, bytesDone: 900})).toBe(0.9);
		expect(loadFraction({...progress, phase: 'done'})).toBe(1);
		expect(etaMs(progress)).toBe(3000);
		expect(etaMs({...progress, filesDone: 0})).toBeUndefined();
		expect(etaMs({...progress, phase: 'discovering'})).toBeUndefined();
	});

	it('clamps the overlay scroll so the pane stays full', () => {
		expect(clampTop(50, 30, 10)).toBe(20);
		expect(clampTop(-3, 30, 10)).toBe(0);
		expect(clampTop(5, 4, 10)).toBe(0);
	});
});
