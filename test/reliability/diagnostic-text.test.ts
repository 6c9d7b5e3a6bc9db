/**
A diagnostic names the file and why it was skipped, never the file's content: `JSON.parse`'s
own message quotes the text around the error, which in a transcript is the user's prompt.
*/
import {mkdirSync, mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {invalidJsonText} from '../../source/core/diagnostics.js';
import {runCli} from '../support/cli.js';

const secret = 's3cr3t-QX7';
// An unquoted value: JSON.parse's message quotes the text around it, the secret included.
const brokenDocument = `{"messages": [{"role": "user", "text": ${secret} and more]}`;

function write(file: string, text: string): void {
	mkdirSync(path.dirname(file), {recursive: true});
	writeFileSync(file, text);
}

describe('diagnostics about invalid JSON', () => {
	it('say where the document broke, not what it says', () => {
		let thrown: unknown;
		try {
			JSON.parse(brokenDocument);
		} catch (error) {
			thrown = error;
		}

		expect(String(thrown)).toContain(secret);
		expect(invalidJsonText(thrown)).toBe('not valid JSON');
		expect(invalidJsonText(new SyntaxError("Expected ',' or '}' after property value in JSON at position 28"))).toBe(
			'not valid JSON at character 28',
		);
		expect(invalidJsonText(new SyntaxError('Unexpected end of JSON input'))).toBe('not valid JSON: it ends early');
	});

	it('from the whole-file readers (Amp, OpenCode legacy, Codebuff) keep the text out of --verbose and the export', async () => {
		const data = mkdtempSync(path.join(tmpdir(), 'agent-ncdu-diagnostic-text-'));
		write(path.join(data, 'amp', 'threads', 'T-0001.json'), brokenDocument);
		write(path.join(data, 'opencode', 'storage', 'message', 'ses_1', 'msg_1.json'), brokenDocument);
		write(
			path.join(data, 'codebuff', 'projects', 'app', 'chats', '2026-02-01T10-00-00.000Z', 'chat-messages.json'),
			brokenDocument,
		);
		const result = await runCli(['--json', '--verbose', '--timezone', 'UTC'], {
			AMP_DATA_DIR: path.join(data, 'amp'),
			OPENCODE_DATA_DIR: path.join(data, 'opencode'),
			CODEBUFF_DATA_DIR: path.join(data, 'codebuff'),
		});

		const diagnostics = JSON.parse(result.stdout).diagnostics as {entries: Array<{agent: string; message: string}>};
		const agents = diagnostics.entries
			.filter(entry => entry.message.startsWith('not valid JSON'))
			.map(entry => entry.agent);
		expect(agents.sort()).toEqual(['amp', 'codebuff', 'opencode']);
		expect(result.stdout).not.toContain(secret);
		expect(result.stderr).not.toContain(secret);
	});
});
