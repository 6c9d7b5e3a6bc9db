/**
The OTLP settings pane's reducer and lines, without Ink: keys in, state and effects out.
(The rendered pane against a real receiver: test/otlp/settings-screen.test.tsx.)
*/
import {describe, expect, it} from 'vitest';
import {type OtlpConfig, resolveOtlpConfig} from '../../source/export/otlp/config.js';
import type {OtlpStatus} from '../../source/export/otlp/exporter.js';
import {choiceList, otlpPaneLines} from '../../source/ui/otlp-pane-lines.js';
import {
	focusedRow,
	initialPaneState,
	type OtlpPaneState,
	type OtlpPaneUpdate,
	otlpPaneReducer,
	type PaneKey,
} from '../../source/ui/otlp-pane-state.js';

const base = resolveOtlpConfig({endpoint: 'https://otlp.example.com', headers: ['Authorization: Bearer tok_1']}, {})!;

/** One key press (a character, or Ink's key flags); `canSave` true unless said otherwise. */
function press(state: OtlpPaneState, input: string, key: PaneKey = {}, canSave = true): OtlpPaneUpdate {
	return otlpPaneReducer(state, {type: 'key', input, key, canSave, base});
}

/** Ctrl+U as Ink reports it. */
const ctrlU: [string, PaneKey] = ['u', {ctrl: true}];

/** Several key presses (text, key flags, or both); effects are collected. */
function pressAll(state: OtlpPaneState, keys: Array<string | PaneKey | [string, PaneKey]>) {
	const effects: unknown[] = [];
	let current = state;
	for (const key of keys) {
		const [input, flags] = typeof key === 'string' ? [key, {}] : Array.isArray(key) ? key : ['', key];
		const update = press(current, input, flags);
		current = update.state;
		if (update.effect) {
			effects.push(update.effect);
		}
	}

	return {state: current, effects};
}

const focusedKind = (state: OtlpPaneState) => focusedRow(state, true).kind;

