import {EventEmitter} from 'node:events';
import {describe, expect, it} from 'vitest';
import {runTui} from '../../source/ui/run.js';
import {memorySource} from '../support/ui-data.js';
import {waitFor} from '../support/wait-for.js';

/** Just enough of a TTY for Ink: a writable stdout with a size, a raw-mode stdin. */
class FakeStdout extends EventEmitter {
	readonly isTTY = true;
	columns = 100;
	rows = 30;
	output = '';
	write = (chunk: string) => {
		this.output += chunk;
		return true;
	};
}

class FakeStdin extends EventEmitter {
	readonly isTTY = true;
	private data: string | null = null;
	setEncoding() {}
	setRawMode() {}
	resume() {}
	pause() {}
	ref() {}
	unref() {}
	read = () => {
		const {data} = this;
		this.data = null;
		return data;
	};

	send(data: string) {
		this.data = data;
		this.emit('readable');
	}
}

async function runAndQuit(): Promise<string> {
	const stdout = new FakeStdout();
	const stdin = new FakeStdin();
	const done = runTui(
		{source: memorySource(), options: {ascii: false, color: false}},
		{stdout: stdout as unknown as NodeJS.WriteStream, stdin: stdin as unknown as NodeJS.ReadStream},
	);
	expect(stdout.output.startsWith('\u001B[?1049h\u001B[?25l')).toBe(true);
	await waitFor(() => stdout.output.includes('2026-W08'));
	stdin.send('q');
	await done;
	return stdout.output;
}

const listenerCount = () =>
	['SIGHUP', 'SIGTERM', 'uncaughtException', 'unhandledRejection', 'exit'].map(event => process.listenerCount(event));

describe('runTui', () => {
	it('draws in the alternate screen with the cursor hidden and restores both when the user quits', async () => {
		const output = await runAndQuit();
		expect(output).toContain('Sorted by tokens');
		expect(output.endsWith('\u001B[?25h\u001B[?1049l')).toBe(true);
		// Its signal and crash handlers are removed again: a second run leaves no more behind.
		const after = listenerCount();
		await runAndQuit();
		expect(listenerCount()).toEqual(after);
	});

	it('restores the screen and rejects with the error when a component throws while rendering', async () => {
		const stdout = new FakeStdout();
		const stdin = new FakeStdin();
		const before = listenerCount();
		// A data source whose tree build throws: <App> calls it during render, once the data is loaded.
		const source = {
			...memorySource(),
			build(): never {
				throw new Error('deliberate exception inside a component');
			},
		};
		const done = runTui(
			{source, options: {ascii: false, color: false}},
			{stdout: stdout as unknown as NodeJS.WriteStream, stdin: stdin as unknown as NodeJS.ReadStream},
		);
		await expect(done).rejects.toThrow('deliberate exception inside a component');
		expect(stdout.output.startsWith('\u001B[?1049h\u001B[?25l')).toBe(true);
		expect(stdout.output.endsWith('\u001B[?25h\u001B[?1049l')).toBe(true);
		expect(listenerCount()).toEqual(before);
	});
});
