/**
Seeded generator of realistic Claude Code 2.1.x transcripts (parsers/FORMATS.md §1), for the demo data,
larger tests and the benchmark.

Writes `<dir>/projects/<encoded cwd>/<session uuid>.jsonl` with what real files contain:
queue/snapshot/system noise, human prompts (some vague: "fix this", "continue"), tool-result
user lines with large outputs, assistant responses streamed as one line per content block
(same message id + request id, output_tokens growing), `progress` lines (hook/bash progress and
agent_progress copies of sub-agent messages), sub-agent transcripts under
`<session>/subagents/agent-<id>.jsonl`, context that grows turn after turn with 1 h cache
writes and cache reads, occasional cache misses after idle gaps, and sessions that cross
midnight.

Deterministic (mulberry32, no clock). Streams its writes, so `targetBytes` can ask for
gigabytes. `calls` is the number of distinct API responses a correct parser must report.
*/
import {once} from 'node:events';
import {createWriteStream, type WriteStream} from 'node:fs';
import {mkdir} from 'node:fs/promises';
import path from 'node:path';
import {type CorpusResult, mulberry32} from './codex.js';

export type ClaudeCorpusOptions = {
	readonly seed: number;
	readonly sessions: number;
	readonly startDay: string;
	readonly days: number;
	readonly targetBytes?: number;
};

const projects = ['payments-api', 'web-dashboard', 'agent-ncdu', 'infra-terraform', 'mobile-app', 'ml-pipeline'];
const prompts = [
	'Add pagination to the /invoices endpoint and update the OpenAPI spec',
	'Why does the login test fail on CI but not locally? Investigate and fix it',
	'Refactor the billing module into smaller files; keep behaviour identical',
	'Write integration tests for the webhook retry logic',
	'Explain how the cache invalidation works in this repo',
	'Migrate the date handling from moment to Temporal',
	'Review my last commit for security problems',
	'Set up a GitHub Actions workflow that runs lint and tests on PRs',
	'Find every place we build SQL by string concatenation and parameterise it',
	'Profile the dashboard render and make it faster',
];
const vaguePrompts = ['fix this', 'try again', 'continue', 'go on', 'still broken', 'ok do it', 'same error'];
const models = [
	'claude-opus-4-6',
	'claude-opus-4-6',
	'claude-sonnet-4-5-20250929',
	'claude-sonnet-4-6',
	'claude-haiku-4-5-20251001',
];
const files = [
	'src/server.ts',
	'src/billing/invoice.ts',
	'src/auth/login.ts',
	'test/webhook.test.ts',
	'package.json',
	'README.md',
	'src/db/query.ts',
	'src/ui/Dashboard.tsx',
];
const commands = [
	'npm test',
	'git status',
	'git diff --stat',
	'npm run lint',
	'git log --oneline -5',
	'ls -la src',
	'git add -A && git commit -m "wip"',
	'npx tsc --noEmit',
];

type Random = () => number;

