/** The bundled demo data (fixtures/demo) as a store, through every registered parser (as `--demo` loads it, without the cache). */
import path from 'node:path';
import {DiagnosticLog} from '../../source/core/diagnostics.js';
import {UsageStore} from '../../source/model/store.js';
import {parsers} from '../../source/parsers/registry.js';

const demo = path.resolve(import.meta.dirname, '../../fixtures/demo');

export async function loadDemo(): Promise<UsageStore> {
	const log = new DiagnosticLog();
	const report = (diagnostic: Parameters<DiagnosticLog['add']>[0]) => log.add(diagnostic);
	const store = new UsageStore();
	for (const parser of parsers) {
		for (const file of await parser.discover(path.join(demo, parser.id), {env: {}, home: '/nonexistent', report})) {
			for await (const event of parser.parse(file, {report})) {
				store.add(event);
			}
		}
	}

	return store;
}
