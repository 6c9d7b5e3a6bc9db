/**
Tool calls in Grok Build CLI's updates (FORMATS.md §5.13), read as the Agent Client Protocol
defines a `tool_call` update: `{toolCallId, title, kind, status, locations[{path}], rawInput}`,
`kind` one of read, edit, delete, move, search, execute, think, fetch, switch_mode, other. Not
seen in a real Grok file yet: a line without these fields adds no tool.
*/
import {type Activity, classifyTool, commandHead} from '../../core/activity.js';
import type {ToolUse} from '../../core/events.js';
import {asRecord, asString} from '../read-lines.js';

type JsonObject = Record<string, unknown>;

/** ACP's tool kinds in our activities (`search` in ACP is a search of the files: reading). */
const byKind = new Map<string, Activity>([
	['read', 'reading'],
	['search', 'reading'],
	['edit', 'writing'],
	['delete', 'writing'],
	['move', 'writing'],
	['execute', 'executing'],
	['fetch', 'search'],
	['think', 'planning'],
	['switch_mode', 'planning'],
]);

function activityOf(kind: string | undefined, name: string, command: string | undefined): Activity {
	const activity = (kind ? byKind.get(kind) : undefined) ?? classifyTool(name, command);
	return activity === 'executing' && command !== undefined && commandHead(command) === 'git' ? 'git' : activity;
}

export function toolFromUpdate(update: JsonObject): ToolUse | undefined {
	const kind = asString(update['kind']);
	const name = asString(update['title']) ?? kind;
	if (!name) {
		return undefined;
	}

	const rawInput = asRecord(update['rawInput']);
	const command = asString(rawInput?.['command']);
	const locations = Array.isArray(update['locations']) ? update['locations'] : [];
	const file = asString(asRecord(locations[0])?.['path']);
	const activity = activityOf(kind, name, command);
	return file ? {name, activity, file} : {name, activity};
}
