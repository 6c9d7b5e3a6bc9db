/**
Seeded generator of realistic Gemini CLI chat recordings (parsers/FORMATS.md §3), for the demo data
and tests.

Writes `<dir>/<project>/chats/session-<YYYY-MM-DDThh-mm>-<id8>.jsonl` in the append-only
format: a metadata record, user and gemini messages, each gemini message re-appended as it
changes (first without tokens, then with tokens, then with toolCalls), `$set` metadata
updates, now and then a `$rewindTo`, and subagent sessions in `chats/<parentId>/<id>.jsonl`.
The first session is a legacy `.json` that was later resumed: the `.json` keeps its first
messages and the `.jsonl` next to it starts with a `$set.messages` checkpoint repeating them
(the double-count trap of parsers/FORMATS.md §3.5).

Deterministic: the same options write the same bytes (mulberry32, no clock, no dependency).
`calls` is the number of distinct billed requests a correct parser must report.
*/
import {mkdir, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {mulberry32} from './codex.js';

export type GeminiCorpusOptions = {
	readonly seed: number;
	readonly sessions: number;
	/** First day, `YYYY-MM-DD` (UTC). */
	readonly startDay: string;
	readonly days: number;
};

export type GeminiCorpusResult = {files: number; bytes: number; calls: number};

type Message = Record<string, unknown> & {id: string; type: string};

const projects = [
	'webshop',
	'infra-tools',
	'ml-pipeline',
	'3f9a1c2e8b7d6a5f4e3d2c1b0a9f8e7d6c5b4a39281706f5e4d3c2b1a0f9e8d7',
];
const models = [
	'gemini-2.5-pro',
	'gemini-2.5-pro',
	'gemini-2.5-flash',
	'gemini-3-flash-preview',
	'gemini-3.1-pro-preview',
];
const prompts = [
	'Why does the checkout test fail on CI but not locally?',
	'Refactor the config loader to use zod schemas',
	'Add pagination to the /orders endpoint',
	'Explain what this terraform module does',
	'fix it',
	'Write unit tests for the tokenizer',
	'Speed up the docker build',
	'Rename UserService to AccountService everywhere',
];
const tools: ReadonlyArray<(project: string, r: () => number) => Record<string, unknown>> = [
	project => ({name: 'read_file', args: {file_path: `/home/dev/${project}/src/index.ts`}}),
	project => ({
		name: 'replace',
		args: {file_path: `/home/dev/${project}/src/config.ts`, old_string: 'a', new_string: 'b'},
	}),
	project => ({name: 'write_file', args: {file_path: `/home/dev/${project}/test/new.test.ts`, content: 'test()'}}),
	() => ({name: 'run_shell_command', args: {command: 'npm test'}}),
	() => ({name: 'run_shell_command', args: {command: 'git diff --stat'}}),
	() => ({name: 'glob', args: {pattern: '**/*.ts'}}),
	() => ({name: 'search_file_content', args: {pattern: 'TODO'}}),
	() => ({name: 'google_web_search', args: {query: 'zod discriminated union'}}),
];

const pad = (n: number) => String(n).padStart(2, '0');

function uuid(r: () => number): string {
	const hex = Array.from({length: 32}, () => Math.floor(r() * 16).toString(16)).join('');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** One conversation: alternating user prompts and gemini calls, with the JSONL rewrite lines. */
function conversation(
	r: () => number,
	project: string,
	start: number,
	turns: number,
): {messages: Message[]; lines: unknown[]; calls: number; end: number} {
	const messages: Message[] = [];
	const lines: unknown[] = [];
	let time = start;
	let calls = 0;
	let context = 8000 + Math.floor(r() * 6000);
	const model = models[Math.floor(r() * models.length)]!;
	for (let turn = 0; turn < turns; turn++) {
		time += 20_000 + Math.floor(r() * 600_000);
		const user: Message = {
			id: uuid(r),
			timestamp: new Date(time).toISOString(),
			type: 'user',
			content: [{text: prompts[Math.floor(r() * prompts.length)]!}],
		};
		messages.push(user);
		lines.push(user, {$set: {lastUpdated: user.timestamp}});
		const steps = 1 + Math.floor(r() * 4);
		for (let step = 0; step < steps; step++) {
			time += 3000 + Math.floor(r() * 40_000);
			context += 500 + Math.floor(r() * 4000);
			const cached = r() < 0.7 ? Math.floor(context * (0.5 + r() * 0.45)) : 0;
			const output = 40 + Math.floor(r() * 1500);
			const thoughts = Math.floor(r() * 900);
			const tokens = {input: context, output, cached, thoughts, tool: 0, total: context + output + thoughts};
			const base: Message = {id: uuid(r), timestamp: new Date(time).toISOString(), type: 'gemini', content: '', model};
			const withTokens: Message = {
				...base,
				thoughts: [{subject: 'Planning', description: '…', timestamp: base['timestamp']}],
				tokens,
			};
			const toolCount = step < steps - 1 ? 1 + Math.floor(r() * 2) : 0;
			const toolCalls = Array.from({length: toolCount}, () => ({
				id: uuid(r),
				status: 'success',
				...tools[Math.floor(r() * tools.length)]!(project, r),
			}));
			const final: Message = toolCount > 0 ? {...withTokens, toolCalls} : withTokens;
			messages.push(final);
			lines.push(base, withTokens, {$set: {lastUpdated: base['timestamp']}});
			if (toolCount > 0) {
				lines.push(final);
			}

			calls++;
		}

		if (r() < 0.08) {
			lines.push({$rewindTo: user.id});
		}
	}

	return {messages, lines, calls, end: time};
}

export async function generateGeminiCorpus(dir: string, options: GeminiCorpusOptions): Promise<GeminiCorpusResult> {
	const r = mulberry32(options.seed);
	const firstDay = Date.parse(`${options.startDay}T00:00:00.000Z`);
	const result: GeminiCorpusResult = {files: 0, bytes: 0, calls: 0};
	const write = async (file: string, text: string) => {
		await mkdir(path.dirname(file), {recursive: true});
		await writeFile(file, text);
		result.files++;
		result.bytes += Buffer.byteLength(text);
	};

	const jsonl = (lines: unknown[]) => lines.map(line => JSON.stringify(line)).join('\n') + '\n';
	for (let index = 0; index < options.sessions; index++) {
		const project = projects[Math.floor(r() * projects.length)]!;
		const day = firstDay + Math.floor(r() * Math.max(1, options.days)) * 86_400_000;
		const start = day + Math.floor((7 + r() * 14) * 3_600_000);
		const sessionId = uuid(r);
		const stamp = new Date(start);
		const name = `session-${stamp.getUTCFullYear()}-${pad(stamp.getUTCMonth() + 1)}-${pad(stamp.getUTCDate())}T${pad(stamp.getUTCHours())}-${pad(stamp.getUTCMinutes())}-${sessionId.slice(0, 8)}`;
		const chats = path.join(dir, project, 'chats');
		const meta = {
			sessionId,
			projectHash: project,
			startTime: stamp.toISOString(),
			lastUpdated: stamp.toISOString(),
			kind: 'main',
		};
		const talk = conversation(r, project, start, 1 + Math.floor(r() * 6));
		result.calls += talk.calls;
		if (index === 0) {
			// Legacy session, later resumed: the .json keeps the first turn, the .jsonl repeats it.
			const cut = talk.messages.findIndex((message, position) => position > 0 && message.type === 'user');
			const legacy = cut === -1 ? talk.messages : talk.messages.slice(0, cut);
			await write(path.join(chats, `${name}.json`), JSON.stringify({...meta, messages: legacy}, undefined, 2));
			const rest = talk.messages.slice(legacy.length);
			await write(path.join(chats, `${name}.jsonl`), jsonl([meta, {$set: {messages: legacy}}, ...rest]));
		} else {
			await write(
				path.join(chats, `${name}.jsonl`),
				jsonl([meta, ...talk.lines, {$set: {lastUpdated: new Date(talk.end).toISOString()}}]),
			);
		}

		if (r() < 0.25) {
			const subId = uuid(r);
			const sub = conversation(r, project, start + 60_000, 1);
			result.calls += sub.calls;
			await write(
				path.join(chats, sessionId, `${subId}.jsonl`),
				jsonl([{...meta, sessionId: subId, kind: 'subagent'}, ...sub.lines]),
			);
		}
	}

	return result;
}
