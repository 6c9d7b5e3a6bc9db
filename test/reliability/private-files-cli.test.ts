/**
What agent-ncdu keeps on disk is private: the parse cache holds prompt text, the history and
the reported costs say what the user spent. Through the built CLI (a full run, then a status
line run), every file it writes is 0600 and every folder it creates 0700, whatever the umask
lets others read. (The TUI's `e` export is checked in test/e2e/tui.test.ts.)
*/
import {execFile} from 'node:child_process';
import {cpSync, readdirSync, readFileSync, statSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {cliPath, emptyHome, publicFixtures, repoRoot, runJson} from '../support/cli.js';

const modeOf = (file: string) => (statSync(file).mode & 0o777).toString(8);

function statusline(env: Record<string, string>): Promise<void> {
	return new Promise((resolve, reject) => {
		const child = execFile(process.execPath, [cliPath, 'statusline', '--timezone', 'UTC'], {env}, error => {
			if (error) reject(error);
			else resolve();
		});
		child.stdin!.end(readFileSync(path.join(repoRoot, 'fixtures', 'statusline', 'new-session.json')));
	});
}

describe.skipIf(process.platform === 'win32')('files agent-ncdu writes', () => {
	it('are 0600 in folders it creates 0700', async () => {
		const home = emptyHome();
		const claude = path.join(home, 'claude');
		cpSync(path.join(publicFixtures, 'claude-code', 'vibecodingtracker'), claude, {recursive: true});
		const env = {HOME: home, CLAUDE_CONFIG_DIR: claude, CODEX_HOME: path.join(home, 'none')};
		await runJson([], env);
		await statusline({
			PATH: process.env['PATH'] ?? '',
			TZ: 'UTC',
			XDG_DATA_HOME: path.join(home, '.local/share'),
			XDG_CACHE_HOME: path.join(home, '.cache'),
			AGENT_NCDU_HOST: 'test-host',
			...env,
		});

		const cache = path.join(home, '.cache', 'agent-ncdu');
		const packs = path.join(cache, readdirSync(cache)[0]!);
		const history = path.join(home, '.local', 'share', 'agent-ncdu');
		const folders = [cache, packs, history];
		const files = [
			...readdirSync(packs).map(name => path.join(packs, name)),
			...readdirSync(history).map(name => path.join(history, name)),
		];
		expect(files.map(file => path.basename(file)).filter(name => !name.endsWith('.base'))).toEqual([
			'test-host.history',
			'test-host.reported.json',
		]);
		expect(folders.map(modeOf)).toEqual(folders.map(() => '700'));
		expect(files.map(modeOf)).toEqual(files.map(() => '600'));
	});
});
