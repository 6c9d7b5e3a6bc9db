/**
The BUILT binary on a transcript whose strings carry terminal escape sequences (test/support/
hostile-data.ts): `--json` writes no raw control character yet parses to the very strings the
agent wrote; `--verbose` and warnings on stderr and the status line show them visibly.
*/
import {execFile} from 'node:child_process';
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {type CliResult, cliPath, emptyHome, runCli} from '../support/cli.js';
import {hostile, rawControl, writeHostileClaudeData} from '../support/hostile-data.js';

/** The terminal controls plus U+2028/U+2029, which JSON.stringify also leaves raw. */
const rawInJson = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/;

type Node = {kind: string; session?: {project: string}; turn?: {prompt: string}; call?: CallJson; children?: Node[]};
type CallJson = {model: string; tools: Array<{name: string}>; files: string[]};

function firstOfKind(node: Node, kind: string): Node | undefined {
	if (node.kind === kind) {
		return node;
	}

	for (const child of node.children ?? []) {
		const found = firstOfKind(child, kind);
		if (found) {
			return found;
		}
	}

	return undefined;
}

describe('strings from data reach the terminal inert (built CLI)', () => {
	let dataDir: string;
	let result: CliResult;

	beforeAll(async () => {
		dataDir = mkdtempSync(path.join(tmpdir(), 'agent-ncdu-hostile-'));
		writeHostileClaudeData(dataDir);
		result = await runCli(['--json', '--verbose', '--depth', 'call', '--timezone', 'UTC', '--data-dir', dataDir]);
	});

	it('--json escapes every control character and still parses to the raw strings', () => {
		expect(result.code).toBe(0);
		expect(result.stdout).not.toMatch(rawInJson);
		expect(result.stdout).toContain('Read\\u009b31mRED');
		const document = JSON.parse(result.stdout) as {tree: Node; sessions: Array<{project: string}>};
		expect(document.sessions[0]!.project).toBe('shop\u001B]0;PWNED-TITLE\u0007');
		expect(firstOfKind(document.tree, 'session')!.session!.project).toBe(document.sessions[0]!.project);
		expect(firstOfKind(document.tree, 'turn')!.turn!.prompt).toBe(hostile.prompt);
		const call = firstOfKind(document.tree, 'call')!.call!;
		expect(call.model).toBe(hostile.model);
		expect(call.tools[0]!.name).toBe(hostile.tool);
		expect(call.files).toEqual([hostile.file]);
	});

	it('--verbose diagnostics and the unpriced-model warning show control characters visibly on stderr', () => {
		expect(result.stderr).not.toMatch(rawControl);
		// The malformed file's name, quoted by its diagnostic.
		expect(result.stderr).toContain('broken␛]2;FILE-TITLE␇.jsonl');
		expect(result.stderr).toContain('No price for model(s): claude-opus-4-6␛]2;MODEL-TITLE␇');
	});

	it('the status line shows the model name from stdin visibly', async () => {
		const home = emptyHome();
		const stdout = await new Promise<string>((resolve, reject) => {
			const child = execFile(
				process.execPath,
				[cliPath, 'statusline', '--timezone', 'UTC', '--data-dir', dataDir],
				{env: {PATH: process.env['PATH'] ?? '', HOME: home, TZ: 'UTC', XDG_CACHE_HOME: path.join(home, '.cache')}},
				(error, out) => (error ? reject(error) : resolve(out)),
			);
			child.stdin!.end(
				JSON.stringify({
					session_id: 'hostile-session',
					model: {id: 'claude-opus-4-6', display_name: `Opus\u001B]52;c;cHduZWQ=\u0007\u009B2J`},
					cost: {total_cost_usd: 1.5},
				}),
			);
		});
		expect(stdout.endsWith('\n')).toBe(true);
		expect(stdout).not.toMatch(rawControl);
		expect(stdout).toMatch(/^Opus␛\]52;c;cHduZWQ=␇\\u009b2J · \$1\.50 session/);
	});
});
