import {readFileSync} from 'node:fs';
import {mkdir, mkdtemp, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {decompress} from 'fzstd';
import {describe, expect, it} from 'vitest';
import {codexFixture, parseCodexHome} from './helpers.js';

describe('codex .jsonl.zst rollouts (fixtures/codex/zst-large: 15 KB → 988 KB)', () => {
	it('stream-decode to exactly the events of the one-shot decompressed plain file', async () => {
		const compressedHome = codexFixture('zst-large');
		const fromZst = await parseCodexHome(compressedHome);
		expect(fromZst.files.map(file => file.kind)).toEqual(['zst']);

		const plainHome = await mkdtemp(path.join(tmpdir(), 'agent-ncdu-codex-plain-'));
		const source = fromZst.files[0]!.path;
		const target = path.join(plainHome, path.relative(compressedHome, source).replace(/\.zst$/, ''));
		await mkdir(path.dirname(target), {recursive: true});
		await writeFile(target, decompress(readFileSync(source)));
		const fromPlain = await parseCodexHome(plainHome);

		expect(fromPlain.calls.length).toBeGreaterThan(50);
		expect(fromZst.events).toEqual(fromPlain.events);
		expect(fromZst.diagnostics).toEqual([]);
	});
});