function uuid(random: Random): string {
	const hex = (n: number) => Array.from({length: n}, () => Math.floor(random() * 16).toString(16)).join('');
	return `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
}

function pick<T>(list: readonly T[], random: Random): T {
	return list[Math.floor(random() * list.length)]!;
}

function iso(ms: number): string {
	return new Date(ms).toISOString();
}

class Transcript {
	bytes = 0;
	private readonly stream: WriteStream;

	constructor(file: string) {
		this.stream = createWriteStream(file);
	}

	async line(value: unknown): Promise<void> {
		const text = JSON.stringify(value) + '\n';
		this.bytes += Buffer.byteLength(text);
		if (!this.stream.write(text)) {
			await once(this.stream, 'drain');
		}
	}

	async close(): Promise<void> {
		this.stream.end();
		await once(this.stream, 'finish');
	}
}

type SessionPlan = {
	project: string;
	cwd: string;
	sessionId: string;
	start: number;
	turns: number;
	model: string;
	branch: string;
};

/** One API response, written as one line per content block (the streaming duplication trap). */
async function writeResponse(
	out: Transcript,
	context: {sessionId: string; cwd: string; branch: string; sidechain: boolean; agentId?: string},
	state: {parent: string | null; time: number},
	usage: {input: number; read: number; write1h: number; write5m: number; output: number},
	blocks: unknown[],
	model: string,
	random: Random,
): Promise<{messageId: string; requestId: string; lines: unknown[]}> {
	const messageId = `msg_${uuid(random).replaceAll('-', '').slice(0, 24)}`;
	const requestId = `req_${uuid(random).replaceAll('-', '').slice(0, 24)}`;
	const lines: unknown[] = [];
	for (const [index, block] of blocks.entries()) {
		const last = index === blocks.length - 1;
		const id = uuid(random);
		const line = {
			parentUuid: state.parent,
			isSidechain: context.sidechain,
			userType: 'external',
			cwd: context.cwd,
			sessionId: context.sessionId,
			version: '2.1.39',
			gitBranch: context.branch,
			...(context.agentId ? {agentId: context.agentId} : {}),
			message: {
				model,
				id: messageId,
				type: 'message',
				role: 'assistant',
				content: [block],
				stop_reason: null,
				stop_sequence: null,
				usage: {
					input_tokens: usage.input,
					cache_creation_input_tokens: usage.write1h + usage.write5m,
					cache_read_input_tokens: usage.read,
					cache_creation: {ephemeral_5m_input_tokens: usage.write5m, ephemeral_1h_input_tokens: usage.write1h},
					// Streamed snapshots: early lines carry a partial count, the last the final one.
					output_tokens: last ? usage.output : Math.max(1, Math.floor(usage.output * (index + 1) * 0.1)),
					service_tier: 'standard',
				},
			},
			requestId,
			type: 'assistant',
			uuid: id,
			timestamp: iso(state.time),
		};
		await out.line(line);
		lines.push(line);
		state.parent = id;
		state.time += 40 + Math.floor(random() * 400);
	}

	return {messageId, requestId, lines};
}

function toolBlock(random: Random, cwd: string): {block: unknown; result: string} {
	const roll = random();
	const id = `toolu_${uuid(random).replaceAll('-', '').slice(0, 24)}`;
	if (roll < 0.35) {
		const file = pick(files, random);
		return {
			block: {type: 'tool_use', id, name: 'Read', input: {file_path: `${cwd}/${file}`}},
			result: `     1\t// ${file}\n${'     x\tconst value = compute(input);\n'.repeat(40 + Math.floor(random() * 200))}`,
		};
	}

	if (roll < 0.55) {
		const command = pick(commands, random);
		return {
			block: {type: 'tool_use', id, name: 'Bash', input: {command, description: 'Run a command'}},
			result: `$ ${command}\n${'ok output line\n'.repeat(5 + Math.floor(random() * 60))}`,
		};
	}

	if (roll < 0.75) {
		const file = pick(files, random);
		return {
			block: {
				type: 'tool_use',
				id,
				name: 'Edit',
				input: {file_path: `${cwd}/${file}`, old_string: 'const a = 1;', new_string: 'const a = 2;'},
			},
			result: 'The file has been updated.',
		};
	}

	if (roll < 0.85) {
		return {
			block: {type: 'tool_use', id, name: 'Grep', input: {pattern: 'TODO', path: cwd}},
			result: `${cwd}/src/a.ts:12: TODO\n`.repeat(10),
		};
	}

	if (roll < 0.93) {
		return {
			block: {type: 'tool_use', id, name: 'TodoWrite', input: {todos: [{content: 'Write tests', status: 'pending'}]}},
			result: 'Todos updated',
		};
	}

	return {
		block: {type: 'tool_use', id, name: 'WebSearch', input: {query: 'node stream backpressure'}},
		result: 'Search results: …',
	};
}

