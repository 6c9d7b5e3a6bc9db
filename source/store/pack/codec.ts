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
import type {SessionEvent, UsageEvent} from '../../core/events.js';
import {type TokenCounts, totalOf} from '../../core/tokens.js';
import {CallColumns, callFlags, fastSpeed, sidechainFalse, sidechainTrue} from '../../model/call-columns.js';

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
// Call flags: the call columns' bits (model/call-columns.ts), plus whether a cost follows.
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

	/** Appends one file's events (and its calls decoded as columns, if any); returns where they went. */
	add(events: readonly UsageEvent[], calls?: CallColumns): PackRange {
		const intStart = this.ints.length;
		const floatStart = this.floats.length;
		for (const event of events) {
			this.event(event);
		}

		const callCount = calls?.length ?? 0;
		for (let row = 0; row < callCount; row++) {
			this.event(calls!.eventAt(row));
		}

		return {
			events: events.length + callCount,
			intStart,
			intEnd: this.ints.length,
			floatStart,
			floatEnd: this.floats.length,
		};
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
					callFlags(event.sidechain, event.speed === 'fast') |
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

/** A decoded range: its sessions and turns as events, its calls as columns (no object per call). */
export type DecodedRange = {readonly events: UsageEvent[]; readonly calls: CallColumns};

/**
Reads one file's range back; throws PackCorrupt on anything inconsistent. Calls `keep`
rejects are checked like any other but left out.
*/
export function decodeRange(columns: PackColumns, range: PackRange, keep?: CallFilter): DecodedRange {
	const reader = new RangeReader(columns, range);
	// A call takes at least nine ints: a damaged count cannot ask for more room than that.
	const capacity = Math.min(range.events, Math.ceil((range.intEnd - range.intStart) / 9));
	const decoded: DecodedRange = {events: [], calls: new CallColumns(capacity)};
	for (let count = 0; count < range.events; count++) {
		reader.event(keep, decoded);
	}

	reader.expectEnd();
	return decoded;
}

/** A decoded range's events with its calls made events too (for the few that need objects). */
export function eventsOf(decoded: DecodedRange): UsageEvent[] {
	const events = [...decoded.events];
	for (let row = 0; row < decoded.calls.length; row++) {
		events.push(decoded.calls.eventAt(row));
	}

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

	/** Reads the next event into `into`: a call as a row of its columns, unless `keep` rejects it. */
	event(keep: CallFilter | undefined, into: DecodedRange): void {
		const tag = this.int();
		switch (tag) {
			case Tag.Session: {
				into.events.push(this.session());
				return;
			}

			case Tag.Turn: {
				into.events.push({
					type: 'turn',
					agent: this.agent(),
					sessionId: this.required(),
					turnId: this.required(),
					prompt: this.required(),
					time: this.float(),
				});
				return;
			}

			case Tag.Call: {
				decodeCall(this, keep, into.calls);
				return;
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

function decodeCall(reader: RangeReader, keep: CallFilter | undefined, into: CallColumns): void {
	const agent = reader.agent();
	const sessionId = reader.required();
	const turnId = reader.optional();
	const model = reader.optional();
	const dedupKey = reader.optional();
	const callId = reader.optional();
	const flags = reader.int();
	const toolCount = readTools(reader);
	const time = reader.float();
	tokenScratch.input = reader.float();
	tokenScratch.cacheRead = reader.float();
	tokenScratch.cacheWrite5m = reader.float();
	tokenScratch.cacheWrite1h = reader.float();
	tokenScratch.output = reader.float();
	tokenScratch.reasoning = reader.float();
	const reportedCostUSD = flags & hasReportedCost ? reader.float() : Number.NaN;
	if (keep && !keep(dedupKey, (flags & sidechainTrue) !== 0, totalOf(tokenScratch))) {
		return;
	}

	const row = into.length;
	into.writeIds(row, agent, sessionId, turnId, model, dedupKey, callId);
	into.flags[row] = flags & (sidechainTrue | sidechainFalse | fastSpeed);
	into.writeFigures(row, time, tokenScratch, reportedCostUSD);
	into.toolStart[row] = into.toolName.length;
	into.toolCount[row] = toolCount;
	for (let index = 0; index < toolCount; index++) {
		into.addTool(toolScratch[index * 3]!, toolScratch[index * 3 + 1] as Activity, toolScratch[index * 3 + 2]);
	}
}

/** The call being decoded's tokens; reused (CallColumns copies them). */
const tokenScratch: TokenCounts = {input: 0, cacheRead: 0, cacheWrite5m: 0, cacheWrite1h: 0, output: 0, reasoning: 0};

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
