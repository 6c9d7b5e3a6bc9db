/**
Terminal codes and the loading view's geometry, without importing Ink: the CLI draws the
loading view's first frame with these before the UI framework has loaded (cli/splash.ts), and
runTui and the loading view use the same ones, so the two frames line up.
*/

/** Alternate screen on, cursor hidden, cursor home. */
export const enterAlternateScreen = '\u001B[?1049h\u001B[?25l\u001B[H';
/** Cursor shown, alternate screen off. */
export const leaveAlternateScreen = '\u001B[?25h\u001B[?1049l';

/** Width of the loading view's progress bar in a terminal `columns` wide. */
export function loadingBarWidth(columns: number): number {
	return Math.max(10, Math.min(60, columns - 10));
}