async function writeSession(
	dir: string,
	plan: SessionPlan,
	random: Random,
): Promise<{bytes: number; calls: number; files: number}> {
	const folder = path.join(dir, 'projects', plan.cwd.replaceAll(/[^A-Za-z\d]/g, '-'));
	await mkdir(folder, {recursive: true});
	const out = new Transcript(path.join(folder, `${plan.sessionId}.jsonl`));
	const context = {sessionId: plan.sessionId, cwd: plan.cwd, branch: plan.branch, sidechain: false};
	const state = {parent: null as string | null, time: plan.start};
	let contextTokens = 12_000 + Math.floor(random() * 6000);
	let calls = 0;
	let fileCount = 1;
	let bytes = 0;
	await out.line({
		type: 'queue-operation',
		operation: 'dequeue',
		timestamp: iso(state.time),
		sessionId: plan.sessionId,
	});
	for (let turn = 0; turn < plan.turns; turn++) {
		const vague = turn > 2 && random() < 0.25;
		const prompt = vague ? pick(vaguePrompts, random) : pick(prompts, random);
		const promptId = uuid(random);
		await out.line({
			parentUuid: state.parent,
			isSidechain: false,
			userType: 'external',
			cwd: plan.cwd,
			sessionId: plan.sessionId,
			version: '2.1.39',
			gitBranch: plan.branch,
			type: 'user',
			message: {role: 'user', content: prompt},
			uuid: promptId,
			timestamp: iso(state.time),
		});
		state.parent = promptId;
		state.time += 1500;
		// Idle gap before some turns: the 1 h cache expired, so the context is written again.
		const idle = turn > 0 && random() < 0.08;
		const steps = 1 + Math.floor(random() * 6);
		for (let step = 0; step < steps; step++) {
			const tools = step < steps - 1 ? 1 + Math.floor(random() * 3) : 0;
			const blocks: unknown[] = [
				{type: 'thinking', thinking: 'Let me look at the relevant code first.', signature: 'sig'},
			];
			const results: Array<{id: string; result: string}> = [];
			for (let index = 0; index < tools; index++) {
				const {block, result} = toolBlock(random, plan.cwd);
				blocks.push(block);
				results.push({id: (block as {id: string}).id, result});
			}

			if (tools === 0) {
				blocks.push({type: 'text', text: 'Done. The change is in place and the tests pass.'});
			}

			const added = 800 + Math.floor(random() * 4000);
			const miss = idle && step === 0;
			const usage = {
				input: 3 + Math.floor(random() * 8),
				read: miss ? 0 : contextTokens,
				write1h: miss ? contextTokens + added : added,
				write5m: 0,
				output: 60 + Math.floor(random() * 1400),
			};
			await writeResponse(out, context, state, usage, blocks, plan.model, random);
			calls++;
			contextTokens += added + usage.output;
			// Hook progress noise and the tool results (big user lines) of this step.
			await out.line({
				parentUuid: state.parent,
				isSidechain: false,
				type: 'progress',
				data: {type: 'hook_progress', hookEvent: 'PostToolUse'},
				sessionId: plan.sessionId,
				cwd: plan.cwd,
				uuid: uuid(random),
				timestamp: iso(state.time),
			});
			for (const {id, result} of results) {
				const resultId = uuid(random);
				await out.line({
					parentUuid: state.parent,
					isSidechain: false,
					userType: 'external',
					cwd: plan.cwd,
					sessionId: plan.sessionId,
					version: '2.1.39',
					type: 'user',
					message: {role: 'user', content: [{tool_use_id: id, type: 'tool_result', content: result}]},
					uuid: resultId,
					timestamp: iso(state.time),
					toolUseResult: {stdout: result.slice(0, 200)},
				});
				state.parent = resultId;
				state.time += 300 + Math.floor(random() * 3000);
			}

			// Occasionally launch a sub-agent: its transcript goes to subagents/, and the main file
			// receives agent_progress copies of its responses (duplicates to be dropped).
			if (tools > 0 && random() < 0.06) {
				const sub = await writeSubagent(folder, plan, state, random, out);
				calls += sub.calls;
				fileCount++;
				bytes += sub.bytes;
			}
		}

		// Think time between turns; long sessions drift across midnight.
		state.time += 60_000 + Math.floor(random() * 600_000) + (idle ? 3_700_000 : 0);
	}

	await out.line({
		parentUuid: state.parent,
		isSidechain: false,
		type: 'system',
		subtype: 'turn_duration',
		durationMs: 1234,
		sessionId: plan.sessionId,
		uuid: uuid(random),
		timestamp: iso(state.time),
	});
	await out.close();
	return {bytes: bytes + out.bytes, calls, files: fileCount};
}

