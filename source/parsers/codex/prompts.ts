/**
Reading prompts and names out of rollout lines: the text of a `user_message` event or a
`response_item` message, whether a "user" message is really context Codex injected
(environment, AGENTS.md, permissions), and the path-based session id used when a file has no
`session_meta` (ccusage's id: path relative to the rollout folder, without `.jsonl(.zst)`).
*/
import path from 'node:path';
import {asRecord, asString} from '../read-lines.js';
import type {SourceFile} from '../types.js';

/** Path relative to `sessions/` or `archived_sessions/`, without `.jsonl(.zst)` (ccusage's id). */
export function pathSessionId(file: SourceFile): string {
	const relative = path.relative(file.root, file.path).replace(/\\/g, '/');
	return relative.replace(/^(?:archived_)?sessions\//, '').replace(/\.jsonl(?:\.zst)?$/, '');
}

export function userMessageText(payload: Record<string, unknown>): string {
	const message = typeof payload['message'] === 'string' ? payload['message'] : '';
	if (message.trim().length === 0 && Array.isArray(payload['images']) && payload['images'].length > 0) {
		return '[image]';
	}

	return message;
}

export function messageText(content: unknown): string | undefined {
	if (typeof content === 'string') {
		return content;
	}

	if (!Array.isArray(content)) {
		return undefined;
	}

	const parts = content.map(part => asString(asRecord(part)?.['text'])).filter(text => text !== undefined);
	return parts.length > 0 ? parts.join('\n') : undefined;
}

/** Context Codex injects as "user" messages: environment, AGENTS.md, instructions blocks. */
export function isInjectedContext(text: string): boolean {
	const start = text.trimStart();
	return /^<[a-z_][\w -]*>/i.test(start) || start.startsWith('# AGENTS.md') || start.startsWith('<INSTRUCTIONS>');
}
