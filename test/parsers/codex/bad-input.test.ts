import {mkdir, mkdtemp, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {codexFixture, parseCodexHome, raw} from './helpers.js';

const damaged = '77777777-0000-4000-8000-000000000007';

describe('codex bad input (fixtures/codex/bad-input)', async () => {
	const {calls, events, diagnostics} = await parseCodexHome(codexFixture('bad-input'));
	const kindsFor = (fileEnd: string) =>
		diagnostics
			.filter(d => d.file?.endsWith(fileEnd))
			.map(d => [d.kind, d.line])
			.sort();

	it('keeps every good line of a damaged file', () => {
		expect(calls.map(call => [call.sessionId, raw(call)])).toEqual([
			[damaged, {input: 1000, cached: 0, output: 10, reasoning: 0}],
			[damaged, {input: 1000, cached: 0, output: 10, reasoning: 0}],
		]);
	});

	it('reports malformed lines, junk numbers, a missing timestamp and the partial last line; ignores unknown types', () => {
		expect(kindsFor(`${damaged}.jsonl`)).toEqual([
			// Line 5 (`[1,2,3]`) and line 6 (unknown type) carry no marker: skipped undecoded.
			['malformed-line', 4],
			['missing-field', 8],
			// Line 7's output_tokens -5 is not a count: the call is dropped and said so, never counted as 0.
			['out-of-range', 7],
			['partial-line', 10],
		]);
	});

	it('gets nothing (and does not crash) from a first-generation unwrapped rollout', () => {
		expect(events.filter(event => event.sessionId.includes('0000000000f1'))).toEqual([]);
		expect(kindsFor('0000000000f1.jsonl')).toEqual([['unknown-schema', undefined]]);
	});

	it('survives binary garbage named .jsonl with a bounded number of diagnostics', () => {
		expect(events.filter(event => event.sessionId.includes('garbage'))).toEqual([]);
		const garbage = diagnostics.filter(d => d.file?.endsWith('garbage.jsonl'));
		expect(garbage.length).toBeGreaterThan(0);
		expect(garbage.length).toBeLessThanOrEqual(7);
		expect(garbage.every(d => d.kind === 'malformed-line' || d.kind === 'partial-line')).toBe(true);
	});

	it('reports a corrupt .zst as unreadable and keeps going', async () => {
		const home = await mkdtemp(path.join(tmpdir(), 'agent-ncdu-codex-zst-'));
		const file = path.join(home, 'sessions/rollout-bad.jsonl.zst');
		await mkdir(path.dirname(file), {recursive: true});
		await writeFile(file, Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0xff, 0xff, 1, 2, 3, 4, 5, 6, 7, 8, 9]));
		const result = await parseCodexHome(home);
		expect(result.events).toEqual([]);
		expect(result.diagnostics.map(d => d.kind)).toEqual(['unreadable-file']);
	});
});
