/**
Runs the BUILT binary (distribution/cli.js, made by `npm run build` before vitest in
`npm test`) the way a user would: a clean HOME, chosen env, no TTY.
*/
import {execFile} from 'node:child_process';
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';

export const repoRoot = path.resolve(import.meta.dirname, '../..');
export const cliPath = path.join(repoRoot, 'distribution', 'cli.js');
export const publicFixtures = path.join(repoRoot, 'fixtures', 'public');

export type CliResult = {code: number; stdout: string; stderr: string};

/** An empty HOME so the user's real agent data can never leak into a test. */
export function emptyHome(): string {
	return mkdtempSync(path.join(tmpdir(), 'agent-ncdu-home-'));
}

/**
What a user's shell gives the binary, in a private `home`: its folders for cache, history and
settings under it, a fixed zone and host name, nothing else of this machine's environment.
*/
export function userEnvironment(home: string): Record<string, string> {
	return {
		PATH: process.env['PATH'] ?? '',
		HOME: home,
		TZ: 'UTC',
		XDG_CACHE_HOME: path.join(home, '.cache'),
		XDG_DATA_HOME: path.join(home, '.local/share'),
		XDG_CONFIG_HOME: path.join(home, '.config'),
		AGENT_NCDU_HOST: 'test-host',
	};
}

/** `nodeArgs` go to node before the binary (`--import` of a test-only module, which workers inherit too). */
export function runCli(
	args: string[],
	env: Record<string, string | undefined> = {},
	nodeArgs: readonly string[] = [],
): Promise<CliResult> {
	const cleanEnv = userEnvironment(env['HOME'] ?? emptyHome());
	for (const [key, value] of Object.entries(env)) {
		if (value !== undefined) {
			cleanEnv[key] = value;
		}
	}

	return new Promise(resolve => {
		execFile(
			process.execPath,
			[...nodeArgs, cliPath, ...args],
			{env: cleanEnv, maxBuffer: 256 * 1024 * 1024},
			(error, stdout, stderr) => {
				resolve({code: error ? ((error as {code?: number}).code ?? 1) : 0, stdout, stderr});
			},
		);
	});
}

export async function runJson(args: string[], env: Record<string, string | undefined> = {}): Promise<any> {
	const result = await runCli(['--json', '--timezone', 'UTC', ...args], env);
	if (result.code !== 0) {
		throw new Error(`agent-ncdu exited ${result.code}: ${result.stderr}`);
	}

	return JSON.parse(result.stdout);
}

/**
Runs the built binary as `nobody` (uid/gid 65534) when the tests run as root, as CI does: root
ignores file modes, so permission tests need a user that does not. As the current user otherwise.
*/
export function runCliAsUser(args: string[], home: string): Promise<CliResult> {
	const unprivileged = process.getuid?.() === 0 ? {uid: 65_534, gid: 65_534} : {};
	const env = {PATH: process.env['PATH'] ?? '', HOME: home, TZ: 'UTC', AGENT_NCDU_HOST: 'test-host'};
	return new Promise(resolve => {
		execFile(
			process.execPath,
			[cliPath, ...args],
			{env, ...unprivileged, maxBuffer: 64 * 1024 * 1024},
			(error, stdout, stderr) => {
				resolve({code: error ? ((error as {code?: number}).code ?? 1) : 0, stdout, stderr});
			},
		);
	});
}
