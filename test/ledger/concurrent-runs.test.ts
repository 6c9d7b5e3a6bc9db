/**
Several runs at once share one ledger (issue 16, defect 9): four built-CLI processes start
together, each over its own data folder (as two shells with different --agent or data folders
do) and the same ledger folder. Once their transcripts are deleted, a fifth run must still
count every call of all four: the ledger lock and the merge on commit keep every writer's calls.
*/
import {mkdirSync, mkdtempSync, readdirSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {generateClaudeCorpus} from '../generate/claude.js';
import {emptyHome, runJson} from '../support/cli.js';

const writers = 4;

describe('runs at the same moment sharing one ledger', () => {
	it('keep every call of every run after the transcripts are gone', {timeout: 120_000}, async () => {
		const root = mkdtempSync(path.join(tmpdir(), 'agent-ncdu-concurrent-'));
		const ledgers = path.join(root, 'ledgers');
		const dataDirs = Array.from({length: writers}, (_, index) => path.join(root, `data-${index}`));
		for (const [index, dir] of dataDirs.entries()) {
			// Same size, different sessions: the runs take about as long and overlap.
			await generateClaudeCorpus(path.join(dir, 'claude'), {
				seed: 4000 + index,
				sessions: 6,
				startDay: '2026-03-01',
				days: 5,
			});
		}

		const env = {HOME: emptyHome()};
		const all = await runJson(['--no-ledger', '--no-cache', ...dataDirs.flatMap(dir => ['--data-dir', dir])], env);
		expect(all.totals.calls).toBeGreaterThan(writers * 20);

		await Promise.all(dataDirs.map(dir => runJson(['--data-dir', dir, '--ledger-dir', ledgers], env)));
		for (const dir of dataDirs) {
			rmSync(dir, {recursive: true});
		}

		const empty = path.join(root, 'empty');
		mkdirSync(empty);
		const after = await runJson(['--data-dir', empty, '--ledger-dir', ledgers], env);
		expect(after.totals.calls).toBe(all.totals.calls);
		expect(after.totals.tokens).toEqual(all.totals.tokens);
		// One ledger, no lock or temporary file left behind.
		expect(readdirSync(ledgers)).toEqual(['test-host.history']);
	});
});
