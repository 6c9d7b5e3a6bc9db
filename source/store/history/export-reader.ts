/**
The tokens of an export document (json-stream.ts) → usage events, node by node, as they are
read: a node's head (`kind`, `session`, `turn`, `call`, `totals.tokens`) is kept until the node
is done, everything else (`days`, `sessions`, labels, insights) is skipped unread. A session or
turn node's event is emitted when its `children` begin (so its own fields must come first, as
agent-ncdu writes them), a call's when its node ends. Counts and sizes are bounded
(`importLimits`); beyond them the document is refused (`ImportRefused`).
*/
import {activities, type Activity} from '../../core/activity.js';
import {type AgentId, isAgentId} from '../../core/agents.js';
import type {ToolUse, UsageEvent} from '../../core/events.js';
import {parseTime} from '../../core/time.js';
import {tokenCount} from '../../core/tokens.js';
import type {JsonHandler, JsonScalar} from './json-stream.js';

/** Documented in readme.md (--import). */
export const importLimits = {
	/** JSON nesting; agent-ncdu's own documents nest about 20 deep. */
	maxDepth: 64,
	/** One string or number; the longest in an export is a path or a prompt preview. */
	maxStringBytes: 1024 * 1024,
	/** Values inside one node field (`session`, `turn`, `call`, `totals.tokens`): a call's tools and files. */
	maxFieldValues: 10_000,
	/**
	Session and call nodes. Each costs memory for the whole run (a session about 11 KB with its
	tree and export, a call about 1 KB): together at most about 2 GB, in a heap of 4 GB.
	*/
	maxSessions: 100_000,
	maxCalls: 1_000_000,
} as const;

/** Why a document cannot be imported; becomes the ✖ message. */
export class ImportRefused extends Error {}

export type Json = Record<string, unknown>;
type Context = {readonly session?: {readonly agent: AgentId; readonly id: string}; readonly turnId?: string};
type NodeFrame = {type: 'node'; head: Json; context: Context; inner?: Context};
type Frame =
	| {type: 'document'}
	| NodeFrame
	| {type: 'totals'}
	| {type: 'children'; context: Context}
	| {type: 'skip'}
	| {type: 'value'; key: string; builder: ValueBuilder};
/** What the value that comes next is, by where it stands. */
type Slot = 'document' | 'node' | 'children' | 'totals' | 'value' | 'skip';

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const recordOf = (value: unknown): Json | undefined =>
	typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;

function toolsOf(value: unknown): ToolUse[] {
	if (!Array.isArray(value)) {
		return [];
	}

	return value.flatMap((tool: unknown) => {
		const record = recordOf(tool);
		return typeof record?.['name'] === 'string' && activities.includes(record['activity'] as Activity)
			? [{name: record['name'], activity: record['activity'] as Activity}]
			: [];
	});
}

/** Builds one small JSON value from tokens (no recursion; objects without a prototype). */
class ValueBuilder {
	result: unknown;
	private readonly open: Array<unknown[] | Json> = [];
	private pendingKey = '';
	private values = 0;

	begin(isObject: boolean): void {
		const container: unknown[] | Json = isObject ? (Object.create(null) as Json) : [];
		this.add(container);
		this.open.push(container);
	}

	/** True when the outermost container closed. */
	end(): boolean {
		this.open.pop();
		return this.open.length === 0;
	}

	key(name: string): void {
		this.pendingKey = name;
	}

	add(value: unknown): void {
		if (++this.values > importLimits.maxFieldValues) {
			throw new ImportRefused(`a node field holds more than ${importLimits.maxFieldValues} values`);
		}

		const parent = this.open.at(-1);
		if (parent === undefined) {
			this.result = value;
		} else if (Array.isArray(parent)) {
			parent.push(value);
		} else {
			parent[this.pendingKey] = value;
		}
	}
}

/** Turns the tokens of an export document into events, node by node. */
export class ExportReader implements JsonHandler {
	readonly header: Json = Object.create(null) as Json;
	sawTree = false;
	private readonly frames: Frame[] = [];
	private pendingKey: string | undefined;

	private sessions = 0;
	private calls = 0;

	constructor(
		private readonly emit: (event: UsageEvent) => void,
		/** Labels sessions that carry no device of their own. */
		private readonly device: string,
		/** Told the header (`format`, `version`, `depth`) as the tree starts; throws to refuse the document. */
		private readonly onTree: (header: Json) => void,
	) {}

	beginObject(): void {
		this.begin(true);
	}

	beginArray(): void {
		this.begin(false);
	}

	endObject(): void {
		this.end();
	}

	endArray(): void {
		this.end();
	}

	key(name: string): void {
		const top = this.frames.at(-1);
		if (top?.type === 'value') {
			top.builder.key(name);
		} else {
			this.pendingKey = name;
		}
	}

	scalar(value: JsonScalar): void {
		const top = this.frames.at(-1);
		if (top?.type === 'value') {
			top.builder.add(value);
			return;
		}

		const slot = this.slot();
		if (slot === 'document') {
			throw new ImportRefused('not an agent-ncdu export document (it is not a JSON object)');
		}

		if (slot === 'value') {
			this.assign(this.pendingKey!, value);
		}

		this.pendingKey = undefined;
	}

	private slot(): Slot {
		const key = this.pendingKey;
		switch (this.frames.at(-1)?.type) {
			case undefined: {
				return 'document';
			}

			case 'document': {
				return key === 'tree' ? 'node' : key === 'format' || key === 'version' || key === 'depth' ? 'value' : 'skip';
			}

			case 'node': {
				if (key === 'children' || key === 'totals') return key;
				return key === 'kind' || key === 'session' || key === 'turn' || key === 'call' ? 'value' : 'skip';
			}

			case 'totals': {
				return key === 'tokens' ? 'value' : 'skip';
			}

			case 'children': {
				return 'node';
			}

			default: {
				return 'skip';
			}
		}
	}

