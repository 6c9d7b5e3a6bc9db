/**
The pack codec: many files' normalized events in three flat columns, so a year of usage
(164k API calls) is stored, read and decoded in a fraction of what one object per event costs.

- `strings`: every distinct string once (session ids, models, tool names, file paths repeat
  thousands of times); index 0 stands for "absent".
- `ints`: a tag per event, then string indices, counts and flags (Uint32).
- `floats`: times, token counts and costs (Float64, so every JS number survives exactly).

Each file's events occupy one contiguous range of both columns, so a file can be decoded
alone and a damaged range loses only that file: decoding checks every tag, index and range
and throws `PackCorrupt`, and the caller parses the file again instead of trusting it.
*/
import {activities, type Activity} from '../../core/activity.js';
import {agentIds, type AgentId} from '../../core/agents.js';
import type {CallEvent, SessionEvent, ToolUse, UsageEvent} from '../../core/events.js';
import type {TokenCounts} from '../../core/tokens.js';

export class PackCorrupt extends Error {}

/** Where one file's events live in the columns. */
export type PackRange = {
	readonly events: number;
	readonly intStart: number;
	readonly intEnd: number;
	readonly floatStart: number;
	readonly floatEnd: number;
};

export type PackColumns = {
	readonly strings: readonly string[];
	readonly ints: Uint32Array;
	readonly floats: Float64Array;
};

// Event tags.
const Tag = {Session: 1, Turn: 2, Call: 3} as const;

// Call flags.
const sidechainTrue = 1;
const sidechainFalse = 2;
const fastSpeed = 4;
const hasReportedCost = 8;

/** A typed array that doubles when full. */
class Column<T extends Uint32Array | Float64Array> {
	length = 0;
	constructor(
		private data: T,
		private readonly make: (size: number) => T,
	) {}

	push(value: number): void {
		if (this.length === this.data.length) {
			const grown = this.make(this.data.length * 2);
			grown.set(this.data);
			this.data = grown;
		}

		this.data[this.length++] = value;
	}

	/** The used part (a copy, so the spare capacity is not stored). */
	finish(): T {
		return this.data.slice(0, this.length) as T;
	}
}

export class PackEncoder {
	private readonly strings: string[] = [''];
	private readonly stringIndex = new Map<string, number>();
	private readonly ints: Column<Uint32Array>;
	private readonly floats: Column<Float64Array>;

	/** `capacity`: initial column size (small for one file in a worker, large for a pack). */
	constructor(capacity = 1 << 16) {
		this.ints = new Column(new Uint32Array(capacity), size => new Uint32Array(size));
		this.floats = new Column(new Float64Array(capacity), size => new Float64Array(size));
	}

	/** Appends one file's events; returns where they went. */
	add(events: readonly UsageEvent[]): PackRange {
		const intStart = this.ints.length;
		const floatStart = this.floats.length;
		for (const event of events) {
			this.event(event);
		}

		return {events: events.length, intStart, intEnd: this.ints.length, floatStart, floatEnd: this.floats.length};
	}

	finish(): PackColumns {
		return {strings: this.strings, ints: this.ints.finish(), floats: this.floats.finish()};
	}

	/** Bytes the number columns hold so far (the history file cuts its blocks by it). */
	get byteLength(): number {
		return this.ints.length * 4 + this.floats.length * 8;
	}

	private string(value: string | undefined): void {
		if (value === undefined) {
			this.ints.push(0);
			return;
		}

		let index = this.stringIndex.get(value);
		if (index === undefined) {
			index = this.strings.length;
			this.strings.push(value);
			this.stringIndex.set(value, index);
		}

		this.ints.push(index);
	}