async function writeSubagent(
	folder: string,
	plan: SessionPlan,
	state: {parent: string | null; time: number},
	random: Random,
	main: Transcript,
): Promise<{bytes: number; calls: number}> {
	const agentId = uuid(random).slice(0, 7);
	const subFolder = path.join(folder, plan.sessionId, 'subagents');
	await mkdir(subFolder, {recursive: true});
	const out = new Transcript(path.join(subFolder, `agent-${agentId}.jsonl`));
	const context = {sessionId: plan.sessionId, cwd: plan.cwd, branch: plan.branch, sidechain: true, agentId};
	const subState = {parent: null as string | null, time: state.time};
	await out.line({
		parentUuid: null,
		isSidechain: true,
		agentId,
		type: 'user',
		message: {role: 'user', content: 'Explore the repository and list the modules that touch billing.'},
		uuid: uuid(random),
		sessionId: plan.sessionId,
		cwd: plan.cwd,
		timestamp: iso(subState.time),
	});
	const steps = 2 + Math.floor(random() * 4);
	for (let step = 0; step < steps; step++) {
		const {block} = toolBlock(random, plan.cwd);
		const usage = {
			input: 5,
			read: 9000 + step * 3000,
			write1h: 0,
			write5m: 2500,
			output: 80 + Math.floor(random() * 300),
		};
		const {lines} = await writeResponse(out, context, subState, usage, [block], 'claude-haiku-4-5-20251001', random);
		// The main file embeds a copy of the final streamed line (same message id + request id).
		const copy = lines.at(-1) as Record<string, unknown>;
		await main.line({
			parentUuid: state.parent,
			isSidechain: false,
			cwd: plan.cwd,
			sessionId: plan.sessionId,
			type: 'progress',
			data: {
				message: {
					type: 'assistant',
					timestamp: copy['timestamp'],
					message: copy['message'],
					requestId: copy['requestId'],
					uuid: copy['uuid'],
				},
				type: 'agent_progress',
				agentId,
			},
			uuid: uuid(random),
			timestamp: copy['timestamp'],
		});
	}

	state.time = Math.max(state.time, subState.time);
	await out.close();
	return {bytes: out.bytes, calls: steps};
}

export async function generateClaudeCorpus(dir: string, options: ClaudeCorpusOptions): Promise<CorpusResult> {
	const random = mulberry32(options.seed);
	const [y, m, d] = options.startDay.split('-').map(Number) as [number, number, number];
	const start = Date.UTC(y, m - 1, d);
	const result: CorpusResult = {files: 0, bytes: 0, calls: 0};
	for (
		let index = 0;
		index < options.sessions || (options.targetBytes !== undefined && result.bytes < options.targetBytes);
		index++
	) {
		const project = pick(projects, random);
		const day = Math.floor(random() * options.days);
		// Most work happens 9:00–19:00 UTC; a few sessions start late and cross midnight.
		const hour = random() < 0.1 ? 22 + random() * 1.5 : 9 + random() * 10;
		const long = random() < 0.2;
		const plan: SessionPlan = {
			project,
			cwd: `/home/dev/src/${project}`,
			sessionId: uuid(random),
			start: start + day * 86_400_000 + Math.floor(hour * 3_600_000),
			turns: long ? 12 + Math.floor(random() * 25) : 1 + Math.floor(random() * 6),
			model: pick(models, random),
			branch: pick(['main', 'feature/pagination', 'fix/login'], random),
		};
		const written = await writeSession(dir, plan, random);
		result.files += written.files;
		result.bytes += written.bytes;
		result.calls += written.calls;
	}

	return result;
}
