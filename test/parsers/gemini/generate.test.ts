/**
The demo-data generator (test/generate/gemini.ts) is deterministic and its output parses to
exactly the number of distinct calls it reports (re-appends, checkpoints, rewinds and the
resumed legacy session included).
*/
import {mkdtempSync, readdirSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {expect, it} from 'vitest';
import {geminiParser} from '../../../source/parsers/gemini/index.js';
import {generateGeminiCorpus} from '../../generate/gemini.js';
import {dedupe, parseWith} from './helpers.js';

function snapshot(dir: string): string[] {
	return readdirSync(dir, {recursive: true, withFileTypes: true})
		.filter(entry => entry.isFile())
		.map(entry => path.join(entry.parentPath, entry.name))
		.sort()
		.map(file => `${path.relative(dir, file)}:${readFileSync(file, 'utf8')}`);
}

it('writes the same bytes for the same seed, and the parser finds every call once', async () => {
	const options = {seed: 42, sessions: 12, startDay: '2026-05-01', days: 5};
	const first = mkdtempSync(path.join(tmpdir(), 'gemini-gen-'));
	const second = mkdtempSync(path.join(tmpdir(), 'gemini-gen-'));
	const result = await generateGeminiCorpus(first, options);
	await generateGeminiCorpus(second, options);
	expect(snapshot(first)).toEqual(snapshot(second));

	const parsed = await parseWith(geminiParser, {GEMINI_DATA_DIR: first});
	expect(parsed.diagnostics).toEqual([]);
	expect(parsed.files).toHaveLength(result.files);
	expect(parsed.files.some(file => file.kind === 'json')).toBe(true);
	const kept = dedupe(parsed.calls);
	expect(kept).toHaveLength(result.calls);
	expect(parsed.calls.length).toBeGreaterThan(kept.length); // the resumed legacy copy
	expect(new Set(kept.map(call => new Date(call.time).toISOString().slice(0, 10))).size).toBeGreaterThan(1);
	expect(kept.some(call => call.tools.some(tool => tool.activity === 'git'))).toBe(true);
});
