/**
Issue 16 defect 12, `--import` through the built CLI: the document is streamed and bounded, so
hostile shapes end in one clear ✖ line (exit 1) rather than a stack overflow or an
out-of-memory abort; an unknown major version is refused naming the versions read; values
out of bounds are skipped with a diagnostic; and an import is never written into this
machine's history, even when it names this machine as its device.
*/
import {createWriteStream, mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {exportDocument, minute, writeClaudeTranscripts} from '../reliability/hostile-values.js';
import {runCli} from '../support/cli.js';

function workDir(): string {
	return mkdtempSync(path.join(tmpdir(), 'agent-ncdu-import-limits-'));
}

/** A machine named hostA with two Claude Code calls of its own. */
function machine(root: string) {
	const claude = path.join(root, 'claude');
	writeClaudeTranscripts(
		claude,
		[0, 1].map(index => ({
			sessionId: `local-${index}`,
			model: 'claude-sonnet-4-5',
			project: 'shop',
			tool: 'Read',
			time: minute(index),
		})),
	);
	const ledgers = path.join(root, 'ledgers');
	return {
		env: {HOME: root, AGENT_NCDU_HOST: 'hostA', CLAUDE_CONFIG_DIR: claude, CODEX_HOME: path.join(root, 'none')},
		ledgers,
	};
}

/** Writes `parts` to `file` as a stream (a document too large to build as one string in a test). */
async function writeParts(file: string, parts: Iterable<string>): Promise<void> {
	const out = createWriteStream(file);
	for (const part of parts) {
		if (!out.write(part)) {
			await new Promise<void>(resolve => out.once('drain', () => resolve()));
		}
	}

	await new Promise<void>(resolve => out.end(() => resolve()));
}

const header = '{"format":"agent-ncdu","version":[1,2],"depth":"call","tree":';

async function importOf(root: string, name: string, content: string | Iterable<string>) {
	const file = path.join(root, name);
	await writeParts(file, typeof content === 'string' ? [content] : content);
	const {env} = machine(root);
	return {file, result: await runCli(['--json', '--no-ledger', '--import', file], env)};
}

describe('--import (CLI)', () => {
	it('a tree nested 10,000 deep is refused with one line, no stack overflow', async () => {
		const root = workDir();
		const deep = `${header}${'{"kind":"day","children":['.repeat(10_000)}${']}'.repeat(10_000)}}`;
		const {file, result} = await importOf(root, 'deep.json', deep);
		expect(result.code).toBe(1);
		expect(result.stderr).toBe(
			`✖ --import ${file}: not a readable JSON document: nested deeper than 64 levels (byte 892)\n`,
		);
		// The same in a part of the document the import does not use.
		const arrays = `{"format":"agent-ncdu","version":[1,2],"insights":${'['.repeat(10_000)}${']'.repeat(10_000)}}`;
		const skipped = await importOf(root, 'deep-arrays.json', arrays);
		expect(skipped.result.code).toBe(1);
		expect(skipped.result.stderr).toMatch(/^✖ --import .*deep-arrays\.json: .*nested deeper than 64 levels/);
	});

	it('a million sessions are refused at the documented limit, reading only that far, instead of exhausting memory', async () => {
		const root = workDir();
		function* sessions() {
			yield `${header}{"kind":"root","children":[`;
			for (let index = 0; index < 1_000_000; index++) {
				yield `${index ? ',' : ''}{"kind":"session","session":{"agent":"claude","sessionId":"s${index}"}}`;
			}

			yield ']}}';
		}

		const {file, result} = await importOf(root, 'million.json', sessions());
		expect(result).toMatchObject({code: 1, stdout: ''});
		expect(result.stderr).toBe(`✖ --import ${file}: the document holds more than 100,000 sessions\n`);
	});

	it('an unknown major version is refused, naming the version this program reads', async () => {
		const root = workDir();
		const future = exportDocument([], [99, 0]);
		const {file, result} = await importOf(root, 'future.json', JSON.stringify(future));
		expect(result.code).toBe(1);
		expect(result.stderr).toBe(
			`✖ --import ${file}: export format version 99.0 cannot be read: this agent-ncdu reads version 1.x (update it to import newer documents)\n`,
		);
		// A newer minor version only adds fields: it is read.
		const minor = exportDocument(
			[
				{
					agent: 'codex',
					sessionId: 'x',
					project: 'p',
					device: 'laptop',
					model: 'gpt-5',
					tool: 'shell',
					time: minute(30),
				},
			],
			[1, 99],
		);
		const read = await importOf(root, 'minor.json', JSON.stringify(minor));
		expect(read.result.code).toBe(0);
		expect(JSON.parse(read.result.stdout).totals.calls).toBe(3);
	});

	it('calls with values out of bounds are skipped with a diagnostic; the rest of the document counts', async () => {
		const root = workDir();
		const base = {agent: 'codex', sessionId: 'x', project: 'p', device: 'laptop', model: 'gpt-5', tool: 'shell'};
		const document = exportDocument([
			{...base, time: minute(30)},
			{...base, time: minute(31), tokens: {input: 1e20, output: 5}},
			{...base, time: minute(32), tokens: {input: -5, output: 5}},
			{...base, time: '1969-12-31T23:59:59.000Z'},
			{...base, time: '+275760-09-13T00:00:00.000Z'},
		]);
		const file = path.join(root, 'bad-values.json');
		writeFileSync(file, JSON.stringify(document));
		const result = await runCli(['--json', '--no-ledger', '--verbose', '--import', file], machine(root).env);
		expect(result.code).toBe(0);
		expect(JSON.parse(result.stdout).totals.calls).toBe(3);
		const skipped = result.stderr.split('\n').filter(line => line.startsWith('[out-of-range]'));
		expect(skipped).toEqual([
			`[out-of-range] ${file}: --import: call of session x skipped: input token count 100000000000000000000 is not a whole number from 0 to 10,000,000,000`,
			`[out-of-range] ${file}: --import: call of session x skipped: input token count -5 is not a whole number from 0 to 10,000,000,000`,
			`[out-of-range] ${file}: --import: turn of session x skipped: time 1969-12-31T23:59:59.000Z is outside 1970-01-01 … 2099-12-31`,
			`[out-of-range] ${file}: --import: call of session x skipped: time 1969-12-31T23:59:59.000Z is outside 1970-01-01 … 2099-12-31`,
			`[out-of-range] ${file}: --import: turn of session x skipped: time +275760-09-13T00:00:00.000Z is outside 1970-01-01 … 2099-12-31`,
			`[out-of-range] ${file}: --import: call of session x skipped: time +275760-09-13T00:00:00.000Z is outside 1970-01-01 … 2099-12-31`,
		]);
	});

	it('an import tagged with this machine name is never written into its history', async () => {
		const root = workDir();
		const {env, ledgers} = machine(root);
		const tagged = exportDocument([
			{
				agent: 'codex',
				sessionId: 'laptop-1',
				project: 'p',
				device: 'hostA',
				model: 'gpt-5',
				tool: 'shell',
				time: minute(30),
			},
		]);
		const file = path.join(root, 'tagged.json');
		writeFileSync(file, JSON.stringify(tagged));
		const withImport = await runCli(['--json', '--ledger-dir', ledgers, '--import', file], env);
		expect(withImport.code).toBe(0);
		expect(JSON.parse(withImport.stdout).byDevice.hostA.calls).toBe(3);
		const history = readFileSync(path.join(ledgers, 'hostA.history')).toString('utf8');
		expect(history).not.toContain('laptop-1');
		const later = await runCli(['--json', '--ledger-dir', ledgers], env);
		expect(JSON.parse(later.stdout).totals.calls).toBe(2);
	});
});
