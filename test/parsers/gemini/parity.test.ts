/**
The public Gemini samples against ccusage 20.0.24's daily output (fixtures/public).
ccusage's columns: inputTokens = input − cached + tool, cacheReadTokens = cached,
outputTokens = output WITHOUT thoughts, totalTokens = `total` (thoughts included).
Ours: output includes thoughts (reasoning = thoughts), so ours.output = its outputTokens + thoughts
and ours.total = its totalTokens.
*/
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {geminiParser} from '../../../source/parsers/gemini/index.js';
import {dailyTotals, dedupe, fixtures, parseWith} from './helpers.js';

type CcusageDay = {
	date: string;
	inputTokens: number;
	cacheReadTokens: number;
	outputTokens: number;
	totalTokens: number;
};

function expected(name: string): CcusageDay[] {
	const file = path.join(fixtures, 'public/expected-ccusage-20.0.24', `gemini-${name}-daily.json`);
	return (JSON.parse(readFileSync(file, 'utf8')) as {daily: CcusageDay[]}).daily;
}

describe.each(['vibecodingtracker', 'vibecodingtracker-legacy'])('public sample %s', name => {
	it('per-day totals equal ccusage (output = its outputTokens + thoughts)', async () => {
		const parsed = await parseWith(geminiParser, {GEMINI_DATA_DIR: path.join(fixtures, 'public/gemini', name, 'tmp')});
		expect(parsed.diagnostics).toEqual([]);
		const ours = dailyTotals(dedupe(parsed.calls));
		const theirs = expected(name);
		expect([...ours.keys()]).toEqual(theirs.map(day => day.date));
		for (const day of theirs) {
			const sum = ours.get(day.date)!;
			expect(sum.input).toBe(day.inputTokens);
			expect(sum.cacheRead).toBe(day.cacheReadTokens);
			expect(sum.output - sum.reasoning).toBe(day.outputTokens);
			expect(sum.total).toBe(day.totalTokens);
			expect(sum.reasoning).toBeGreaterThan(0);
		}
	});
});

it('the JSONL sample: 11 re-appended gemini records are 6 calls (last write wins)', async () => {
	const parsed = await parseWith(geminiParser, {
		GEMINI_DATA_DIR: path.join(fixtures, 'public/gemini/vibecodingtracker/tmp'),
	});
	expect(parsed.calls).toHaveLength(6);
	expect(new Set(parsed.calls.map(call => call.dedupKey)).size).toBe(6);
	expect(parsed.sessions[0]).toMatchObject({sessionId: '0ab84937-9fe7-4284-986a-33c832af0b6a', project: '9da8b3df'});
	expect(parsed.turns.length).toBeGreaterThan(0);
	expect(parsed.calls.every(call => call.turnId !== undefined)).toBe(true);
	expect(new Set(parsed.calls.map(call => call.model))).toEqual(
		new Set(['gemini-3-flash-preview', 'gemini-3.1-pro-preview']),
	);
});

it('the legacy sample: tools with files, model per message', async () => {
	const parsed = await parseWith(geminiParser, {
		GEMINI_DATA_DIR: path.join(fixtures, 'public/gemini/vibecodingtracker-legacy/tmp'),
	});
	expect(parsed.calls).toHaveLength(3);
	const first = parsed.calls[0]!;
	expect(first.tokens).toEqual({
		input: 11894 - 7900,
		cacheRead: 7900,
		cacheWrite5m: 0,
		cacheWrite1h: 0,
		output: 68 + 344,
		reasoning: 344,
	});
	expect(first.tools.map(tool => [tool.name, tool.activity])).toContainEqual(['read_file', 'reading']);
	expect(first.tools.every(tool => tool.file !== undefined)).toBe(true);
	expect(parsed.calls[1]!.tools.map(tool => tool.activity)).toContain('writing');
});
