/**
`--csv` and `--statement YYYY-MM`: load and build as `--json` does (json-mode.ts
`loadDocumentTree`: the same stderr lines, no demo fallback), then write the CSV rows or the
month's Markdown statement to stdout. stdout carries only that output.
*/
import type {Writable} from 'node:stream';
import {writeCsv} from '../export/csv.js';
import {statementMarkdown} from '../export/statement.js';
import {loadDocumentTree} from './json-mode.js';
import type {Options} from './options.js';
import {exportContext, pricerFor, treeFor} from './runtime.js';

/** Writes `text` and waits until the stream took it (a statement is one month: one write). */
async function writeAll(stdout: Writable, text: string): Promise<void> {
	await new Promise<void>((resolve, reject) => {
		stdout.write(text, error => (error ? reject(error) : resolve()));
	});
}

export async function runReportMode(options: Options, stdout: Writable, stderr: (line: string) => void): Promise<void> {
	const pricer = await pricerFor(options);
	const {loaded, model} = await loadDocumentTree(options, pricer, stderr);
	if (options.mode === 'csv' || !options.statement) {
		await writeCsv(model.root, stdout, {depth: options.depth, prompts: options.prompts});
		return;
	}

	// The month's tree is `model` (options.since/until are its days); the previous month keeps the agents.
	const {previous} = options.statement;
	const previousModel = treeFor(options, loaded.result, pricer, {
		agents: options.agents,
		since: previous.since,
		until: previous.until,
	});
	const context = exportContext(model, options, pricer, {diagnostics: loaded.result.diagnostics, demo: loaded.demo});
	const text = statementMarkdown({
		month: options.statement,
		model,
		previous: previousModel,
		insights: context.insights ?? [],
		prompts: options.prompts,
		generator: context.generator,
		generatedAt: context.generatedAt,
		pricing: context.pricing,
		demo: loaded.demo,
	});
	await writeAll(stdout, text);
}
