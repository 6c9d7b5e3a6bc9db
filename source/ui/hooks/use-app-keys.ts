/**
The app's one keyboard handler: a key press goes through browser/keymap.ts to a command, which
is dispatched to the reducer or performed here (quit, export, the moves that need the current
listing). Keys typed faster than they are read arrive as one string and are split here.
*/
import {type Key, useInput} from 'ink';
import {type Dispatch, useCallback, useRef} from 'react';
import {type Command, keymap} from '../../browser/keymap.js';
import type {ListingCache} from '../../browser/listing.js';
import type {InsightsNav} from '../../browser/insights-view.js';
import {navResolver} from '../../browser/nav.js';
import {pickerList} from '../../browser/pickers.js';
import type {Action, BrowserState, PromptKind} from '../../browser/state.js';
import type {TreeModel} from '../../model/types.js';

export type AppKeyContext = {
	readonly state: BrowserState;
	dispatch: Dispatch<Action>;
	/** The last load failed: `r` retries it. */
	readonly loadFailed: boolean;
	/** The tree shown (undefined while loading) and its listing cache. */
	readonly model: TreeModel | undefined;
	readonly cache: ListingCache | undefined;
	readonly listRows: number;
	/** The insights pane as drawn (while it is open). */
	readonly insightsNav: InsightsNav | undefined;
	/** The OTLP settings pane is open and reads the keyboard itself: the app stands aside. */
	readonly paneOwnsKeys: boolean;
	quit(): void;
	exportJson(): void;
	/** Told of every key press (before it is handled). */
	onKey?(): void;
};

function perform(context: AppKeyContext, command: Command): void {
	const {dispatch, model, cache} = context;
	switch (command.type) {
		case 'quit': {
			context.quit();
			return;
		}

		case 'export': {
			context.exportJson();
			return;
		}

		case 'move':
		case 'open':
		case 'up': {
			if (model && cache) {
				dispatch({...command, nav: navResolver(model, cache, context.listRows)});
			}

			return;
		}

		case 'moveInsight':
		case 'openInsight': {
			if (context.insightsNav) {
				dispatch({...command, nav: context.insightsNav});
			}

			return;
		}

		case 'openPicker': {
			// With nothing to pick (one agent or machine) the footer says so instead.
			const unavailable = model ? pickerList(command.picker, context.state, model).unavailable : undefined;
			dispatch(unavailable ? {type: 'status', message: unavailable} : command);
			return;
		}

		default: {
			dispatch(command);
		}
	}
}

/** Keys that open a prompt: what follows them in the same read is typed into it. */
const promptKeys = new Map<string, PromptKind>([
	['/', 'text'],
	['B', 'budget'],
]);

/**
Outside a prompt, each character of a burst ("jjj") is its own key press; what follows `/` (or
`B`) in the same read is the prompt's text (a paste, a fast typist).
*/
function splitBurst(context: AppKeyContext, input: string, key: Key): void {
	const chars = [...input];
	for (const [index, char] of chars.entries()) {
		const kind = promptKeys.get(char);
		if (kind) {
			context.dispatch({type: 'startPrompt', kind});
			const rest = chars
				.slice(index + 1)
				.join('')
				.replace(/[\u0000-\u001F\u007F]/g, '');
			if (rest) {
				context.dispatch({type: 'promptInput', text: rest});
			}

			return;
		}

		handleKey(context, char, {...key, return: char === '\r' || char === '\n', tab: char === '\t'});
	}
}

export function handleKey(context: AppKeyContext, input: string, key: Key): void {
	const {state} = context;
	if (context.loadFailed && input === 'r') {
		context.dispatch({type: 'reload'});
		return;
	}

	if (context.paneOwnsKeys || state.picker) {
		// The OTLP settings pane (it edits text) and an open picker own the keyboard; they close themselves.
		return;
	}

	if (!state.prompt && input.length > 1 && !key.ctrl && !key.meta && !input.includes('\u001B')) {
		splitBurst(context, input, key);
		return;
	}

	const command = keymap(input, key, {
		loading: !context.model,
		overlay: state.overlay,
		prompt: state.prompt,
		picker: state.picker,
	});
	if (command) {
		perform(context, command);
	}
}

/**
Ink installs the input handler in an effect, one step after the frame is drawn; a key typed in
between would reach the previous render's handler. Reading the latest context through a ref
(assigned during render) makes every key see what is on screen.
*/
export function useAppKeys(context: AppKeyContext): void {
	const latest = useRef(context);
	latest.current = context;
	useInput(
		useCallback((input: string, key: Key) => {
			latest.current.onKey?.();
			handleKey(latest.current, input, key);
		}, []),
	);
}
