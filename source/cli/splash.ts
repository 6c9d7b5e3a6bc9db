/**
The first frame, before the UI framework has loaded. Importing Ink and React takes about half a
second on a laptop (hundreds of small modules to compile), which is a long time to stare at a
blank terminal. So the TUI path switches to the alternate screen at once and draws the loading
view's first state ("Starting…") by hand; Ink then draws over it, and runTui restores the
screen on every way out.

Until runTui takes over (`handOverSplash`), this module owns the terminal's restoration: keys
are read raw (so `q` or Ctrl+C typed now is not echoed and reaches the UI once it listens), and
a signal, a ✖ error (`leaveSplash`) or any exit gives the normal screen back, and SIGTSTP
suspends it like the browser (ui/job-control.ts).
*/
import {handleJobControl, type JobControl} from '../ui/job-control.js';
import {enterAlternateScreen, leaveAlternateScreen, loadingBarWidth} from '../ui/screen-codes.js';

const exitStatus: Record<string, number> = {SIGINT: 130, SIGTERM: 143, SIGHUP: 129};

let shown:
	| {readonly stdout: NodeJS.WriteStream; readonly stdin: NodeJS.ReadStream; readonly jobControl: JobControl}
	| undefined;
/** Warnings written while the full screen is up would vanish with it: they wait for the normal screen. */
const notices: string[] = [];

/** A one-line warning for stderr, printed once the normal screen is back (see `flushNotices`); repeats are dropped. */
export function deferNotice(message: string): void {
	// Every reload may report the same problem again: say it once.
	if (!notices.includes(message)) {
		notices.push(message);
	}
}

/** Prints the deferred warnings (after runTui gave the screen back, or on the way out). */
export function flushNotices(stderr: NodeJS.WritableStream = process.stderr): void {
	for (const message of notices.splice(0)) {
		stderr.write(`${message}\n`);
	}
}

function onSignal(signal: NodeJS.Signals): void {
	leaveSplash();
	process.exit(exitStatus[signal] ?? 1);
}

function onExit(): void {
	leaveSplash();
}

function stopListening(): void {
	shown?.jobControl.dispose();
	for (const signal of Object.keys(exitStatus)) {
		process.off(signal, onSignal);
	}

	process.off('exit', onExit);
}

export function showSplash(stdout: NodeJS.WriteStream, stdin: NodeJS.ReadStream = process.stdin): void {
	const width = stdout.columns ?? 80;
	const height = stdout.rows ?? 24;
	// The same layout as the loading view's first frame; too small a terminal gets nothing
	// (the UI explains that itself).
	if (width < 20 || height < 8 || shown) {
		return;
	}

	const frame = `${splashLines(width).join('\r\n')}\u001B[H`;
	const redraw = () => {
		stdout.write(frame);
	};

	shown = {stdout, stdin, jobControl: handleJobControl({stdout, stdin, redraw})};
	for (const signal of Object.keys(exitStatus)) {
		process.on(signal, onSignal);
	}

	process.on('exit', onExit);
	if (stdin.isTTY) {
		stdin.setRawMode(true);
	}

	stdout.write(enterAlternateScreen + frame);
}

/** The lines of the loading view's first state ("Starting…"), title in bold. */
export function splashLines(columns: number): string[] {
	return [
		'',
		'\u001B[1magent-ncdu\u001B[22m',
		'Starting…',
		`[${' '.repeat(loadingBarWidth(columns))}] 0.0%`,
		'q: quit',
	];
}

/** Back to the normal screen and cooked keys, when the splash is still up (a ✖ error, a signal). */
export function leaveSplash(): void {
	if (!shown) {
		return;
	}

	const {stdout, stdin} = shown;
	stopListening();
	shown = undefined;
	if (stdin.isTTY) {
		stdin.setRawMode(false);
	}

	stdout.write(leaveAlternateScreen);
	flushNotices();
}

/** runTui owns the screen from here on (it enters the alternate screen again and restores it). */
export function handOverSplash(): void {
	stopListening();
	shown = undefined;
}
