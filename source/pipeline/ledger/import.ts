/**
`--import FILE`: usage from another machine's export document (`agent-ncdu --json`). Its
`tree` holds every call with agent, time, model and tokens under its session, so the calls
are rebuilt as events and priced again here (a `reported` cost stays reported).

Imported calls are matched against what is already loaded by agent, time, model and tokens
(not session: the export folds sub-agent sessions into their parent), as a multiset, so
importing a document of this very machine, or the same document twice, adds nothing.
*/
import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {activities, type Activity} from '../../core/activity.js';
import {type AgentId, isAgentId} from '../../core/agents.js';
import type {DiagnosticSink} from '../../core/diagnostics.js';
import type {CallEvent, ToolUse, UsageEvent} from '../../core/events.js';
import {tokenCount} from '../../core/tokens.js';
import type {UsageStore} from '../../model/store.js';
import {tokensToArray} from './records.js';

type JsonSession = {
	agent?: unknown;
	sessionId?: unknown;
	project?: unknown;
	surface?: unknown;
	gitBranch?: unknown;
	device?: unknown;
};
type JsonTurn = {turnId?: unknown; time?: unknown; prompt?: unknown};
type JsonCall = {
	agent?: unknown;
	time?: unknown;
	model?: unknown;
	costUSD?: unknown;
	costSource?: unknown;
	tools?: unknown;
	callId?: unknown;
};
type JsonNode = {
	kind?: unknown;
	children?: unknown;
	session?: JsonSession;
	turn?: JsonTurn;
	call?: JsonCall;
	totals?: {tokens?: Record<string, unknown>};
};

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const timeOf = (value: unknown): number => (typeof value === 'string' ? Date.parse(value) : Number.NaN);
const callIdentity = (call: Pick<CallEvent, 'agent' | 'time' | 'model' | 'tokens'>) =>
	`${call.agent}\u0000${call.time}\u0000${call.model ?? ''}\u0000${tokensToArray(call.tokens).join(',')}`;

function toolsOf(value: unknown): ToolUse[] {
	if (!Array.isArray(value)) {
		return [];
	}

	return value.flatMap((tool: {name?: unknown; activity?: unknown} | null) =>
		typeof tool?.name === 'string' && activities.includes(tool.activity as Activity)
			? [{name: tool.name, activity: tool.activity as Activity}]
			: [],
	);
}

/** Events of one export document; `device` labels sessions that carry no device of their own. */
export function eventsOfExport(document: unknown, device: string): UsageEvent[] {
	const events: UsageEvent[] = [];
	const doc = document as {format?: unknown; tree?: JsonNode} | null;
	if (doc?.format !== 'agent-ncdu' || typeof doc.tree !== 'object' || doc.tree === null) {
		return events;
	}

	const visit = (
		node: JsonNode,
		session: {agent: AgentId; id: string} | undefined,
		turnId: string | undefined,
	): void => {
		let currentSession = session;
		let currentTurn = turnId;
		const info = node.session;
		if (node.kind === 'session' && info && isAgentId(String(info.agent)) && typeof info.sessionId === 'string') {
			currentSession = {agent: info.agent as AgentId, id: info.sessionId};
			events.push({
				type: 'session',
				agent: currentSession.agent,
				sessionId: info.sessionId,
				project: text(info.project),
				surface: text(info.surface),
				gitBranch: text(info.gitBranch),
				device: text(info.device) ?? device,
			});
		}

		const turn = node.turn;
		if (node.kind === 'turn' && turn && currentSession && typeof turn.turnId === 'string') {
			currentTurn = turn.turnId;
			const time = timeOf(turn.time);
			if (Number.isFinite(time)) {
				events.push({
					type: 'turn',
					agent: currentSession.agent,
					sessionId: currentSession.id,
					turnId: turn.turnId,
					time,
					prompt: text(turn.prompt) ?? '',
				});
			}
		}

		const call = node.call;
		const time = timeOf(call?.time);
		if (node.kind === 'call' && call && currentSession && isAgentId(String(call.agent)) && Number.isFinite(time)) {
			const tokens = node.totals?.tokens ?? {};
			events.push({
				type: 'call',
				agent: call.agent as AgentId,
				sessionId: currentSession.id,
				turnId: currentTurn === '∅' ? undefined : currentTurn,
				time,
				model: call.model === 'unknown' ? undefined : text(call.model),
				tokens: {
					input: tokenCount(tokens['input']),
					cacheRead: tokenCount(tokens['cacheRead']),
					cacheWrite5m: tokenCount(tokens['cacheWrite5m']),
					cacheWrite1h: tokenCount(tokens['cacheWrite1h']),
					output: tokenCount(tokens['output']),
					reasoning: tokenCount(tokens['reasoning']),
				},
				reportedCostUSD: call.costSource === 'reported' && typeof call.costUSD === 'number' ? call.costUSD : undefined,
				tools: toolsOf(call.tools),
				callId: text(call.callId),
			});
		}

		if (Array.isArray(node.children)) {
			for (const child of node.children as JsonNode[]) {
				visit(child, currentSession, currentTurn);
			}
		}
	};

	visit(doc.tree, undefined, undefined);
	return events;
}

/** Adds an export document's usage to the store; returns how many calls were new. */
export async function importExport(store: UsageStore, file: string, report: DiagnosticSink): Promise<number> {
	let document: unknown;
	try {
		document = JSON.parse(await readFile(file, 'utf8'));
	} catch (error) {
		report({kind: 'unreadable-file', file, message: `--import: ${(error as Error).message}`});
		return 0;
	}

	// `--json` writes sessions, not calls, unless `--depth call`: such a document has nothing
	// to import, and adding its sessions alone would count nothing. Say how to re-export it.
	const depth = (document as {depth?: unknown} | null)?.depth;
	if (typeof depth === 'string' && depth !== 'call') {
		report({
			kind: 'unknown-schema',
			file,
			message: `--import: this export stops at --depth ${depth} and holds no API calls; export it again with --json --depth call`,
		});
		return 0;
	}

	const events = eventsOfExport(document, path.basename(file).replace(/\.json$/i, ''));
	if (events.length === 0) {
		report({
			kind: 'unknown-schema',
			file,
			message: '--import: not an agent-ncdu export document with a tree (export it with --json)',
		});
		return 0;
	}

	const present = new Map<string, number>();
	for (const call of store.allCalls()) {
		const identity = callIdentity(call);
		present.set(identity, (present.get(identity) ?? 0) + 1);
	}

	const seen = new Map<string, number>();
	const before = store.callCount;
	for (const event of events) {
		if (event.type !== 'call') {
			store.add(event);
			continue;
		}

		const identity = callIdentity(event);
		const count = (seen.get(identity) ?? 0) + 1;
		seen.set(identity, count);
		if (count > (present.get(identity) ?? 0)) {
			store.add(event);
		}
	}

	return store.callCount - before;
}
