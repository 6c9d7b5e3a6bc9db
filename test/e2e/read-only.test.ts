/**
Issue #8 part 3, the read-only guarantee, through the BUILT binary: agent data folders in a
temporary HOME (the demo corpus of four agents — including OpenCode's SQLite database — plus
public Claude and Codex fixtures, at their default locations) are snapshotted (every path,
type, size, mode, mtime and sha256), then used by a cold `--json` run with a one-shot OTLP
push, the TUI in tmux (drill down, info, insights, `e` export, live OTLP export to a local
receiver, `r` reload) and a warm `--json` run on the parse cache. The snapshot must be
unchanged. Then the folders are made read-only and a run must give the same totals, no error.
(As root chmod does not stop writes; the snapshot comparison is what proves none happened.)
*/
import {execFile} from 'node:child_process';
import {createHash} from 'node:crypto';
import {
	chmodSync,
	cpSync,
	existsSync,
	lstatSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {type Receiver, startReceiver} from '../otlp/support.js';
import {cliPath, publicFixtures, repoRoot} from '../support/cli.js';
import {hasTmux, TmuxSession} from './tmux.js';

const ready = hasTmux() && existsSync(cliPath);
if (!ready) {
	console.warn('Skipping test/e2e/read-only.test.ts: needs tmux and distribution/cli.js (`npm run build`).');
}

const demo = path.join(repoRoot, 'fixtures', 'demo');

/** Every entry under `root`, keyed by relative path; directories too (their mtime moves when anything is created inside). */
function snapshot(root: string): Map<string, string> {
	const entries = new Map<string, string>();
	const walk = (folder: string) => {
		for (const name of readdirSync(folder).sort()) {
			const full = path.join(folder, name);
			const stat = lstatSync(full);
			const base = `${stat.mode.toString(8)} ${stat.mtimeMs}`;
			if (stat.isDirectory()) {
				entries.set(path.relative(root, full), `dir ${base}`);
				walk(full);
			} else {
				const hash = stat.isFile() ? createHash('sha256').update(readFileSync(full)).digest('hex') : 'special';
				entries.set(path.relative(root, full), `file ${base} ${stat.size} ${hash}`);
			}
		}
	};

	walk(root);
	return entries;
}

describe.skipIf(!ready)('read-only guarantee (built binary, tmux)', () => {
	let workDir: string;
	let home: string;
	let dataFolders: string[];
	let receiver: Receiver;
	let env: Record<string, string>;

	const run = (args: string[]) =>
		new Promise<{code: number; stdout: string; stderr: string}>(resolve => {
			execFile(
				process.execPath,
				[cliPath, ...args],
				{env, cwd: workDir, maxBuffer: 256 * 1024 * 1024},
				(error, stdout, stderr) => {
					resolve({code: error ? ((error as {code?: number}).code ?? 1) : 0, stdout, stderr});
				},
			);
		});

	beforeAll(async () => {
		receiver = await startReceiver();
		workDir = mkdtempSync(path.join(tmpdir(), 'agent-ncdu-readonly-'));
		home = path.join(workDir, 'home');
		const claude = path.join(home, '.claude');
		const codex = path.join(home, '.codex');
		const gemini = path.join(home, '.gemini', 'tmp');
		const opencode = path.join(home, '.local', 'share', 'opencode');
		cpSync(path.join(demo, 'claude'), claude, {recursive: true, preserveTimestamps: true});
		cpSync(path.join(publicFixtures, 'claude-code', 'vibecodingtracker', 'projects'), path.join(claude, 'projects'), {
			recursive: true,
			preserveTimestamps: true,
		});
		cpSync(path.join(demo, 'codex'), codex, {recursive: true, preserveTimestamps: true});
		cpSync(path.join(publicFixtures, 'codex', 'localpush', 'sessions'), path.join(codex, 'sessions'), {
			recursive: true,
			preserveTimestamps: true,
		});
		cpSync(path.join(demo, 'gemini'), gemini, {recursive: true, preserveTimestamps: true});
		mkdirSync(opencode, {recursive: true});
		cpSync(path.join(demo, 'opencode'), opencode, {recursive: true, preserveTimestamps: true});
		dataFolders = [claude, codex, path.join(home, '.gemini'), opencode];
		env = {
			PATH: process.env['PATH'] ?? '',
			HOME: home,
			TZ: 'UTC',
			XDG_CONFIG_HOME: path.join(home, '.config'),
			XDG_CACHE_HOME: path.join(home, '.cache'),
			XDG_DATA_HOME: path.join(home, '.local', 'share'),
			AGENT_NCDU_HOST: 'test-host',
		};
	});

	afterAll(async () => {
		await receiver?.close();
		for (const folder of dataFolders ?? []) {
			if (existsSync(folder)) {
				chmodSync(folder, 0o755);
				// Give write permission back so the temporary folder can be removed.
				execFile('chmod', ['-R', 'u+w', folder]);
			}
		}

		await new Promise(resolve => setTimeout(resolve, 200));
		rmSync(workDir, {recursive: true, force: true, maxRetries: 10, retryDelay: 100});
	});

	it('a full run (JSON, OTLP, TUI, export, cache) changes nothing; read-only folders give the same totals', async () => {
		const before = dataFolders.map(snapshot);
		expect(before.reduce((count, entries) => count + entries.size, 0)).toBeGreaterThan(20);

		const cold = await run(['--json', '--timezone', 'UTC', '--otlp-once', '--otlp-endpoint', receiver.url]);
		expect(cold.code, cold.stderr).toBe(0);
		const coldDocument = JSON.parse(cold.stdout);
		expect(coldDocument.demo).toBe(false);
		expect(Object.keys(coldDocument.byAgent).sort()).toEqual(['claude', 'codex', 'gemini', 'opencode']);
		expect(receiver.requests.length).toBeGreaterThan(0);

		const pane = new TmuxSession(
			`node ${JSON.stringify(cliPath)} --timezone UTC --otlp-endpoint ${receiver.url}; echo "EXITED:$?"; sleep 30`,
			{
				columns: 100,
				rows: 30,
				cwd: workDir,
				env: {...env, TERM: 'xterm-256color', NO_COLOR: '1', CI: 'true'},
			},
		);
		try {
			await pane.waitForText(/› +\S+ .*\d{4}-W\d{2}/, 30_000);
			pane.send('Enter');
			await pane.waitFor(screen => /All › \d{4}-W\d{2}/.test(screen));
			pane.send('Enter');
			await pane.waitFor(screen => /All › \d{4}-W\d{2} › \d{4}-\d{2}-\d{2}/.test(screen));
			// Under CI load a key can arrive while a background OTLP reload swaps the model in;
			// press again (only while the pane is not showing) rather than fail on a lost key.
			for (let attempt = 1; ; attempt++) {
				pane.send('I');
				try {
					await pane.waitForText('Insights (', 8000);
					break;
				} catch (error) {
					if (attempt === 3 || pane.capture().includes('Insights (')) {
						throw error;
					}
				}
			}
			// A key at a time, as a person types: ESC and the keys after it in one read of the
			// terminal are one escape sequence to the terminal's parser (the ESC ambiguity every
			// full-screen program has), and a busy CI machine lets tmux's keys pile up into one read.
			pane.send('Escape');
			await pane.waitFor(screen => !screen.includes('Insights ('));
			pane.send('i');
			await pane.waitForText('Info (');
			pane.send('i');
			await pane.waitFor(screen => !screen.includes('Info ('));
			pane.send('e');
			await pane.waitForText('Exported to');
			pane.send('r');
			await pane.waitForText(/› +\S+/, 30_000);
			pane.send('q');
			await pane.waitForText(/^EXITED:0/m, 15_000);
		} finally {
			pane.close();
		}

		// The export went to the current folder, not into any agent's folder.
		expect(readdirSync(workDir).some(name => /^agent-ncdu-.*\.json$/.test(name))).toBe(true);

		const warm = await run(['--json', '--timezone', 'UTC']);
		expect(warm.code, warm.stderr).toBe(0);
		expect(JSON.parse(warm.stdout).totals).toEqual(coldDocument.totals);

		const after = dataFolders.map(snapshot);
		for (const [index, entries] of after.entries()) {
			expect(Object.fromEntries(entries), dataFolders[index]).toEqual(Object.fromEntries(before[index]!));
		}

		// Read-only data folders (and files): the same totals, no error, still nothing changed.
		for (const folder of dataFolders) {
			await new Promise<void>((resolve, reject) => {
				execFile('chmod', ['-R', 'a-w', folder], error => (error ? reject(error) : resolve()));
			});
		}

		const frozen = dataFolders.map(snapshot);
		const readOnly = await run(['--json', '--timezone', 'UTC']);
		expect(readOnly.code, readOnly.stderr).toBe(0);
		expect(readOnly.stderr).not.toMatch(/✖|EACCES|EPERM/);
		expect(JSON.parse(readOnly.stdout).totals).toEqual(coldDocument.totals);
		expect(dataFolders.map(folder => Object.fromEntries(snapshot(folder)))).toEqual(
			frozen.map(entries => Object.fromEntries(entries)),
		);
	}, 180_000);
});
