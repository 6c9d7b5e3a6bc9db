/**
Seeded generator of OpenClaw session transcripts (parsers/FORMATS.md §5.14), for the demo data.

Writes `<dir>/agents/<agent>/sessions/<session>.jsonl` in the shape of the real redacted session
in `fixtures/agents/openclaw`: a `session` header with the cwd, a `custom`/`model-snapshot`
record naming the model, then per turn a user message followed by assistant messages (pi-style
`usage{input, output, cacheRead, cacheWrite, totalTokens, cost{…, total}}`, `toolCall` blocks)
and their `toolResult` messages. Some assistant messages carry OpenClaw's own cost (reported),
the others a zero cost (estimated from list prices); now and then a failed request with all-zero
usage, as real transcripts have.

Deterministic: the same options write the same bytes (mulberry32, no clock).
`calls` is the number of assistant messages with usage a correct parser must report.
*/
import {mkdir, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {mulberry32} from './codex.js';

export type OpenClawCorpusOptions = {
	readonly seed: number;
	readonly sessions: number;
	/** First day, `YYYY-MM-DD` (UTC). */
	readonly startDay: string;
	readonly days: number;
};

export type OpenClawCorpusResult = {files: number; bytes: number; calls: number};

const agents = ['main', 'ops'];
const projects = ['/home/dev/homelab', '/home/dev/webapp', '/home/dev/newsletter'];
const models = [
	{provider: 'anthropic', modelId: 'claude-sonnet-4-5', api: 'anthropic-messages'},
	{provider: 'openai', modelId: 'gpt-5', api: 'openai-responses'},
];
const prompts = [
	'Check why the nightly backup job failed',
	'Summarise my unread issues and draft replies',
	'Add a health check endpoint to the web app',
	'Rotate the TLS certificates on the home server',
	'what changed since yesterday?',
	'Write the release notes for v2.3',
];
const tools: ReadonlyArray<(project: string) => {name: string; arguments: Record<string, unknown>}> = [
	project => ({name: 'read', arguments: {file_path: `${project}/README.md`}}),
	project => ({name: 'edit', arguments: {path: `${project}/src/server.ts`, oldText: 'a', newText: 'b'}}),
	() => ({name: 'exec', arguments: {command: 'git log --oneline -5'}}),
	() => ({name: 'exec', arguments: {command: 'systemctl status backup.service'}}),
	() => ({name: 'web_search', arguments: {query: 'restic prune exit code 3'}}),
];

/** Per million tokens, for the reported costs OpenClaw writes (input, output, cache read, cache write). */
const prices: Record<string, readonly [number, number, number, number]> = {
	'claude-sonnet-4-5': [3, 15, 0.3, 3.75],
	'gpt-5': [1.25, 10, 0.125, 0],
};

function hex(random: () => number, length: number): string {
	let text = '';
	for (let i = 0; i < length; i++) {
		text += Math.floor(random() * 16).toString(16);
	}

	return text;
}

export async function generateOpenClawCorpus(
	dir: string,
	options: OpenClawCorpusOptions,
): Promise<OpenClawCorpusResult> {
	const random = mulberry32(options.seed);
	const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
	const start = Date.parse(`${options.startDay}T00:00:00Z`);
	let files = 0;
	let bytes = 0;
	let calls = 0;
	for (let s = 0; s < options.sessions; s++) {
		const agent = agents[s % agents.length]!;
		const sessionId = `${hex(random, 8)}-${hex(random, 4)}-4${hex(random, 3)}-a${hex(random, 3)}-${hex(random, 12)}`;
		const cwd = pick(projects);
		const model = pick(models);
		let time = start + Math.floor(random() * options.days) * 86_400_000 + Math.floor((7 + random() * 14) * 3_600_000);
		let parentId: string | null = null;
		const lines: string[] = [];
		const iso = (ms: number): string => new Date(ms).toISOString();
		const push = (record: Record<string, unknown>): void => {
			lines.push(JSON.stringify(record));
		};

		push({type: 'session', version: 3, id: sessionId, timestamp: iso(time), cwd});
		const snapshotId = hex(random, 8);
		push({
			type: 'custom',
			customType: 'model-snapshot',
			data: {timestamp: time, provider: model.provider, modelApi: model.api, modelId: model.modelId},
			id: snapshotId,
			parentId,
			timestamp: iso(time),
		});
		parentId = snapshotId;
		const turns = 1 + Math.floor(random() * 4);
		for (let t = 0; t < turns; t++) {
			time += 60_000 + Math.floor(random() * 20 * 60_000);
			const userId = hex(random, 8);
			push({
				type: 'message',
				id: userId,
				parentId,
				timestamp: iso(time),
				message: {role: 'user', content: [{type: 'text', text: pick(prompts)}], timestamp: time},
			});
			parentId = userId;
			if (random() < 0.15) {
				// A failed request: logged with all-zero usage, not a call.
				time += 2000;
				const failedId = hex(random, 8);
				push({
					type: 'message',
					id: failedId,
					parentId,
					timestamp: iso(time),
					message: {
						role: 'assistant',
						content: [],
						stopReason: 'error',
						api: model.api,
						provider: model.provider,
						model: model.modelId,
						usage: {
							input: 0,
							output: 0,
							cacheRead: 0,
							cacheWrite: 0,
							totalTokens: 0,
							cost: {input: 0, output: 0, cacheRead: 0, cacheWrite: 0, total: 0},
						},
						timestamp: time,
						errorMessage: 'fetch failed',
					},
				});
				parentId = failedId;
			}

			const steps = 1 + Math.floor(random() * 5);
			for (let step = 0; step < steps; step++) {
				time += 3000 + Math.floor(random() * 40_000);
				const last = step === steps - 1;
				const toolCall = last ? undefined : pick(tools)(cwd);
				const input = 20 + Math.floor(random() * 2500);
				const output = 30 + Math.floor(random() * 1800);
				const cacheRead = step === 0 ? 0 : 2000 + Math.floor(random() * 30_000);
				const cacheWrite = model.provider === 'anthropic' ? Math.floor(random() * 3000) : 0;
				const [pIn, pOut, pRead, pWrite] = prices[model.modelId]!;
				const part = (tokens: number, price: number): number => Math.round(tokens * price) / 1e6;
				// Older OpenClaw builds logged no cost: about a third of the calls show a zero.
				const reported = random() < 0.66;
				const cost = {
					input: reported ? part(input, pIn) : 0,
					output: reported ? part(output, pOut) : 0,
					cacheRead: reported ? part(cacheRead, pRead) : 0,
					cacheWrite: reported ? part(cacheWrite, pWrite) : 0,
					total: 0,
				};
				cost.total = Math.round((cost.input + cost.output + cost.cacheRead + cost.cacheWrite) * 1e6) / 1e6;
				const assistantId = hex(random, 8);
				const toolCallId = `call_${hex(random, 12)}`;
				push({
					type: 'message',
					id: assistantId,
					parentId,
					timestamp: iso(time),
					message: {
						role: 'assistant',
						content: [
							{type: 'text', text: last ? 'Done — summary above.' : 'Let me look.'},
							...(toolCall ? [{type: 'toolCall', id: toolCallId, ...toolCall}] : []),
						],
						api: model.api,
						provider: model.provider,
						model: model.modelId,
						usage: {input, output, cacheRead, cacheWrite, totalTokens: input + output + cacheRead + cacheWrite, cost},
						stopReason: toolCall ? 'toolUse' : 'stop',
						timestamp: time,
					},
				});
				calls++;
				parentId = assistantId;
				if (toolCall) {
					time += 500 + Math.floor(random() * 5000);
					const resultId = hex(random, 8);
					push({
						type: 'message',
						id: resultId,
						parentId,
						timestamp: iso(time),
						message: {
							role: 'toolResult',
							toolCallId,
							toolName: toolCall.name,
							content: [{type: 'text', text: 'ok'}],
							isError: false,
							timestamp: time,
						},
					});
					parentId = resultId;
				}
			}
		}

		const folder = path.join(dir, 'agents', agent, 'sessions');
		await mkdir(folder, {recursive: true});
		const text = lines.join('\n') + '\n';
		await writeFile(path.join(folder, `${sessionId}.jsonl`), text);
		files++;
		bytes += Buffer.byteLength(text);
	}

	return {files, bytes, calls};
}
