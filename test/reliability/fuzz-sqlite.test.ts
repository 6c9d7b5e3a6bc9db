/**
Property-based fuzzing of every SQLite-backed parser (OpenCode, Kilo CLI, Hermes, Goose, Z Code,
Antigravity, OpenClaw's agent database) over damaged copies of their real-layout fixture
databases: bytes flipped anywhere (header, schema pages, rows), the file cut short, or a page
overwritten with garbage. Invariants, whatever the damage: the parser never throws, every
call it still emits is sane (whole non-negative token counts, finite times), and a database
SQLite cannot open is one diagnostic, not a lost run. Fixed seed, bounded runs.
*/
import {cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import {describe, it} from 'vitest';
import type {AgentParser} from '../../source/parsers/types.js';
import {fuzzSeed} from './mutations.js';
import {expectSane, repoRoot, runParser} from './support.js';

type DatabaseSample = {readonly agent: AgentParser['id']; readonly root: string; readonly database: string};

const agentsFixture = (...parts: string[]) => path.join(repoRoot, 'fixtures', 'agents', ...parts);

const samples: readonly DatabaseSample[] = [
	{agent: 'opencode', root: agentsFixture('opencode'), database: 'opencode.db'},
	{agent: 'kilo', root: agentsFixture('kilo'), database: 'kilo.db'},
	{agent: 'hermes', root: agentsFixture('hermes'), database: 'state.db'},
	{agent: 'goose', root: agentsFixture('goose'), database: 'data/sessions/sessions.db'},
	{agent: 'zcode', root: agentsFixture('zcode'), database: 'cli/db/db.sqlite'},
	{agent: 'antigravity', root: agentsFixture('antigravity'), database: 'conversations/valid.db'},
	{agent: 'openclaw', root: agentsFixture('openclaw'), database: 'agents/worker/agent/openclaw-agent.sqlite'},
];

/** Each SQLite open costs tens of milliseconds: fewer runs than the JSON fuzzers. */
const runs = {numRuns: Math.min(20, Number(process.env['FUZZ_RUNS'] ?? 20)), seed: fuzzSeed, endOnFailure: true};

type Damage = (bytes: Buffer) => Buffer;

function damages(size: number): fc.Arbitrary<Damage> {
	const at = fc.nat({max: size - 1});
	return fc.oneof(
		// A few bit flips anywhere: a header field, a b-tree pointer, a record's serial type.
		fc.array(fc.tuple(at, fc.integer({min: 0, max: 7})), {minLength: 1, maxLength: 8}).map(flips => (bytes: Buffer) => {
			const copy = Buffer.from(bytes);
			for (const [offset, bit] of flips) {
				copy[offset] = copy[offset]! ^ (1 << bit);
			}

			return copy;
		}),
		// Cut short, as a copy interrupted mid-way.
		at.map(length => (bytes: Buffer) => bytes.subarray(0, length)),
		// A whole stretch of garbage, as a torn write.
		fc.tuple(at, fc.uint8Array({minLength: 16, maxLength: 4096})).map(([offset, garbage]) => (bytes: Buffer) => {
			const copy = Buffer.from(bytes);
			copy.set(garbage.subarray(0, Math.max(0, copy.length - offset)), offset);
			return copy;
		}),
	);
}

async function parseDamaged(sample: DatabaseSample, damage: Damage): Promise<void> {
	const root = mkdtempSync(path.join(tmpdir(), `agent-ncdu-fuzz-sqlite-${sample.agent}-`));
	try {
		cpSync(sample.root, root, {recursive: true});
		const database = path.join(root, sample.database);
		writeFileSync(database, damage(readFileSync(database)));
		expectSane(await runParser(sample.agent, root));
	} finally {
		rmSync(root, {recursive: true, force: true});
	}
}

describe('SQLite parsers on damaged databases', () => {
	for (const sample of samples) {
		it(`${sample.agent}: never throws, every call it keeps is sane`, async () => {
			const size = readFileSync(path.join(sample.root, sample.database)).length;
			await fc.assert(
				fc.asyncProperty(damages(size), damage => parseDamaged(sample, damage)),
				runs,
			);
		}, 120_000);
	}
});
