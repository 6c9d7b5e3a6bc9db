import {mkfifoSync} from './mkfifo.js';
import {mkdirSync, symlinkSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {nodesOfKind} from '../../../source/model/query.js';
import {claudeParser} from '../../../source/parsers/claude/index.js';
import {assistant, claudeRoot, parseRoot, user} from './support.js';

describe('Claude Code: usage and dedupe (parsers/FORMATS.md §1.3-§1.5)', () => {
	it('merges streamed copies of one response: max output, every tool block', async () => {
		const base = {id: 'msg_A', request: 'req_A', input: 3, read: 17_842, write5m: 8216};
		const root = claudeRoot({
			'p/S1.jsonl': [
				assistant({...base, output: 2, content: [{type: 'thinking', thinking: 'hmm'}]}),
				assistant({
					...base,
					output: 9,
					content: [{type: 'tool_use', id: 't1', name: 'Read', input: {file_path: '/x/a.ts'}}],
				}),
				assistant({
					...base,
					output: 311,
					content: [{type: 'tool_use', id: 't2', name: 'Bash', input: {command: 'git status'}}],
				}),
			],
		});
		const {model} = await parseRoot(root);
		const calls = nodesOfKind(model.root, 'call');
		expect(calls).toHaveLength(1);
		expect(calls[0]!.call!.tokens).toEqual({
			input: 3,
			cacheRead: 17_842,
			cacheWrite5m: 8216,
			cacheWrite1h: 0,
			output: 311,
			reasoning: 0,
		});
		expect(calls[0]!.call!.tools.map(tool => [tool.name, tool.activity])).toEqual([
			['Read', 'reading'],
			['Bash', 'git'],
		]);
		expect(calls[0]!.call!.files).toEqual(['/x/a.ts']);
	});

	it('dates a response streamed across midnight by its final block, as ccusage does', async () => {
		// Seen in the 5 GB bench corpus: ccusage keeps the line with the most usage, timestamp
		// included, so the response counts on the day its last block was written.
		const base = {id: 'msg_M', request: 'req_M', input: 5, read: 60_000};
		const root = claudeRoot({
			'p/S1.jsonl': [
				assistant({...base, output: 3, time: '2026-05-26T23:59:59.748Z'}),
				assistant({...base, output: 120, time: '2026-05-27T00:00:00.115Z'}),
				assistant({...base, output: 640, time: '2026-05-27T00:00:00.356Z'}),
			],
		});
		const {model} = await parseRoot(root);
		const calls = nodesOfKind(model.root, 'call');
		expect(calls).toHaveLength(1);
		expect(calls[0]!.call!.tokens.output).toBe(640);
		expect(new Date(calls[0]!.call!.time).toISOString()).toBe('2026-05-27T00:00:00.356Z');
		expect(nodesOfKind(model.root, 'day').map(day => day.key)).toEqual(['2026-05-27']);
	});

	it('counts a response copied into another session file once (global dedupe)', async () => {
		const copy = {id: 'msg_B', request: 'req_B', output: 50};
		const root = claudeRoot({
			'p/S1.jsonl': [assistant({...copy, session: 'S1'})],
			'p/S2.jsonl': [assistant({...copy, session: 'S2'})],
		});
		expect((await parseRoot(root)).model.root.totals.calls).toBe(1);
	});

	it('folds sub-agent files into the parent session; agent_progress copies are duplicates', async () => {
		const sub = assistant({
			id: 'msg_S',
			request: 'req_S',
			output: 80,
			sidechain: true,
			model: 'claude-haiku-4-5-20251001',
		});
		const progress = {
			type: 'progress',
			sessionId: 'S1',
			cwd: '/home/dev/src/shop',
			uuid: 'p1',
			timestamp: sub.timestamp,
			data: {
				type: 'agent_progress',
				message: {
					type: 'assistant',
					timestamp: sub.timestamp,
					message: {...sub.message, usage: {...sub.message.usage, output_tokens: 50}},
					requestId: 'req_S',
					uuid: 'x',
				},
			},
		};
		const root = claudeRoot({
			'p/S1.jsonl': [user('explore the repo'), progress, assistant({id: 'msg_M', request: 'req_M'})],
			'p/S1/subagents/agent-a1.jsonl': [sub],
		});
		const {model} = await parseRoot(root);
		const sessions = nodesOfKind(model.root, 'session');
		expect(sessions.map(node => node.key)).toEqual(['claude:S1']);
		const haiku = nodesOfKind(model.root, 'call').filter(node => node.call!.model.includes('haiku'));
		expect(haiku).toHaveLength(1);
		expect(haiku[0]!.call!.tokens.output).toBe(80);
	});

	it('counts an agent_progress copy when the sub-agent file is gone', async () => {
		const sub = assistant({id: 'msg_P', request: 'req_P', output: 42});
		const progress = {
			type: 'progress',
			sessionId: 'S1',
			uuid: 'p1',
			timestamp: sub.timestamp,
			data: {
				type: 'agent_progress',
				message: {type: 'assistant', timestamp: sub.timestamp, message: sub.message, requestId: 'req_P'},
			},
		};
		const {model} = await parseRoot(claudeRoot({'p/S1.jsonl': [progress]}));
		expect(model.root.totals.calls).toBe(1);
		expect(model.root.totals.tokens.output).toBe(42);
	});

	it('counts a /btw sidechain replay of a parent message (new request id) once, as the parent copy', async () => {
		const root = claudeRoot({
			'p/S1.jsonl': [assistant({id: 'msg_R', request: 'req_1', output: 30})],
			'p/S1/subagents/agent-btw.jsonl': [assistant({id: 'msg_R', request: 'req_2', output: 30, sidechain: true})],
		});
		const {model, store} = await parseRoot(root);
		expect(model.root.totals.calls).toBe(1);
		expect([...store.allCalls()][0]!.sidechain).toBe(false);
	});

	it('scopes a message id without request id to its session, and never dedupes lines without an id', async () => {
		const root = claudeRoot({
			'p/S1.jsonl': [assistant({id: 'msg_N', request: null}), assistant({id: null}), assistant({id: null})],
			'p/S2.jsonl': [assistant({id: 'msg_N', request: null, session: 'S2'})],
		});
		expect((await parseRoot(root)).model.root.totals.calls).toBe(4);
	});

	it('drops <synthetic> messages and never counts toolUseResult.usage', async () => {
		const root = claudeRoot({
			'p/S1.jsonl': [
				assistant({model: '<synthetic>', input: 0, output: 0, extra: {isApiErrorMessage: true}}),
				user([{type: 'tool_result', tool_use_id: 't', content: 'done'}], {
					extra: {toolUseResult: {totalTokens: 99_999, usage: {input_tokens: 5000, output_tokens: 900}}},
				}),
				assistant({output: 7}),
			],
		});
		const {model} = await parseRoot(root);
		expect(model.root.totals.calls).toBe(1);
		expect(model.root.totals.models).toEqual(['claude-sonnet-4-5-20250929']);
	});

	it('splits cache writes into 5-minute and 1-hour writes from the breakdown', async () => {
		const {model} = await parseRoot(claudeRoot({'p/S1.jsonl': [assistant({write5m: 100, write1h: 900})]}));
		expect(model.root.totals.tokens.cacheWrite5m).toBe(100);
		expect(model.root.totals.tokens.cacheWrite1h).toBe(900);
	});

	it('counts all writes as 5-minute writes when the breakdown is missing or all zeros (ccusage counts 0 for the latter)', async () => {
		const missing = assistant({write5m: 300});
		delete (missing.message.usage as {cache_creation?: unknown}).cache_creation;
		const zeros = assistant({});
		zeros.message.usage.cache_creation_input_tokens = 40;
		const {model} = await parseRoot(claudeRoot({'p/S1.jsonl': [missing, zeros]}));
		expect(model.root.totals.tokens.cacheWrite5m).toBe(340);
		expect(model.root.totals.tokens.cacheWrite1h).toBe(0);
	});

	it('uses an old line’s costUSD as reported cost', async () => {
		const {model} = await parseRoot(claudeRoot({'p/S1.jsonl': [assistant({extra: {costUSD: 0.25}})]}));
		expect(model.root.totals.costUSD).toBe(0.25);
		expect(model.root.totals.costSource).toBe('reported');
	});
});

describe('Claude Code: prompts and turns (parsers/FORMATS.md §1.6)', () => {
	it('starts turns only at human prompts', async () => {
		const root = claudeRoot({
			'p/S1.jsonl': [
				user('Add pagination to /invoices', {time: '2026-02-12T09:00:00.000Z'}),
				assistant({time: '2026-02-12T09:00:05.000Z'}),
				user([{type: 'tool_result', tool_use_id: 't', content: 'x'}], {time: '2026-02-12T09:00:06.000Z'}),
				user('<command-name>/clear</command-name>', {time: '2026-02-12T09:00:07.000Z'}),
				user('Caveat: internal', {extra: {isMeta: true}, time: '2026-02-12T09:00:08.000Z'}),
				user('This session is being continued…', {extra: {isCompactSummary: true}, time: '2026-02-12T09:00:09.000Z'}),
				user('[Request interrupted by user for tool use]', {time: '2026-02-12T09:00:10.000Z'}),
				assistant({time: '2026-02-12T09:00:11.000Z'}),
				user([{type: 'text', text: 'fix this'}], {time: '2026-02-12T09:05:00.000Z'}),
				assistant({time: '2026-02-12T09:05:05.000Z'}),
			],
		});
		const turns = nodesOfKind((await parseRoot(root)).model.root, 'turn');
		expect(turns.map(turn => [turn.label, turn.totals.calls])).toEqual([
			['Add pagination to /invoices', 2],
			['fix this', 1],
		]);
	});

	it('attaches a call to the prompt its parentUuid chain leads to, not just the latest prompt', async () => {
		const root = claudeRoot({
			'p/S1.jsonl': [
				user('first question', {uuid: 'q1', time: '2026-02-12T09:00:00.000Z'}),
				assistant({id: 'msg_1', parent: 'q1', time: '2026-02-12T09:00:05.000Z', extra: {uuid: 'r1'}}),
				user('second question', {uuid: 'q2', time: '2026-02-12T09:01:00.000Z'}),
				// A late line of the first turn's branch (after /rewind): its chain leads to q1.
				user([{type: 'tool_result', tool_use_id: 't', content: 'x'}], {
					uuid: 'tr',
					time: '2026-02-12T09:01:30.000Z',
					extra: {parentUuid: 'r1'},
				}),
				assistant({id: 'msg_2', parent: 'tr', time: '2026-02-12T09:01:40.000Z'}),
				// Parent not in the file (prefiltered progress line): file order → q2.
				assistant({id: 'msg_3', parent: 'progress-x', time: '2026-02-12T09:01:50.000Z'}),
			],
		});
		const {events} = await parseRoot(root);
		const turnOf = new Map(events.flatMap(event => (event.type === 'call' ? [[event.callId, event.turnId]] : [])));
		expect(Object.fromEntries(turnOf)).toEqual({msg_1: 'q1', msg_2: 'q1', msg_3: 'q2'});
	});
});

describe('Claude Code: discovery and bad input', () => {
	it('reads CLAUDE_CONFIG_DIR as a comma list and maps a …/projects entry to its parent', () => {
		const roots = claudeParser.roots({
			env: {CLAUDE_CONFIG_DIR: ' /a , ~/b/projects ,'},
			home: '/home/u',
			report: () => undefined,
		});
		expect(roots).toEqual(['/a', '/home/u/b']);
		expect(claudeParser.roots({env: {}, home: '/home/u', report: () => undefined})).toEqual([
			'/home/u/.config/claude',
			'/home/u/.claude',
		]);
		expect(claudeParser.roots({env: {XDG_CONFIG_HOME: '/x'}, home: '/home/u', report: () => undefined})).toEqual([
			'/x/claude',
			'/home/u/.claude',
		]);
	});

	it('skips malformed and partial lines, unknown types and a non-JSON file, and keeps the rest', async () => {
		const good = JSON.stringify(assistant({output: 5}));
		const root = claudeRoot({
			'p/S1.jsonl': `${good}\n{"type":"assistant","message":{"usage":{broken\n{"type":"file-history-delta","uuid":"z"}\n${JSON.stringify(assistant({output: 6}))}\n{"type":"assistant","message":{"usage":{"input_tokens":1`,
			'p/binary.jsonl': '\u0000\u0001\u0002garbage with "usage":{ inside\n',
		});
		const {model, diagnostics} = await parseRoot(root);
		expect(model.root.totals.calls).toBe(2);
		expect(diagnostics.map(d => [d.kind, d.line])).toEqual([
			['malformed-line', 1],
			['malformed-line', 2],
			['partial-line', 5],
		]);
	});

	it('skips a FIFO, a folder named .jsonl, a symlink loop and a symlinked duplicate; absent or empty projects folders are quiet', async () => {
		const root = claudeRoot({'p/S1.jsonl': [assistant({})]});
		mkfifoSync(path.join(root, 'projects/p/pipe.jsonl'));
		mkdirSync(path.join(root, 'projects/p/folder.jsonl'));
		symlinkSync('..', path.join(root, 'projects/p/loop'));
		symlinkSync('S1.jsonl', path.join(root, 'projects/p/same.jsonl'));
		const {files, diagnostics, model} = await parseRoot(root);
		// One regular file: the symlinked copy has the same inode (which name wins depends on readdir order).
		expect(files).toHaveLength(1);
		expect(['S1.jsonl', 'same.jsonl']).toContain(path.basename(files[0]!.path));
		expect(diagnostics.map(d => d.kind)).toContain('not-a-file');
		expect(model.root.totals.calls).toBe(1);
		const empty = claudeRoot({});
		expect((await parseRoot(path.join(empty, 'missing'))).diagnostics).toEqual([]);
		mkdirSync(path.join(empty, 'projects/p'), {recursive: true});
		expect(await parseRoot(empty)).toMatchObject({files: [], diagnostics: []});
	});
});
