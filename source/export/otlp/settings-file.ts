/**
The OTLP part of `${XDG_CONFIG_HOME:-~/.config}/agent-ncdu/config.json`.

The file may hold other sections, so writes read-modify-write it and keep them. It can hold
credentials (headers), so it is written with mode 0600 (directory 0700) through a temp file
and a rename; nothing here ever prints a header value. A missing or unreadable file reads as
"no saved settings" (invalid content is skipped, never thrown).

A file that exists but is not a JSON object is never trusted and never overwritten: it is moved
aside to `config.json.corrupt-<epoch ms>` with a one-line warning naming only the paths (its
content may hold header secrets), and the program starts fresh. If it cannot be moved aside,
writes are refused so the user's saved endpoint/headers are not silently lost.
*/
import {chmod, mkdir, readFile, rename, writeFile} from 'node:fs/promises';
import {homedir} from 'node:os';
import path from 'node:path';
import {asRecord} from '../../core/json-object.js';
import type {Env, OtlpConfig, OtlpProtocol, ProjectMode, SavedOtlpSettings} from './config.js';

export function settingsFilePath(env: Env, home = homedir()): string {
	const base =
		env.XDG_CONFIG_HOME && path.isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : path.join(home, '.config');
	return path.join(base, 'agent-ncdu', 'config.json');
}

type ConfigRead = {
	document: Record<string, unknown> /** Corrupt and still in place (could not be moved aside). */;
	stuck: boolean;
};

/** Where warnings go; stderr by default (the TUI reads the file before it takes the screen). */
let warn = (message: string): void => {
	process.stderr.write(`${message}\n`);
};

/** Redirects warnings (the TUI defers them until the normal screen is back; tests collect them); returns the previous sink. */
export function setConfigWarningSink(sink: (message: string) => void): (message: string) => void {
	const previous = warn;
	warn = sink;
	return previous;
}

async function readConfig(file: string): Promise<ConfigRead> {
	let text: string;
	try {
		text = await readFile(file, 'utf8');
	} catch {
		// Missing or unreadable: nothing saved that we could lose by writing.
		return {document: {}, stuck: false};
	}

	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		parsed = undefined;
	}

	const document = asRecord(parsed);
	if (document) {
		return {document, stuck: false};
	}

	const target = `${file}.corrupt-${Date.now()}`;
	try {
		await rename(file, target);
		warn(`⚠ agent-ncdu: ${file} is not valid settings JSON; moved it to ${target} and starting with default settings.`);
		return {document: {}, stuck: false};
	} catch {
		warn(
			`⚠ agent-ncdu: ${file} is not valid settings JSON and could not be moved aside; ignoring it and not saving settings.`,
		);
		return {document: {}, stuck: true};
	}
}

/** The whole config document; `{}` when missing or corrupt (a corrupt file is set aside; never throws). */
export async function readConfigDocument(file: string): Promise<Record<string, unknown>> {
	return (await readConfig(file)).document;
}

function stringRecord(value: unknown): Record<string, string> | undefined {
	if (!value || typeof value !== 'object' || Array.isArray(value)) {
		return undefined;
	}

	return Object.fromEntries(
		Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
	);
}

/** Keeps only well-typed fields of the `otlp` section. */
export function parseSavedSettings(value: unknown): SavedOtlpSettings | undefined {
	if (!value || typeof value !== 'object' || Array.isArray(value)) {
		return undefined;
	}

	const record = value as Record<string, unknown>;
	const protocol =
		record.protocol === 'http/json' || record.protocol === 'http/protobuf'
			? (record.protocol as OtlpProtocol)
			: undefined;
	const project =
		record.project === 'name' || record.project === 'hash' || record.project === 'omit'
			? (record.project as ProjectMode)
			: undefined;
	return {
		endpoint: typeof record.endpoint === 'string' ? record.endpoint : undefined,
		headers: stringRecord(record.headers),
		protocol,
		project,
	};
}

export async function loadOtlpSettings(file: string): Promise<SavedOtlpSettings | undefined> {
	const document = await readConfigDocument(file);
	return parseSavedSettings(document.otlp);
}

/** Saves the OTLP section (0600), keeping the file's other sections. */
export async function saveOtlpSettings(
	file: string,
	config: Pick<OtlpConfig, 'endpoint' | 'headers' | 'protocol' | 'project'>,
): Promise<void> {
	await writeConfigSection(file, 'otlp', {
		endpoint: config.endpoint,
		headers: {...config.headers},
		protocol: config.protocol,
		project: config.project,
	});
}

/**
Replaces one section of the config document, keeping the others; atomic (temp + rename) and
private (0600 in a 0700 folder), because other sections may hold credentials.
*/
export async function writeConfigSection(file: string, name: string, value: unknown): Promise<void> {
	const {document, stuck} = await readConfig(file);
	if (stuck) {
		// Overwriting would destroy whatever the user had saved in the corrupt file.
		throw new Error(`${file} is corrupt and could not be moved aside; not overwriting it`);
	}

	document[name] = value;
	await mkdir(path.dirname(file), {recursive: true, mode: 0o700});
	const temporary = `${file}.${process.pid}.tmp`;
	await writeFile(temporary, JSON.stringify(document, undefined, '\t') + '\n', {mode: 0o600});
	// writeFile's mode only applies to new files; make sure a leftover temp file is private too.
	await chmod(temporary, 0o600);
	await rename(temporary, file);
}
