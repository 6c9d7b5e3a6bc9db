/**
Loading with very many files: a root holding 200,000 transcripts must not overflow the stack
(spreading that many files as call arguments does), and `modifiedSince` (the status line)
parses only the files written since then. Uses the real Claude parser over a real folder for
the files that are read; discovery of the rest is a stand-in returning their stat results.
*/
import {mkdirSync, mkdtempSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {loadUsage} from '../../source/pipeline/load.js';
import {parsers} from '../../source/parsers/registry.js';
import type {AgentParser, SourceFile} from '../../source/parsers/types.js';

const claude = parsers.find(parser => parser.id === 'claude')!;

function assistantLine(id: string, time: string): string {
	return JSON.stringify({
		type: 'assistant',
		timestamp: time,
		sessionId: 'recent',
		cwd: '/home/u/p',
		requestId: `req-${id}`,
		message: {
			id,
			role: 'assistant',
			model: 'claude-sonnet-4-5-20250929',
			usage: {input_tokens: 100, output_tokens: 10},
		},
	});
}

describe('loadUsage with many files', () => {
	it('handles 200,000 discovered files and parses only those modified since the cut-off', async () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'agent-ncdu-many-'));
		const folder = path.join(dir, 'claude', 'projects', '-home-u-p');
		mkdirSync(folder, {recursive: true});
		const recentFile = path.join(folder, 'recent.jsonl');
		writeFileSync(
			recentFile,
			`${assistantLine('m1', '2026-11-20T10:00:00Z')}\n${assistantLine('m2', '2026-11-20T10:05:00Z')}\n`,
		);
		const recent = statSync(recentFile);
		// Old files that do not exist: reading any of them would be an unreadable-file diagnostic.
		const old: SourceFile[] = Array.from({length: 200_000}, (_, index) => ({
			agent: 'claude',
			path: path.join(folder, `old-${index}.jsonl`),
			root: path.join(dir, 'claude'),
			size: 1000,
			mtimeMs: recent.mtimeMs - 10 * 86_400_000,
			kind: 'jsonl',
		}));
		const stand: AgentParser = {
			...claude,
			async discover(root, context) {
				return [...old, ...(await claude.discover(root, context))];
			},
		};
		const result = await loadUsage({
			dataDirs: [dir],
			agents: ['claude'],
			parsers: [stand],
			env: {},
			home: '/nonexistent',
			modifiedSince: recent.mtimeMs - 86_400_000,
		});
		expect(result.files.map(file => path.basename(file.path))).toEqual(['recent.jsonl']);
		expect(result.store.callCount).toBe(2);
		expect(result.diagnostics.total).toBe(0);
	});
});
