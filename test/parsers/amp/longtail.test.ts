/**
Amp, Kimi CLI and Pi parsers on hand-written fixtures in each agent's real record format
(fixtures/{amp,kimi,pi}/PROVENANCE.md): token mapping, roots, and bad input.
*/
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {totalOf} from '../../../source/core/tokens.js';
import {ampParser} from '../../../source/parsers/amp/index.js';
import {kimiParser} from '../../../source/parsers/kimi/index.js';
import {piParser} from '../../../source/parsers/pi/index.js';
import {fixtures, parseWith} from '../gemini/helpers.js';

const context = (env: Record<string, string>) => ({env, home: '/home/u', report: () => {}});

describe('Amp', async () => {
	const parsed = await parseWith(ampParser, {AMP_DATA_DIR: path.join(fixtures, 'amp')});
	it('roots: AMP_DATA_DIR comma list, else ~/.local/share/amp', () => {
		expect(ampParser.roots(context({AMP_DATA_DIR: '/a,/b'}))).toEqual(['/a', '/b']);
		expect(ampParser.roots(context({}))).toEqual(['/home/u/.local/share/amp']);
	});
	it('ledger events preferred, cache counts joined from the target message', () => {
		const thread = parsed.calls.filter(c => c.sessionId === 'T-7f3c1a2b-0d4e-4f5a-9b6c-1e2d3f4a5b6c');
		expect(thread.map(c => c.tokens)).toEqual([
			{input: 12, output: 420, cacheRead: 3000, cacheWrite5m: 9000, cacheWrite1h: 0, reasoning: 0},
			{input: 8, output: 150, cacheRead: 12000, cacheWrite5m: 400, cacheWrite1h: 0, reasoning: 0},
		]);
		expect(thread.map(c => totalOf(c.tokens))).toEqual([12432, 12558]); // Amp's totalTokens
		expect(thread[0]).toMatchObject({model: 'claude-sonnet-4-5-20250929', time: Date.parse('2026-03-02T10:00:05Z')});
	});
	it('messages-only threads use messages[].usage; a truncated file is one diagnostic', () => {
		const only = parsed.calls.filter(c => c.sessionId === 'T-aaaabbbb-cccc-4ddd-8eee-ffff00001111');
		expect(only.map(c => [c.model, c.tokens.input, c.tokens.cacheRead, c.tokens.output])).toEqual([
			['gpt-5', 500, 1500, 80],
		]);
		expect(parsed.sessions.find(s => s.sessionId === 'T-aaaabbbb-cccc-4ddd-8eee-ffff00001111')?.title).toBe(
			'Messages-only thread',
		);
		expect(parsed.diagnostics.map(d => [d.kind, path.basename(d.file ?? '')])).toEqual([
			['malformed-line', 'T-00000000-broken.json'],
		]);
	});
});

describe('Kimi CLI', async () => {
	const parsed = await parseWith(kimiParser, {KIMI_DATA_DIR: path.join(fixtures, 'kimi')});
	it('roots: KIMI_DATA_DIR, else ~/.kimi', () => {
		expect(kimiParser.roots(context({}))).toEqual(['/home/u/.kimi']);
	});
	it('StatusUpdate token_usage: input_other fresh, cache read/creation separate, seconds timestamps', () => {
		expect(parsed.calls.map(c => [c.callId, c.time, c.model, c.tokens])).toEqual([
			[
				'chatcmpl-1',
				1772445605500,
				'kimi-for-coding',
				{input: 1200, output: 300, cacheRead: 4800, cacheWrite5m: 0, cacheWrite1h: 0, reasoning: 0},
			],
			[
				'chatcmpl-2',
				1772445610000,
				'kimi-for-coding',
				{input: 90, output: 45, cacheRead: 6000, cacheWrite5m: 128, cacheWrite1h: 0, reasoning: 0},
			],
		]);
		expect(parsed.calls[0]?.sessionId).toBe('3f2a9c/4b7e-session');
	});
	it('a status without timestamp and a torn last line are diagnostics', () => {
		expect(parsed.diagnostics.map(d => [d.kind, d.line])).toEqual([
			['missing-field', 6],
			['partial-line', 7],
		]);
	});
});

describe('Pi', async () => {
	const parsed = await parseWith(piParser, {PI_AGENT_DIR: path.join(fixtures, 'pi')});
	it('roots: PI_AGENT_DIR, else ~/.pi/agent/sessions', () => {
		expect(piParser.roots(context({}))).toEqual(['/home/u/.pi/agent/sessions']);
	});
	it('assistant usage maps 1:1; cost.total > 0 is the reported cost', () => {
		expect(parsed.calls.map(c => [c.model, c.tokens, c.reportedCostUSD])).toEqual([
			[
				'claude-sonnet-4-5',
				{input: 3, output: 512, cacheRead: 0, cacheWrite5m: 14000, cacheWrite1h: 0, reasoning: 0},
				0.060189,
			],
			['gpt-5', {input: 800, output: 64, cacheRead: 1200, cacheWrite5m: 0, cacheWrite1h: 0, reasoning: 0}, undefined],
		]);
		expect(parsed.calls.map(c => totalOf(c.tokens))).toEqual([14515, 2064]); // Pi's totalTokens
		expect(parsed.sessions[0]).toMatchObject({
			sessionId: '5c1d2e3f-aaaa-4bbb-8ccc-000000000001',
			project: 'webapp',
			cwd: '/home/dev/webapp',
		});
	});
	it('a non-JSON line is a diagnostic', () => {
		expect(parsed.diagnostics.map(d => d.kind)).toEqual(['malformed-line']);
	});
});
