/**
Writers of agent data in the real on-disk formats, for tests of hostile values (names, times,
numbers) entering through every door: a Claude Code transcript, a Codex rollout, an export
document for `--import`, and another host's usage ledger.
*/
import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {gzipSync} from 'node:zlib';

/** Every name Object.prototype answers to (`__proto__` among them): the names a plain-object lookup gets wrong. */
export const prototypeNames: readonly string[] = [
	...new Set([...Object.getOwnPropertyNames(Object.prototype), '__proto__']),
];

const jsonl = (lines: readonly unknown[]) => lines.map(line => JSON.stringify(line)).join('\n') + '\n';
const at = (minute: number) => new Date(Date.UTC(2026, 2, 2, 10, minute)).toISOString();

export type ClaudeCall = {
	sessionId: string;
	model: string;
	/** Last segment of the cwd: the project name. */
	project: string;
	tool: string;
	time: string;
	usage?: Record<string, unknown>;
	costUSD?: number;
};

/** `<root>/projects/<folder>/<sessionId>.jsonl`: per call a prompt, then the response with a tool use. */
export function writeClaudeTranscripts(root: string, calls: readonly ClaudeCall[]): void {
	calls.forEach((call, index) => {
		const folder = path.join(root, 'projects', `-home-dev-${index}`);
		mkdirSync(folder, {recursive: true});
		const common = {
			isSidechain: false,
			userType: 'external',
			cwd: `/home/dev/${call.project}`,
			sessionId: call.sessionId,
			version: '2.1.39',
			gitBranch: call.project,
		};
		const lines = [
			{
				...common,
				parentUuid: null,
				type: 'user',
				message: {role: 'user', content: `look at ${call.project}`},
				uuid: `u-${index}`,
				timestamp: call.time,
			},
			{
				...common,
				parentUuid: `u-${index}`,
				type: 'assistant',
				uuid: `a-${index}`,
				requestId: `req_${index}`,
				timestamp: call.time,
				...(call.costUSD === undefined ? {} : {costUSD: call.costUSD}),
				message: {
					model: call.model,
					id: `msg_${index}`,
					type: 'message',
					role: 'assistant',
					content: [
						{type: 'tool_use', id: `tool_${index}`, name: call.tool, input: {file_path: `/home/dev/${call.tool}`}},
					],
					usage: call.usage ?? {input_tokens: 10, cache_read_input_tokens: 100, output_tokens: 20},
				},
			},
		];
		writeFileSync(path.join(folder, `${index}.jsonl`), jsonl(lines));
	});
}

export type CodexRollout = {
	/** Session id, cwd's last segment, originator, branch and tool name (and model, unless given). */
	name: string;
	time: string;
	model?: string;
	usage?: Record<string, unknown>;
};

/**
`<root>/sessions/2026/03/02/rollout-….jsonl`, one rollout each: session, turn context, prompt,
tool call, usage (its token_count is line 5).
*/
export function writeCodexRollouts(root: string, rollouts: readonly CodexRollout[]): void {
	const folder = path.join(root, 'sessions', '2026', '03', '02');
	mkdirSync(folder, {recursive: true});
	rollouts.forEach(({name, time, model = name, usage: given}, index) => {
		const usage = given ?? {
			input_tokens: 1000,
			cached_input_tokens: 400,
			output_tokens: 50,
			reasoning_output_tokens: 10,
			total_tokens: 1050,
		};
		const lines = [
			{
				timestamp: time,
				type: 'session_meta',
				payload: {
					id: name,
					timestamp: time,
					cwd: `/home/dev/${name}`,
					originator: name,
					cli_version: '0.104.0',
					git: {branch: name},
				},
			},
			{
				timestamp: time,
				type: 'turn_context',
				payload: {turn_id: `turn-${index}`, cwd: `/home/dev/${name}`, model},
			},
			{timestamp: time, type: 'event_msg', payload: {type: 'user_message', message: `run ${name}`}},
			{
				timestamp: time,
				type: 'response_item',
				payload: {type: 'function_call', name, arguments: '{}', call_id: `call-${index}`},
			},
			{
				timestamp: time,
				type: 'event_msg',
				payload: {
					type: 'token_count',
					info: {total_token_usage: usage, last_token_usage: usage, model_context_window: 258_400},
				},
			},
		];
		const id = `019c8a4c-0000-7000-8000-${String(index).padStart(12, '0')}`;
		writeFileSync(
			path.join(folder, `rollout-2026-03-02T10-00-${String(index).padStart(2, '0')}-${id}.jsonl`),
			jsonl(lines),
		);
	});
}

export type ExportCall = {
	agent: string;
	sessionId: string;
	project: string;
	device: string;
	model: string;
	tool: string;
	time: string;
	tokens?: Record<string, unknown>;
};

/** The tree of an `agent-ncdu --json --depth call` document: one session → turn → call per entry. */
export function exportTree(calls: readonly ExportCall[]) {
	const sessions = calls.map((call, index) => ({
		kind: 'session',
		key: `${call.agent}:${call.sessionId}`,
		session: {agent: call.agent, sessionId: call.sessionId, project: call.project, device: call.device},
		children: [
			{
				kind: 'turn',
				key: `turn-${index}`,
				turn: {turnId: `turn-${index}`, time: call.time, prompt: `about ${call.project}`},
				children: [
					{
						kind: 'call',
						key: `call-${index}`,
						totals: {
							tokens: call.tokens ?? {
								input: 300,
								cacheRead: 0,
								cacheWrite5m: 0,
								cacheWrite1h: 0,
								output: 30,
								reasoning: 0,
							},
						},
						call: {
							agent: call.agent,
							time: call.time,
							model: call.model,
							costUSD: null,
							costSource: 'estimated',
							tools: [{name: call.tool, activity: 'reading'}],
						},
					},
				],
			},
		],
	}));
	return {
		kind: 'root',
		key: 'root',
		children: [{kind: 'week', key: '2026-W10', children: [{kind: 'day', key: '2026-03-02', children: sessions}]}],
	};
}

/** An export document as `agent-ncdu --json --depth call` writes it (the fields --import reads). */
export function exportDocument(calls: readonly ExportCall[], version: readonly number[] = [1, 1]) {
	return {
		format: 'agent-ncdu',
		version,
		generator: {name: 'agent-ncdu', version: '0.1.0'},
		depth: 'call',
		tree: exportTree(calls),
	};
}

/** Another host's ledger, `<dir>/<host>.ledger.jsonl.gz`, in the documented format (records as given). */
export function writeHostLedger(dir: string, host: string, records: readonly unknown[]): void {
	mkdirSync(dir, {recursive: true});
	const header = {k: 'h', format: 'agent-ncdu-ledger', version: 1, host, writtenAt: at(0)};
	writeFileSync(path.join(dir, `${host}.ledger.jsonl.gz`), gzipSync(jsonl([header, ...records])));
}

/** Minute `n` of 2026-03-02 10:00 UTC, as an ISO string. */
export const minute = at;