	private begin(isObject: boolean): void {
		const top = this.frames.at(-1);
		if (top?.type === 'value') {
			top.builder.begin(isObject);
			return;
		}

		this.frames.push(this.frameFor(this.slot(), isObject, top));
		this.pendingKey = undefined;
	}

	private frameFor(slot: Slot, isObject: boolean, parent: Frame | undefined): Frame {
		switch (slot) {
			case 'document': {
				if (!isObject) throw new ImportRefused('not an agent-ncdu export document (it is not a JSON object)');
				return {type: 'document'};
			}

			case 'node': {
				if (!isObject) return {type: 'skip'};
				if (parent?.type === 'document') {
					this.startTree();
				}

				return {
					type: 'node',
					head: Object.create(null) as Json,
					context: parent?.type === 'children' ? parent.context : {},
				};
			}

			case 'children': {
				if (isObject) return {type: 'skip'};
				return {type: 'children', context: this.open(parent as NodeFrame)};
			}

			case 'totals': {
				return isObject ? {type: 'totals'} : {type: 'skip'};
			}

			case 'value': {
				const builder = new ValueBuilder();
				builder.begin(isObject);
				return {type: 'value', key: this.pendingKey!, builder};
			}

			default: {
				return {type: 'skip'};
			}
		}
	}

	private end(): void {
		const top = this.frames.at(-1);
		if (top?.type === 'value' && !top.builder.end()) {
			return;
		}

		this.frames.pop();
		if (top?.type === 'value') {
			this.assign(top.key, top.builder.result);
		} else if (top?.type === 'node') {
			this.count(top.head['kind']);
			this.open(top);
			this.emitCall(top);
		}
	}

	private assign(key: string, value: unknown): void {
		const parent = this.frames.at(-1);
		if (parent?.type === 'document') {
			this.header[key] = value;
		} else if (parent?.type === 'node') {
			parent.head[key] = value;
		} else if (parent?.type === 'totals') {
			// The totals frame sits right above its node.
			(this.frames.at(-2) as NodeFrame).head['tokens'] = value;
		}
	}

	/** The tree starts: the header before it says whether this program can read it. */
	private startTree(): void {
		this.onTree(this.header);
		this.sawTree = true;
	}

	/** Nodes cost memory until the end of the run: a document with more than the limits is refused. */
	private count(kind: unknown): void {
		if (kind === 'session' && ++this.sessions > importLimits.maxSessions) {
			throw new ImportRefused(
				`the document holds more than ${importLimits.maxSessions.toLocaleString('en-US')} sessions`,
			);
		}

		if (kind === 'call' && ++this.calls > importLimits.maxCalls) {
			throw new ImportRefused(
				`the document holds more than ${importLimits.maxCalls.toLocaleString('en-US')} API calls`,
			);
		}
	}

	/** Emits a session or turn node's event (once) and returns the context of its children. */
	private open(node: NodeFrame): Context {
		if (node.inner) {
			return node.inner;
		}

		let context = node.context;
		const {kind} = node.head;
		const session = recordOf(node.head['session']);
		const agent = session?.['agent'];
		const sessionId = session?.['sessionId'];
		if (
			kind === 'session' &&
			session &&
			typeof agent === 'string' &&
			isAgentId(agent) &&
			typeof sessionId === 'string'
		) {
			context = {session: {agent, id: sessionId}};
			this.emit({
				type: 'session',
				agent,
				sessionId,
				project: text(session['project']),
				surface: text(session['surface']),
				gitBranch: text(session['gitBranch']),
				device: text(session['device']) ?? this.device,
			});
		}

		const turn = recordOf(node.head['turn']);
		const turnId = turn?.['turnId'];
		const owner = context.session;
		if (kind === 'turn' && turn && owner && typeof turnId === 'string') {
			context = {session: owner, turnId};
			const time = parseTime(turn['time']);
			if (time !== undefined) {
				this.emit({
					type: 'turn',
					agent: owner.agent,
					sessionId: owner.id,
					turnId,
					time,
					prompt: text(turn['prompt']) ?? '',
				});
			}
		}

		node.inner = context;
		return context;
	}

	private emitCall(node: NodeFrame): void {
		const call = recordOf(node.head['call']);
		const {session, turnId} = node.context;
		const agent = call?.['agent'];
		const time = parseTime(call?.['time']);
		if (node.head['kind'] !== 'call' || !call || !session || typeof agent !== 'string' || !isAgentId(agent)) {
			return;
		}

		if (time === undefined) {
			return;
		}

		const tokens = recordOf(node.head['tokens']) ?? {};
		this.emit({
			type: 'call',
			agent,
			sessionId: session.id,
			turnId: turnId === '∅' ? undefined : turnId,
			time,
			model: call['model'] === 'unknown' ? undefined : text(call['model']),
			tokens: {
				input: tokenCount(tokens['input']),
				cacheRead: tokenCount(tokens['cacheRead']),
				cacheWrite5m: tokenCount(tokens['cacheWrite5m']),
				cacheWrite1h: tokenCount(tokens['cacheWrite1h']),
				output: tokenCount(tokens['output']),
				reasoning: tokenCount(tokens['reasoning']),
			},
			reportedCostUSD:
				call['costSource'] === 'reported' && typeof call['costUSD'] === 'number' ? call['costUSD'] : undefined,
			tools: toolsOf(call['tools']),
			callId: text(call['callId']),
		});
	}
}
