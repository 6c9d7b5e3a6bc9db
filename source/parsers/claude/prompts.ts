/**
Human prompts vs everything else on `user` lines (parsers/FORMATS.md §1.6): a prompt is not meta,
not a compaction summary, carries no tool_result block, and does not start with one of
Claude Code's internal tags or the interruption notice.
*/
import {asRecord} from '../read-lines.js';

const internalTags = [
	'<command-name>',
	'<command-message>',
	'<command-args>',
	'<local-command-stdout>',
	'<local-command-stderr>',
	'<local-command-caveat>',
	'<system-reminder>',
	'<bash-input>',
	'<bash-stdout>',
	'<bash-stderr>',
	'<task-notification>',
	'<user-memory-input>',
];

/** The prompt text of a human `user` line, or undefined when the line is not a human prompt. */
export function humanPromptText(line: Record<string, unknown>): string | undefined {
	if (line['isMeta'] === true || line['isCompactSummary'] === true || line['isVisibleInTranscriptOnly'] === true) {
		return undefined;
	}

	const message = asRecord(line['message']);
	const content = message?.['content'];
	let text: string | undefined;
	if (typeof content === 'string') {
		text = content;
	} else if (Array.isArray(content)) {
		const parts: string[] = [];
		for (const block of content) {
			const record = asRecord(block);
			if (!record) {
				continue;
			}

			if (record['type'] === 'tool_result') {
				return undefined;
			}

			if (record['type'] === 'text' && typeof record['text'] === 'string') {
				parts.push(record['text']);
			}
		}

		text = parts.join(' ');
	}

	const trimmed = text?.trim();
	if (!trimmed) {
		return undefined;
	}

	if (internalTags.some(tag => trimmed.startsWith(tag)) || trimmed.startsWith('[Request interrupted by user')) {
		return undefined;
	}

	return trimmed;
}