	private event(event: UsageEvent): void {
		switch (event.type) {
			case 'session': {
				this.ints.push(Tag.Session);
				for (const value of [
					event.agent,
					event.sessionId,
					event.project,
					event.cwd,
					event.title,
					event.surface,
					event.parentSessionId,
					event.gitBranch,
					event.device,
					event.projectFolder,
				]) {
					this.string(value);
				}

				this.floats.push(event.reportedCostUSD ?? Number.NaN);
				break;
			}

			case 'turn': {
				this.ints.push(Tag.Turn);
				this.string(event.agent);
				this.string(event.sessionId);
				this.string(event.turnId);
				this.string(event.prompt);
				this.floats.push(event.time);
				break;
			}

			case 'call': {
				this.ints.push(Tag.Call);
				this.string(event.agent);
				this.string(event.sessionId);
				this.string(event.turnId);
				this.string(event.model);
				this.string(event.dedupKey);
				this.string(event.callId);
				const flags =
					(event.sidechain === true ? sidechainTrue : event.sidechain === false ? sidechainFalse : 0) |
					(event.speed === 'fast' ? fastSpeed : 0) |
					(event.reportedCostUSD === undefined ? 0 : hasReportedCost);
				this.ints.push(flags);
				this.ints.push(event.tools.length);
				for (const tool of event.tools) {
					this.string(tool.name);
					this.string(tool.activity);
					this.string(tool.file);
				}

				const {tokens} = event;
				this.floats.push(event.time);
				this.floats.push(tokens.input);
				this.floats.push(tokens.cacheRead);
				this.floats.push(tokens.cacheWrite5m);
				this.floats.push(tokens.cacheWrite1h);
				this.floats.push(tokens.output);
				this.floats.push(tokens.reasoning);
				if (event.reportedCostUSD !== undefined) {
					this.floats.push(event.reportedCostUSD);
				}

				break;
			}

			default: {
				event satisfies never;
			}
		}
	}
}

const agentSet = new Set<string>(agentIds);
const activitySet = new Set<string>(activities);

/**
Whether to make a call's event, from what dedup needs (the history skips calls whose live copy
is present and at least as good, without making an object for each of them).
*/
export type CallFilter = (dedupKey: string | undefined, sidechain: boolean, total: number) => boolean;

/**
Reads one file's range back into events; throws PackCorrupt on anything inconsistent. Calls
`keep` rejects are checked like any other but left out.
*/
export function decodeRange(columns: PackColumns, range: PackRange, keep?: CallFilter): UsageEvent[] {
	const reader = new RangeReader(columns, range);
	const events: UsageEvent[] = [];
	for (let count = 0; count < range.events; count++) {
		const event = reader.event(keep);
		if (event) events.push(event);
	}

	reader.expectEnd();
	return events;
}

type Mutable<T> = {-readonly [K in keyof T]: T[K]};

/** A cursor over one range of the columns; every read is checked against the range. */
class RangeReader {
	private i: number;
	private f: number;

	constructor(
		private readonly columns: PackColumns,
		private readonly range: PackRange,
	) {
		const {ints, floats} = columns;
		if (
			range.intStart > range.intEnd ||
			range.intEnd > ints.length ||
			range.floatStart > range.floatEnd ||
			range.floatEnd > floats.length
		) {
			throw new PackCorrupt('range outside the pack');
		}

		this.i = range.intStart;
		this.f = range.floatStart;
	}

	/** The next event; undefined for a call `keep` rejects. */
	event(keep: CallFilter | undefined): UsageEvent | undefined {
		const tag = this.int();
		switch (tag) {
			case Tag.Session: {
				return this.session();
			}

			case Tag.Turn: {
				return {
					type: 'turn',
					agent: this.agent(),
					sessionId: this.required(),
					turnId: this.required(),
					prompt: this.required(),
					time: this.float(),
				};
			}

			case Tag.Call: {
				return decodeCall(this, keep);
			}

			default: {
				throw new PackCorrupt(`unknown tag ${tag}`);
			}
		}
	}

	expectEnd(): void {
		if (this.i !== this.range.intEnd || this.f !== this.range.floatEnd) {
			throw new PackCorrupt('range not fully used');
		}
	}

	int(): number {
		if (this.i >= this.range.intEnd) throw new PackCorrupt('ints overrun');
		return this.columns.ints[this.i++]!;
	}

