/**
One test per Gemini rule, each on a hand-written fixture that triggers it (fixtures/gemini).
*/
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {totalOf} from '../../../source/core/tokens.js';
import {geminiParser} from '../../../source/parsers/gemini/index.js';
import {dedupe, fixtures, parseWith} from './helpers.js';

const rulesRoot = path.join(fixtures, 'gemini/rules/tmp');
const parse = async () => parseWith(geminiParser, {GEMINI_DATA_DIR: rulesRoot});

describe('roots', () => {
	const context = (env: Record<string, string>) => ({env, home: '/home/u', report: () => {}});
	it('GEMINI_DATA_DIR is a comma list with ~ expanded', () => {
		expect(geminiParser.roots(context({GEMINI_DATA_DIR: ' ~/a , /b ,,/b'}))).toEqual(['/home/u/a', '/b']);
	});
	it('else GEMINI_CLI_HOME (or ~) + .gemini/tmp', () => {
		expect(geminiParser.roots(context({}))).toEqual(['/home/u/.gemini/tmp']);
		expect(geminiParser.roots(context({GEMINI_CLI_HOME: '/opt/g'}))).toEqual(['/opt/g/.gemini/tmp']);
	});
});

it('discovers *.json(l) under <project>/chats recursively, skipping non-files and logs', async () => {
	const {files} = await parse();
	expect(files.map(file => [path.relative(rulesRoot, file.path), file.kind])).toEqual([
		['myproj/chats/s-main/sub-1.jsonl', 'subagent'],
		['myproj/chats/session-2026-04-01T10-00-s-main.json', 'json'],
		['myproj/chats/session-2026-04-02T09-00-s-main.jsonl', 'jsonl'],
	]);
});

it('a resumed legacy .json next to its .jsonl counts once (ccusage counts both)', async () => {
	const {calls} = await parse();
	const main = calls.filter(call => call.sessionId === 's-main');
	// Raw events: g1,g2 from the .json; g1,g2 (checkpoint), g3, g4 from the .jsonl.
	expect(main.map(call => call.callId)).toEqual(['g1', 'g2', 'g1', 'g2', 'g3', 'g4']);
	const ccusageStyle = main.reduce((sum, call) => sum + totalOf(call.tokens), 0);
	const ours = dedupe(main).reduce((sum, call) => sum + totalOf(call.tokens), 0);
	// g1 1160 + g2 2200 are in both files; g3 3330 and g4 (500 prompt clamps cached 600 → input 0) 650.
	expect(ours).toBe(1160 + 2200 + 3330 + 650);
	expect(ccusageStyle - ours).toBe(1160 + 2200);
	expect(dedupe(main).map(call => call.dedupKey)).toEqual([
		'gemini:s-main:g1',
		'gemini:s-main:g2',
		'gemini:s-main:g3',
		'gemini:s-main:g4',
	]);
});

it('maps tokens: input − cached + tool, cached → cacheRead, output + thoughts', async () => {
	const {calls} = await parse();
	const g1 = calls.find(call => call.callId === 'g1')!;
	expect(g1.tokens).toEqual({
		input: 1000 - 400 + 10,
		cacheRead: 400,
		cacheWrite5m: 0,
		cacheWrite1h: 0,
		output: 150,
		reasoning: 50,
	});
	expect(totalOf(g1.tokens)).toBe(1160); // = Gemini's `total`
	expect(g1.model).toBe('gemini-2.5-pro');
});

it('clamps input at 0 when cached exceeds the prompt', async () => {
	const {calls} = await parse();
	expect(calls.find(call => call.callId === 'g4')!.tokens).toMatchObject({input: 0, cacheRead: 600, output: 50});
});

it('re-appended messages: last write wins (tokens arrive, then tool calls)', async () => {
	const {calls} = await parse();
	const g3 = calls.filter(call => call.callId === 'g3');
	expect(g3).toHaveLength(1);
	expect(g3[0]!.tools).toEqual([{name: 'write_file', activity: 'writing', file: '/docs/x.md'}]);
	expect(g3[0]!.model).toBe('gemini-2.5-flash');
});

it('$rewindTo keeps the rewound call (it was billed)', async () => {
	const {calls} = await parse();
	expect(calls.some(call => call.callId === 'g3')).toBe(true);
});

it('user messages start turns; calls join the latest turn; git via run_shell_command', async () => {
	const {turns, calls} = await parse();
	const main = turns.filter(turn => turn.sessionId === 's-main');
	expect(main.map(turn => [turn.turnId, turn.prompt])).toEqual([
		['u1', 'Fix the failing test please'],
		['u1', 'Fix the failing test please'],
		['u2', 'Now add docs'],
		['u3', 'Try again'],
	]);
	expect(calls.filter(call => call.sessionId === 's-main').map(call => call.turnId)).toEqual([
		'u1',
		'u1',
		'u1',
		'u1',
		'u2',
		'u3',
	]);
	expect(calls[1]!.tools).toEqual([
		{name: 'run_shell_command', activity: 'git'},
		{name: 'read_file', activity: 'reading', file: '/src/a.ts'},
	]);
});

it('subagent sessions: parent from the folder, calls marked sidechain', async () => {
	const {sessions, calls} = await parse();
	expect(sessions.find(session => session.sessionId === 'sub-1')).toMatchObject({
		project: 'myproj',
		parentSessionId: 's-main',
		surface: 'subagent',
	});
	expect(sessions.find(session => session.sessionId === 's-main')).toMatchObject({project: 'myproj', surface: 'cli'});
	expect(sessions.find(session => session.sessionId === 's-main')?.parentSessionId).toBeUndefined();
	const sub = calls.find(call => call.sessionId === 'sub-1')!;
	expect(sub).toMatchObject({sidechain: true, dedupKey: 'gemini:sub-1:sg1'});
	expect(sub.tools).toEqual([{name: 'glob', activity: 'reading', file: '/src'}]);
});
