/**
runTui: the full-screen session. Enters the terminal's alternate screen and hides the
cursor, renders <App>, and restores the screen and cursor on every way out: normal quit,
Ctrl+C, SIGINT/SIGTERM/SIGHUP and uncaught exceptions; Ctrl+Z and SIGTSTP suspend it
(job-control.ts). Ink 6 has no alternate-screen option, so the escape codes are written here,
around render(); nothing but Ink writes stdout meanwhile.
*/
import {render, useInput, useStdout} from 'ink';
import {useEffect} from 'react';
import {inertText} from '../core/inert-text.js';
import {App} from './app.js';
import {handleJobControl} from './job-control.js';
import {enterAlternateScreen, leaveAlternateScreen} from './screen-codes.js';
import type {AppProps} from './types.js';

/** Conventional exit status for death by signal: 128 + signal number. */
const exitStatus: Partial<Record<NodeJS.Signals, number>> = {SIGHUP: 129, SIGINT: 130, SIGTERM: 143};

/**
Renders nothing. Ctrl+Z in raw mode arrives as a key, not as SIGTSTP: it suspends here, in
every mode of the app. It also hands out a redraw: writing through Ink makes it erase and
repaint its last frame, which is how a resumed session gets its screen back.
*/
function JobControlKeys(props: {readonly onSuspend: () => void; readonly onRedraw: (redraw: () => void) => void}) {
	const {onSuspend, onRedraw} = props;
	const {write} = useStdout();
	useInput((input, key) => {
		if (key.ctrl && input === 'z') {
			onSuspend();
		}
	});
	useEffect(() => {
		onRedraw(() => {
			write('');
		});
	}, [onRedraw, write]);
	return null;
}

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

	const stdin = run.stdin ?? process.stdin;
	// Until Ink has mounted there is no frame to repaint.
	let redraw: () => void = () => undefined;
	const jobControl = handleJobControl({stdout, stdin, redraw: () => redraw()});
	stdout.write(enterAlternateScreen);
	const instance = render(
		<>
			<App {...props} />
			<JobControlKeys
				onSuspend={jobControl.suspend}
				onRedraw={repaint => {
					redraw = repaint;
				}}
			/>
		</>,
		{
			stdout,
			stdin,
			exitOnCtrlC: true,
			patchConsole: false,
			maxFps: 30,
			// Ink 6.8's incremental mode left stale lines on screen when the frame's line count
			// changed (seen in tmux while drilling down); full redraws at 30 fps are correct and
			// cheap at one screen of text.
			incrementalRendering: false,
		},
	);

	const onSignal = (signal: NodeJS.Signals) => {
		instance.unmount();
		restore();
		process.exit(exitStatus[signal] ?? 1);
	};

	const onFatal = (error: unknown) => {
		instance.unmount();
		restore();
		const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
		// A crash message may quote data (a file name, a line of JSON): inert, line by line.
		process.stderr.write(`✖ ${text.split('\n').map(inertText).join('\n')}\n`);
		process.exit(1);
	};

	for (const signal of Object.keys(exitStatus)) {
		process.on(signal, onSignal);
	}

	process.on('uncaughtException', onFatal);
	process.on('unhandledRejection', onFatal);
	// Last resort: whatever ends the process, the user gets their screen back.
	process.on('exit', restore);
	try {
		await instance.waitUntilExit();
	} finally {
		instance.cleanup();
		restore();
		jobControl.dispose();
		for (const signal of Object.keys(exitStatus)) {
			process.off(signal, onSignal);
		}

		process.off('uncaughtException', onFatal);
		process.off('unhandledRejection', onFatal);
		process.off('exit', restore);
	}
}
