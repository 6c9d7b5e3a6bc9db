/**
Colour outside Ink (source/cli/colors.ts), on the BUILT binary: the `✖`/`⚠` symbols on stderr,
the help's headings and flags, and the status line are coloured only when the stream shows
colour (a terminal, or FORCE_COLOR for a pipe), never with NO_COLOR or --no-color; strings from
the data stay inert in a coloured line.
*/
import {execFile} from 'node:child_process';
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {Chalk} from 'chalk';
import {beforeAll, describe, expect, it} from 'vitest';
import {paintSymbols} from '../../source/cli/colors.js';
import {cliPath, emptyHome, runCli, userEnvironment} from '../support/cli.js';
import {writeHostileClaudeData} from '../support/hostile-data.js';

const red = (text: string) => `\u001B[31m${text}\u001B[39m`;
const yellow = (text: string) => `\u001B[33m${text}\u001B[39m`;
/** Any escape sequence but the colour codes (SGR) the CLI writes itself. */
const otherEscape = /\u001B(?!\[\d+m)/;

describe('paintSymbols', () => {
	it('colours the first ✖ red or ⚠ yellow and leaves the rest of the line alone', () => {
		const colors = new Chalk({level: 1});
		expect(paintSymbols('✖ Unknown flag --x. See --help.', colors)).toBe(`${red('✖')} Unknown flag --x. See --help.`);
		expect(paintSymbols('09:00 ⚠ 80% of the 5-hour block ✖', colors)).toBe(
			`09:00 ${yellow('⚠')} 80% of the 5-hour block ✖`,
		);
		expect(paintSymbols('no symbol here', colors)).toBe('no symbol here');
		expect(paintSymbols('✖ plain', new Chalk({level: 0}))).toBe('✖ plain');
	});
});

describe('colour of the built CLI', () => {
	it('colours the ✖ of an error only when FORCE_COLOR asks for it in a pipe, never with NO_COLOR or --no-color', async () => {
		const plain = await runCli(['--bogus']);
		expect(plain.code).toBe(1);
		expect(plain.stderr).toBe('✖ Unknown flag --bogus. See --help.\n');
		const forced = await runCli(['--bogus'], {FORCE_COLOR: '1'});
		expect(forced.stderr).toBe(`${red('✖')} Unknown flag --bogus. See --help.\n`);
		expect((await runCli(['--bogus'], {FORCE_COLOR: '1', NO_COLOR: '1'})).stderr).toBe(plain.stderr);
		expect((await runCli(['--bogus', '--no-color'], {FORCE_COLOR: '1'})).stderr).toBe(plain.stderr);
		expect((await runCli(['--bogus'], {FORCE_COLOR: '0'})).stderr).toBe(plain.stderr);
	});

	it('colours a ⚠ warning, and what it quotes from the data stays inert', async () => {
		const dataDir = mkdtempSync(path.join(tmpdir(), 'agent-ncdu-colors-'));
		writeHostileClaudeData(dataDir);
		const forced = await runCli(['--json', '--timezone', 'UTC', '--data-dir', dataDir], {FORCE_COLOR: '1'});
		expect(forced.code).toBe(0);
		expect(forced.stderr).toContain(`${yellow('⚠')} No price for model(s): claude-opus-4-6␛]2;MODEL-TITLE␇`);
		expect(forced.stderr).not.toMatch(otherEscape);
		// stdout (the document) is never coloured.
		expect(forced.stdout).not.toContain('\u001B');
	});

	it('--help: bold headings and cyan flags with FORCE_COLOR, the same text without', async () => {
		const plain = await runCli(['--help']);
		expect(plain.stdout).not.toContain('\u001B');
		expect(plain.stdout).toMatch(/^ {2}Usage$/m);
		const forced = await runCli(['--help'], {FORCE_COLOR: '1'});
		expect(forced.stdout).toContain('\u001B[1mUsage\u001B[22m');
		expect(forced.stdout).toContain('\u001B[1mOptions\u001B[22m');
		expect(forced.stdout).toContain('\u001B[36m--json\u001B[39m');
		expect(forced.stdout.replaceAll(/\u001B\[\d+m/g, '')).toBe(plain.stdout);
		expect((await runCli(['--help'], {FORCE_COLOR: '1', NO_COLOR: '1'})).stdout).toBe(plain.stdout);
	});

	describe('statusline', () => {
		let home: string;
		beforeAll(() => {
			home = emptyHome();
		});

		const statusLine = (env: Record<string, string>, model = 'Opus 4.6') =>
			new Promise<string>((resolve, reject) => {
				const child = execFile(
					process.execPath,
					[cliPath, 'statusline', '--timezone', 'UTC', '--demo'],
					{env: {...userEnvironment(home), ...env}},
					(error, out) => (error ? reject(error) : resolve(out)),
				);
				child.stdin!.end(JSON.stringify({session_id: 's', model: {display_name: model}, cost: {total_cost_usd: 1.5}}));
			});

		it('is plain from a pipe, coloured with FORCE_COLOR (Claude Code draws it), plain again with NO_COLOR', async () => {
			const plain = await statusLine({});
			expect(plain).toMatch(/^Opus 4\.6 · \$1\.50 session · \$[\d.]+ today/);
			expect(plain).not.toContain('\u001B');
			const forced = await statusLine({FORCE_COLOR: '1'});
			expect(forced.startsWith(`\u001B[36mOpus 4.6\u001B[39m\u001B[90m · \u001B[39m$1.50 session`)).toBe(true);
			expect(forced.replaceAll(/\u001B\[\d+m/g, '')).toBe(plain);
			expect(await statusLine({FORCE_COLOR: '1', NO_COLOR: '1'})).toBe(plain);
		});

		it('keeps a hostile model name inert inside the colour', async () => {
			const forced = await statusLine({FORCE_COLOR: '1'}, 'Opus\u001B]52;c;cHduZWQ=\u0007');
			expect(forced).toContain('\u001B[36mOpus␛]52;c;cHduZWQ=␇\u001B[39m');
			expect(forced).not.toMatch(otherEscape);
		});
	});
});
