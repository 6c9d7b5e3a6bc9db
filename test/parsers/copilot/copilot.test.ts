/**
GitHub Copilot CLI on ccusage's own test files (fixtures/agents/copilot, see
fixtures/agents/PROVENANCE.md) and on made-up files in Copilot's formats: roots and discovery,
shutdown snapshots as per-resume intervals, OTel records (which record of a request counts, and
requests a shutdown already counts), dedup and bad input.
*/
import {mkdirSync, utimesSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {totalOf} from '../../../source/core/tokens.js';
import {copilotParser} from '../../../source/parsers/copilot/index.js';
import {agentFixtures, scratchFolder} from '../../support/agents-oracle.js';
import {dedupe, parseWith} from '../gemini/helpers.js';

const home = path.join(agentFixtures, 'copilot');
const context = (env: Record<string, string>) => ({env, home: '/home/u', report: () => {}});

/** A Copilot home with these files (relative path → JSONL records, or raw text). */
function copilotHome(files: Record<string, unknown[] | string>): string {
	const root = scratchFolder('copilot');
	for (const [name, content] of Object.entries(files)) {
		mkdirSync(path.dirname(path.join(root, name)), {recursive: true});
		const text =
			typeof content === 'string' ? content : `${content.map(record => JSON.stringify(record)).join('\n')}\n`;
		writeFileSync(path.join(root, name), text);
	}

	return root;
}

const shutdown = (id: string, iso: string, metrics: Record<string, unknown>) => ({
	type: 'session.shutdown',
	id,
	timestamp: iso,
	parentId: null,
	data: {shutdownType: 'routine', modelMetrics: metrics},
});

const chatSpan = (traceId: string, spanId: string, endSeconds: number, attributes: Record<string, unknown>) => ({
	type: 'span',
	traceId,
	spanId,
	name: `chat ${String(attributes['gen_ai.response.model'])}`,
	endTime: [endSeconds, 500_000_000],
	attributes: {'gen_ai.operation.name': 'chat', ...attributes},
});

describe('Copilot roots and discovery', () => {
	it('COPILOT_HOME, else ~/.copilot', () => {
		expect(copilotParser.roots(context({COPILOT_HOME: '/data/copilot'}))).toEqual(['/data/copilot']);
		expect(copilotParser.roots(context({}))).toEqual(['/home/u/.copilot']);
	});

	it('session-state/<id>/events.jsonl and otel/**.jsonl; OTel files carry the newest session-state time', async () => {
		const parsed = await parseWith(copilotParser, {COPILOT_HOME: home});
		expect(parsed.files.map(file => [path.relative(home, file.path), file.kind])).toEqual([
			['session-state/session-a/events.jsonl', 'session-state'],
			['session-state/session-credits/events.jsonl', 'session-state'],
			['otel/trace.jsonl', 'otel'],
		]);
		const states = parsed.files.slice(0, 2);
		const otel = parsed.files[2]!;
		expect(otel.mtimeMs).toBe(Math.max(otel.mtimeMs, ...states.map(file => file.mtimeMs)));
	});

	it('a newer shutdown makes an older OTel file look changed, so the parse cache reads it again', async () => {
		const root = copilotHome({
			'otel/a.jsonl': [chatSpan('t', 's', 1_780_000_000, {'gen_ai.usage.input_tokens': 5})],
			'session-state/x/events.jsonl': [shutdown('e', '2026-01-01T00:00:00Z', {m: {usage: {inputTokens: 9}}})],
		});
		utimesSync(path.join(root, 'otel/a.jsonl'), new Date('2026-01-01T00:00:00Z'), new Date('2026-01-01T00:00:00Z'));
		utimesSync(
			path.join(root, 'session-state/x/events.jsonl'),
			new Date('2026-02-01T00:00:00Z'),
			new Date('2026-02-01T00:00:00Z'),
		);
		const parsed = await parseWith(copilotParser, {COPILOT_HOME: root});
		expect(parsed.files.map(file => [file.kind, file.mtimeMs])).toEqual([
			['session-state', Date.parse('2026-02-01T00:00:00Z')],
			['otel', Date.parse('2026-02-01T00:00:00Z')],
		]);
	});

	it('the exporter file is read with the first root, once, wherever it is', async () => {
		const root = copilotHome({
			'otel/inside.jsonl': [chatSpan('t1', 's1', 1_780_000_000, {'gen_ai.usage.input_tokens': 5})],
			'session-state/x/nested/events.jsonl': [shutdown('e', '2026-01-01T00:00:00Z', {m: {usage: {inputTokens: 9}}})],
		});
		const outside = path.join(
			copilotHome({'cli.jsonl': [chatSpan('t2', 's2', 1_780_000_000, {'gen_ai.usage.output_tokens': 3})]}),
			'cli.jsonl',
		);
		for (const exporter of [outside, path.join(root, 'otel', 'inside.jsonl')]) {
			const parsed = await parseWith(copilotParser, {COPILOT_HOME: root, COPILOT_OTEL_FILE_EXPORTER_PATH: exporter});
			expect(parsed.files.map(file => file.path)).toEqual(
				exporter === outside ? [path.join(root, 'otel', 'inside.jsonl'), outside] : [exporter],
			);
		}
	});
});

describe('Copilot on ccusage’s test files', async () => {
	const parsed = await parseWith(copilotParser, {COPILOT_HOME: home});
	const calls = dedupe(parsed.calls);

	it('each shutdown after the first counts its difference; input leaves out both cache buckets; -1m dropped', () => {
		const sessionA = calls.filter(call => call.sessionId === 'session-a');
		expect(sessionA.map(call => [new Date(call.time).toISOString(), call.model, call.tokens])).toEqual([
			[
				'2026-01-02T01:20:00.000Z',
				'claude-opus-4.6',
				{input: 70, cacheRead: 10, cacheWrite5m: 20, cacheWrite1h: 0, output: 50, reasoning: 5},
			],
			[
				'2026-01-03T01:20:00.000Z',
				'claude-opus-4.6',
				{input: 80, cacheRead: 10, cacheWrite5m: 10, cacheWrite1h: 0, output: 30, reasoning: 5},
			],
		]);
	});

	it('an OTel request at or before its session’s latest shutdown of that model is left to the shutdown', () => {
		// trace.jsonl: span-match (session-a, claude-opus-4.6-1m-internal, 999 + 999 tokens) ends at
		// the second shutdown; span-unmatched (session-c, gpt-5.4) has no shutdown and counts.
		expect(calls.filter(call => call.dedupKey?.startsWith('copilot:otel:'))).toMatchObject([
			{
				sessionId: 'session-c',
				model: 'gpt-5.4',
				time: Date.parse('2026-02-02T01:20:00Z'),
				tokens: {input: 7, output: 8},
			},
		]);
	});

	it('totals equal ccusage’s (input 197, output 98, cache read 20, cache write 30); no diagnostics', () => {
		const sum = (pick: (call: (typeof calls)[number]) => number) =>
			calls.reduce((total, call) => total + pick(call), 0);
		expect([
			sum(call => call.tokens.input),
			sum(call => call.tokens.output),
			sum(call => call.tokens.cacheRead),
			sum(call => call.tokens.cacheWrite5m),
			sum(call => totalOf(call.tokens)),
		]).toEqual([197, 98, 20, 30, 345]);
		expect(parsed.diagnostics).toEqual([]);
	});
});

describe('Copilot session-state files', () => {
	it('session facts from session.start and the newest title; a repeated shutdown event counts once', async () => {
		const snapshot = shutdown('s1', '2026-03-01T10:00:00Z', {'gpt-5.4': {usage: {inputTokens: 300, outputTokens: 40}}});
		const root = copilotHome({
			'session-state/abc/events.jsonl': [
				{
					type: 'session.start',
					id: 'e1',
					timestamp: '2026-03-01T09:00:00Z',
					data: {sessionId: 'abc', context: {cwd: '/home/dev/webapp', branch: 'main'}},
				},
				{type: 'session.title_changed', id: 'e2', timestamp: '2026-03-01T09:01:00Z', data: {title: 'First'}},
				{type: 'session.title_changed', id: 'e3', timestamp: '2026-03-01T09:05:00Z', data: {title: 'Login page'}},
				snapshot,
				snapshot,
			],
		});
		const parsed = await parseWith(copilotParser, {COPILOT_HOME: root});
		expect(dedupe(parsed.calls).map(call => [call.model, call.tokens.input, call.tokens.output])).toEqual([
			['gpt-5.4', 300, 40],
		]);
		expect(parsed.calls).toHaveLength(1);
		const first = (key: 'title' | 'project' | 'gitBranch' | 'cwd') => parsed.sessions.find(s => s[key])?.[key];
		expect([first('title'), first('project'), first('gitBranch'), first('cwd')]).toEqual([
			'Login page',
			'webapp',
			'main',
			'/home/dev/webapp',
		]);
	});

	it('models are counted apart; a counter that went down counts 0; an all-zero interval is no call', async () => {
		const root = copilotHome({
			'session-state/s/events.jsonl': [
				shutdown('a', '2026-03-01T10:00:00Z', {
					m1: {usage: {inputTokens: 100, outputTokens: 10}},
					m2: {usage: {inputTokens: 5}},
				}),
				shutdown('b', '2026-03-02T10:00:00Z', {
					m1: {usage: {inputTokens: 90, outputTokens: 25}},
					m2: {usage: {inputTokens: 5}},
				}),
			],
		});
		const parsed = await parseWith(copilotParser, {COPILOT_HOME: root});
		expect(parsed.calls.map(call => [call.model, call.time, call.tokens.input, call.tokens.output])).toEqual([
			['m1', Date.parse('2026-03-01T10:00:00Z'), 100, 10],
			['m2', Date.parse('2026-03-01T10:00:00Z'), 5, 0],
			['m1', Date.parse('2026-03-02T10:00:00Z'), 0, 15],
		]);
	});

	it('broken lines are diagnostics; odd shapes are skipped, never thrown', async () => {
		const root = copilotHome({
			'session-state/s/events.jsonl': `${[
				'{"type":"session.shutdown","id":"x"',
				JSON.stringify({
					type: 'session.shutdown',
					timestamp: 'yesterday',
					data: {modelMetrics: {m: {usage: {inputTokens: 1}}}},
				}),
				JSON.stringify({type: 'session.shutdown', timestamp: '2026-01-01T00:00:00Z', data: {modelMetrics: [1, 2]}}),
				JSON.stringify({
					type: 'session.shutdown',
					timestamp: '2026-01-01T00:00:00Z',
					data: {modelMetrics: {'': {usage: {inputTokens: 1}}, m: 7}},
				}),
			].join('\n')}\n`,
		});
		const parsed = await parseWith(copilotParser, {COPILOT_HOME: root});
		expect(parsed.calls).toEqual([]);
		expect(parsed.diagnostics.map(d => [d.kind, d.line])).toEqual([['malformed-line', 1]]);
	});
});

describe('Copilot OpenTelemetry records', () => {
	it('a chat span: counts as strings too, cache buckets carved out of input, [s, ns] end time, trace:span key', async () => {
		const root = copilotHome({
			'otel/a.jsonl': [
				{type: 'metric', name: 'gen_ai.client.token.usage'},
				chatSpan('trace-1', 'span-1', 1_775_934_264, {
					'gen_ai.response.model': 'claude-sonnet-4',
					'gen_ai.conversation.id': 'conv-1',
					'gen_ai.usage.input_tokens': '19452',
					'gen_ai.usage.output_tokens': 281,
					'gen_ai.usage.cache_read.input_tokens': 123,
					'gen_ai.usage.cache_creation.input_tokens': 25,
					'gen_ai.usage.reasoning.output_tokens': 128,
				}),
			],
		});
		const parsed = await parseWith(copilotParser, {COPILOT_HOME: root});
		expect(parsed.calls).toMatchObject([
			{
				sessionId: 'conv-1',
				model: 'claude-sonnet-4',
				time: Date.parse('2026-04-11T19:04:24.500Z'),
				dedupKey: 'copilot:otel:trace-1:span-1',
				tokens: {input: 19_304, cacheRead: 123, cacheWrite5m: 25, output: 281, reasoning: 128},
			},
		]);
	});

	it('one request recorded as agent span, inference log and chat span counts once, as the chat span', async () => {
		const attributes = {
			'gen_ai.response.model': 'gpt-5.4-mini',
			'gen_ai.conversation.id': 'conv',
			'gen_ai.response.id': 'resp',
		};
		const root = copilotHome({
			'otel/a.jsonl': [
				{
					type: 'span',
					traceId: 't',
					spanId: 'agent',
					name: 'invoke_agent GitHub Copilot',
					attributes: {...attributes, 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.usage.input_tokens': 100},
				},
				{
					hrTime: [1_775_934_263, 0],
					attributes: {
						...attributes,
						'event.name': 'gen_ai.client.inference.operation.details',
						'gen_ai.usage.input_tokens': 80,
					},
				},
				chatSpan('t', 'chat', 1_775_934_264, {
					...attributes,
					'gen_ai.usage.input_tokens': 60,
					'gen_ai.usage.output_tokens': 10,
				}),
				chatSpan('t2', 'again', 1_775_934_265, {
					...attributes,
					'gen_ai.usage.input_tokens': 60,
					'gen_ai.usage.output_tokens': 10,
				}),
				{
					hrTime: [1_775_934_300, 0],
					attributes: {
						'event.name': 'gen_ai.client.inference.operation.details',
						'gen_ai.response.model': 'gpt-5.4',
						'gen_ai.response.id': 'other',
						'gen_ai.usage.input_tokens': 9,
					},
				},
			],
		});
		const parsed = await parseWith(copilotParser, {COPILOT_HOME: root});
		// The second chat span repeats the first (same response id, model and tokens) under a new trace.
		expect(parsed.calls.map(call => [call.dedupKey, call.sessionId, call.tokens.input])).toEqual([
			['copilot:otel:t:chat', 'conv', 60],
			['copilot:log:other:1775934300000:4', 'other', 9],
		]);
	});

	it('a request after the session’s latest shutdown still counts (a resumed session that is still running)', async () => {
		const root = copilotHome({
			'session-state/s/events.jsonl': [shutdown('a', '2026-03-01T10:00:00Z', {'gpt-5.4': {usage: {inputTokens: 100}}})],
			'otel/a.jsonl': [
				chatSpan('t', '1', Date.parse('2026-03-01T09:00:00Z') / 1000, {
					'gen_ai.response.model': 'gpt-5.4',
					'gen_ai.conversation.id': 's',
					'gen_ai.usage.input_tokens': 40,
				}),
				chatSpan('t', '2', Date.parse('2026-03-01T11:00:00Z') / 1000, {
					'gen_ai.response.model': 'gpt-5.4',
					'gen_ai.conversation.id': 's',
					'gen_ai.usage.input_tokens': 30,
				}),
				chatSpan('t', '3', Date.parse('2026-03-01T09:30:00Z') / 1000, {
					'gen_ai.response.model': 'claude-haiku-4.5',
					'gen_ai.conversation.id': 's',
					'gen_ai.usage.input_tokens': 20,
				}),
			],
		});
		const parsed = await parseWith(copilotParser, {COPILOT_HOME: root});
		expect(parsed.calls.map(call => [call.dedupKey, call.tokens.input])).toEqual([
			['copilot:shutdown:s:a:gpt-5.4', 100],
			['copilot:otel:t:2', 30],
			['copilot:otel:t:3', 20],
		]);
	});

	it('a conversation id that is not a folder name never leads outside session-state', async () => {
		const root = copilotHome({
			'session-state/s/events.jsonl': [shutdown('a', '2030-01-01T00:00:00Z', {m: {usage: {inputTokens: 1}}})],
			'otel/a.jsonl': [
				chatSpan('t', '1', 1_780_000_000, {
					'gen_ai.response.model': 'm',
					'gen_ai.conversation.id': '../session-state/s',
					'gen_ai.usage.input_tokens': 4,
				}),
			],
		});
		const parsed = await parseWith(copilotParser, {COPILOT_HOME: root});
		expect(
			parsed.calls.filter(call => call.dedupKey?.startsWith('copilot:otel')).map(call => call.tokens.input),
		).toEqual([4]);
	});

	it('a record without a time takes the file’s; bad lines are diagnostics', async () => {
		const root = copilotHome({
			'otel/a.jsonl': `${JSON.stringify({type: 'span', traceId: 't', spanId: 's', name: 'chat x', attributes: {'gen_ai.usage.output_tokens': 2}})}\n{"attributes": \n`,
		});
		utimesSync(path.join(root, 'otel/a.jsonl'), new Date('2026-05-05T05:05:05Z'), new Date('2026-05-05T05:05:05Z'));
		const parsed = await parseWith(copilotParser, {COPILOT_HOME: root});
		expect(parsed.calls.map(call => [call.time, call.model, call.sessionId])).toEqual([
			[Date.parse('2026-05-05T05:05:05Z'), undefined, 't'],
		]);
		expect(parsed.diagnostics.map(d => [d.kind, d.line])).toEqual([['malformed-line', 2]]);
	});
});
