import {mkdtemp, readFile, rm, stat, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {resolveOtlpConfig} from '../../source/export/otlp/config.js';
import {loadOtlpSettings, saveOtlpSettings, settingsFilePath} from '../../source/export/otlp/settings-file.js';

let directory: string;
beforeEach(async () => {
	directory = await mkdtemp(path.join(tmpdir(), 'agent-ncdu-otlp-'));
});
afterEach(async () => {
	await rm(directory, {recursive: true, force: true});
});

describe('settings file', () => {
	it('lives under XDG_CONFIG_HOME, else ~/.config', () => {
		expect(settingsFilePath({XDG_CONFIG_HOME: '/x/conf'}, '/home/u')).toBe('/x/conf/agent-ncdu/config.json');
		expect(settingsFilePath({}, '/home/u')).toBe('/home/u/.config/agent-ncdu/config.json');
		expect(settingsFilePath({XDG_CONFIG_HOME: 'relative'}, '/home/u')).toBe('/home/u/.config/agent-ncdu/config.json');
	});

	it('saves with mode 0600, keeps other sections, and loads back into the same config', async () => {
		const file = settingsFilePath({XDG_CONFIG_HOME: directory});
		const config = resolveOtlpConfig(
			{endpoint: 'https://otlp.example.com', headers: ['x-honeycomb-team: abc=='], protocol: 'http/json'},
			{},
		)!;
		await saveOtlpSettings(file, config);
		expect((await stat(file)).mode & 0o777).toBe(0o600);
		expect((await stat(path.dirname(file))).mode & 0o777).toBe(0o700);

		const document = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
		document.theme = 'dark';
		await writeFile(file, JSON.stringify(document));
		await saveOtlpSettings(file, {...config, project: 'hash'});
		const saved = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
		expect(saved.theme).toBe('dark');

		const loaded = await loadOtlpSettings(file);
		expect(loaded).toEqual({
			endpoint: 'https://otlp.example.com/v1/metrics',
			headers: {'x-honeycomb-team': 'abc=='},
			protocol: 'http/json',
			project: 'hash',
		});
		expect(resolveOtlpConfig({}, {}, loaded)).toMatchObject({
			endpoint: config.endpoint,
			headers: config.headers,
			protocol: 'http/json',
			project: 'hash',
		});
	});

	it('reads a missing, corrupt or ill-typed file as no settings', async () => {
		const file = path.join(directory, 'config.json');
		expect(await loadOtlpSettings(file)).toBeUndefined();
		await writeFile(file, '{not json');
		expect(await loadOtlpSettings(file)).toBeUndefined();
		await writeFile(file, JSON.stringify({otlp: {endpoint: 42, headers: {a: 'b', c: 3}, protocol: 'grpc'}}));
		expect(await loadOtlpSettings(file)).toEqual({
			endpoint: undefined,
			headers: {a: 'b'},
			protocol: undefined,
			project: undefined,
		});
	});
});
