/**
The Cline-family VS Code extensions (FORMATS.md §5.15): Cline (`saoudrizwan.claude-dev`), Roo Code
(`rooveterinaryinc.roo-cline`) and Kilo Code (`kilocode.kilo-code`). Roo and Kilo are Cline forks and
keep the same task folders in the editor's globalStorage:
`<globalStorage>/<extension id>/tasks/<task id>/ui_messages.json` (+ `api_conversation_history.json`,
and `task_metadata.json` in newer builds). One reader, three agent ids.

Roots: `CLINE_DATA_DIR` / `ROO_CODE_DATA_DIR` / `KILO_CODE_DATA_DIR` (comma list of extension
folders, or of their `tasks` folders), else the extension's folder in the globalStorage of VS Code,
VS Code Insiders, VSCodium, Cursor and Windsurf on Linux (`$XDG_CONFIG_HOME`, default `~/.config`),
macOS (`~/Library/Application Support`) and Windows (`%APPDATA%`, else `~/AppData/Roaming`, so a
Windows home read from WSL is covered), and of a VS Code server
(`~/.vscode-server/data`); for Cline also `~/.cline/data`, where newer builds keep their data.

A task is a session; its first prompt and each later user message start a turn; each
`api_req_started` record with usage is one call, keyed by task id + the record's `ts` (the record is
rewritten in place while the response streams); its `cost` > 0 is the reported cost.
*/
import {stat} from 'node:fs/promises';
import path from 'node:path';
import type {AgentId} from '../../core/agents.js';
import type {UsageEvent} from '../../core/events.js';
import {envFolders, xdgFolder} from '../data-folders.js';
import {readJsonDocument} from '../json-file.js';
import type {AgentParser, DiscoverContext, ParseContext, SourceFile} from '../types.js';
import {historyModels, metadataModels, type ModelTimeline, taskEvents, taskFolders} from './ui-messages.js';
import {walkFiles} from '../walk.js';

const uiMessagesFile = 'ui_messages.json';

/** The editors whose user folder holds a `globalStorage` (VS Code and its forks). */
export const editorFolders = ['Code', 'Code - Insiders', 'VSCodium', 'Cursor', 'Windsurf'];

/** Every globalStorage folder of the editors, on all three platforms (missing ones are skipped). */
export function globalStorageFolders(context: DiscoverContext): string[] {
	const bases = [
		xdgFolder(context, 'XDG_CONFIG_HOME', '.config'),
		path.join(context.home, 'Library', 'Application Support'),
	];
	const appData = context.env['APPDATA'];
	if (appData && path.isAbsolute(appData)) {
		bases.push(appData);
	}

	// Windows' default %APPDATA%, also when the variable is not set (a Windows home read from WSL).
	bases.push(path.join(context.home, 'AppData', 'Roaming'));

	const folders = bases.flatMap(base => editorFolders.map(editor => path.join(base, editor, 'User', 'globalStorage')));
	folders.push(path.join(context.home, '.vscode-server', 'data', 'User', 'globalStorage'));
	return [...new Set(folders)];
}

type Extension = {
	readonly agent: AgentId;
	readonly extensionId: string;
	readonly variable: string;
	/** Folders outside globalStorage where the extension also keeps its tasks. */
	readonly extra?: (context: DiscoverContext) => string[];
};

/** `<root>/tasks`, or the root itself when it is a `tasks` folder already. */
function tasksFolder(root: string): string {
	return path.basename(root) === 'tasks' ? root : path.join(root, 'tasks');
}

async function taskModels(file: SourceFile, agent: AgentId, context: ParseContext): Promise<ModelTimeline> {
	const folder = path.dirname(file.path);
	const options = {agent, report: context.report, optional: true};
	const fromMetadata = metadataModels(await readJsonDocument(path.join(folder, 'task_metadata.json'), options));
	if (fromMetadata.length > 0) {
		return fromMetadata;
	}

	return historyModels(await readJsonDocument(path.join(folder, 'api_conversation_history.json'), options));
}

/**
The task list of one extension folder, read once per version of the file (it lists every task, so
it is not read again for each one).
*/
const taskLists = new Map<string, {version: string; folders: Promise<Map<string, string>>}>();

async function taskFolder(file: SourceFile, agent: AgentId, context: ParseContext): Promise<string | undefined> {
	const list = path.join(path.dirname(path.dirname(path.dirname(file.path))), 'state', 'taskHistory.json');
	const info = await stat(list).catch(() => undefined);
	if (!info?.isFile()) {
		return undefined;
	}

	const version = `${info.size}:${info.mtimeMs}`;
	let cached = taskLists.get(list);
	if (cached?.version !== version) {
		const options = {agent, report: context.report, optional: true};
		cached = {version, folders: readJsonDocument(list, options).then(taskFolders)};
		taskLists.set(list, cached);
	}

	return (await cached.folders).get(path.basename(path.dirname(file.path)));
}

async function* parseTask(file: SourceFile, agent: AgentId, context: ParseContext): AsyncGenerator<UsageEvent> {
	const document = await readJsonDocument(file.path, {agent, ...context});
	if (document === undefined) {
		return;
	}

	if (!Array.isArray(document)) {
		context.report({kind: 'unknown-schema', agent, file: file.path, message: 'ui_messages.json is not a JSON array'});
		return;
	}

	const taskId = path.basename(path.dirname(file.path));
	const models = document.length > 0 ? await taskModels(file, agent, context) : [];
	const events = taskEvents(document, {
		agent,
		taskId,
		fallbackTime: file.mtimeMs,
		models,
		onBadRecord(index) {
			const message = `message ${index}: api_req_started text is not a JSON object`;
			context.report({kind: 'malformed-line', agent, file: file.path, message});
		},
	});
	const cwd = await taskFolder(file, agent, context);
	yield {
		type: 'session',
		agent,
		sessionId: taskId,
		surface: 'vscode',
		...(events.title ? {title: events.title} : {}),
		...(cwd ? {cwd, project: path.win32.basename(cwd.replace(/[\\/]+$/, '')) || cwd} : {}),
	};
	yield* events.turns;
	yield* events.calls;
}

function extensionParser(extension: Extension): AgentParser {
	const {agent} = extension;
	return {
		id: agent,
		roots: context =>
			envFolders(context, extension.variable, [
				...globalStorageFolders(context).map(folder => path.join(folder, extension.extensionId)),
				...(extension.extra?.(context) ?? []),
			]),
		discover: (root, context) =>
			walkFiles(agent, root, tasksFolder(root), 'json', name => name === uiMessagesFile, context.report),
		parse: (file, context) => parseTask(file, agent, context),
	};
}

export const clineParser = extensionParser({
	agent: 'cline',
	extensionId: 'saoudrizwan.claude-dev',
	variable: 'CLINE_DATA_DIR',
	extra: context => [path.join(context.home, '.cline', 'data')],
});

export const rooParser = extensionParser({
	agent: 'roo',
	extensionId: 'rooveterinaryinc.roo-cline',
	variable: 'ROO_CODE_DATA_DIR',
});

export const kilocodeParser = extensionParser({
	agent: 'kilocode',
	extensionId: 'kilocode.kilo-code',
	variable: 'KILO_CODE_DATA_DIR',
});
