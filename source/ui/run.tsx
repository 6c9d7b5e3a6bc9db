/**
runTui: the full-screen session. Enters the terminal's alternate screen and hides the
cursor, renders <App>, and restores the screen and cursor on every way out: normal quit,
Ctrl+C, SIGTERM/SIGHUP and uncaught exceptions. Ink 6 has no alternate-screen option, so
the escape codes are written here, around render(); nothing but Ink writes stdout meanwhile.
*/
import {render} from 'ink';
import {inertText} from '../core/inert-text.js';
import {App} from './app.js';
import {enterAlternateScreen, leaveAlternateScreen} from './screen-codes.js';
import type {AppProps} from './types.js';

export type RunOptions = {
	/** Defaults to process.stdout / process.stdin (tests may pass others). */
	readonly stdout?: NodeJS.WriteStream;
	readonly stdin?: NodeJS.ReadStream;
};

export async function runTui(props: AppProps, run: RunOptions = {}): Promise<void> {
	const stdout = run.stdout ?? process.stdout;
	let restored = false;
	const restore = () => {
		if (!restored) {
			restored = true;
			stdout.write(leaveAlternateScreen);
		}
	};

	stdout.write(enterAlternateScreen);
	const instance = render(<App {...props} />, {
		stdout,
		stdin: run.stdin ?? process.stdin,
		exitOnCtrlC: true,
		patchConsole: false,
		maxFps: 30,
		// Ink 6.8's incremental mode left stale lines on screen when the frame's line count
		// changed (seen in tmux while drilling down); full redraws at 30 fps are correct and
		// cheap at one screen of text.
		incrementalRendering: false,
	});

	const onSignal = (signal: NodeJS.Signals) => {
		instance.unmount();
		restore();
		// Conventional exit status for death by signal: 128 + signal number.
		process.exit(signal === 'SIGHUP' ? 129 : 143);
	};

	const onFatal = (error: unknown) => {
		instance.unmount();
		restore();
		const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
		// A crash message may quote data (a file name, a line of JSON): inert, line by line.
		process.stderr.write(`✖ ${text.split('\n').map(inertText).join('\n')}\n`);
		process.exit(1);
	};

	process.on('SIGTERM', onSignal);
	process.on('SIGHUP', onSignal);
	process.on('uncaughtException', onFatal);
	process.on('unhandledRejection', onFatal);
	// Last resort: whatever ends the process, the user gets their screen back.
	process.on('exit', restore);
	try {
		await instance.waitUntilExit();
	} finally {
		instance.cleanup();
		restore();
		process.off('SIGTERM', onSignal);
		process.off('SIGHUP', onSignal);
		process.off('uncaughtException', onFatal);
		process.off('unhandledRejection', onFatal);
		process.off('exit', restore);
	}
}
