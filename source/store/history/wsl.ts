/**
WSL: under Windows Subsystem for Linux the agents' Windows-side data lives under
`/mnt/c/Users/<user>`. Detection: `WSL_DISTRO_NAME` set, or `/proc/version` naming Microsoft.
The mount root is configurable (`AGENT_NCDU_WSL_MOUNT`) so tests can fake a `/mnt/c` tree.
*/
import {readFile, readdir} from 'node:fs/promises';
import path from 'node:path';

type Env = Readonly<Record<string, string | undefined>>;

/** Windows profile folders that never hold a user's agent data. */
const systemProfiles = new Set([
	'all users',
	'default',
	'default user',
	'public',
	'defaultapppool',
	'wdagutilityaccount',
]);

export async function isWsl(env: Env, procVersionFile = '/proc/version'): Promise<boolean> {
	if (env['AGENT_NCDU_WSL'] === '0') {
		return false;
	}

	if (env['WSL_DISTRO_NAME'] || env['AGENT_NCDU_WSL'] === '1') {
		return true;
	}

	try {
		return /microsoft/i.test(await readFile(procVersionFile, 'utf8'));
	} catch {
		return false;
	}
}

export function wslMountRoot(env: Env): string {
	return env['AGENT_NCDU_WSL_MOUNT'] || '/mnt/c';
}

/** `<mount>/Users/<user>` for every real user profile; empty when the drive is not mounted. */
export async function windowsHomes(mountRoot: string): Promise<string[]> {
	const users = path.join(mountRoot, 'Users');
	try {
		const entries = await readdir(users, {withFileTypes: true});
		return entries
			.filter(entry => entry.isDirectory() && !systemProfiles.has(entry.name.toLowerCase()))
			.map(entry => path.join(users, entry.name))
			.sort();
	} catch {
		return [];
	}
}

export function windowsDevice(host: string): string {
	return `${host} (Windows)`;
}