describe('otlpPaneReducer', () => {
	it('starts from the config and moves the focus with ↑/↓, j/k, Tab and Shift+Tab, wrapping around', () => {
		const state = initialPaneState(base);
		expect(state.draft).toEqual({
			endpoint: 'https://otlp.example.com/v1/metrics',
			headers: ['Authorization: Bearer tok_1'],
			protocol: 'http/protobuf',
			project: 'name',
		});
		expect(focusedKind(state)).toBe('endpoint');
		expect(focusedKind(press(state, 'j').state)).toBe('protocol');
		expect(focusedKind(press(state, '', {downArrow: true}).state)).toBe('protocol');
		expect(focusedKind(press(state, '', {tab: true}).state)).toBe('protocol');
		// Up from the first row: the last action (Save when the host can save, else Disconnect).
		expect(focusedRow(press(state, 'k').state, true)).toEqual({kind: 'action', action: 'save'});
		expect(focusedRow(press(state, '', {tab: true, shift: true}, false).state, false)).toEqual({
			kind: 'action',
			action: 'disconnect',
		});
		expect(initialPaneState(undefined).draft.endpoint).toBe('http://localhost:4318');
	});

	it('edits the endpoint: typing (control characters dropped), Backspace, Ctrl+U, Enter keeps it trimmed', () => {
		let state = press(initialPaneState(base), '', {return: true}).state;
		expect(state.editing).toEqual({
			row: {kind: 'endpoint'},
			buffer: 'https://otlp.example.com/v1/metrics',
			isNew: false,
		});
		state = press(state, 'u', {ctrl: true}).state;
		expect(state.editing?.buffer).toBe('');
		state = press(state, ' http://127.0.0.1:43\n18x ').state;
		expect(state.editing?.buffer).toBe(' http://127.0.0.1:4318x ');
		state = press(state, '', {backspace: true}).state;
		state = press(state, '', {backspace: true}).state;
		state = press(state, '', {return: true}).state;
		expect(state.editing).toBeUndefined();
		expect(state.draft.endpoint).toBe('http://127.0.0.1:4318');
	});

	it('Esc while editing keeps the old value; Esc on a header just added removes it', () => {
		const edited = pressAll(initialPaneState(base), [{return: true}, 'zzz', {escape: true}]).state;
		expect(edited.draft.endpoint).toBe('https://otlp.example.com/v1/metrics');
		expect(edited.editing).toBeUndefined();
		// Rows: endpoint, protocol, project, header 0, add header.
		const adding = pressAll(initialPaneState(base), ['j', 'j', 'j', 'j', {return: true}]).state;
		expect(adding.draft.headers).toEqual(['Authorization: Bearer tok_1', '']);
		expect(adding.editing).toEqual({row: {kind: 'header', index: 1}, buffer: '', isNew: true});
		const cancelled = pressAll(adding, ['X-Key: v', {escape: true}]).state;
		expect(cancelled.draft.headers).toEqual(['Authorization: Bearer tok_1']);
	});

	it('keeps a header as typed, removes one left empty, and deletes the focused header with d', () => {
		const added = pressAll(initialPaneState(base), ['j', 'j', 'j', 'j', {return: true}, ' X-Key: v ', {return: true}]);
		expect(added.state.draft.headers).toEqual(['Authorization: Bearer tok_1', ' X-Key: v ']);
		const emptied = pressAll(initialPaneState(base), ['j', 'j', 'j', {return: true}, ctrlU, {return: true}]);
		expect(emptied.state.draft.headers).toEqual([]);
		const deleted = pressAll(initialPaneState(base), ['j', 'j', 'j', 'd']);
		expect(deleted.state.draft.headers).toEqual([]);
		// d elsewhere does nothing.
		expect(press(initialPaneState(base), 'd').state).toEqual(initialPaneState(base));
	});

	it('opens the protocol or project list on Enter or Space; the list reads the keys until it picks or cancels', () => {
		const choosing = pressAll(initialPaneState(base), ['j', {return: true}]).state;
		expect(choosing.choosing).toBe('protocol');
		expect(choiceList(choosing, 'protocol')).toEqual({
			title: 'Protocol',
			items: [
				{label: 'http/protobuf', value: 'http/protobuf'},
				{label: 'http/json', value: 'http/json'},
			],
			current: 0,
		});
		// Keys go to the list (ui/picker.tsx), not to the pane: no close, no action, no move.
		for (const key of ['q', 'j', 't', {escape: true}, {return: true}] as const) {
			const update = typeof key === 'string' ? press(choosing, key) : press(choosing, '', key);
			expect(update).toEqual({state: choosing});
		}

		const picked = otlpPaneReducer(choosing, {type: 'chose', value: 'http/json'}).state;
		expect(picked.choosing).toBeUndefined();
		expect(picked.draft.protocol).toBe('http/json');
		expect(choiceList(picked, 'protocol').current).toBe(1);

		const project = pressAll(initialPaneState(base), ['j', 'j', ' ']).state;
		expect(project.choosing).toBe('project');
		expect(choiceList(project, 'project').items.map(item => item.label)).toEqual([
			'name: short project name',
			'hash: hashed project name',
			'omit: no project attribute',
		]);
		expect(otlpPaneReducer(project, {type: 'chose', value: 'omit'}).state.draft.project).toBe('omit');
		// A value not in the list changes nothing; cancelling closes the list and keeps the draft.
		expect(otlpPaneReducer(project, {type: 'chose', value: 'http/json'}).state.draft).toEqual(project.draft);
		const cancelled = otlpPaneReducer(project, {type: 'choiceCancelled'}).state;
		expect(cancelled).toEqual({...project, choosing: undefined});
		// ←/→ no longer change a value: the list is the one way.
		expect(pressAll(initialPaneState(base), ['j', {rightArrow: true}]).state.draft.protocol).toBe('http/protobuf');
	});

	it('t, c, x and s ask the host, with the config the draft makes (timeout, interval, attributes kept)', () => {
		const state = initialPaneState(base);
		const config: OtlpConfig = {...base};
		expect(press(state, 't')).toEqual({
			state: {...state, message: {tone: 'info', text: 'Testing https://otlp.example.com/v1/metrics …'}},
			effect: {type: 'test', config},
		});
		expect(press(state, 'c')).toEqual({
			state: {...state, message: {tone: 'info', text: 'Exporting to https://otlp.example.com/v1/metrics every 60 s.'}},
			effect: {type: 'connect', config},
		});
		expect(press(state, 'x')).toEqual({
			state: {...state, message: {tone: 'info', text: 'Disconnected: no more exports.'}},
			effect: {type: 'disconnect'},
		});
		expect(press(state, 's')).toEqual({state, effect: {type: 'save', config}});
		// Without a place to save, `s` is no key at all.
		expect(press(state, 's', {}, false)).toEqual({state});
		// Enter on an action row runs it.
		const onConnect = pressAll(state, ['k', 'k', 'k', {return: true}]);
		expect(onConnect.effects).toEqual([{type: 'connect', config}]);
	});

	it('refuses an invalid draft with the one-line fix and asks the host nothing', () => {
		const state = pressAll(initialPaneState(base), [{return: true}, ctrlU, 'localhost:4318', {return: true}]).state;
		const update = press(state, 'c');
		expect(update.effect).toBeUndefined();
		expect(update.state.message?.tone).toBe('error');
		expect(update.state.message?.text).toContain('Invalid OTLP endpoint "localhost:4318"');
	});

	it('Esc and q close the pane (an effect), but q while editing is typed', () => {
		expect(press(initialPaneState(base), 'q').effect).toEqual({type: 'close'});
		expect(press(initialPaneState(base), '', {escape: true}).effect).toEqual({type: 'close'});
		const editing = press(initialPaneState(base), '', {return: true}).state;
		const typed = press(editing, 'q');
		expect(typed.effect).toBeUndefined();
		expect(typed.state.editing?.buffer).toBe('https://otlp.example.com/v1/metricsq');
	});

	it('shows the outcome of a test or a save as the message', () => {
		const state = initialPaneState(base);
		const tested = (result: Parameters<typeof otlpPaneReducer>[1]) => otlpPaneReducer(state, result).state.message;
		expect(tested({type: 'tested', config: base, result: {ok: true, status: 200}})).toEqual({
			tone: 'ok',
			text: '✔ https://otlp.example.com/v1/metrics accepted an empty export (HTTP 200).',
		});
		expect(tested({type: 'tested', config: base, result: {ok: false, error: 'HTTP 401 Unauthorized'}})).toEqual({
			tone: 'error',
			text: '✖ HTTP 401 Unauthorized',
		});
		expect(tested({type: 'saved'})).toEqual({tone: 'ok', text: '✔ Saved (file mode 0600).'});
		expect(tested({type: 'saveFailed', error: new Error('EACCES: permission denied\n    at open')})).toEqual({
			tone: 'error',
			text: '✖ Could not save: EACCES: permission denied',
		});
	});
});

