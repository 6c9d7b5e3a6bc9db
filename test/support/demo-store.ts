/** The bundled demo data (fixtures/demo) through every registered parser (as `--demo` loads it, without the cache). */
import path from 'node:path';
import type {UsageEvent} from '../../source/core/events.js';
import {UsageStore} from '../../source/model/store.js';
import {parsers} from '../../source/parsers/registry.js';

const demo = path.resolve(import.meta.dirname, '../../fixtures/demo');

/** The demo data's events, in the order a load adds them. */
export async function demoEvents(): Promise<UsageEvent[]> {
	const events: UsageEvent[] = [];
	const report = () => undefined;
	for (const parser of parsers) {
		for (const file of await parser.discover(path.join(demo, parser.id), {env: {}, home: '/nonexistent', report})) {
			for await (const event of parser.parse(file, {report})) {
				events.push(event);
			}
		}
	}

	return events;
}

export async function loadDemo(): Promise<UsageStore> {
	return new UsageStore().addAll(await demoEvents());
}