	float(): number {
		if (this.f >= this.range.floatEnd) throw new PackCorrupt('floats overrun');
		return this.columns.floats[this.f++]!;
	}

	optional(): string | undefined {
		const index = this.int();
		if (index >= this.columns.strings.length) throw new PackCorrupt('string index out of range');
		return index === 0 ? undefined : this.columns.strings[index];
	}

	required(): string {
		const value = this.optional();
		if (value === undefined) throw new PackCorrupt('missing string');
		return value;
	}

	agent(): AgentId {
		const value = this.required();
		if (!agentSet.has(value)) throw new PackCorrupt('unknown agent');
		return value as AgentId;
	}

	private session(): SessionEvent {
		const event: Mutable<SessionEvent> = {type: 'session', agent: this.agent(), sessionId: this.required()};
		// Absent fields stay absent (not `undefined` keys): the event looks as parsed.
		for (const field of sessionFields) {
			const value = this.optional();
			if (value !== undefined) event[field] = value;
		}

		const cost = this.float();
		if (!Number.isNaN(cost)) event.reportedCostUSD = cost;
		return event;
	}
}

/** A session's optional text fields, in the order the encoder writes them. */
const sessionFields = [
	'project',
	'cwd',
	'title',
	'surface',
	'parentSessionId',
	'gitBranch',
	'device',
	'projectFolder',
] as const;

/** Tool fields of the call being decoded, as string indices (name, activity, file) × count; reused. */
const toolScratch: Array<string | undefined> = [];

function decodeCall(reader: RangeReader, keep: CallFilter | undefined): CallEvent | undefined {
	const agent = reader.agent();
	const sessionId = reader.required();
	const turnId = reader.optional();
	const model = reader.optional();
	const dedupKey = reader.optional();
	const callId = reader.optional();
	const flags = reader.int();
	const toolCount = readTools(reader);
	const time = reader.float();
	const input = reader.float();
	const cacheRead = reader.float();
	const cacheWrite5m = reader.float();
	const cacheWrite1h = reader.float();
	const output = reader.float();
	const reasoning = reader.float();
	const reportedCostUSD = flags & hasReportedCost ? reader.float() : undefined;
	// The five kinds of core/tokens.ts totalOf, from the columns (no TokenCounts made yet).
	const total = input + cacheRead + cacheWrite5m + cacheWrite1h + output;
	if (keep && !keep(dedupKey, (flags & sidechainTrue) !== 0, total)) {
		return undefined;
	}

	const tokens: TokenCounts = {input, cacheRead, cacheWrite5m, cacheWrite1h, output, reasoning};
	const event: Mutable<CallEvent> = {type: 'call', agent, sessionId, time, tokens, tools: toolsOf(toolCount)};
	if (turnId !== undefined) event.turnId = turnId;
	if (model !== undefined) event.model = model;
	if (dedupKey !== undefined) event.dedupKey = dedupKey;
	if (callId !== undefined) event.callId = callId;
	if (flags & sidechainTrue) event.sidechain = true;
	else if (flags & sidechainFalse) event.sidechain = false;
	if (flags & fastSpeed) event.speed = 'fast';
	if (reportedCostUSD !== undefined) event.reportedCostUSD = reportedCostUSD;
	return event;
}

/** Reads and checks the call's tools into toolScratch; returns how many. */
function readTools(reader: RangeReader): number {
	const count = reader.int();
	toolScratch.length = 0;
	for (let index = 0; index < count; index++) {
		const name = reader.optional();
		const activity = reader.optional();
		const file = reader.optional();
		if (name === undefined || activity === undefined || !activitySet.has(activity)) throw new PackCorrupt('bad tool');
		toolScratch.push(name, activity, file);
	}

	return count;
}

function toolsOf(count: number): ToolUse[] {
	const tools: ToolUse[] = [];
	for (let index = 0; index < count; index++) {
		const name = toolScratch[index * 3]!;
		const activity = toolScratch[index * 3 + 1] as Activity;
		const file = toolScratch[index * 3 + 2];
		tools.push(file === undefined ? {name, activity} : {name, activity, file});
	}

	return tools;
}
