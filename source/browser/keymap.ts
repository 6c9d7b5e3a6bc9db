/**
Keymap: one key press → one command, depending on the mode (loading, picker, prompt, overlay,
browsing). ncdu-compatible keys. No React or Ink here: `KeyInfo` mirrors the fields of Ink's
`Key` that we read, so tests can describe key presses as plain objects.

Commands are the reducer's Actions (state.ts) less what the app attaches before dispatching:
the current listing (move/open/up); `quit` and `export` are effects the app performs. While a
picker (`t`, `a`, `d`, `v`) is open it reads the keys itself (ui/picker.tsx): the keymap has none.
*/
import type {SortKey} from './listing.js';
import type {Action, BrowserState, MoveBy, Overlay} from './state.js';

export type KeyInfo = {
	readonly upArrow?: boolean;
	readonly downArrow?: boolean;
	readonly leftArrow?: boolean;
	readonly rightArrow?: boolean;
	readonly pageUp?: boolean;
	readonly pageDown?: boolean;
	readonly home?: boolean;
	readonly end?: boolean;
	readonly return?: boolean;
	readonly escape?: boolean;
	readonly backspace?: boolean;
	readonly delete?: boolean;
	readonly ctrl?: boolean;
	readonly meta?: boolean;
	readonly tab?: boolean;
};

/**
What a key asks for: a reducer Action without what the app attaches before dispatching it
(the listing `nav` of move/open/up), or an effect the app
performs itself (`export`, `quit`). `status` comes from the app, never from a key.
*/
export type Command =
	| WithoutAttached<Exclude<Action, {readonly type: 'status'}>>
	| {readonly type: 'export'}
	| {readonly type: 'quit'};

/** Omit applied to each member of the union (a plain Omit would merge the members into one). */
type WithoutAttached<T> = T extends unknown ? Omit<T, 'nav'> : never;

export type KeyMode = {readonly loading: boolean} & Pick<BrowserState, 'overlay' | 'prompt'> &
	Partial<Pick<BrowserState, 'picker'>>;

function movement(input: string, key: KeyInfo): MoveBy | undefined {
	if (key.upArrow || input === 'k') {
		return 'up';
	}

	if (key.downArrow || input === 'j') {
		return 'down';
	}

	if (key.pageUp || (key.ctrl && input === 'b')) {
		return 'pageUp';
	}

	if (key.pageDown || (key.ctrl && input === 'f')) {
		return 'pageDown';
	}

	if (key.home) {
		return 'home';
	}

	if (key.end || input === 'G') {
		return 'end';
	}

	return undefined;
}

/** Typing into the `/` text filter or the custom time range. */
function promptCommand(input: string, key: KeyInfo): Command | undefined {
	if (key.escape) {
		return {type: 'promptCancel'};
	}

	if (key.return) {
		return {type: 'promptSubmit'};
	}

	if (key.backspace || key.delete) {
		return {type: 'promptBackspace'};
	}

	// Backspaces typed faster than the terminal is read arrive as one chunk ("\x7f\x7f\x7f").
	if (/^[\u0008\u007F]+$/.test(input)) {
		return {type: 'promptBackspace', count: input.length};
	}

	if (key.ctrl && input === 'u') {
		return {type: 'promptClear'};
	}

	if (key.ctrl || key.meta || key.tab || key.upArrow || key.downArrow || key.leftArrow || key.rightArrow) {
		return undefined;
	}

	// Pasted text arrives as one string; control characters never belong in a filter.
	const text = input.replace(/[\u0000-\u001F\u007F]/g, '');
	return text ? {type: 'promptInput', text} : undefined;
}

/*
Key tables are Maps: pasted text arrives as one `input` string, and a paste of `constructor`
must not find Object.prototype's members.
*/
const overlayToggles = new Map<string, Exclude<Overlay, 'none'>>([
	['i', 'info'],
	['I', 'insights'],
	['D', 'diagnostics'],
	['o', 'otlp'],
	['?', 'help'],
]);

