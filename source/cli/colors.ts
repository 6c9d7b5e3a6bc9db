/**
Colour outside Ink — the `✖`/`⚠` lines on stderr, the help text, `watch`'s lines and the status
line — decided in one place for each stream:

- never with `--no-color` or a non-empty `NO_COLOR` (https://no-color.org), whatever else is set;
- otherwise chalk's detection for that stream: a terminal that supports colour, or `FORCE_COLOR`,
  which also colours a pipe (Claude Code's status bar reads the status line from a pipe and draws
  its ANSI colours; `FORCE_COLOR=0` turns colour off).

The symbols carry the meaning; colour only repeats it (a line reads the same without it).
*/
import {Chalk, type ChalkInstance, supportsColor, supportsColorStderr} from 'chalk';

export type OutputStream = 'stdout' | 'stderr';

/** `--no-color` on the command line or a non-empty NO_COLOR. */
export function colorRefused(env: NodeJS.ProcessEnv, argv: readonly string[]): boolean {
	return (env['NO_COLOR'] ?? '') !== '' || argv.includes('--no-color');
}

/** A chalk for `stream`: colours only when they are wanted and the stream shows them (see above). */
export function colorsFor(
	stream: OutputStream,
	env: NodeJS.ProcessEnv = process.env,
	argv: readonly string[] = process.argv.slice(2),
): ChalkInstance {
	const detected = stream === 'stdout' ? supportsColor : supportsColorStderr;
	return new Chalk({level: colorRefused(env, argv) || !detected ? 0 : detected.level});
}

/** The first `✖` (red) or `⚠` (yellow) of a line, coloured; the rest stays as it is. */
export function paintSymbols(line: string, colors: ChalkInstance): string {
	return line.replace(/[✖⚠]/, symbol => (symbol === '✖' ? colors.red(symbol) : colors.yellow(symbol)));
}
