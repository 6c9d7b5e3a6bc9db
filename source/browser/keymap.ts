/**
Keymap: one key press → one command, depending on the mode (loading, prompt, overlay,
browsing). ncdu-compatible keys. No React or Ink here: `KeyInfo` mirrors the fields of Ink's
`Key` that we read, so tests can describe key presses as plain objects.

Commands that need the current listing (move/open/up/cycleAgent) get it attached by the app
before they reach the reducer; `quit`, `export` and `reload` are effects the app performs.
*/
import type {SortKey} from './listing.js';
import type {BrowserState, MoveBy, Overlay, PromptKind} from './state.js';

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

export type Command =
	| {readonly type: 'move'; readonly by: MoveBy}
	| {readonly type: 'open'}
	| {readonly type: 'up'}
	| {readonly type: 'sort'; readonly key: SortKey}
	| {readonly type: 'cycleGraph'}
	| {readonly type: 'toggleOverlay'; readonly overlay: Exclude<Overlay, 'none'>}
	| {readonly type: 'closeOverlay'}
	| {readonly type: 'scrollOverlay'; readonly by: number}
	| {readonly type: 'startPrompt'; readonly kind: PromptKind}
	| {readonly type: 'promptInput'; readonly text: string}
	| {readonly type: 'promptBackspace'; readonly count?: number}
	| {readonly type: 'promptClear'}
	| {readonly type: 'promptSubmit'}
	| {readonly type: 'promptCancel'}
	| {readonly type: 'cycleAgent'}
	| {readonly type: 'cycleDevice'}
	| {readonly type: 'resetView'}
	| {readonly type: 'cycleTime'}
	| {readonly type: 'toggleSparkMetric'}
	| {readonly type: 'reload'}
	| {readonly type: 'export'}
	| {readonly type: 'quit'};

export type KeyMode = {readonly loading: boolean} & Pick<BrowserState, 'overlay' | 'prompt'>;

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
	['a', {type: 'cycleAgent'}],
	['d', {type: 'cycleDevice'}],
	['R', {type: 'resetView'}],
	['t', {type: 'cycleTime'}],
	['$', {type: 'toggleSparkMetric'}],
	['e', {type: 'export'}],
	['r', {type: 'reload'}],
	['q', {type: 'quit'}],
]);

export function keymap(input: string, key: KeyInfo, mode: KeyMode): Command | undefined {
	if (mode.loading) {
		return input === 'q' || key.escape ? {type: 'quit'} : undefined;
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
