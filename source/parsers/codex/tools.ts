/**
Tool calls recorded as Codex `response_item`s → normalized ToolUse entries.

Shapes (codex-rs protocol): `function_call {name, arguments: JSON string}`,
`custom_tool_call {name, input: free text}` (apply_patch in freeform mode),
`local_shell_call {action: {command: argv}}`, `web_search_call {action}`.
Shell tools are classified by their command (so `git …` is `git`); `apply_patch` yields one
`writing` entry per file named in its `*** Update/Add/Delete File:` headers. Argument text
that is not JSON (or was redacted) is tolerated: the tool is still classified by name.
*/
import {classifyTool} from '../../core/activity.js';
import type {ToolUse} from '../../core/events.js';
import {asRecord, asString, parseJsonObject} from '../read-lines.js';

const patchFileHeader = /^\*\*\* (?:Update|Add|Delete) File: (.+)$/gm;
/** A patch naming more files than this still counts, but only these are listed. */
const maxFilesPerPatch = 20;

export function toolsOfResponseItem(item: Record<string, unknown>): ToolUse[] {
	switch (item['type']) {
		case 'function_call': {
			const name = asString(item['name']) ?? 'function_call';
			const text = typeof item['arguments'] === 'string' ? item['arguments'] : undefined;
			const args = text ? parseJsonObject(text) : asRecord(item['arguments']);
			return toolsOfCall(name, args, text);
		}

		case 'custom_tool_call': {
			const name = asString(item['name']) ?? 'custom_tool_call';
			const input = typeof item['input'] === 'string' ? item['input'] : undefined;
			return toolsOfCall(name, input === undefined ? undefined : parseJsonObject(input), input);
		}

		case 'local_shell_call': {
			const command = commandOf(asRecord(item['action']));
			return [{name: 'local_shell_call', activity: classifyTool('local_shell_call', command)}];
		}

		case 'web_search_call': {
			return [{name: 'web_search_call', activity: 'search'}];
		}

		default: {
			return [];
		}
	}
}

function toolsOfCall(name: string, args: Record<string, unknown> | undefined, rawText: string | undefined): ToolUse[] {
	if (name === 'apply_patch') {
		const patch = asString(args?.['input']) ?? asString(args?.['patch']) ?? rawText ?? '';
		const files = patchFiles(patch);
		if (files.length === 0) {
			return [{name, activity: 'writing'}];
		}

		return files.map(file => ({name, activity: 'writing', file}));
	}

	const command = commandOf(args);
	const tool: ToolUse = {name, activity: classifyTool(name, command)};
	const file = fileOf(args);
	return [file ? {...tool, file} : tool];
}

/** `shell` logs argv (`command: ["bash","-lc","…"]`); `exec_command` a `cmd` string. */
function commandOf(args: Record<string, unknown> | undefined): string | readonly string[] | undefined {
	if (!args) {
		return undefined;
	}

	for (const key of ['command', 'cmd']) {
		const value = args[key];
		if (typeof value === 'string') {
			return value;
		}

		if (Array.isArray(value) && value.every(part => typeof part === 'string')) {
			return value as string[];
		}
	}

	return undefined;
}

/** A path argument of file tools (`read_file {file_path}`, `view_image {path}`, …). */
function fileOf(args: Record<string, unknown> | undefined): string | undefined {
	if (!args) {
		return undefined;
	}

	return asString(args['file_path']) ?? asString(args['path']);
}

export function patchFiles(patch: string): string[] {
	const files: string[] = [];
	for (const match of patch.matchAll(patchFileHeader)) {
		const file = match[1]?.trim();
		if (file && !files.includes(file)) {
			files.push(file);
			if (files.length >= maxFilesPerPatch) {
				break;
			}
		}
	}

	return files;
}
