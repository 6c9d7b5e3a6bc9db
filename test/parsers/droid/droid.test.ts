/**
Droid (Factory) on ccusage's own test data (fixtures/agents/droid, see fixtures/agents/PROVENANCE.md):
roots, discovery, the cumulative settings snapshot as one call per session, the transcript's model
fallback, dedup of an archived copy, totals, and bad input.
*/
import {execFileSync} from 'node:child_process';
import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {totalOf} from '../../../source/core/tokens.js';
import {droidParser} from '../../../source/parsers/droid/index.js';
import {droidModelId, modelFromReminder} from '../../../source/parsers/droid/sidecar.js';
import {agentFixtures, scratchFolder} from '../../support/agents-oracle.js';
import {dedupe, parseWith} from '../gemini/helpers.js';

const root = path.join(agentFixtures, 'droid', 'sessions');
const context = (env: Record<string, string>) => ({env, home: '/home/u', report: () => {}});

function tempRoot(files: Record<string, string>): string {
	const folder = scratchFolder('droid');
	for (const [name, text] of Object.entries(files)) {
		mkdirSync(path.dirname(path.join(folder, name)), {recursive: true});
		writeFileSync(path.join(folder, name), text);
	}

	return folder;
}

describe('Droid roots and discovery', () => {
	it('DROID_SESSIONS_DIR is a comma list (trimmed, ~ expanded); else ~/.factory/sessions', () => {
		expect(droidParser.roots(context({DROID_SESSIONS_DIR: ' /a , ~/b,/a/'}))).toEqual(['/a', '/home/u/b']);
		expect(droidParser.roots(context({}))).toEqual(['/home/u/.factory/sessions']);
	});

	it('finds every *.settings.json, in sub-folders too, and nothing else', async () => {
		const parsed = await parseWith(droidParser, {DROID_SESSIONS_DIR: root});
		expect(parsed.files.map(file => path.relative(root, file.path))).toEqual([
			'archive/session-c.settings.json',
			'session-a.settings.json',
			'session-b.settings.json',
			'session-c.settings.json',
			'zero.settings.json',
		]);
	});
});

describe('Droid settings files', async () => {
	const parsed = await parseWith(droidParser, {DROID_SESSIONS_DIR: root});

	it('one call per session from its cumulative tokenUsage, dated by providerLockTimestamp', () => {
		const sessionA = parsed.calls.find(call => call.sessionId === 'session-a');
		expect(sessionA).toMatchObject({
			time: Date.parse('2026-05-01T01:02:03.000Z'),
			model: 'claude-sonnet-4',
			dedupKey: 'droid:session-a',
			// thinkingTokens (5) are billed as output, apart from outputTokens (50).
			tokens: {input: 100, cacheRead: 10, cacheWrite5m: 20, cacheWrite1h: 0, output: 55, reasoning: 5},
		});
		expect(totalOf(sessionA!.tokens)).toBe(185); // ccusage's totalTokens for the session
	});

	it('a settings file without model takes it from the transcript reminder', () => {
		expect(parsed.calls.find(call => call.sessionId === 'session-b')?.model).toBe('claude-opus-4.5-thinking');
	});

	it('a zero tokenUsage is no call and no session', () => {
		expect(parsed.calls.map(call => call.sessionId)).not.toContain('zero');
		expect(parsed.sessions.map(session => session.sessionId)).not.toContain('zero');
		expect(parsed.diagnostics).toEqual([]);
	});

	it('an archived copy of a session counts once: the larger, later snapshot', () => {
		const copies = parsed.calls.filter(call => call.sessionId === 'session-c');
		expect(copies.map(call => call.tokens.input)).toEqual([10, 100]);
		const kept = dedupe(parsed.calls).filter(call => call.sessionId === 'session-c');
		expect(kept).toHaveLength(1);
		expect(kept[0]).toMatchObject({time: Date.parse('2026-05-02T01:02:03.000Z'), tokens: {input: 100, output: 200}});
	});

	it('totals equal ccusage’s (input 210, cache read 10, cache write 20, total 515)', () => {
		const calls = dedupe(parsed.calls);
		const sum = (pick: (call: (typeof calls)[number]) => number) =>
			calls.reduce((total, call) => total + pick(call), 0);
		expect(sum(call => call.tokens.input)).toBe(210);
		expect(sum(call => call.tokens.cacheRead)).toBe(10);
		expect(sum(call => call.tokens.cacheWrite5m)).toBe(20);
		expect(sum(call => call.tokens.output)).toBe(275); // ccusage's 270 + 5 thinking tokens
		expect(sum(call => totalOf(call.tokens))).toBe(515);
	});
});

