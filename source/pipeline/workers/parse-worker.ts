/**
A parse worker: parses the files the loader sends with the registered parsers and answers
with their events as pack columns. Runs the same parser code as the main thread, so a file
gives the same events wherever it was parsed.
*/
import {parentPort} from 'node:worker_threads';
import {parsers} from '../../parsers/registry.js';
import {PackEncoder} from '../../store/pack/codec.js';
import {parseOneFile} from '../parse-file.js';
import type {ParseRequest, WorkerMessage} from './protocol.js';

const byId = new Map(parsers.map(parser => [parser.id, parser]));
/** Progress is batched: a message per chunk read would cost more than the reading. */
const bytesPerMessage = 4 * 1024 * 1024;
let unsentBytes = 0;

const post = (message: WorkerMessage, transfer: ArrayBuffer[] = []) => parentPort!.postMessage(message, transfer);

async function parse({id, file}: ParseRequest): Promise<void> {
	const {events, diagnostics, failure} = await parseOneFile(byId.get(file.agent), file, bytes => {
		unsentBytes += bytes;
		if (unsentBytes >= bytesPerMessage) {
			post({type: 'bytes', bytes: unsentBytes});
			unsentBytes = 0;
		}
	});

	// Sized for a typical transcript; it grows for big ones.
	const encoder = new PackEncoder(4096);
	const range = encoder.add(events);
	const columns = encoder.finish();
	if (unsentBytes > 0) {
		post({type: 'bytes', bytes: unsentBytes});
		unsentBytes = 0;
	}

	post({type: 'parsed', id, columns, range, diagnostics, failure}, [
		columns.ints.buffer as ArrayBuffer,
		columns.floats.buffer as ArrayBuffer,
	]);
}

// Files are parsed concurrently (the loader keeps a few in flight per worker): while one waits
// for the disk, another is parsed. One at a time left the worker idle a quarter of the time.
parentPort?.on('message', (request: ParseRequest) => {
	void parse(request);
});
