/**
Diagnostics: everything skipped or suspicious, counted and (with --verbose) named.
Parsers never throw on bad data; they report here and go on.
*/
import type {AgentId} from './agents.js';

export const diagnosticKinds = [
	'malformed-line',
	'partial-line',
	'unknown-schema',
	'missing-field',
	'unreadable-file',
	'unreadable-folder',
	'not-a-file',
	'empty-file',
	'database-error',
	'skipped-file',
	'unpriced-model',
	'out-of-range',
	'invalid-config',
	'other',
] as const;
export type DiagnosticKind = (typeof diagnosticKinds)[number];

export type Diagnostic = {
	readonly kind: DiagnosticKind;
	readonly agent?: AgentId;
	readonly file?: string;
	/** 1-based line number, when the problem is one line. */
	readonly line?: number;
	readonly message: string;
};

/**
Collects diagnostics with bounded memory: counts everything, keeps the first `limit`
entries in detail (a 10 GB file of garbage must not become 10 GB of diagnostics).
*/
export class DiagnosticLog {
	readonly counts = new Map<DiagnosticKind, number>();
	readonly entries: Diagnostic[] = [];

	constructor(private readonly limit = 1000) {}

	add(diagnostic: Diagnostic): void {
		this.counts.set(diagnostic.kind, (this.counts.get(diagnostic.kind) ?? 0) + 1);
		if (this.entries.length < this.limit) {
			this.entries.push(diagnostic);
		}
	}

	get total(): number {
		let sum = 0;
		for (const count of this.counts.values()) {
			sum += count;
		}

		return sum;
	}
}

/** What a parser reports into; the pipeline provides it. */
export type DiagnosticSink = (diagnostic: Diagnostic) => void;

/** An error's own message (an I/O error's says what failed: `ENOENT: no such file …`). */
export function errorText(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

/**
Why a document is not valid JSON, without the stretch of the document that `JSON.parse`'s
message quotes (`Unexpected token 'x', "…secret prompt…" is not valid JSON`): a diagnostic
reaches `--verbose` and the export, and must not carry the user's text.
*/
export function invalidJsonText(error: unknown): string {
	const message = errorText(error);
	if (message.includes('Unexpected end of JSON input')) {
		return 'not valid JSON: it ends early';
	}

	const position = /at position (\d+)/.exec(message)?.[1];
	return position === undefined ? 'not valid JSON' : `not valid JSON at character ${position}`;
}
