/** mkfifo(1) for tests: Node has no API for named pipes. */
import {execFileSync} from 'node:child_process';

export function mkfifoSync(file: string): void {
	execFileSync('mkfifo', [file]);
}
