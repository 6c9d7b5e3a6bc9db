/**
`node --import test/support/inject/worker-exit.mjs distribution/cli.js`: every parse worker
dies on the first file it is sent (test/pipeline/parse-workers.test.ts), which proves the loader
parses that file itself. Workers inherit the `--import`, so this runs first in each of them; the
built binary runs unchanged and production code reads no test variable.
*/
import {isMainThread, parentPort} from 'node:worker_threads';

if (!isMainThread) {
	// Registered before the worker's own handler, so it runs first and nothing gets parsed.
	parentPort?.once('message', () => process.exit(1));
}
