/**
Runs the real Codex parser over a data root the way the pipeline does (roots → discover →
parse) and collects events and diagnostics, for assertions.
*/
import path from 'node:path';
import type {Diagnostic} from '../../../source/core/diagnostics.js';
import type {CallEvent, SessionEvent, TurnEvent, UsageEvent} from '../../../source/core/events.js';
import {codexParser} from '../../../source/parsers/codex/index.js';
import type {SourceFile} from '../../../source/parsers/types.js';
import {parseOneFile} from '../../../source/pipeline/parse-file.js';

export const fixtures = path.resolve(import.meta.dirname, '../../../fixtures');

export type Parsed = {
	files: SourceFile[];
	events: UsageEvent[];
	calls: CallEvent[];
	turns: TurnEvent[];
	sessions: SessionEvent[];
	diagnostics: Diagnostic[];
};

export async function parseCodexHome(codexHome: string): Promise<Parsed> {
	const diagnostics: Diagnostic[] = [];
	const context = {
		env: {CODEX_HOME: codexHome},
		home: '/nonexistent-home',
		report: (d: Diagnostic) => diagnostics.push(d),
	};
	const files: SourceFile[] = [];
	const events: UsageEvent[] = [];
	for (const root of codexParser.roots(context)) {
		for (const file of await codexParser.discover(root, context)) {
			files.push(file);
			// parseOneFile, as the pipeline: the parser, then core/limits.ts's bounds.
			const parsed = await parseOneFile(codexParser, file, () => undefined);
			events.push(...parsed.events);
			diagnostics.push(...parsed.diagnostics);
		}
	}

	return {
		files,
		events,
		calls: events.filter((event): event is CallEvent => event.type === 'call'),
		turns: events.filter((event): event is TurnEvent => event.type === 'turn'),
		sessions: events.filter((event): event is SessionEvent => event.type === 'session'),
		diagnostics,
	};
}

export function codexFixture(name: string): string {
	return path.join(fixtures, 'codex', name);
}

/** Raw Codex numbers of a call (input includes cached), as in ccusage's columns. */
export function raw(call: CallEvent): {input: number; cached: number; output: number; reasoning: number} {
	return {
		input: call.tokens.input + call.tokens.cacheRead,
		cached: call.tokens.cacheRead,
		output: call.tokens.output,
		reasoning: call.tokens.reasoning,
	};
}