describe('Droid model labels', () => {
	it('custom: and [Provider] tags dropped, lowercase, spaces as dashes, dots kept', () => {
		expect(droidModelId('Claude-Sonnet-4-[Anthropic]')).toBe('claude-sonnet-4');
		expect(droidModelId('custom:Claude-Opus-4.5-Thinking-[Anthropic]-0')).toBe('claude-opus-4.5-thinking-0');
		expect(droidModelId('gpt-5.1-codex')).toBe('gpt-5.1-codex');
		expect(droidModelId('claude-sonnet-4-5-20250929')).toBe('claude-sonnet-4-5-20250929');
		expect(droidModelId(' [Anthropic] ')).toBeUndefined();
	});

	it('the reminder label ends at a quote, backslash or bracket', () => {
		expect(modelFromReminder('{"content":"Model: Claude Opus 4.5 Thinking [Anthropic]"}')).toBe(
			'claude-opus-4.5-thinking',
		);
		expect(modelFromReminder('"text":"Model: GPT-5.1 Codex\\nCwd: /x"')).toBe('gpt-5.1-codex');
		expect(modelFromReminder('no model here')).toBeUndefined();
	});
});

describe('Droid transcripts and bad input', () => {
	it('the transcript’s session_start gives folder, project and title; mtime dates a file without providerLockTimestamp', async () => {
		const folder = tempRoot({
			'-home-dev-webapp/abc.settings.json': JSON.stringify({
				model: 'gpt-5.1-codex',
				tokenUsage: {inputTokens: 7, outputTokens: 3},
			}),
			'-home-dev-webapp/abc.jsonl': `${JSON.stringify({type: 'session_start', id: 'abc', title: 'Fix login', cwd: '/home/dev/webapp'})}\n`,
		});
		const parsed = await parseWith(droidParser, {DROID_SESSIONS_DIR: folder});
		expect(parsed.sessions).toEqual([
			{
				type: 'session',
				agent: 'droid',
				sessionId: 'abc',
				project: 'webapp',
				cwd: '/home/dev/webapp',
				title: 'Fix login',
			},
		]);
		expect(parsed.calls[0]?.time).toBe(parsed.files[0]?.mtimeMs);
		expect(parsed.calls[0]?.model).toBe('gpt-5.1-codex');
	});

	it('without a transcript the project is the folder Droid filed the session under', async () => {
		const folder = tempRoot({'-home-dev-api/x.settings.json': '{"tokenUsage":{"inputTokens":1}}'});
		const parsed = await parseWith(droidParser, {DROID_SESSIONS_DIR: folder});
		expect(parsed.sessions[0]).toMatchObject({sessionId: 'x', projectFolder: '-home-dev-api'});
		expect(parsed.calls[0]?.model).toBeUndefined();
	});

	it('broken, empty and non-object settings files are diagnostics, never a throw; the rest still count', async () => {
		const folder = tempRoot({
			'broken.settings.json': '{"tokenUsage": {"inputTokens": 1',
			'empty.settings.json': '',
			'array.settings.json': '[1, 2]',
			'odd.settings.json': '{"tokenUsage": "lots", "model": 42}',
			'typed.settings.json': '{"tokenUsage": {"inputTokens": "9", "outputTokens": 2}}',
			'ok.settings.json': '\uFEFF{"model":"gpt-5","tokenUsage":{"inputTokens":4}}',
		});
		const parsed = await parseWith(droidParser, {DROID_SESSIONS_DIR: folder});
		expect(parsed.diagnostics.map(d => [d.kind, path.basename(d.file ?? '')])).toEqual([
			['unknown-schema', 'array.settings.json'],
			['malformed-line', 'broken.settings.json'],
			['empty-file', 'empty.settings.json'],
			['unknown-schema', 'odd.settings.json'],
		]);
		expect(parsed.calls.map(call => [call.sessionId, call.model, call.tokens.input, call.tokens.output])).toEqual([
			['ok', 'gpt-5', 4, 0],
			['typed', undefined, 0, 2],
		]);
	});

	it('a FIFO named like a transcript is not opened (the load would hang)', async () => {
		const folder = tempRoot({'s.settings.json': '{"tokenUsage":{"inputTokens":2}}'});
		execFileSync('mkfifo', [path.join(folder, 's.jsonl')]);
		const parsed = await parseWith(droidParser, {DROID_SESSIONS_DIR: folder});
		expect(parsed.calls.map(call => call.tokens.input)).toEqual([2]);
	});
});
