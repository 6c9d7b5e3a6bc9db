/**
CallColumns: calls as columns, one entry per call in every column, no object per call.

The store (store.ts) keeps its deduplicated calls here, and a cached file's range
(store/pack/codec.ts) is decoded into a CallColumns of its own that the store then takes row
by row: a warm start makes no object for any of its 10^5–10^6 calls. Strings (ids, models,
tool names) are references to strings that already exist (a pack's string table, a parser's
event), so a column of them is an array of pointers.

Tools are three parallel tool columns; a call names its tools by `toolStart` and `toolCount`.
A call replaced by a preferred copy (store.ts) points at the copy's tools, appended at the end.
*/
import {type Activity, activities} from '../core/activity.js';
import type {AgentId} from '../core/agents.js';
import type {CallEvent, ToolUse} from '../core/events.js';
import type {TokenCounts, TokenKind} from '../core/tokens.js';

/** Bits of the flags column; the pack format (store/pack/codec.ts) writes the same bits. */
export const sidechainTrue = 1;
export const sidechainFalse = 2;
export const fastSpeed = 4;

const activityIndex = new Map<string, number>(activities.map((activity, index) => [activity, index]));

/** Columns of the six token kinds (CallColumns, and the rows of rows.ts). */
export type TokenColumns = {readonly [Kind in TokenKind]: ArrayLike<number>};

/** One call's tokens, from token columns. */
export function tokensAt(columns: TokenColumns, row: number): TokenCounts {
	return {
		input: columns.input[row]!,
		cacheRead: columns.cacheRead[row]!,
		cacheWrite5m: columns.cacheWrite5m[row]!,
		cacheWrite1h: columns.cacheWrite1h[row]!,
		output: columns.output[row]!,
		reasoning: columns.reasoning[row]!,
	};
}

/** The flags column of a call: how the sidechain and speed fields were set. */
export function callFlags(sidechain: boolean | undefined, fast: boolean): number {
	return (sidechain === true ? sidechainTrue : sidechain === false ? sidechainFalse : 0) | (fast ? fastSpeed : 0);
}

/** A typed array twice as long, holding the same values. */
function grown<T extends Float64Array | Uint32Array | Uint8Array>(array: T, make: (length: number) => T): T {
	const bigger = make(Math.max(16, array.length * 2));
	bigger.set(array);
	return bigger;
}

export class CallColumns {
	readonly agent: AgentId[] = [];
	readonly sessionId: string[] = [];
	readonly turnId: Array<string | undefined> = [];
	readonly model: Array<string | undefined> = [];
	readonly dedupKey: Array<string | undefined> = [];
	readonly callId: Array<string | undefined> = [];
	// Numbers live in typed arrays that grow by doubling: read them after the last write
	// (a grown column is a new array).
	/** `callFlags`: sidechain true/false/unset, fast speed. */
	flags: Uint8Array;
	time: Float64Array;
	input: Float64Array;
	cacheRead: Float64Array;
	cacheWrite5m: Float64Array;
	cacheWrite1h: Float64Array;
	output: Float64Array;
	reasoning: Float64Array;
	/** USD the agent recorded for the call; NaN when it recorded none. */
	reportedCostUSD: Float64Array;
	toolStart: Uint32Array;
	toolCount: Uint32Array;
	readonly toolName: string[] = [];
	/** Index into core/activity.ts `activities`. */
	toolActivity: Uint8Array;
	readonly toolFile: Array<string | undefined> = [];
	#length = 0;

	/** `capacity`: the calls expected (a decoded range knows its count; more still fit). */
	constructor(capacity = 16) {
		this.flags = new Uint8Array(capacity);
		this.time = new Float64Array(capacity);
		this.input = new Float64Array(capacity);
		this.cacheRead = new Float64Array(capacity);
		this.cacheWrite5m = new Float64Array(capacity);
		this.cacheWrite1h = new Float64Array(capacity);
		this.output = new Float64Array(capacity);
		this.reasoning = new Float64Array(capacity);
		this.reportedCostUSD = new Float64Array(capacity);
		this.toolStart = new Uint32Array(capacity);
		this.toolCount = new Uint32Array(capacity);
		this.toolActivity = new Uint8Array(capacity * 2);
	}

	get length(): number {
		return this.#length;
	}

	/** Makes room for a call at `row` (the end: it becomes the last one). */
	private claim(row: number): void {
		if (row < this.#length) {
			return;
		}

		if (row >= this.time.length) {
			const floats = (length: number) => new Float64Array(length);
			this.flags = grown(this.flags, length => new Uint8Array(length));
			this.time = grown(this.time, floats);
			this.input = grown(this.input, floats);
			this.cacheRead = grown(this.cacheRead, floats);
			this.cacheWrite5m = grown(this.cacheWrite5m, floats);
			this.cacheWrite1h = grown(this.cacheWrite1h, floats);
			this.output = grown(this.output, floats);
			this.reasoning = grown(this.reasoning, floats);
			this.reportedCostUSD = grown(this.reportedCostUSD, floats);
			this.toolStart = grown(this.toolStart, length => new Uint32Array(length));
			this.toolCount = grown(this.toolCount, length => new Uint32Array(length));
		}

		this.#length = row + 1;
	}

	isFast(row: number): boolean {
		return (this.flags[row]! & fastSpeed) !== 0;
	}

	isSidechain(row: number): boolean {
		return (this.flags[row]! & sidechainTrue) !== 0;
	}

