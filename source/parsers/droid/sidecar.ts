/**
Droid's model names and the session transcript next to a settings file (FORMATS.md §5.10).

A settings file's `model` is an API model id for Factory's built-in models
(`claude-sonnet-4-5-20250929`, `gpt-5.1-codex`) but a label for custom (BYOK) models
(`custom:Claude-Opus-4.5-Thinking-[Anthropic]-0`). When `model` is missing, the transcript
`<session>.jsonl` names it in a system reminder (`Model: Claude Opus 4.5 Thinking [Anthropic]`).
The transcript's `session_start` line also gives the session's folder and title.
*/
import {stat} from 'node:fs/promises';
import {asString, parseJsonObject, readLines} from '../read-lines.js';

/**
A model label as a model id: `custom:` and `[Provider]` tags dropped, lowercase, spaces as
dashes. Dots are kept (`gpt-5.1-codex` is a price-table key; the pricer dashes Claude's own
dotted versions), unlike ccusage, which turns every dot into a dash.
*/
export function droidModelId(label: string): string | undefined {
	const id = label
		.replace(/^custom:/, '')
		.replace(/\[[^\]]*\]/g, ' ')
		.trim()
		.toLowerCase()
		.replace(/[\s-]+/g, '-')
		.replace(/^-+|-+$/g, '');
	return id.length > 0 ? id : undefined;
}

/** The label after `Model:` in a raw transcript line, up to a quote, backslash or `[`. */
export function modelFromReminder(line: string): string | undefined {
	const at = line.indexOf('Model:');
	if (at === -1) {
		return undefined;
	}

	const label = line.slice(at + 'Model:'.length).split(/["\\[]/)[0] ?? '';
	return droidModelId(label);
}

export type TranscriptFacts = {cwd?: string; title?: string; model?: string};

/** Only the head of the transcript is searched, as ccusage does: the reminder comes early. */
const transcriptHeadLines = 500;

function sessionStartFacts(text: string): TranscriptFacts {
	const record = parseJsonObject(text);
	if (record?.['type'] !== 'session_start') {
		return {};
	}

	return {
		cwd: asString(record['cwd']),
		title: asString(record['sessionTitle']) ?? asString(record['title']),
	};
}

/**
What the transcript `jsonlPath` says about its session: the `session_start` line's folder and
title, and (when `wantModel`) the first model reminder. A missing or unreadable transcript
gives nothing: it is optional, and its own errors are not this session's usage.
*/
export async function readTranscriptFacts(jsonlPath: string, wantModel: boolean): Promise<TranscriptFacts> {
	const facts: TranscriptFacts = {};
	let started = false;
	try {
		// Only a regular file: opening a FIFO named like a transcript would wait forever.
		if (!(await stat(jsonlPath)).isFile()) {
			return facts;
		}

		for await (const line of readLines(jsonlPath, {markers: ['session_start', 'Model:']})) {
			if (line.number > transcriptHeadLines) {
				break;
			}

			if (!started && line.text.includes('"session_start"')) {
				Object.assign(facts, sessionStartFacts(line.text));
				started = true;
			}

			facts.model ??= wantModel ? modelFromReminder(line.text) : undefined;
			if (started && (facts.model || !wantModel)) {
				break;
			}
		}
	} catch {
		// Missing, unreadable or not a regular file: the settings file alone still counts.
	}

	return facts;
}
