/**
Bad input never crashes the Gemini parser: each problem is a diagnostic and every other file
(and every good line) still loads (fixtures/gemini/bad).
*/
import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {expect, it} from 'vitest';
import {geminiParser} from '../../../source/parsers/gemini/index.js';
import {maxJsonBytes} from '../../../source/parsers/gemini/session-file.js';
import {fixtures, parseWith} from './helpers.js';

const badRoot = path.join(fixtures, 'gemini/bad/tmp');

it('reports each bad file or line and keeps the good calls', async () => {
	const {calls, diagnostics} = await parseWith(geminiParser, {GEMINI_DATA_DIR: badRoot});
	expect(calls.map(call => `${call.sessionId}:${call.callId}`)).toEqual(['badl:g1', 'badl:g2']);
	const summary = diagnostics.map(d => `${d.kind} ${path.basename(d.file ?? '')}${d.line ? `:${d.line}` : ''}`).sort();
	expect(summary).toEqual([
		'empty-file session-empty.json',
		'malformed-line session-bad.jsonl:3',
		'partial-line session-bad.jsonl:7',
		'partial-line session-half.json',
		'unknown-schema session-bad.jsonl',
		'unknown-schema session-future.json',
	]);
});

it('a legacy .json above the size cap is skipped with a diagnostic, unread', async () => {
	const root = mkdtempSync(path.join(tmpdir(), 'gemini-cap-'));
	const file = path.join(root, 'chats', 'huge.json');
	writeFileSync(path.join(root, 'placeholder'), '');
	const diagnostics: {kind: string}[] = [];
	const source = {agent: 'gemini' as const, path: file, root, size: maxJsonBytes + 1, mtimeMs: 0, kind: 'json'};
	const events = [];
	for await (const event of geminiParser.parse(source, {report: d => diagnostics.push(d)})) {
		events.push(event);
	}

	expect(events).toEqual([]);
	expect(diagnostics.map(d => d.kind)).toEqual(['skipped-file']);
});
