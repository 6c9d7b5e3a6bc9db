// A corrupt config.json must be set aside (never overwritten, never printed) — issue #8 part 5.
import {mkdir, mkdtemp, readdir, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {resolveOtlpConfig} from '../../source/export/otlp/config.js';
import {
	loadOtlpSettings,
	readConfigDocument,
	saveOtlpSettings,
	setConfigWarningSink,
	writeConfigSection,
} from '../../source/export/otlp/settings-file.js';

const secret = 'x-honeycomb-team: s3cr3t-value';
const corruptText = `{"otlp": {"endpoint": "https://otlp.example.com/v1/metrics", "headers": {"x-honeycomb-team": "s3cr3t-value"}},\n`;

let directory: string;
let file: string;
let warnings: string[];
let previousSink: (message: string) => void;
beforeEach(async () => {
	directory = await mkdtemp(path.join(tmpdir(), 'agent-ncdu-config-'));
	file = path.join(directory, 'agent-ncdu', 'config.json');
	await mkdir(path.dirname(file), {recursive: true});
	await writeFile(file, corruptText);
	warnings = [];
	previousSink = setConfigWarningSink(message => warnings.push(message));
});
afterEach(async () => {
	setConfigWarningSink(previousSink);
	await rm(directory, {recursive: true, force: true});
});

async function setAsideFiles(): Promise<string[]> {
	return (await readdir(path.dirname(file))).filter(name => name.startsWith('config.json.corrupt-'));
}

describe('corrupt config file', () => {
	it('is moved aside with one warning that names the paths but not the content', async () => {
		expect(await readConfigDocument(file)).toEqual({});
		const aside = await setAsideFiles();
		expect(aside).toHaveLength(1);
		expect(await readFile(path.join(path.dirname(file), aside[0]!), 'utf8')).toBe(corruptText);
		expect(warnings).toHaveLength(1);
		expect(warnings[0]).toMatch(/^⚠ /);
		expect(warnings[0]).toContain(aside[0]);
		expect(warnings[0]).not.toContain('s3cr3t');
		expect(warnings[0]).not.toContain('\n');
	});

	it('survives the TUI remembering its view: the old bytes are kept aside, the new file is fresh', async () => {
		await writeConfigSection(file, 'view', {sort: 'cost'});
		expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({view: {sort: 'cost'}});
		const aside = await setAsideFiles();
		expect(aside).toHaveLength(1);
		expect(await readFile(path.join(path.dirname(file), aside[0]!), 'utf8')).toBe(corruptText);
	});

	it('survives saving OTLP settings, and loading reads as no settings', async () => {
		expect(await loadOtlpSettings(file)).toBeUndefined();
		expect(warnings).toHaveLength(1);
		const config = resolveOtlpConfig({endpoint: 'https://other.example.com', headers: ['a: b']}, {})!;
		await saveOtlpSettings(file, config);
		// The file was already set aside by the load; the save must not warn again or touch the copy.
		expect(warnings).toHaveLength(1);
		const aside = await setAsideFiles();
		expect(aside).toHaveLength(1);
		expect(await readFile(path.join(path.dirname(file), aside[0]!), 'utf8')).toContain(secret.split(': ')[1]);
		expect((await loadOtlpSettings(file))?.endpoint).toBe('https://other.example.com/v1/metrics');
	});

	it('treats valid JSON that is not an object (an array, a number) as corrupt too', async () => {
		await writeFile(file, '[1, 2]');
		await writeConfigSection(file, 'view', {sort: 'name'});
		expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({view: {sort: 'name'}});
		expect(await setAsideFiles()).toHaveLength(1);
	});

	it('does not warn or move anything for a missing file', async () => {
		await rm(file);
		expect(await readConfigDocument(file)).toEqual({});
		expect(warnings).toEqual([]);
		expect(await setAsideFiles()).toEqual([]);
	});
});
