import {describe, expect, it} from 'vitest';
import {type KeyMode, keymap} from '../../source/browser/keymap.js';

const browsing: KeyMode = {loading: false, overlay: 'none', prompt: undefined};

describe('keymap', () => {
	it('maps ncdu navigation keys', () => {
		expect(keymap('', {upArrow: true}, browsing)).toEqual({type: 'move', by: 'up'});
		expect(keymap('j', {}, browsing)).toEqual({type: 'move', by: 'down'});
		expect(keymap('', {pageDown: true}, browsing)).toEqual({type: 'move', by: 'pageDown'});
		expect(keymap('', {home: true}, browsing)).toEqual({type: 'move', by: 'home'});
		expect(keymap('', {end: true}, browsing)).toEqual({type: 'move', by: 'end'});
		for (const [input, key] of [
			['', {rightArrow: true}],
			['l', {}],
			['', {return: true}],
		] as const) {
			expect(keymap(input, key, browsing)).toEqual({type: 'open'});
		}

		// Terminals send DEL (Ink: `delete`) for Backspace; both go up.
		for (const [input, key] of [
			['', {leftArrow: true}],
			['h', {}],
			['', {backspace: true}],
			['', {delete: true}],
		] as const) {
			expect(keymap(input, key, browsing)).toEqual({type: 'up'});
		}
	});

	it('maps sorts, toggles, panes and actions', () => {
		expect(keymap('s', {}, browsing)).toEqual({type: 'sort', key: 'tokens'});
		expect(keymap('c', {}, browsing)).toEqual({type: 'sort', key: 'cost'});
		expect(keymap('n', {}, browsing)).toEqual({type: 'sort', key: 'name'});
		expect(keymap('C', {}, browsing)).toEqual({type: 'sort', key: 'count'});
		expect(keymap('g', {}, browsing)).toEqual({type: 'cycleGraph'});
		expect(keymap('i', {}, browsing)).toEqual({type: 'toggleOverlay', overlay: 'info'});
		expect(keymap('I', {}, browsing)).toEqual({type: 'toggleOverlay', overlay: 'insights'});
		expect(keymap('D', {}, browsing)).toEqual({type: 'toggleOverlay', overlay: 'diagnostics'});
		expect(keymap('o', {}, browsing)).toEqual({type: 'toggleOverlay', overlay: 'otlp'});
		expect(keymap('?', {}, browsing)).toEqual({type: 'toggleOverlay', overlay: 'help'});
		expect(keymap('/', {}, browsing)).toEqual({type: 'startPrompt', kind: 'text'});
		expect(keymap('a', {}, browsing)).toEqual({type: 'openPicker', picker: 'agent'});
		expect(keymap('d', {}, browsing)).toEqual({type: 'openPicker', picker: 'device'});
		expect(keymap('t', {}, browsing)).toEqual({type: 'openPicker', picker: 'time'});
		expect(keymap('e', {}, browsing)).toEqual({type: 'export'});
		expect(keymap('r', {}, browsing)).toEqual({type: 'reload'});
		expect(keymap('q', {}, browsing)).toEqual({type: 'quit'});
		expect(keymap('x', {}, browsing)).toBeUndefined();
		// Ctrl+C is Ink's (exit), never "sort by cost".
		expect(keymap('c', {ctrl: true}, browsing)).toBeUndefined();
	});

	it('only quits while loading', () => {
		const loading: KeyMode = {...browsing, loading: true};
		expect(keymap('q', {}, loading)).toEqual({type: 'quit'});
		expect(keymap('j', {}, loading)).toBeUndefined();
		expect(keymap('', {return: true}, loading)).toBeUndefined();
	});

	it('types into a prompt; Enter submits, Esc cancels, Backspace deletes', () => {
		const prompting: KeyMode = {...browsing, prompt: {kind: 'text', draft: ''}};
		expect(keymap('q', {}, prompting)).toEqual({type: 'promptInput', text: 'q'});
		expect(keymap('foo bar', {}, prompting)).toEqual({type: 'promptInput', text: 'foo bar'});
		expect(keymap('', {return: true}, prompting)).toEqual({type: 'promptSubmit'});
		expect(keymap('', {escape: true}, prompting)).toEqual({type: 'promptCancel'});
		expect(keymap('', {delete: true}, prompting)).toEqual({type: 'promptBackspace'});
		expect(keymap('\u0007', {}, prompting)).toBeUndefined();
		// Fast typing: several DELs in one read; Ctrl+U clears the line.
		expect(keymap('\u007F\u007F\u007F', {}, prompting)).toEqual({type: 'promptBackspace', count: 3});
		expect(keymap('u', {ctrl: true}, prompting)).toEqual({type: 'promptClear'});
	});

	it('scrolls and closes overlays; the info pane follows the cursor', () => {
		const help: KeyMode = {...browsing, overlay: 'help'};
		expect(keymap('j', {}, help)).toEqual({type: 'scrollOverlay', by: 1});
		expect(keymap('', {escape: true}, help)).toEqual({type: 'closeOverlay'});
		expect(keymap('q', {}, help)).toEqual({type: 'closeOverlay'});
		expect(keymap('?', {}, help)).toEqual({type: 'closeOverlay'});
		const info: KeyMode = {...browsing, overlay: 'info'};
		expect(keymap('j', {}, info)).toEqual({type: 'move', by: 'down'});
		expect(keymap('i', {}, info)).toEqual({type: 'toggleOverlay', overlay: 'info'});
		expect(keymap('D', {}, info)).toEqual({type: 'toggleOverlay', overlay: 'diagnostics'});
	});

	it('has no keys while a picker is open: the picker reads them itself', () => {
		const picking: KeyMode = {...browsing, picker: 'time'};
		for (const [input, key] of [
			['q', {}],
			['j', {}],
			['t', {}],
			['', {escape: true}],
			['', {return: true}],
		] as const) {
			expect(keymap(input, key, picking)).toBeUndefined();
		}
	});

	it('moves the insight cursor in the insights pane; Enter/→/l open its node; ←/h/Esc close', () => {
		const insights: KeyMode = {...browsing, overlay: 'insights'};
		expect(keymap('j', {}, insights)).toEqual({type: 'moveInsight', by: 'down'});
		expect(keymap('', {upArrow: true}, insights)).toEqual({type: 'moveInsight', by: 'up'});
		expect(keymap('f', {ctrl: true}, insights)).toEqual({type: 'moveInsight', by: 'pageDown'});
		expect(keymap('', {pageUp: true}, insights)).toEqual({type: 'moveInsight', by: 'pageUp'});
		expect(keymap('G', {}, insights)).toEqual({type: 'moveInsight', by: 'end'});
		expect(keymap('', {home: true}, insights)).toEqual({type: 'moveInsight', by: 'home'});
		for (const [input, key] of [
			['', {return: true}],
			['', {rightArrow: true}],
			['l', {}],
		] as const) {
			expect(keymap(input, key, insights)).toEqual({type: 'openInsight'});
		}

		for (const [input, key] of [
			['', {leftArrow: true}],
			['h', {}],
			['', {escape: true}],
			['q', {}],
		] as const) {
			expect(keymap(input, key, insights)).toEqual({type: 'closeOverlay'});
		}
	});

	it('a pasted `constructor`, `__proto__` or other Object.prototype name is no key, in any mode', () => {
		const names = [...Object.getOwnPropertyNames(Object.prototype), '__proto__'];
		const overlays = ['info', 'insights', 'help', 'diagnostics'] as const;
		for (const name of names) {
			expect(keymap(name, {}, browsing)).toBeUndefined();
			for (const overlay of overlays) {
				expect(keymap(name, {}, {...browsing, overlay})).toBeUndefined();
			}
		}
	});
});
