/**
The tool uses of a Cline-family task (FORMATS.md §5.15), read from the chat panel's messages that
follow a request: `say`/`ask` `"tool"` (JSON `{tool, path, …}`, the extension's own tool names),
`"command"` (the shell command as text) and `"use_mcp_server"` (JSON `{serverName, toolName}`).
*/
import {type Activity, classifyTool, commandHead} from '../../core/activity.js';
import type {ToolUse} from '../../core/events.js';
import {asString, parseJsonObject} from '../read-lines.js';

/** The extensions' tool names (Cline's `ClineSayTool.tool`, Roo's and Kilo's additions). */
const toolActivities = new Map<string, Activity>([
	['readFile', 'reading'],
	['listFilesTopLevel', 'reading'],
	['listFilesRecursive', 'reading'],
	['listCodeDefinitionNames', 'reading'],
	['searchFiles', 'reading'],
	['codebaseSearch', 'reading'],
	['fetchInstructions', 'reading'],
	['editedExistingFile', 'writing'],
	['appliedDiff', 'writing'],
	['newFileCreated', 'writing'],
	['fileDeleted', 'writing'],
	['searchAndReplace', 'writing'],
	['insertContent', 'writing'],
	['webFetch', 'search'],
	['webSearch', 'search'],
	['newTask', 'planning'],
	['updateTodoList', 'planning'],
	['switchMode', 'planning'],
	['finishTask', 'planning'],
	['summarizeTask', 'planning'],
]);

const toolKinds = new Set(['tool', 'command', 'use_mcp_server']);

/** The tool use a panel message records, if it records one. */
export function toolOf(message: Record<string, unknown>): ToolUse | undefined {
	const kind = message['type'] === 'say' ? message['say'] : message['type'] === 'ask' ? message['ask'] : undefined;
	if (typeof kind !== 'string' || !toolKinds.has(kind) || message['partial'] === true) {
		return undefined;
	}

	const text = asString(message['text']);
	if (kind === 'command') {
		return text ? {name: 'execute_command', activity: commandHead(text) === 'git' ? 'git' : 'executing'} : undefined;
	}

	const info = text === undefined ? undefined : parseJsonObject(text);
	if (kind === 'use_mcp_server') {
		const name = asString(info?.['toolName']) ?? asString(info?.['uri']);
		return name ? {name, activity: classifyTool(name)} : undefined;
	}

	const name = asString(info?.['tool']);
	if (!name) {
		return undefined;
	}

	const activity = toolActivities.get(name) ?? classifyTool(name);
	const file = asString(info?.['path']);
	return file ? {name, activity, file} : {name, activity};
}
