/**
A file its parser marks `cacheable: false` (SourceFile.cacheable; every SQLite database, which
changes through its `-wal` without its own mtime changing) is parsed on every load, even when
its size and mtime are unchanged, and is neither a hit nor a miss of the parse cache; its
cacheable neighbour is cached as usual.
*/
import {mkdirSync, mkdtempSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import type {AgentParser, SourceFile} from '../../source/parsers/types.js';
import {loadUsage} from '../../source/pipeline/load.js';
import {ParseCache} from '../../source/store/parse-cache.js';
import {call, session, tokens} from '../support/events.js';

function setUp() {
	const dir = mkdtempSync(path.join(tmpdir(), 'agent-ncdu-uncacheable-'));
	const root = path.join(dir, 'hermes');
	mkdirSync(root);
	for (const name of ['log.jsonl', 'state.db']) writeFileSync(path.join(root, name), 'x\n');
	const parsed: string[] = [];
	/** What state.db holds now: changed without its size or mtime changing, like a -wal commit. */
	let databaseOutput = 10;
	const parser: AgentParser = {
		id: 'hermes',
		roots: () => [],
		async discover(folder) {
			return ['log.jsonl', 'state.db'].map((name): SourceFile => {
				const info = statSync(path.join(folder, name));
				return {
					agent: 'hermes',
					path: path.join(folder, name),
					root: folder,
					size: info.size,
					mtimeMs: info.mtimeMs,
					kind: name.endsWith('.db') ? 'database' : 'jsonl',
					...(name.endsWith('.db') ? {cacheable: false} : {}),
				};
			});
		},
		async *parse(file) {
			const name = path.basename(file.path);
			parsed.push(name);
			yield session('hermes', name);
			yield call('hermes', name, '2026-02-12T10:00:00Z', {
				dedupKey: `hermes:${name}`,
				tokens: tokens({input: 1, output: name === 'state.db' ? databaseOutput : 5}),
			});
		},
	};
	return {
		dir,
		parser,
		parsed,
		changeDatabase: (output: number) => {
			databaseOutput = output;
		},
	};
}

const outputOf = (result: Awaited<ReturnType<typeof loadUsage>>, name: string) =>
	[...result.store.allCalls()].find(item => item.sessionId === name)?.tokens.output;

describe('a file its parser marks not cacheable', () => {
	it('is parsed on every load and never counted by the cache; its neighbour is cached', async () => {
		const {dir, parser, parsed, changeDatabase} = setUp();
		// A new cache per load, as each run of the program has.
		const load = async () =>
			loadUsage({dataDirs: [dir], parsers: [parser], cache: new ParseCache(path.join(dir, 'cache'), 'test')});
		const cold = await load();
		expect(parsed.sort()).toEqual(['log.jsonl', 'state.db']);
		expect(cold.cacheStats).toMatchObject({hits: 0, misses: 1});
		expect(outputOf(cold, 'state.db')).toBe(10);

		parsed.length = 0;
		changeDatabase(20);
		const warm = await load();
		expect(parsed).toEqual(['state.db']);
		expect(warm.cacheStats).toMatchObject({hits: 1, misses: 0});
		expect(outputOf(warm, 'state.db')).toBe(20);
		expect(outputOf(warm, 'log.jsonl')).toBe(5);
	});
});