	/** input + cacheRead + cacheWrite + output (core/tokens.ts totalOf). */
	total(row: number): number {
		return (
			this.input[row]! + this.cacheRead[row]! + this.cacheWrite5m[row]! + this.cacheWrite1h[row]! + this.output[row]!
		);
	}

	/** Writes a call at `row` (the end appends one). */
	writeEvent(row: number, event: CallEvent): void {
		const {tokens} = event;
		this.claim(row);
		this.writeIds(row, event.agent, event.sessionId, event.turnId, event.model, event.dedupKey, event.callId);
		this.flags[row] = callFlags(event.sidechain, event.speed === 'fast');
		this.writeFigures(row, event.time, tokens, event.reportedCostUSD ?? Number.NaN);
		this.toolStart[row] = this.toolName.length;
		this.toolCount[row] = event.tools.length;
		for (const tool of event.tools) {
			this.addTool(tool.name, tool.activity, tool.file);
		}
	}

	/** Writes row `from` of `source` at `row` of these columns (the end appends one). */
	copyRow(row: number, source: CallColumns, from: number): void {
		this.claim(row);
		this.writeIds(
			row,
			source.agent[from]!,
			source.sessionId[from]!,
			source.turnId[from],
			source.model[from],
			source.dedupKey[from],
			source.callId[from],
		);
		this.flags[row] = source.flags[from]!;
		this.time[row] = source.time[from]!;
		this.input[row] = source.input[from]!;
		this.cacheRead[row] = source.cacheRead[from]!;
		this.cacheWrite5m[row] = source.cacheWrite5m[from]!;
		this.cacheWrite1h[row] = source.cacheWrite1h[from]!;
		this.output[row] = source.output[from]!;
		this.reasoning[row] = source.reasoning[from]!;
		this.reportedCostUSD[row] = source.reportedCostUSD[from]!;
		const first = source.toolStart[from]!;
		const count = source.toolCount[from]!;
		this.toolStart[row] = this.toolName.length;
		this.toolCount[row] = count;
		for (let tool = first; tool < first + count; tool++) {
			this.pushTool(source.toolName[tool]!, source.toolActivity[tool]!, source.toolFile[tool]);
		}
	}

	/** Appends one tool to the tool columns (the caller counts it in its call's `toolCount`). */
	addTool(name: string, activity: Activity, file: string | undefined): void {
		this.pushTool(name, activityIndex.get(activity)!, file);
	}

	private pushTool(name: string, activity: number, file: string | undefined): void {
		const tool = this.toolName.length;
		if (tool >= this.toolActivity.length) {
			this.toolActivity = grown(this.toolActivity, length => new Uint8Array(length));
		}

		this.toolName.push(name);
		this.toolActivity[tool] = activity;
		this.toolFile.push(file);
	}

	/** Writes a call's ids at `row`; the first write to a row, which makes room for it. */
	writeIds(
		row: number,
		agent: AgentId,
		sessionId: string,
		turnId: string | undefined,
		model: string | undefined,
		dedupKey: string | undefined,
		callId: string | undefined,
	): void {
		this.claim(row);
		this.agent[row] = agent;
		this.sessionId[row] = sessionId;
		this.turnId[row] = turnId;
		this.model[row] = model;
		this.dedupKey[row] = dedupKey;
		this.callId[row] = callId;
	}

	writeFigures(row: number, time: number, tokens: TokenCounts, reportedCostUSD: number): void {
		this.time[row] = time;
		this.input[row] = tokens.input;
		this.cacheRead[row] = tokens.cacheRead;
		this.cacheWrite5m[row] = tokens.cacheWrite5m;
		this.cacheWrite1h[row] = tokens.cacheWrite1h;
		this.output[row] = tokens.output;
		this.reasoning[row] = tokens.reasoning;
		this.reportedCostUSD[row] = reportedCostUSD;
	}

	toolsOf(row: number): ToolUse[] {
		const tools: ToolUse[] = [];
		const first = this.toolStart[row]!;
		for (let tool = first; tool < first + this.toolCount[row]!; tool++) {
			const file = this.toolFile[tool];
			const name = this.toolName[tool]!;
			const activity = activities[this.toolActivity[tool]!]!;
			tools.push(file === undefined ? {name, activity} : {name, activity, file});
		}

		return tools;
	}

	/** The call at `row` as an event, with absent fields left out (as a parser emits it). */
	eventAt(row: number): CallEvent {
		const event: {-readonly [K in keyof CallEvent]: CallEvent[K]} = {
			type: 'call',
			agent: this.agent[row]!,
			sessionId: this.sessionId[row]!,
			time: this.time[row]!,
			tokens: tokensAt(this, row),
			tools: this.toolsOf(row),
		};
		const flags = this.flags[row]!;
		const optional = {
			turnId: this.turnId[row],
			model: this.model[row],
			dedupKey: this.dedupKey[row],
			callId: this.callId[row],
		};
		for (const [field, value] of Object.entries(optional) as Array<[keyof typeof optional, string | undefined]>) {
			if (value !== undefined) {
				event[field] = value;
			}
		}

		if (flags & sidechainTrue) event.sidechain = true;
		else if (flags & sidechainFalse) event.sidechain = false;
		if (flags & fastSpeed) event.speed = 'fast';
		const cost = this.reportedCostUSD[row]!;
		if (!Number.isNaN(cost)) event.reportedCostUSD = cost;
		return event;
	}
}
