/**
`--export ncdu FILE`: the same load and tree as `--json` (json-mode.ts `loadDocumentTree`),
written in ncdu's export format (export/ncdu.ts) to FILE, or to stdout for `-`. A user-named
file is replaced like any CLI tool's output; a new one is made 0600 (usage data is private).
The file is opened only after the load, so a run that fails before writing leaves an existing
file as it was.
*/
import {createWriteStream} from 'node:fs';
import {once} from 'node:events';
import type {Writable} from 'node:stream';
import {finished} from 'node:stream/promises';
import {writeNcduExport} from '../export/ncdu.js';
import {loadDocumentTree} from './json-mode.js';
import {ncduNames} from './ncdu-names.js';
import {type NcduExport, type Options, UsageError} from './options.js';
import {packageInfo, pricerFor} from './runtime.js';

/** One line for a file that cannot be opened or written (a path, a full disk). */
function writeError(file: string, error: unknown): UsageError {
	const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
	return new UsageError(`Cannot write --export file "${file}": ${reason}. Check the path and free space.`);
}

async function openFile(file: string): Promise<Writable> {
	const stream = createWriteStream(file, {mode: 0o600});
	try {
		await once(stream, 'open');
	} catch (error) {
		throw writeError(file, error);
	}

	return stream;
}

export async function runNcduMode(
	options: Options,
	{file, size}: NcduExport,
	stdout: Writable,
	stderr: (line: string) => void,
): Promise<void> {
	const pricer = await pricerFor(options);
	const {model} = await loadDocumentTree(options, pricer, stderr);
	const toStdout = file === '-';
	const stream = toStdout ? stdout : await openFile(file);
	try {
		await writeNcduExport(model, stream, {
			generator: packageInfo,
			size,
			depth: options.depth,
			nameOf: ncduNames({timeZone: model.timezone, prompts: options.prompts}),
		});
		if (!toStdout) {
			stream.end();
			await finished(stream);
		}
	} catch (error) {
		if (toStdout) {
			throw error;
		}

		stream.destroy();
		throw writeError(file, error);
	}

	if (!toStdout) {
		const unit = size === 'tokens' ? 'tokens' : 'micro-dollars';
		stderr(`Wrote ${file}: ${model.root.totals.calls} calls, sizes in ${unit}. Browse it with: ncdu --si -f ${file}`);
	}
}
