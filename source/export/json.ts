/**
The export document, streamed: `agent-ncdu --json`, the TUI's `e` key and `--import` all
use this one writer. The tree is written depth-first node by node (never one giant
JSON.stringify), with backpressure, so a tree of millions of calls exports in bounded memory.
`depth` (json-depth.ts) stops the walk at a level: nodes there are written whole but without
`children`, and nothing below them is visited. The tree is written in the model's view
(`groupBy`: time, or project/model/agent/device first); the top-level `days`, `sessions` and
`byDevice` are the same in every view (read from the same calls in the time view).

Inert in a terminal (core/inert-text.ts): every piece is escaped as it is serialised, never the
document as it leaves. Strings in the call leaves go through `jsonString` (json-call.ts); the
text of each other object (header, days, sessions, insights, diagnostics, a node's head) through
`inertJson`, which only scans it. Nothing unescaped reaches the ChunkWriter.
*/
import type {Writable} from 'node:stream';
import type {Diagnostic} from '../core/diagnostics.js';
import {inertJson, jsonString} from '../core/inert-text.js';
import {type TokenCounts, addTokens, zeroTokens} from '../core/tokens.js';
import type {Insight} from '../insights/types.js';
import {nodesOfKind} from '../model/query.js';
import {regroup} from '../model/build.js';
import {totalsAcross} from '../model/nodes.js';
import type {TreeModel, TreeNode} from '../model/types.js';
import {type ExportDepth, fullDepth, isCutAt} from './json-depth.js';
import {jsonInsight, jsonNodeHead, jsonTokens, jsonTotals, type NodeJsonOptions, timeSpan, usd} from './json-values.js';

export const exportFormat = 'agent-ncdu';
/** 1.3: `groupBy`, the view of `tree`. */
export const exportVersion = [1, 3] as const;

export type ExportContext = {
	readonly generator: {readonly name: string; readonly version: string};
	readonly pricing: {readonly source: string; readonly date: string};
	readonly diagnostics: {
		readonly total: number;
		readonly counts: ReadonlyMap<string, number>;
		readonly entries: readonly Diagnostic[];
	};
	/** Insights for the root scope, already computed. */
	readonly insights?: readonly Insight[];
	/** Include prompt previews (default true; `--no-prompts` turns them off). */
	readonly prompts?: boolean;
	/** Include the tree (default true). */
	readonly tree?: boolean;
	/**
	How deep the tree goes (default `call`, the whole tree: the TUI's `e` export relies on
	that). Written as the top-level `depth` field next to `tree`.
	*/
	readonly depth?: ExportDepth;
	readonly generatedAt?: Date;
	readonly demo?: boolean;
};

/**
Buffers small strings (already inert) into ~64 KiB writes and waits for 'drain' when the stream
is full. Also the writer of the ncdu export (ncdu.ts) and the CSV rows (csv.ts).
*/
export class ChunkWriter {
	private buffer = '';

	constructor(private readonly stream: Writable) {}

	/** Appends synchronously; true when the buffer is full and the caller should `flush`. */
	push(text: string): boolean {
		this.buffer += text;
		return this.buffer.length >= 65_536;
	}

	async write(text: string): Promise<void> {
		if (this.push(text)) {
			await this.flush();
		}
	}

	async flush(): Promise<void> {
		if (this.buffer.length === 0) {
			return;
		}

		const chunk = this.buffer;
		this.buffer = '';
		if (!this.stream.write(chunk)) {
			await new Promise<void>((resolve, reject) => {
				const onDrain = () => {
					this.stream.off('error', onError);
					resolve();
				};

				const onError = (error: Error) => {
					this.stream.off('drain', onDrain);
					reject(error);
				};

				this.stream.once('drain', onDrain);
				this.stream.once('error', onError);
			});
		}
	}
}

function dayEntries(model: TreeModel) {
	return nodesOfKind(model.root, 'day').map(day => {
		// fromEntries defines own properties, whatever the key (never a prototype setter).
		const byAgent = Object.fromEntries(
			[...day.totals.byAgent].map(([agent, breakdown]) => [
				agent,
				{tokens: jsonTokens(breakdown.tokens), costUSD: usd(breakdown.costUSD), calls: breakdown.calls},
			]),
		);

		return {
			date: day.key,
			tokens: jsonTokens(day.totals.tokens),
			costUSD: usd(day.totals.costUSD),
			calls: day.totals.calls,
			sessions: day.totals.sessions,
			byAgent,
		};
	});
}

/** Whole sessions (day fragments merged), largest first. */
export function sessionSummaries(model: TreeModel) {
	const merged = new Map<string, {first: TreeNode; fragments: TreeNode[]; days: string[]}>();
	for (const fragment of nodesOfKind(model.root, 'session')) {
		let entry = merged.get(fragment.key);
		if (!entry) {
			entry = {first: fragment, fragments: [], days: []};
			merged.set(fragment.key, entry);
		}

		entry.fragments.push(fragment);
		entry.days.push(fragment.parent?.key ?? '');
	}

	return [...merged.values()]
		.map(({first, fragments, days}) => {
			const frozen = totalsAcross(fragments);
			const session = first.session!;
			return {
				key: first.key,
				agent: session.agent,
				sessionId: session.sessionId,
				project: session.project,
				surface: session.surface ?? null,
				device: session.device ?? null,
				days,
				...jsonTotals(frozen),
			};
		})
		.sort((a, b) => b.tokens.total - a.tokens.total || (a.key < b.key ? -1 : 1));
}

