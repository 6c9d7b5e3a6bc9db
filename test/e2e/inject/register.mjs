/**
Shared by the `--import` entries: registers hooks.mjs for one injection, relative to the
binary being run (process.argv[1], e.g. distribution/cli.js).
*/
import {register} from 'node:module';
import path from 'node:path';
import {pathToFileURL} from 'node:url';

export function registerInjection(inject) {
	const root = pathToFileURL(`${path.dirname(path.resolve(process.argv[1]))}/`).href;
	register('./hooks.mjs', import.meta.url, {data: {inject, root}});
}
