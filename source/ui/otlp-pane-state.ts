/**
The OTLP settings pane's state: a pure reducer, like browser/state.ts for the browser (no
React, no Ink, no I/O). A key press or the outcome of a host call goes in; the next state
comes out, with the effect the pane must perform when the key reaches outside: close the
pane, or ask the OtlpHost to connect, disconnect, test or save. The component (otlp-settings.tsx)
only performs effects and draws lines (otlp-pane-lines.ts).

The rules (URL, header syntax) are the CLI's, via export/otlp/draft.ts.
*/
import type {KeyInfo} from '../browser/keymap.js';
import type {OtlpConfig} from '../export/otlp/config.js';
import {configFromDraft, draftFromConfig, type OtlpDraft, projectModes, protocols} from '../export/otlp/draft.js';
import {redactEndpoint} from '../export/otlp/redact-endpoint.js';
import type {ValidationResult} from '../export/otlp/validate.js';

export type PaneActionName = 'test' | 'connect' | 'disconnect' | 'save';
export type PaneRow =
	| {readonly kind: 'endpoint'}
	| {readonly kind: 'protocol'}
	| {readonly kind: 'project'}
	| {readonly kind: 'header'; readonly index: number}
	| {readonly kind: 'addHeader'}
	| {readonly kind: 'action'; readonly action: PaneActionName};
export type PaneMessage = {readonly tone: 'info' | 'ok' | 'error'; readonly text: string};
/** The row being edited and its text so far; `isNew` for a header just added (Esc removes it). */
export type PaneEditing = {readonly row: PaneRow; readonly buffer: string; readonly isNew: boolean};
/** The rows whose value is picked from a list (ui/picker.tsx). */
export type PaneChoice = 'protocol' | 'project';

export type OtlpPaneState = {
	readonly draft: OtlpDraft;
	/** Index into `paneRows`; may point past the end after a header was removed (then the last row). */
	readonly focus: number;
	readonly editing?: PaneEditing;
	/** The row whose list is open: the picker owns the keys until it picks or cancels. */
	readonly choosing?: PaneChoice;
	readonly message?: PaneMessage;
};

/** The fields of Ink's `Key` the pane reads (Ink's `Key` fits). */
export type PaneKey = KeyInfo & {readonly shift?: boolean};

export type OtlpPaneEvent =
	| {
			readonly type: 'key';
			readonly input: string;
			readonly key: PaneKey;
			/** Whether the host can save (the Save row and `s` exist). */
			readonly canSave: boolean;
			/** The config the draft was made from: its timeout, interval and resource attributes are kept. */
			readonly base: OtlpConfig | undefined;
	  }
	| {readonly type: 'chose'; readonly value: string}
	| {readonly type: 'choiceCancelled'}
	| {readonly type: 'tested'; readonly config: OtlpConfig; readonly result: ValidationResult}
	| {readonly type: 'saved'}
	| {readonly type: 'saveFailed'; readonly error: unknown};

export type OtlpPaneEffect =
	| {readonly type: 'close'}
	| {readonly type: 'disconnect'}
	| {readonly type: 'connect' | 'test' | 'save'; readonly config: OtlpConfig};

export type OtlpPaneUpdate = {readonly state: OtlpPaneState; readonly effect?: OtlpPaneEffect};

export function initialPaneState(config: OtlpConfig | undefined): OtlpPaneState {
	return {draft: draftFromConfig(config), focus: 0};
}

export function paneRows(draft: OtlpDraft, canSave: boolean): PaneRow[] {
	const actions: PaneActionName[] = canSave
		? ['test', 'connect', 'disconnect', 'save']
		: ['test', 'connect', 'disconnect'];
	return [
		{kind: 'endpoint'},
		{kind: 'protocol'},
		{kind: 'project'},
		...draft.headers.map((_, index) => ({kind: 'header' as const, index})),
		{kind: 'addHeader'},
		...actions.map(action => ({kind: 'action' as const, action})),
	];
}

export function focusedRow(state: OtlpPaneState, canSave: boolean): PaneRow {
	const rows = paneRows(state.draft, canSave);
	return rows[Math.min(state.focus, rows.length - 1)]!;
}

export function sameRow(a: PaneRow | undefined, b: PaneRow | undefined): boolean {
	return JSON.stringify(a) === JSON.stringify(b);
}

/** The first line of an error's message (a save error may quote a whole stack). */
export function firstLine(error: unknown): string {
	return error instanceof Error ? (error.message.split('\n')[0] ?? '') : 'unknown error';
}

function withoutHeader(draft: OtlpDraft, index: number): OtlpDraft {
	return {...draft, headers: draft.headers.filter((_, at) => at !== index)};
}

/** A key while a row is being edited: Enter keeps, Esc cancels, Backspace, Ctrl+U, typing. */
function editKey(state: OtlpPaneState, edit: PaneEditing, input: string, key: PaneKey): OtlpPaneState {
	const {draft} = state;
	if (key.return) {
		const text = edit.buffer.trim();
		if (edit.row.kind === 'endpoint') {
			return {...state, draft: {...draft, endpoint: text}, editing: undefined};
		}

		if (edit.row.kind === 'header') {
			const {index} = edit.row;
			const headers = draft.headers.map((line, at) => (at === index ? edit.buffer : line));
			return {...state, draft: text ? {...draft, headers} : withoutHeader(draft, index), editing: undefined};
		}

		return state;
	}

	if (key.escape) {
		const removeNew = edit.isNew && edit.row.kind === 'header';
		return {...state, draft: removeNew ? withoutHeader(draft, edit.row.index) : draft, editing: undefined};
	}

	if (key.backspace || key.delete) {
		return {...state, editing: {...edit, buffer: edit.buffer.slice(0, -1)}};
	}

	if (key.ctrl && input === 'u') {
		return {...state, editing: {...edit, buffer: ''}};
	}

	if (!key.ctrl && !key.meta && input) {
		// Pasted text may carry line breaks or control characters: never part of a value.
		return {...state, editing: {...edit, buffer: edit.buffer + input.replace(/[\u0000-\u001F\u007F]/g, '')}};
	}

	return state;
}