/** Per-device totals (sessions by the device they ran on; `unknown` when not recorded). */
export function deviceTotals(model: TreeModel) {
	// A Map: device names come from data (a host named `constructor` or `__proto__` is just a name).
	const byDevice = new Map<
		string,
		{tokens: TokenCounts; costUSD: number | null; calls: number; sessions: Set<string>}
	>();
	for (const fragment of nodesOfKind(model.root, 'session')) {
		const device = fragment.session?.device ?? 'unknown';
		let entry = byDevice.get(device);
		if (!entry) {
			entry = {tokens: zeroTokens(), costUSD: 0, calls: 0, sessions: new Set()};
			byDevice.set(device, entry);
		}

		addTokens(entry.tokens, fragment.totals.tokens);
		entry.costUSD =
			entry.costUSD === null || fragment.totals.costUSD === null ? null : entry.costUSD + fragment.totals.costUSD;
		entry.calls += fragment.totals.calls;
		entry.sessions.add(fragment.key);
	}

	return Object.fromEntries(
		[...byDevice].map(([device, entry]) => [
			device,
			{
				tokens: jsonTokens(entry.tokens),
				costUSD: usd(entry.costUSD),
				calls: entry.calls,
				sessions: entry.sessions.size,
			},
		]),
	);
}

async function writeNode(
	writer: ChunkWriter,
	node: TreeNode,
	options: NodeJsonOptions,
	depth: ExportDepth,
): Promise<void> {
	const head = inertJson(JSON.stringify(jsonNodeHead(node, options)));
	if (isCutAt(node.kind, depth)) {
		// The depth limit: totals and session/turn info, no `children` key (see json-depth.ts).
		if (writer.push(head)) {
			await writer.flush();
		}

		return;
	}

	// Awaiting only when the buffer is full: an await per piece was one promise per string.
	if (writer.push(head.slice(0, -1) + ',"children":[')) {
		await writer.flush();
	}

	const {children} = node;
	for (let index = 0; index < children.length; index++) {
		const child = children[index]!;
		if (index > 0) {
			writer.push(',');
		}

		await writeNode(writer, child, options, depth);
	}

	if (writer.push(']}')) {
		await writer.flush();
	}
}

/** Sum of tokens over a set of days, used for the top-level `totals`. */
function sumTokens(nodes: readonly TreeNode[]): TokenCounts {
	const sum = zeroTokens();
	for (const node of nodes) {
		addTokens(sum, node.totals.tokens);
	}

	return sum;
}

export async function writeExport(model: TreeModel, stream: Writable, context: ExportContext): Promise<void> {
	const writer = new ChunkWriter(stream);
	const prompts = context.prompts ?? true;
	const {totals} = model.root;
	const periods = regroup(model, 'time');
	const header = {
		format: exportFormat,
		version: exportVersion,
		generator: context.generator,
		generatedAt: (context.generatedAt ?? new Date()).toISOString(),
		timezone: model.timezone,
		groupBy: model.view,
		filters: {
			agents: model.filter.agents ?? [],
			since: model.filter.since ?? null,
			until: model.filter.until ?? null,
			text: model.filter.text ?? null,
		},
		demo: context.demo ?? false,
		pricing: context.pricing,
		totals: {
			tokens: jsonTokens(sumTokens(model.root.children)),
			costUSD: usd(totals.costUSD),
			pricedCostUSD: usd(totals.pricedCostUSD),
			costSource: totals.costSource,
			sessions: totals.sessions,
			turns: totals.turns,
			calls: totals.calls,
			...timeSpan(totals),
		},
		unpricedModels: Object.fromEntries(model.unpricedModels),
		byAgent: Object.fromEntries(
			[...totals.byAgent].map(([agent, b]) => [
				agent,
				{tokens: jsonTokens(b.tokens), costUSD: usd(b.costUSD), calls: b.calls},
			]),
		),
		byModel: Object.fromEntries(
			[...totals.byModel].map(([name, b]) => [
				name,
				{tokens: jsonTokens(b.tokens), costUSD: usd(b.costUSD), calls: b.calls},
			]),
		),
		byDevice: deviceTotals(periods),
	};
	const opening = inertJson(JSON.stringify(header));
	await writer.write(opening.slice(0, -1));
	await writer.write(',"days":' + inertJson(JSON.stringify(dayEntries(periods))));
	await writer.write(',"sessions":' + inertJson(JSON.stringify(sessionSummaries(periods))));
	const insights = (context.insights ?? []).map(insight => jsonInsight(insight, {prompts}));
	await writer.write(',"insights":' + inertJson(JSON.stringify(insights)));
	const diagnostics = {
		total: context.diagnostics.total,
		byKind: Object.fromEntries(context.diagnostics.counts),
		entries: context.diagnostics.entries.map(entry => ({
			kind: entry.kind,
			agent: entry.agent ?? null,
			file: entry.file ?? null,
			line: entry.line ?? null,
			message: entry.message,
		})),
	};
	await writer.write(',"diagnostics":' + inertJson(JSON.stringify(diagnostics)));
	if (context.tree ?? true) {
		const depth = context.depth ?? fullDepth;
		await writer.write(`,"depth":${jsonString(depth)},"tree":`);
		await writeNode(writer, model.root, {prompts}, depth);
	}

	await writer.write('}\n');
	await writer.flush();
}
