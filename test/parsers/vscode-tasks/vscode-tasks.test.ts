/**
Cline, Roo Code and Kilo Code (one reader, FORMATS.md §5.15) on the hand-made task folders of
fixtures/vscode (see its PROVENANCE.md): roots and every editor's globalStorage under a made-up
HOME, the three agents' records, the token carve-out of the openai protocol, models, dedup of a
rewritten api_req_started, bad input, and totals through the built CLI.
*/
import {cpSync, mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {requestTokens} from '../../../source/parsers/vscode-tasks/ui-messages.js';
import {clineParser, kilocodeParser, rooParser} from '../../../source/parsers/vscode-tasks/index.js';
import {scratchFolder} from '../../support/agents-oracle.js';
import {repoRoot, runJson} from '../../support/cli.js';
import {dedupe, parseWith} from '../gemini/helpers.js';

const fixtures = path.join(repoRoot, 'fixtures', 'vscode');
const clineFolder = path.join(fixtures, 'cline', 'saoudrizwan.claude-dev');
const rooFolder = path.join(fixtures, 'roo', 'rooveterinaryinc.roo-cline');
const kiloFolder = path.join(fixtures, 'kilocode', 'kilocode.kilo-code');
const context = (env: Record<string, string>, home = '/home/u') => ({env, home, report: () => {}});

/** An extension folder holding one task per entry of `tasks` (task id → ui_messages.json content). */
function extensionWith(tasks: Record<string, unknown>): string {
	const root = path.join(scratchFolder('vscode'), 'saoudrizwan.claude-dev');
	for (const [taskId, messages] of Object.entries(tasks)) {
		const folder = path.join(root, 'tasks', taskId);
		mkdirSync(folder, {recursive: true});
		writeFileSync(
			path.join(folder, 'ui_messages.json'),
			typeof messages === 'string' ? messages : JSON.stringify(messages),
		);
	}

	return root;
}

const request = (ts: number, info: Record<string, unknown>) => ({
	ts,
	type: 'say',
	say: 'api_req_started',
	text: JSON.stringify(info),
});

describe('roots and discovery', () => {
	it('each variable is a comma list; else the extension folder in every editor’s globalStorage', () => {
		expect(clineParser.roots(context({CLINE_DATA_DIR: '/a, /b/tasks'}))).toEqual(['/a', '/b/tasks']);
		expect(rooParser.roots(context({ROO_CODE_DATA_DIR: '/r'}))).toEqual(['/r']);
		expect(kilocodeParser.roots(context({KILO_CODE_DATA_DIR: '/k'}))).toEqual(['/k']);
		const roots = rooParser.roots(context({APPDATA: 'C:\\Users\\u\\AppData\\Roaming'}));
		expect(roots).toContain('/home/u/.config/Code/User/globalStorage/rooveterinaryinc.roo-cline');
		expect(roots).toContain('/home/u/Library/Application Support/Cursor/User/globalStorage/rooveterinaryinc.roo-cline');
		expect(roots).toContain('/home/u/.vscode-server/data/User/globalStorage/rooveterinaryinc.roo-cline');
		expect(roots).toContain('/home/u/AppData/Roaming/Windsurf/User/globalStorage/rooveterinaryinc.roo-cline');
		// 5 editors × (~/.config, ~/Library/Application Support, ~/AppData/Roaming) + VS Code server;
		// a Windows APPDATA is not an absolute path here.
		expect(roots).toHaveLength(16);
		expect(clineParser.roots(context({}))).toContain('/home/u/.cline/data');
		expect(kilocodeParser.roots(context({XDG_CONFIG_HOME: '/x'}))[0]).toBe(
			'/x/Code/User/globalStorage/kilocode.kilo-code',
		);
	});

	it('finds the tasks of every VS Code variant on Linux, macOS and Windows under a made-up HOME', async () => {
		const home = scratchFolder('vscode-home');
		const appData = path.join(home, 'AppData', 'Roaming');
		const storages = [
			'.config/Code',
			'.config/Code - Insiders',
			'.config/VSCodium',
			'.config/Cursor',
			'.config/Windsurf',
			'Library/Application Support/Code',
			'Library/Application Support/Windsurf',
			'AppData/Roaming/Code',
			'AppData/Roaming/Cursor',
		];
		for (const storage of storages) {
			cpSync(clineFolder, path.join(home, storage, 'User', 'globalStorage', 'saoudrizwan.claude-dev'), {
				recursive: true,
			});
		}

		cpSync(clineFolder, path.join(home, '.cline', 'data'), {recursive: true});
		const parsed = await parseWith(clineParser, {APPDATA: appData}, home);
		// Without APPDATA (a Windows home read from WSL) the Windows folders are found the same.
		expect((await parseWith(clineParser, {}, home)).files).toHaveLength(parsed.files.length);
		const found = parsed.files.map(file => path.relative(home, file.path)).sort();
		expect(found).toEqual(
			[...storages.map(storage => `${storage}/User/globalStorage/saoudrizwan.claude-dev`), '.cline/data']
				.map(folder => `${folder}/tasks/1767261600000/ui_messages.json`)
				.sort(),
		);
		// The same task in ten places is three calls, not thirty.
		expect(dedupe(parsed.calls)).toHaveLength(3);
	});

	it('a root may be the tasks folder itself; the sibling JSON files are not tasks', async () => {
		const parsed = await parseWith(clineParser, {CLINE_DATA_DIR: path.join(clineFolder, 'tasks')});
		expect(parsed.files.map(file => path.basename(file.path))).toEqual(['ui_messages.json']);
	});
});

describe('Cline (task_metadata.json models, the task message, user_feedback)', async () => {
	const parsed = await parseWith(clineParser, {CLINE_DATA_DIR: clineFolder});

	it('the task is a session titled by its prompt; the task text and the feedback start turns', () => {
		expect(parsed.sessions).toEqual([
			{
				type: 'session',
				agent: 'cline',
				sessionId: '1767261600000',
				surface: 'vscode',
				title: 'Add a /health endpoint to the express server',
				cwd: '/home/dev/projects/api-server', // from state/taskHistory.json
				project: 'api-server',
			},
		]);
		expect(parsed.turns.map(turn => [turn.turnId, turn.time, turn.prompt])).toEqual([
			['1767261600000', 1767261600000, 'Add a /health endpoint to the express server'],
			['1767261700000', 1767261700000, 'Also add a test for it'],
		]);
	});

	it('each api_req_started with usage is a call: ts as time, cost as reported, model from model_usage', () => {
		expect(parsed.calls.map(call => [call.dedupKey, call.turnId, call.time, call.model, call.reportedCostUSD])).toEqual(
			[
				['cline:1767261600000:1767261600500', '1767261600000', 1767261600500, 'claude-sonnet-4-20250514', 0.063498],
				['cline:1767261600000:1767261612000', '1767261600000', 1767261612000, 'claude-sonnet-4-20250514', 0.008724],
				['cline:1767261600000:1767261701000', '1767261700000', 1767261701000, 'claude-sonnet-4-20250514', 0.012],
			],
		);
		expect(parsed.calls.map(call => call.tools)).toEqual([
			[{name: 'editedExistingFile', activity: 'writing', file: 'src/server.ts'}],
			[],
			[],
		]);
		expect(parsed.calls[1]?.tokens).toEqual({
			input: 3,
			cacheRead: 15230,
			cacheWrite5m: 620,
			cacheWrite1h: 0,
			output: 120,
			reasoning: 0,
		});
		expect(parsed.diagnostics).toEqual([]);
	});
});

describe('Roo Code (apiProtocol, models from the environment details)', async () => {
	const parsed = await parseWith(rooParser, {ROO_CODE_DATA_DIR: rooFolder});

	it('the first text message is the task; models follow the <model> of the latest user message', () => {
		expect(parsed.turns.map(turn => turn.prompt)).toEqual([
			'Refactor the config loader into its own module',
			'Use Claude for the rest',
		]);
		expect(parsed.sessions[0]?.title).toBe('Refactor the config loader into its own module');
		expect(parsed.calls.map(call => [call.agent, call.model])).toEqual([
			['roo', 'gpt-4.1'],
			['roo', 'claude-sonnet-4-20250514'],
		]);
		expect(parsed.calls[0]?.tools).toEqual([
			{name: 'readFile', activity: 'reading', file: 'src/config.ts'},
			{name: 'execute_command', activity: 'git'},
		]);
	});

	it('openai protocol: cache reads and writes come out of tokensIn; anthropic: tokensIn is fresh input', () => {
		expect(parsed.calls.map(call => [call.tokens.input, call.tokens.cacheRead, call.tokens.cacheWrite5m])).toEqual([
			[4000, 16000, 0],
			[50, 18000, 2000],
		]);
		expect(
			requestTokens({apiProtocol: 'openai', tokensIn: 100, cacheReads: 70, cacheWrites: 20, tokensOut: 5}),
		).toMatchObject({input: 10, cacheRead: 70, cacheWrite5m: 20, output: 5});
		expect(requestTokens({apiProtocol: 'openai', tokensIn: 10, cacheReads: 70})).toMatchObject({input: 0});
		expect(requestTokens({tokensIn: 100, cacheReads: 70})).toMatchObject({input: 100, cacheRead: 70});
	});
});

describe('Kilo Code (a cancelled request counts, one without usage does not)', async () => {
	const parsed = await parseWith(kilocodeParser, {KILO_CODE_DATA_DIR: kiloFolder});

	it('two calls, model from the environment details, cost as reported', () => {
		expect(parsed.calls.map(call => [call.agent, call.model, call.tokens.output, call.reportedCostUSD])).toEqual([
			['kilocode', 'anthropic/claude-sonnet-4', 640, 0.05466],
			['kilocode', 'anthropic/claude-sonnet-4', 35, 0.005],
		]);
		expect(parsed.calls[0]?.tools).toEqual([{name: 'search_issues', activity: 'search'}]);
		expect(parsed.diagnostics).toEqual([]);
	});
});

describe('dedup and bad input', () => {
	it('a request rewritten in place counts once, with its complete counts, whichever copy is read', async () => {
		const partial = [request(1000, {request: 'x', tokensIn: 10, tokensOut: 2, cacheReads: 500})];
		const complete = [request(1000, {request: 'x', tokensIn: 10, tokensOut: 250, cacheReads: 500, cost: 0.01})];
		const early = extensionWith({'1767000000000': partial});
		const late = extensionWith({'1767000000000': complete});
		for (const roots of [`${early},${late}`, `${late},${early}`]) {
			const calls = dedupe((await parseWith(clineParser, {CLINE_DATA_DIR: roots})).calls);
			expect(calls.map(call => [call.dedupKey, call.tokens.output, call.reportedCostUSD])).toEqual([
				['cline:1767000000000:1000', 250, 0.01],
			]);
		}
	});

	it('a record still without usage, a zero-cost one and non-say messages are no calls', async () => {
		const root = extensionWith({
			t: [
				request(1, {request: 'in flight'}),
				request(2, {tokensIn: 0, tokensOut: 0, cost: 0}),
				{ts: 3, type: 'ask', ask: 'api_req_failed', text: JSON.stringify({tokensIn: 5})},
				{ts: 4, type: 'say', say: 'api_req_finished', text: JSON.stringify({tokensIn: 5})},
			],
		});
		expect((await parseWith(clineParser, {CLINE_DATA_DIR: root})).calls).toEqual([]);
	});

	it('broken, empty and non-array files and a non-JSON record are diagnostics, never a throw', async () => {
		const root = extensionWith({
			broken: '[{"type":"say"',
			empty: '',
			object: '{"messages": []}',
			junk: [null, 7, 'text', [], {type: 'say', say: 'api_req_started', text: 'not json'}, {type: 'say', say: 42}],
		});
		const parsed = await parseWith(clineParser, {CLINE_DATA_DIR: root});
		expect(parsed.diagnostics.map(d => [d.kind, path.basename(path.dirname(d.file ?? ''))])).toEqual([
			['malformed-line', 'broken'],
			['empty-file', 'empty'],
			['malformed-line', 'junk'],
			['unknown-schema', 'object'],
		]);
		expect(parsed.calls).toEqual([]);
	});
});

describe('the built CLI on a HOME holding the three extensions', async () => {
	const home = scratchFolder('vscode-cli');
	cpSync(clineFolder, path.join(home, '.config/Code/User/globalStorage/saoudrizwan.claude-dev'), {recursive: true});
	cpSync(
		rooFolder,
		path.join(home, 'Library/Application Support/Cursor/User/globalStorage/rooveterinaryinc.roo-cline'),
		{
			recursive: true,
		},
	);
	cpSync(kiloFolder, path.join(home, '.config/VSCodium/User/globalStorage/kilocode.kilo-code'), {recursive: true});
	const document = await runJson(['--no-ledger'], {HOME: home});

	it('per agent: tokens, calls and the reported cost', () => {
		const byAgent = document.byAgent as Record<
			string,
			{tokens: Record<string, number>; costUSD: number; calls: number}
		>;
		const summary = Object.fromEntries(
			Object.entries(byAgent).map(([agent, row]) => [
				agent,
				[
					row.tokens['input'],
					row.tokens['cacheRead'],
					row.tokens['cacheWrite'],
					row.tokens['output'],
					row.calls,
					row.costUSD,
				],
			]),
		);
		expect(summary).toEqual({
			cline: [20, 31080, 16750, 830, 3, 0.084222],
			roo: [4050, 34000, 2000, 1300, 2, 0.04115],
			kilocode: [13, 12000, 12300, 675, 2, 0.05966],
		});
		expect(document.totals.costSource).toBe('reported');
		expect(document.diagnostics.total).toBe(0);
	});

	it('one day per task, in UTC', () => {
		expect(document.days.map((day: {date: string; tokens: {total: number}}) => [day.date, day.tokens.total])).toEqual([
			['2026-01-01', 48680],
			['2026-01-02', 41350],
			['2026-01-03', 24988],
		]);
	});
});
