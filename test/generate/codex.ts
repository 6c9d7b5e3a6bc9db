/**
Seeded generator of realistic Codex rollouts (parsers/FORMATS.md §2), for the demo data and benchmarks.

Writes `<dir>/sessions/YYYY/MM/DD/rollout-<local time>-<uuid>.jsonl` like codex-rs 0.10x:
session_meta, developer/context messages, user prompts (some vague), a turn_context per
model request, reasoning, tool calls (shell with git, exec_command, apply_patch, web search,
update_plan) with their outputs, and token_count events with cumulative totals, a null-info
first event and re-emitted copies. Some sessions spawn a sub-agent whose rollout starts by
replaying the parent's history (the trap of parsers/FORMATS.md §2.3).

Deterministic: the same options write the same bytes (mulberry32, no clock, no dependency).
Files are streamed, so `targetBytes` can ask for gigabytes. `calls` is the number of distinct
billed requests a correct parser must report (replays and re-emitted copies excluded).
*/
import {once} from 'node:events';
import {createWriteStream, type WriteStream} from 'node:fs';
import {mkdir} from 'node:fs/promises';
import path from 'node:path';
import {
	codexToolCall,
	developerText,
	environmentText,
	type Pick,
	prompts,
	pickFrom,
	projects,
	toolOutput,
} from './codex-content.js';

export type CodexCorpusOptions = {
	readonly seed: number;
	readonly sessions: number;
	/** First day, `YYYY-MM-DD` (UTC). */
	readonly startDay: string;
	readonly days: number;
	/** Keep adding sessions until the corpus has at least this many bytes. */
	readonly targetBytes?: number;
};

export type CorpusResult = {files: number; bytes: number; calls: number};

export function mulberry32(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};
}

type Usage = {
	input_tokens: number;
	cached_input_tokens: number;
	output_tokens: number;
	reasoning_output_tokens: number;
	total_tokens: number;
};

const zeroUsage = (): Usage => ({
	input_tokens: 0,
	cached_input_tokens: 0,
	output_tokens: 0,
	reasoning_output_tokens: 0,
	total_tokens: 0,
});
const models = ['gpt-5.3-codex', 'gpt-5.3-codex', 'gpt-5.2-codex', 'gpt-5.4', 'gpt-5-codex'];
const originators = [
	['codex_cli_rs', 'cli'],
	['codex_cli_rs', 'cli'],
	['codex_vscode', 'vscode'],
	['Codex Desktop', 'vscode'],
	['codex_exec', 'exec'],
] as const;

/** One rollout file being written: line helper with byte accounting and backpressure. */
class Rollout {
	bytes = 0;
	private readonly stream: WriteStream;

	constructor(file: string) {
		this.stream = createWriteStream(file);
	}

