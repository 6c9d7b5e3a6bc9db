import type {Key} from 'ink';
import {describe, expect, it} from 'vitest';
import {initialState} from '../../source/browser/state.js';
import type {Action} from '../../source/browser/state.js';
import type {TreeModel} from '../../source/model/types.js';
import {type AppKeyContext, handleKey} from '../../source/ui/hooks/use-app-keys.js';

const noKey = {} as Key;
/** Enough of a tree for keys that do not move: the app is past loading. */
const loaded = {agentsPresent: ['claude', 'codex'], devicesPresent: []} as unknown as TreeModel;

function context(patch: Partial<AppKeyContext> = {}): AppKeyContext & {actions: Action[]; quits: number} {
	const actions: Action[] = [];
	const result = {
		state: initialState(),
		dispatch: (action: Action) => actions.push(action),
		loadFailed: false,
		model: undefined,
		cache: undefined,
		listRows: 10,
		insightsNav: undefined,
		paneOwnsKeys: false,
		quits: 0,
		quit() {
			result.quits++;
		},
		exportJson() {},
		actions,
		...patch,
	};
	return result;
}

describe('handleKey (the app keyboard, without Ink)', () => {
	it('splits a burst into key presses; what follows `/` is the filter text, control characters dropped', () => {
		const keys = context({model: loaded});
		handleKey(keys, 'ga?/ab\u0007c', noKey);
		expect(keys.actions).toEqual([
			{type: 'cycleGraph'},
			{type: 'openPicker', picker: 'agent'},
			{type: 'toggleOverlay', overlay: 'help'},
			{type: 'startPrompt', kind: 'text'},
			{type: 'promptInput', text: 'abc'},
		]);
	});

	it('stands aside while the OTLP pane owns the keyboard, except `r` after a failed load', () => {
		const keys = context({paneOwnsKeys: true});
		handleKey(keys, 'q', noKey);
		expect(keys.quits).toBe(0);
		expect(keys.actions).toEqual([]);
		const failed = context({loadFailed: true});
		handleKey(failed, 'r', noKey);
		expect(failed.actions).toEqual([{type: 'reload'}]);
	});

	it('stands aside while a picker is open (the picker reads the keys), bursts included', () => {
		const keys = context({model: loaded, state: {...initialState(), picker: 'agent'}});
		handleKey(keys, 'q', noKey);
		handleKey(keys, 'j/x\r', noKey);
		handleKey(keys, '', {escape: true} as Key);
		expect(keys.quits).toBe(0);
		expect(keys.actions).toEqual([]);
	});

	it('opens a picker only when there is something to pick, else says why', () => {
		const keys = context({model: loaded});
		handleKey(keys, 'a', noKey);
		handleKey(keys, 'd', noKey);
		expect(keys.actions).toEqual([
			{type: 'openPicker', picker: 'agent'},
			{
				type: 'status',
				message: 'One machine only: devices come from merged usage histories (--ledger-dir, --import, WSL)',
			},
		]);
	});

	it('quits on q while loading; moves wait for a tree', () => {
		const keys = context();
		handleKey(keys, 'j', noKey);
		expect(keys.actions).toEqual([]);
		handleKey(keys, 'q', noKey);
		expect(keys.quits).toBe(1);
	});
});
