/**
One file through its parser, the same way on the main thread and in a parse worker: events
in order, the diagnostics it gave (kept with the file so the cache can replay them), and the
message of a parser that threw (a bug: the events before the throw are kept, the file is never
cached). Events beyond core/limits.ts's bounds are dropped here, once for every parser, each
with an `out-of-range` diagnostic.
*/
import type {Diagnostic} from '../core/diagnostics.js';
import type {UsageEvent} from '../core/events.js';
import {eventProblem} from '../core/limits.js';
import type {AgentParser, SourceFile} from '../parsers/types.js';

export type FileParse = {
	readonly events: UsageEvent[];
	readonly diagnostics: readonly Diagnostic[];
	readonly failure?: string;
};

/** An event beyond core/limits.ts's bounds: it is dropped, and this says where it was. */
function outOfRange(file: SourceFile, event: UsageEvent, problem: string): Diagnostic {
	const line = event.type === 'session' ? undefined : event.line;
	return {
		kind: 'out-of-range',
		agent: file.agent,
		file: file.path,
		line,
		message: `${event.type}${line === undefined ? ` of session ${event.sessionId.slice(0, 100)}` : ''} skipped: ${problem}`,
	};
}

export async function parseOneFile(
	parser: AgentParser | undefined,
	file: SourceFile,
	onBytes: (bytes: number) => void,
): Promise<FileParse> {
	const events: UsageEvent[] = [];
	const diagnostics: Diagnostic[] = [];
	try {
		if (!parser) throw new Error(`no parser for ${file.agent}`);
		for await (const event of parser.parse(file, {report: diagnostic => diagnostics.push(diagnostic), onBytes})) {
			const problem = eventProblem(event);
			if (problem === undefined) {
				events.push(event);
			} else {
				diagnostics.push(outOfRange(file, event, problem));
			}
		}
	} catch (error) {
		return {events, diagnostics, failure: error instanceof Error ? error.message : String(error)};
	}

	return {events, diagnostics};
}
