/**
A tiny tmux driver for end-to-end tests of the built binary in a real terminal: a private
tmux server (its own socket, so nothing else's sessions are touched), send-keys, and
capture-pane polled until the screen shows what we wait for.
*/
import {execFileSync} from 'node:child_process';

/**
Whether the test run is CI's (vitest.config.ts sets CI=false for Ink; AGENT_NCDU_CI keeps the CI
of the run that started vitest). There a tool `.ci/run` installs (tmux, ncdu, prometheus) must be
present: its test fails rather than skips.
*/
export const runsInCi = !['', '0', 'false'].includes(process.env['AGENT_NCDU_CI'] ?? '');

export function hasTmux(): boolean {
	try {
		execFileSync('tmux', ['-V'], {stdio: 'ignore'});
		return true;
	} catch {
		return false;
	}
}

export class TmuxSession {
	private readonly socket = `agent-ncdu-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
	private readonly name = 'tui';

	/** Starts `command` (a shell command line) in a detached window of `columns`×`rows`. */
	constructor(command: string, options: {columns: number; rows: number; cwd: string; env?: Record<string, string>}) {
		const env = Object.entries(options.env ?? {}).flatMap(([key, value]) => ['-e', `${key}=${value}`]);
		this.tmux(
			'new-session',
			'-d',
			'-s',
			this.name,
			'-x',
			String(options.columns),
			'-y',
			String(options.rows),
			'-c',
			options.cwd,
			...env,
			command,
		);
	}

	tmux(...args: string[]): string {
		return execFileSync('tmux', ['-L', this.socket, '-f', '/dev/null', ...args], {encoding: 'utf8'});
	}

	/** Keys in tmux send-keys syntax (`Enter`, `Left`, `q`, `C-c`); `literal` sends text as is. */
	send(keys: string, literal = false): void {
		this.tmux('send-keys', '-t', this.name, ...(literal ? ['-l', keys] : [keys]));
	}

	capture(escapes = false): string {
		return this.tmux('capture-pane', '-p', ...(escapes ? ['-e'] : []), '-t', this.name);
	}

	/** Polls the screen until `predicate` holds; returns the screen (throws with it on timeout). */
	async waitFor(predicate: (screen: string) => boolean, timeoutMs = 15_000): Promise<string> {
		const deadline = Date.now() + timeoutMs;
		let screen = '';
		while (Date.now() < deadline) {
			try {
				screen = this.capture();
			} catch {
				screen = '';
			}

			if (predicate(screen)) {
				return screen;
			}

			await new Promise(resolve => setTimeout(resolve, 50));
		}

		throw new Error(`Timed out waiting for the screen; last screen:\n${screen}`);
	}

	async waitForText(text: string | RegExp, timeoutMs?: number): Promise<string> {
		return this.waitFor(screen => (typeof text === 'string' ? screen.includes(text) : text.test(screen)), timeoutMs);
	}

	close(): void {
		try {
			this.tmux('kill-server');
		} catch {
			// Already gone: the command exited and the server with it.
		}
	}
}
