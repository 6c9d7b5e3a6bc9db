/**
End-to-end (issue #8 part 5): a corrupt config.json holding saved OTLP headers survives a TUI
session. Before, the view remembered on exit overwrote it and the user's endpoint and headers
were lost silently. Now the BUILT binary moves it aside to `config.json.corrupt-<time>` with
one ⚠ line naming the paths (never the content), starts fresh, and saves the view in a new file.
*/
import {existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {hasTmux, TmuxSession} from './tmux.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const cliPath = path.join(repoRoot, 'distribution', 'cli.js');
const workDir = mkdtempSync(path.join(tmpdir(), 'agent-ncdu-e2e-corrupt-config-'));
const configDir = path.join(workDir, 'config', 'agent-ncdu');
// Truncated mid-write: the kind of damage a crash or a full disk leaves.
const corrupt =
	'{"otlp": {"endpoint": "https://otlp.example.com/v1/metrics", "headers": {"x-api-key": "s3cr3t-in-config"}}, "view": {"sort": ';

describe.skipIf(!hasTmux() || !existsSync(cliPath))('corrupt config file (tmux)', () => {
	afterAll(() => {
		rmSync(workDir, {recursive: true, force: true});
	});

	it('is set aside with a warning, and the view is saved to a fresh file on exit', async () => {
		mkdirSync(configDir, {recursive: true});
		writeFileSync(path.join(configDir, 'config.json'), corrupt);
		const session = new TmuxSession(
			`node ${JSON.stringify(cliPath)} --demo --timezone UTC; echo "EXITED:$?"; sleep 30`,
			{
				columns: 100,
				rows: 30,
				cwd: workDir,
				env: {
					HOME: path.join(workDir, 'home'),
					XDG_CONFIG_HOME: path.join(workDir, 'config'),
					TERM: 'xterm-256color',
					NO_COLOR: '1',
					TZ: 'UTC',
				},
			},
		);
		try {
			await session.waitForText(/› +\S+ .*\d{4}-W\d{2}/, 30_000);
			session.send('c');
			await session.waitForText('Sorted by cost');
			session.send('q');
			await session.waitForText('EXITED:0');
			// The warning, held back while the full screen was up, is on the normal screen afterwards
			// (-J joins the lines the 100-column pane wrapped).
			const screen = session.tmux('capture-pane', '-p', '-J', '-t', 'tui');
			const warnings = screen.split('\n').filter(line => line.startsWith('⚠'));
			expect(warnings).toHaveLength(1);
			expect(warnings[0]).toMatch(/config\.json is not valid settings JSON; moved it to .*config\.json\.corrupt-\d+/);
			expect(screen).not.toContain('s3cr3t');
		} finally {
			session.close();
		}

		const aside = readdirSync(configDir).filter(name => name.startsWith('config.json.corrupt-'));
		expect(aside).toHaveLength(1);
		expect(readFileSync(path.join(configDir, aside[0]!), 'utf8')).toBe(corrupt);
		const fresh = JSON.parse(readFileSync(path.join(configDir, 'config.json'), 'utf8'));
		expect(fresh.view.sort).toEqual({key: 'cost', reverse: false});
		expect(fresh.otlp).toBeUndefined();
	}, 60_000);
});
