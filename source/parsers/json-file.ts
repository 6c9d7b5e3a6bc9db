/**
Reading a whole-file JSON document (Droid settings, Codebuff chats, Grok summaries) the same
way everywhere: never throws, a file too large to read whole is skipped, and each failure
is one diagnostic that says whether the file could not be read or is not the JSON it should be.
*/
import {readFile, stat} from 'node:fs/promises';
import type {AgentId} from '../core/agents.js';
import type {DiagnosticSink} from '../core/diagnostics.js';
import {errorText, invalidJsonText} from '../core/diagnostics.js';

/** Documents are read whole; anything larger than this is not a session file of these agents. */
export const maxJsonDocumentBytes = 64 * 1024 * 1024;

export type JsonDocumentOptions = {
	readonly agent: AgentId;
	readonly report: DiagnosticSink;
	readonly onBytes?: (bytes: number) => void;
	readonly maxBytes?: number;
	/** Whether a missing file is normal (an optional sibling) rather than worth a diagnostic. */
	readonly optional?: boolean;
};

async function readText(file: string, options: JsonDocumentOptions): Promise<string | undefined> {
	const {agent, report} = options;
	try {
		// stat first: a FIFO named like a session file would block readFile forever.
		const info = await stat(file);
		if (!info.isFile()) {
			report({kind: 'not-a-file', agent, file, message: 'not a regular file; skipped'});
			return undefined;
		}

		if (info.size > (options.maxBytes ?? maxJsonDocumentBytes)) {
			report({kind: 'skipped-file', agent, file, message: `${info.size} bytes is too large to read whole; skipped`});
			return undefined;
		}

		const bytes = await readFile(file);
		options.onBytes?.(bytes.length);
		// A byte-order mark (a file saved by a Windows editor) is not part of the JSON.
		const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
		return bytes.toString('utf8', start);
	} catch (error) {
		if (!(options.optional && (error as NodeJS.ErrnoException).code === 'ENOENT')) {
			report({kind: 'unreadable-file', agent, file, message: errorText(error)});
		}

		return undefined;
	}
}

/** The parsed JSON value of `file`, or undefined (with a diagnostic) when it cannot be had. */
export async function readJsonDocument(file: string, options: JsonDocumentOptions): Promise<unknown> {
	const text = await readText(file, options);
	if (text === undefined) {
		return undefined;
	}

	try {
		return JSON.parse(text) as unknown;
	} catch (error) {
		const kind = text.trim().length === 0 ? 'empty-file' : 'malformed-line';
		options.report({kind, agent: options.agent, file, message: invalidJsonText(error)});
		return undefined;
	}
}
