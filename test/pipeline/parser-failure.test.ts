/**
A parser that throws (a bug) loses nothing else: its events before the throw count, the file
gets one unreadable-file diagnostic with the error, other files load, and the file is never
cached (the next load parses it again).
*/
import {mkdirSync, mkdtempSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {ParseCache} from '../../source/store/parse-cache.js';
import {loadUsage} from '../../source/pipeline/load.js';
import type {AgentParser, SourceFile} from '../../source/parsers/types.js';
import {call, session} from '../support/events.js';

function setUp() {
	const dir = mkdtempSync(path.join(tmpdir(), 'agent-ncdu-parser-failure-'));
	const root = path.join(dir, 'claude');
	mkdirSync(root);
	for (const name of ['good.jsonl', 'bad.jsonl']) writeFileSync(path.join(root, name), 'x\n');
	const parser: AgentParser = {
		id: 'claude',
		roots: () => [],
		async discover(folder) {
			return ['bad.jsonl', 'good.jsonl'].map((name): SourceFile => {
				const info = statSync(path.join(folder, name));
				return {
					agent: 'claude',
					path: path.join(folder, name),
					root: folder,
					size: info.size,
					mtimeMs: info.mtimeMs,
					kind: 'jsonl',
				};
			});
		},
		async *parse(file) {
			const id = path.basename(file.path, '.jsonl');
			yield session('claude', id);
			yield call('claude', id, '2026-02-12T10:00:00Z', {dedupKey: `claude:${id}`});
			if (id === 'bad') throw new Error('parser bug: unexpected shape');
		},
	};
	return {dir, parser};
}

describe('a parser that throws', () => {
	it('keeps its events before the throw, reports it once, and is never cached', async () => {
		const {dir, parser} = setUp();
		const cache = new ParseCache(path.join(dir, 'cache'), 'test');
		const first = await loadUsage({dataDirs: [dir], parsers: [parser], cache});
		expect(first.store.callCount).toBe(2);
		expect(first.diagnostics.entries).toEqual([
			expect.objectContaining({
				kind: 'unreadable-file',
				file: path.join(dir, 'claude', 'bad.jsonl'),
				message: 'parser bug: unexpected shape',
			}),
		]);
		const second = await loadUsage({
			dataDirs: [dir],
			parsers: [parser],
			cache: new ParseCache(path.join(dir, 'cache'), 'test'),
		});
		expect(second.cacheStats).toEqual({hits: 1, misses: 1, discarded: 0});
		expect(second.diagnostics.total).toBe(1);
	});
});
