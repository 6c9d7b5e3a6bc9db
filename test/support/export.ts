/** The JSON export of a tree as text, written by the real streamed writer (export/json.ts). */
import {Writable} from 'node:stream';
import {type ExportContext, writeExport} from '../../source/export/json.js';
import type {TreeModel} from '../../source/model/types.js';

/** `context` over test defaults: a fixed generator, price table date, no diagnostics, a fixed clock. */
export async function exportText(model: TreeModel, context: Partial<ExportContext> = {}): Promise<string> {
	let text = '';
	const stream = new Writable({
		write(chunk: Buffer, _encoding, done) {
			text += chunk.toString();
			done();
		},
	});
	await writeExport(model, stream, {
		generator: {name: 'agent-ncdu', version: '0.0.0-test'},
		pricing: {source: 'test', date: '2026-01-01'},
		diagnostics: {total: 0, counts: new Map(), entries: []},
		generatedAt: new Date('2026-03-04T00:00:00Z'),
		...context,
	});
	return text;
}