/** The picked protocol or project mode; a value not in draft.ts's lists changes nothing. */
function choose(state: OtlpPaneState, value: string): OtlpPaneState {
	const {draft, choosing} = state;
	const protocol = choosing === 'protocol' ? protocols.find(known => known === value) : undefined;
	const project = choosing === 'project' ? projectModes.find(known => known === value) : undefined;
	return {
		...state,
		draft: {...draft, protocol: protocol ?? draft.protocol, project: project ?? draft.project},
		choosing: undefined,
	};
}

/** Test, Connect, Disconnect or Save: the draft must make a valid config (else its one-line fix). */
function runAction(state: OtlpPaneState, action: PaneActionName, base: OtlpConfig | undefined): OtlpPaneUpdate {
	if (action === 'disconnect') {
		return {state: {...state, message: {tone: 'info', text: 'Disconnected: no more exports.'}}, effect: {type: action}};
	}

	const built = configFromDraft(state.draft, base);
	if (!built.ok) {
		return {state: {...state, message: {tone: 'error', text: built.error}}};
	}

	const {config} = built;
	const shown = redactEndpoint(config.endpoint);
	if (action === 'connect') {
		const text = `Exporting to ${shown} every ${Math.round(config.intervalMs / 1000)} s.`;
		return {state: {...state, message: {tone: 'info', text}}, effect: {type: action, config}};
	}

	if (action === 'test') {
		return {state: {...state, message: {tone: 'info', text: `Testing ${shown} …`}}, effect: {type: action, config}};
	}

	return {state, effect: {type: action, config}};
}

/** Enter outside editing: edit the endpoint or a header, add a header, run an action, or open a list. */
function activate(state: OtlpPaneState, row: PaneRow, base: OtlpConfig | undefined): OtlpPaneUpdate {
	const {draft} = state;
	switch (row.kind) {
		case 'endpoint': {
			return {state: {...state, editing: {row, buffer: draft.endpoint, isNew: false}, message: undefined}};
		}

		case 'header': {
			const buffer = draft.headers[row.index] ?? '';
			return {state: {...state, editing: {row, buffer, isNew: false}, message: undefined}};
		}

		case 'addHeader': {
			// The new header takes the add row's place; the cursor stays on it.
			const editing = {row: {kind: 'header', index: draft.headers.length} as const, buffer: '', isNew: true};
			return {state: {...state, draft: {...draft, headers: [...draft.headers, '']}, editing, message: undefined}};
		}

		case 'action': {
			return runAction(state, row.action, base);
		}

		default: {
			return {state: {...state, choosing: row.kind, message: undefined}};
		}
	}
}

const actionKeys: ReadonlyMap<string, PaneActionName> = new Map([
	['t', 'test'],
	['c', 'connect'],
	['x', 'disconnect'],
	['s', 'save'],
]);

/** A key while no row is edited: move, delete a header, run an action, Enter (or Space on a list row), close. */
function browseKey(state: OtlpPaneState, event: Extract<OtlpPaneEvent, {type: 'key'}>): OtlpPaneUpdate {
	const {input, key, canSave, base} = event;
	const count = paneRows(state.draft, canSave).length;
	const focus = Math.min(state.focus, count - 1);
	const row = focusedRow(state, canSave);
	if (key.escape || input === 'q') {
		return {state, effect: {type: 'close'}};
	}

	if (key.upArrow || input === 'k' || (key.tab && key.shift)) {
		return {state: {...state, focus: (focus - 1 + count) % count}};
	}

	if (key.downArrow || input === 'j' || key.tab) {
		return {state: {...state, focus: (focus + 1) % count}};
	}

	if (input === ' ' && (row.kind === 'protocol' || row.kind === 'project')) {
		return activate(state, row, base);
	}

	if ((input === 'd' || key.delete) && row.kind === 'header') {
		return {state: {...state, draft: withoutHeader(state.draft, row.index)}};
	}

	const action = actionKeys.get(input);
	if (action && (action !== 'save' || canSave)) {
		return runAction(state, action, base);
	}

	return key.return ? activate(state, row, base) : {state};
}

export function otlpPaneReducer(state: OtlpPaneState, event: OtlpPaneEvent): OtlpPaneUpdate {
	switch (event.type) {
		case 'key': {
			if (state.choosing) {
				// The open list reads the keys (ui/picker.tsx) and reports back with chose/choiceCancelled.
				return {state};
			}

			return state.editing ? {state: editKey(state, state.editing, event.input, event.key)} : browseKey(state, event);
		}

		case 'chose': {
			return {state: choose(state, event.value)};
		}

		case 'choiceCancelled': {
			return {state: {...state, choosing: undefined}};
		}

		case 'tested': {
			const {result} = event;
			const text = result.ok
				? `✔ ${redactEndpoint(event.config.endpoint)} accepted an empty export (HTTP ${result.status}).`
				: `✖ ${result.error}`;
			return {state: {...state, message: {tone: result.ok ? 'ok' : 'error', text}}};
		}

		case 'saved': {
			return {state: {...state, message: {tone: 'ok', text: '✔ Saved (file mode 0600).'}}};
		}

		case 'saveFailed': {
			return {state: {...state, message: {tone: 'error', text: `✖ Could not save: ${firstLine(event.error)}`}}};
		}

		default: {
			event satisfies never;
			return {state};
		}
	}
}
