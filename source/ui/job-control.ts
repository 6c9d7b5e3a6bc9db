/**
Suspend and resume (Ctrl+Z, `kill -TSTP`, then `fg`) the way other full-screen programs do:
before the process stops, the terminal gets its normal screen, its cursor and cooked keys back;
when it continues, the program takes the alternate screen and raw keys again and redraws.

Without Ink: the splash (cli/splash.ts) uses it before the UI framework has loaded, runTui after.
A process that listens for SIGTSTP is no longer stopped by it, so `suspend` stops the process
itself with SIGSTOP (which cannot be caught) once the screen is restored.
*/
import {enterAlternateScreen, leaveAlternateScreen} from './screen-codes.js';

export type Terminal = {
	readonly stdout: NodeJS.WriteStream;
	readonly stdin: NodeJS.ReadStream;
	/** Draws the current frame again on the freshly entered (blank) alternate screen. */
	readonly redraw: () => void;
};

export type JobControl = {
	/** Restores the terminal and stops the process (Ctrl+Z read as a key, byte 0x1a, in raw mode). */
	readonly suspend: () => void;
	/** Stops listening for SIGTSTP and SIGCONT. */
	readonly dispose: () => void;
};

export function handleJobControl({stdout, stdin, redraw}: Terminal): JobControl {
	let suspended = false;
	const setRawMode = (on: boolean) => {
		if (stdin.isTTY) {
			stdin.setRawMode(on);
		}
	};

	const suspend = () => {
		suspended = true;
		setRawMode(false);
		stdout.write(leaveAlternateScreen);
		process.kill(process.pid, 'SIGSTOP');
	};

	// A SIGCONT without our suspend (an external `kill -STOP`, then `-CONT`) finds the screen as it was.
	const resume = () => {
		if (!suspended) {
			return;
		}

		suspended = false;
		setRawMode(true);
		stdout.write(enterAlternateScreen);
		redraw();
	};

	process.on('SIGTSTP', suspend);
	process.on('SIGCONT', resume);
	return {
		suspend,
		dispose() {
			process.off('SIGTSTP', suspend);
			process.off('SIGCONT', resume);
		},
	};
}
