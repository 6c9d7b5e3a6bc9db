/**
Rendering helpers for UI tests: mounts <App> over an in-memory source with a pinned terminal
size, and sends keys as a terminal would encode them.
*/
import {render} from 'ink-testing-library';
import type {AppOptions, OtlpHost} from '../../source/ui/types.js';
import {App} from '../../source/ui/app.js';
import {type FakeSourceOptions, memorySource} from '../support/ui-data.js';
import {waitFor} from '../support/wait-for.js';

export const keys = {
	up: '\u001B[A',
	down: '\u001B[B',
	right: '\u001B[C',
	left: '\u001B[D',
	pageDown: '\u001B[6~',
	pageUp: '\u001B[5~',
	home: '\u001B[H',
	end: '\u001B[F',
	enter: '\r',
	escape: '\u001B',
	backspace: '\u007F',
} as const;

/** 2026-02-16 12:00 UTC: "today" for the relative time filters. */
export const testNow = Date.parse('2026-02-16T12:00:00Z');

export async function mount(options: Partial<AppOptions> = {}, sourceOptions: FakeSourceOptions = {}, otlp?: OtlpHost) {
	const source = memorySource(sourceOptions);
	const app = render(
		<App
			source={source}
			otlp={otlp}
			options={{ascii: false, color: false, size: {columns: 100, rows: 30}, now: () => testNow, ...options}}
		/>,
	);
	const frame = () => app.lastFrame() ?? '';
	/** Writes one key and waits until the frame shows `expected` (text or predicate). */
	const press = async (input: string, expected?: string | ((frame: string) => boolean)) => {
		app.stdin.write(input);
		if (expected !== undefined) {
			const check = typeof expected === 'string' ? (text: string) => text.includes(expected) : expected;
			await waitFor(() => check(frame()), {message: () => `expected ${String(expected)} in:\n${frame()}`});
		}
	};

	const waitForText = async (text: string) =>
		waitFor(() => frame().includes(text), {message: () => `expected "${text}" in:\n${frame()}`});
	return {app, source, frame, press, waitForText};
}

/**
Lets React run the passive effects of the last commit. Ink draws a frame during the commit
but subscribes a newly mounted component's `useInput` in an effect, one scheduler turn
later; a test that types into a pane that just appeared must yield that turn first.
(Not a timed sleep: it waits for queued work, not for a duration.)
*/
export async function flushEffects(): Promise<void> {
	for (let turn = 0; turn < 3; turn++) {
		await new Promise(resolve => setImmediate(resolve));
	}
}

/** The list rows of a frame (between the 4-line header and the 2-line footer). */
export function listRows(frame: string, headerLines = 4): string[] {
	const lines = frame.split('\n');
	return lines.slice(headerLines, -2).filter(line => line.trim() !== '');
}

/** The entry a picker (`t`, `a`, `d`, the OTLP pane's choices) has under its marker. */
export function pickerSelection(frame: string): string | undefined {
	return frame
		.split('\n')
		.find(line => /^\s*[›>] /.test(line))
		?.replace(/^\s*[›>] /, '')
		.trim();
}

/**
Opens a picker with `key` and picks `label` the way a user does: `j` until the marker is on it,
then Enter. Waits for each step on screen.
*/
export async function pickWith(
	mounted: {frame(): string; press(input: string, expected?: string | ((frame: string) => boolean)): Promise<void>},
	key: string,
	title: string,
	label: string,
): Promise<void> {
	await mounted.press(key, frame => frame.includes(`${title}  `) && frame.includes('Enter: pick'));
	await flushEffects();
	for (let step = 0; pickerSelection(mounted.frame()) !== label; step++) {
		if (step > 30) {
			throw new Error(`no "${label}" in the picker:\n${mounted.frame()}`);
		}

		const before = pickerSelection(mounted.frame());
		await mounted.press('j', frame => pickerSelection(frame) !== before);
		await flushEffects();
	}

	await mounted.press(keys.enter, frame => !frame.includes('Enter: pick'));
}