/** Keys inside an overlay: scroll it, close it, or (info pane) keep moving the cursor. */
function overlayCommand(input: string, key: KeyInfo, overlay: Exclude<Overlay, 'none'>): Command | undefined {
	if (key.escape || input === 'q' || (overlay === 'help' && input === '?')) {
		return {type: 'closeOverlay'};
	}

	const toggled = overlayToggles.get(input);
	if (toggled) {
		return {type: 'toggleOverlay', overlay: toggled};
	}

	const by = movement(input, key);
	if (overlay === 'insights') {
		return insightsCommand(input, key, by);
	}

	if (overlay === 'info' && by) {
		// The info pane follows the selection, like ncdu's info window.
		return {type: 'move', by};
	}

	if (by === 'up' || by === 'down') {
		return {type: 'scrollOverlay', by: by === 'up' ? -1 : 1};
	}

	if (by === 'pageUp' || by === 'pageDown') {
		return {type: 'scrollOverlay', by: by === 'pageUp' ? -10 : 10};
	}

	if (by === 'home') {
		return {type: 'scrollOverlay', by: -Number.MAX_SAFE_INTEGER};
	}

	if (key.leftArrow || key.backspace || key.delete || input === 'h') {
		return {type: 'closeOverlay'};
	}

	return undefined;
}

/** The insights pane: move between insights, open the node one is about, or close. */
function insightsCommand(input: string, key: KeyInfo, by: MoveBy | undefined): Command | undefined {
	if (by) {
		return {type: 'moveInsight', by};
	}

	if (key.rightArrow || key.return || input === 'l') {
		return {type: 'openInsight'};
	}

	if (key.leftArrow || key.backspace || key.delete || input === 'h') {
		return {type: 'closeOverlay'};
	}

	return undefined;
}

const sortKeys = new Map<string, SortKey>([
	['s', 'tokens'],
	['c', 'cost'],
	['n', 'name'],
	['C', 'count'],
]);

const plainKeys = new Map<string, Command>([
	['g', {type: 'cycleGraph'}],
	['i', {type: 'toggleOverlay', overlay: 'info'}],
	['I', {type: 'toggleOverlay', overlay: 'insights'}],
	['o', {type: 'toggleOverlay', overlay: 'otlp'}],
	['D', {type: 'toggleOverlay', overlay: 'diagnostics'}],
	['?', {type: 'toggleOverlay', overlay: 'help'}],
	['/', {type: 'startPrompt', kind: 'text'}],
	['B', {type: 'startPrompt', kind: 'budget'}],
	['a', {type: 'openPicker', picker: 'agent'}],
	['d', {type: 'openPicker', picker: 'device'}],
	['v', {type: 'openPicker', picker: 'view'}],
	['R', {type: 'resetView'}],
	['t', {type: 'openPicker', picker: 'time'}],
	['$', {type: 'toggleSparkMetric'}],
	['e', {type: 'export'}],
	['r', {type: 'reload'}],
	['q', {type: 'quit'}],
]);

export function keymap(input: string, key: KeyInfo, mode: KeyMode): Command | undefined {
	if (mode.loading) {
		return input === 'q' || key.escape ? {type: 'quit'} : undefined;
	}

	if (mode.picker) {
		return undefined;
	}

	if (mode.prompt) {
		return promptCommand(input, key);
	}

	if (mode.overlay !== 'none') {
		return overlayCommand(input, key, mode.overlay);
	}

	const by = movement(input, key);
	if (by) {
		return {type: 'move', by};
	}

	if (key.rightArrow || key.return || input === 'l') {
		return {type: 'open'};
	}

	if (
		key.leftArrow ||
		key.backspace ||
		key.delete ||
		input === 'h' ||
		input === '<' ||
		input === '\u007F' ||
		input === '\u0008'
	) {
		return {type: 'up'};
	}

	// Ctrl+C belongs to Ink (exit); no other chord means anything here.
	if (key.ctrl || key.meta) {
		return undefined;
	}

	const sortKey = sortKeys.get(input);
	return sortKey ? {type: 'sort', key: sortKey} : plainKeys.get(input);
}