	async line(time: number, type: string, payload: unknown): Promise<void> {
		const text = JSON.stringify({timestamp: new Date(time).toISOString(), type, payload}) + '\n';
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
	id: string;
	start: number;
	cwd: string;
	model: string;
	originator: string;
	source: unknown;
	parentId?: string;
};

export async function generateCodexCorpus(dir: string, options: CodexCorpusOptions): Promise<CorpusResult> {
	const random = mulberry32(options.seed);
	const pick: Pick = list => pickFrom(list, random);
	const result: CorpusResult = {files: 0, bytes: 0, calls: 0};
	const dayZero = Date.parse(`${options.startDay}T00:00:00.000Z`);
	for (let index = 0; index < options.sessions || result.bytes < (options.targetBytes ?? 0); index++) {
		const day = Math.floor(random() * options.days);
		// Session 1 starts late so it crosses midnight; the others run during the working day.
		const minute = index === 1 ? 23 * 60 + 35 : 7 * 60 + Math.floor(random() * 14 * 60);
		const start = dayZero + day * 86_400_000 + minute * 60_000 + Math.floor(random() * 60_000);
		const [originator, source] = pick(originators);
		const plan: SessionPlan = {
			id: uuid(random, start),
			start,
			cwd: `/home/dev/src/${pick(projects)}`,
			model: pick(models),
			originator,
			source,
		};
		const history: Array<[string, unknown]> = [];
		const parent = await writeSession(
			dir,
			plan,
			random,
			pick,
			result,
			history,
			index === 1 ? 14 : 2 + Math.floor(random() * 6),
		);
		if (random() < 0.2) {
			const child: SessionPlan = {
				...plan,
				id: uuid(random, parent.end + 1000),
				start: parent.end + 1000,
				source: {
					subagent: {
						thread_spawn: {
							parent_thread_id: plan.id,
							depth: 1,
							agent_nickname: pick(['Locke', 'Ada', 'Noether']),
							agent_role: 'explorer',
						},
					},
				},
				parentId: plan.id,
			};
			await writeSession(dir, child, random, pick, result, history, 1);
		}
	}

	return result;
}

async function writeSession(
	dir: string,
	plan: SessionPlan,
	random: () => number,
	pick: Pick,
	result: CorpusResult,
	history: Array<[string, unknown]>,
	turns: number,
): Promise<{end: number}> {
	const local = new Date(plan.start).toISOString().replace(/:/g, '-').slice(0, 19);
	const day = local.slice(0, 10).split('-');
	const folder = path.join(dir, 'sessions', ...day);
	await mkdir(folder, {recursive: true});
	const out = new Rollout(path.join(folder, `rollout-${local}-${plan.id}.jsonl`));
	let time = plan.start;
	const meta = {
		id: plan.id,
		timestamp: new Date(time).toISOString(),
		cwd: plan.cwd,
		originator: plan.originator,
		cli_version: '0.104.0',
		source: plan.source,
		model_provider: 'openai',
		...(plan.parentId ? {forked_from_id: plan.parentId} : {}),
		git: {branch: pick(['main', 'main', 'feature/cache', 'fix/login'])},
	};
	await out.line(time, 'session_meta', meta);
	let total = zeroUsage();
	if (plan.parentId) {
		// A sub-agent replays its parent's history at creation: same millisecond burst.
		for (const [type, payload] of history) {
			await out.line(time, type, payload);
		}

		total = lastTotalOf(history) ?? total;
	} else {
		await out.line(time, 'response_item', {
			type: 'message',
			role: 'developer',
			content: [{type: 'input_text', text: developerText}],
		});
		await out.line(time, 'response_item', {
			type: 'message',
			role: 'user',
			content: [{type: 'input_text', text: environmentText(plan.cwd)}],
		});
	}

	let context = 9000 + Math.floor(random() * 6000) + total.input_tokens / 50;
	let firstTokenEvent = true;
	for (let turn = 0; turn < turns; turn++) {
		time += turn === 0 ? 3000 : 60_000 + Math.floor(random() * 25 * 60_000);
		const turnId = uuid(random, time);
		const prompt =
			plan.parentId && turn === 0 ? 'Explore the code base and report the files that handle caching' : pick(prompts);
		await out.line(time, 'event_msg', {type: 'task_started', turn_id: turnId, model_context_window: 258_400});
		await out.line(time, 'response_item', {
			type: 'message',
			role: 'user',
			content: [{type: 'input_text', text: prompt}],
		});
		await out.line(time, 'event_msg', {type: 'user_message', message: prompt, images: []});
		record(history, plan, 'event_msg', {type: 'user_message', message: prompt, images: []});
		const requests = 1 + Math.floor(random() * (prompt.length < 12 ? 4 : 10));
		for (let request = 0; request < requests; request++) {
			time += 1500 + Math.floor(random() * 30_000);
			await out.line(time, 'turn_context', {
				turn_id: turnId,
				cwd: plan.cwd,
				approval_policy: 'on-request',
				model: plan.model,
				effort: 'medium',
				summary: 'auto',
			});
			if (firstTokenEvent) {
				firstTokenEvent = false;
				await out.line(time + 900, 'event_msg', {type: 'token_count', info: null, rate_limits: rateLimits(random)});
			}

			time += 2000 + Math.floor(random() * 20_000);
			await out.line(time, 'response_item', {
				type: 'reasoning',
				summary: [],
				content: null,
				encrypted_content: 'gAAAAB' + 'x'.repeat(200 + Math.floor(random() * 1200)),
			});
			const last = request === requests - 1;
			const calls = last ? [] : codexToolCall(pick, random);
			for (const [index, call] of calls.entries()) {
				await out.line(time + index, 'response_item', {
					...call,
					call_id: `call_${plan.id.slice(-8)}_${turn}_${request}_${index}`,
				});
			}

			const fresh = 300 + Math.floor(random() * (random() < 0.08 ? 40_000 : 4000));
			const input = Math.round(context + fresh);
			const cached = random() < 0.06 ? 0 : Math.round(context * (0.85 + random() * 0.14));
			const output = 40 + Math.floor(random() * (last ? 900 : 300));
			const reasoning = Math.floor(output * random() * 0.7);
			const usage: Usage = {
				input_tokens: input,
				cached_input_tokens: Math.min(cached, input),
				output_tokens: output,
				reasoning_output_tokens: reasoning,
				total_tokens: input + output,
			};
			total = addUsage(total, usage);
			const event = {
				type: 'token_count',
				info: {total_token_usage: total, last_token_usage: usage, model_context_window: 258_400},
				rate_limits: rateLimits(random),
			};
			await out.line(time + 15, 'event_msg', event);
			record(history, plan, 'event_msg', event);
			result.calls++;
			for (const [index, call] of calls.entries()) {
				if (call.type === 'web_search_call') {
					continue; // searches have no output item
				}

				const output = toolOutput(call, random);
				await out.line(time + 200 + index, 'response_item', {
					type: `${call.type}_output`,
					call_id: `call_${plan.id.slice(-8)}_${turn}_${request}_${index}`,
					output,
				});
				context += output.length / 4;
			}

			if (random() < 0.85) {
				// Codex 0.10x writes the event again with unchanged info (parsers/FORMATS.md §2.3).
				await out.line(time + 1200, 'event_msg', {...event, rate_limits: rateLimits(random)});
			}

			context += output + 120;
		}

		await out.line(time + 300, 'event_msg', {type: 'agent_message', message: 'Done: summary of the changes.'});
		await out.line(time + 310, 'event_msg', {type: 'task_complete', turn_id: turnId});
	}

	await out.close();
	result.files++;
	result.bytes += out.bytes;
	return {end: time};
}

/** Keeps what a sub-agent's replay copies (prompts and usage of the parent). */
function record(history: Array<[string, unknown]>, plan: SessionPlan, type: string, payload: unknown): void {
	if (!plan.parentId) {
		history.push([type, payload]);
	}
}

function lastTotalOf(history: Array<[string, unknown]>): Usage | undefined {
	for (let index = history.length - 1; index >= 0; index--) {
		const info = (history[index]![1] as {info?: {total_token_usage?: Usage}}).info;
		if (info?.total_token_usage) {
			return info.total_token_usage;
		}
	}

	return undefined;
}

function addUsage(a: Usage, b: Usage): Usage {
	return {
		input_tokens: a.input_tokens + b.input_tokens,
		cached_input_tokens: a.cached_input_tokens + b.cached_input_tokens,
		output_tokens: a.output_tokens + b.output_tokens,
		reasoning_output_tokens: a.reasoning_output_tokens + b.reasoning_output_tokens,
		total_tokens: a.total_tokens + b.total_tokens,
	};
}

function rateLimits(random: () => number): unknown {
	return {
		limit_id: 'codex',
		primary: {used_percent: Math.floor(random() * 90), window_minutes: 300, resets_at: 1_790_000_000},
		secondary: {used_percent: Math.floor(random() * 60), window_minutes: 10_080, resets_at: 1_790_300_000},
	};
}

/** A UUIDv7-looking id: time-ordered prefix, random tail. */
function uuid(random: () => number, time: number): string {
	const hex = (digits: number) =>
		Array.from({length: digits}, () =>
			Math.floor(random() * 16)
				.toString(16)
				.slice(0, 1),
		).join('');
	const stamp = Math.floor(time).toString(16).padStart(12, '0').slice(-12);
	return `${stamp.slice(0, 8)}-${stamp.slice(8)}-7${hex(3)}-${'89ab'[Math.floor(random() * 4)]}${hex(3)}-${hex(12)}`;
}