describe('otlpPaneLines', () => {
	const status: OtlpStatus = {
		state: 'connected',
		connected: true,
		endpoint: 'https://otlp.example.com/v1/metrics',
		protocol: 'http/protobuf',
		exporting: false,
		lastExportAt: Date.parse('2026-02-16T12:00:00Z'),
		lastPoints: 12,
		pointsExported: 24,
		exports: 2,
		failures: 0,
	};

	it('draws the rows with the focus marker, masks header values and shows the live status', () => {
		const lines = otlpPaneLines(initialPaneState(base), status, {canSave: true, width: 80});
		expect(lines.map(line => line.text.trimEnd())).toEqual([
			'OTLP export settings  Esc: close',
			'› Endpoint   https://otlp.example.com/v1/metrics',
			'  Protocol   http/protobuf  (Enter: choose)',
			'  Project    name: short project name  (Enter: choose)',
			'  Headers    Authorization: ••••••••',
			'             + add header (Enter, then "Name: value")',
			'             [ Test (t) ]',
			'             [ Connect (c) ]',
			'             [ Disconnect (x) ]',
			'             [ Save (s) ]',
			'Status: ● connected to https://otlp.example.com/v1/metrics (http/protobuf)',
			'        Last export 12:00:00: 12 points · 2 exports, 24 points in all',
			'↑/↓ move · Enter edit/run · d delete header · Esc close',
		]);
		expect(lines[1]).toMatchObject({inverse: true, bold: false});
		expect(lines.find(line => line.key === 'status')?.color).toBe('green');
	});

	it('while editing a header: one bullet per typed value character, the editing hints, no focus inverse', () => {
		const state = pressAll(initialPaneState(base), ['j', 'j', 'j', {return: true}, ctrlU, 'X-Key: s3cret']).state;
		const lines = otlpPaneLines(state, undefined, {canSave: false, width: 60});
		const header = lines.find(line => line.text.includes('X-Key'));
		expect(header).toMatchObject({text: `› Headers    X-Key:${'•'.repeat(7)}▏`, inverse: false, bold: true});
		expect(lines.map(line => line.text).join('\n')).not.toContain('s3cret');
		expect(lines.at(-2)?.text).toBe('Status: ○ not connected');
		expect(lines.at(-1)?.text).toBe('Enter: keep · Esc: cancel · Ctrl+U: clear');
		expect(lines.some(line => line.text.includes('Save (s)'))).toBe(false);
		expect(Math.max(...lines.map(line => line.text.length))).toBeLessThanOrEqual(60);
	});
});
