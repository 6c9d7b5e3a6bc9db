/**
One file through its parser, the same way on the main thread and in a parse worker: events
in order, the diagnostics it gave (kept with the file so the cache can replay them), and the
message of a parser that threw (a bug: the events before the throw are kept, the file is never
cached).
*/
import type {Diagnostic} from '../core/diagnostics.js';
import type {UsageEvent} from '../core/events.js';
import type {AgentParser, SourceFile} from '../parsers/types.js';

export type FileParse = {
	readonly events: UsageEvent[];
	readonly diagnostics: readonly Diagnostic[];
	readonly failure?: string;
};

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
			events.push(event);
		}
	} catch (error) {
		return {events, diagnostics, failure: error instanceof Error ? error.message : String(error)};
	}

	return {events, diagnostics};
}
