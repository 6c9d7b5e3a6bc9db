/**
A Claude Code session written line by line, as Claude Code writes it while it works: a human
prompt, then assistant responses with usage (parsers/FORMATS.md §1.2). For tests of what
happens while an agent writes (live loading, `watch`).
*/
import {appendFileSync, mkdirSync} from 'node:fs';
import path from 'node:path';
import {randomUUID} from 'node:crypto';

export type ResponseUsage = {
	readonly input: number;
	readonly output: number;
	readonly cacheRead?: number;
	readonly cacheWrite?: number;
};

export class ClaudeSessionWriter {
	readonly sessionId = randomUUID();
	readonly file: string;
	private parent: string | null = null;
	private responses = 0;

	/** `root` is a Claude data root (`<root>/projects/<project>/<session>.jsonl` is written). */
	constructor(
		root: string,
		private readonly cwd = '/home/dev/src/live-project',
		private readonly model = 'claude-sonnet-4-6',
	) {
		const folder = path.join(root, 'projects', cwd.replaceAll('/', '-'));
		mkdirSync(folder, {recursive: true});
		this.file = path.join(folder, `${this.sessionId}.jsonl`);
	}

	prompt(text: string, time: Date): void {
		this.line({type: 'user', message: {role: 'user', content: text}}, time);
	}

	/** `withId: false` writes a response without a message id (older or damaged lines: no dedup key). */
	respond(usage: ResponseUsage, time: Date, withId = true): void {
		this.responses++;
		const message = {
			model: this.model,
			...(withId ? {id: `msg_live_${this.sessionId.slice(0, 8)}_${this.responses}`} : {}),
			type: 'message',
			role: 'assistant',
			content: [{type: 'text', text: 'Done.'}],
			usage: {
				input_tokens: usage.input,
				output_tokens: usage.output,
				cache_read_input_tokens: usage.cacheRead ?? 0,
				cache_creation_input_tokens: usage.cacheWrite ?? 0,
			},
		};
		this.line({type: 'assistant', message, ...(withId ? {requestId: `req_live_${this.responses}`} : {})}, time);
	}

	private line(fields: Record<string, unknown>, time: Date): void {
		const uuid = randomUUID();
		const line = {
			parentUuid: this.parent,
			isSidechain: false,
			userType: 'external',
			cwd: this.cwd,
			sessionId: this.sessionId,
			version: '2.1.39',
			...fields,
			uuid,
			timestamp: time.toISOString(),
		};
		this.parent = uuid;
		appendFileSync(this.file, `${JSON.stringify(line)}\n`);
	}
}
