/**
Reads a Claude Code tool-result `user` line straight from its bytes.

Most of a transcript's bytes are tool output echoed back on `user` lines (`tool_result`
blocks, `toolUseResult`). Those lines are never prompts; the parser needs only their link
fields (uuid, parentUuid) and session fields. Decoding and JSON.parse-ing them was most of a
cold load's time and garbage, so this walks the line's JSON structure over the raw bytes,
jumping over string contents with a native byte search, and parses only the few small values
it needs.

Invariant: on a line JSON.parse accepts, the answer equals what the generic path reads
(same top-level values, last duplicate key wins, and proof that `message.content` holds a
`tool_result` block, so humanPromptText would say "not a prompt"). Anything it cannot prove
(escaped keys, unbalanced structure, a cut-off line, a different `type`) returns undefined
and the caller parses the line normally. What it does not re-check is JSON validity *inside*
the values it skips: a tool-result line corrupted there is read as a tool-result line instead
of being reported malformed (it carries no usage either way).
*/
import {isSpace, skipSpace} from '../line-markers.js';

const quote = 0x22;
const backslash = 0x5c;

/** Top-level fields the parser reads from a user line (values as JSON.parse gives them). */
export type ToolResultLine = {
	readonly type: 'user';
	readonly uuid?: unknown;
	readonly parentUuid?: unknown;
	readonly sessionId?: unknown;
	readonly cwd?: unknown;
	readonly gitBranch?: unknown;
	readonly entrypoint?: unknown;
	readonly isSidechain?: unknown;
};

/** `index` at an opening quote → index after the closing quote, or -1. */
function stringEnd(bytes: Buffer, index: number): number {
	let from = index + 1;
	for (;;) {
		const close = bytes.indexOf(quote, from);
		if (close === -1) {
			return -1;
		}

		let slashes = 0;
		while (bytes[close - 1 - slashes] === backslash) {
			slashes++;
		}

		if (slashes % 2 === 0) {
			return close + 1;
		}

		from = close + 1;
	}
}

/** `index` at a value's first byte → index after it, or -1 (strings skipped natively). */
function valueEnd(bytes: Buffer, index: number, end: number): number {
	const first = bytes[index];
	if (first === quote) {
		return stringEnd(bytes, index);
	}

	if (first === 0x7b || first === 0x5b) {
		let depth = 0;
		for (let at = index; at < end; at++) {
			const byte = bytes[at];
			if (byte === quote) {
				at = stringEnd(bytes, at) - 1;
				if (at < 0) {
					return -1;
				}
			} else if (byte === 0x7b || byte === 0x5b) {
				depth++;
			} else if ((byte === 0x7d || byte === 0x5d) && --depth === 0) {
				return at + 1;
			}
		}

		return -1;
	}

	// Number or literal: up to the next delimiter.
	let at = index;
	while (at < end && bytes[at] !== 0x2c && bytes[at] !== 0x7d && bytes[at] !== 0x5d && !isSpace(bytes[at])) {
		at++;
	}

	return at > index ? at : -1;
}

type Range = {start: number; end: number};

/** A key without escapes (its decoded name then equals its bytes); keys are short. */
function plainKey(bytes: Buffer, start: number, end: number): boolean {
	for (let at = start; at < end; at++) {
		if (bytes[at] === backslash) {
			return false;
		}
	}

	return true;
}

/** Which of `wanted` the key bytes spell, compared in place (most keys are not wanted). */
function wantedName(
	bytes: Buffer,
	start: number,
	end: number,
	wanted: readonly Buffer[],
	names: readonly string[],
): string | undefined {
	const length = end - start;
	for (const [index, name] of wanted.entries()) {
		if (name.length === length && name[0] === bytes[start] && bytes.compare(name, 0, length, start, end) === 0) {
			return names[index];
		}
	}

	return undefined;
}

type Wanted = {readonly names: readonly string[]; readonly bytes: readonly Buffer[]};
const wantedOf = (names: readonly string[]): Wanted => ({names, bytes: names.map(name => Buffer.from(name))});

/**
The object starting at `index`: its members (key → value range) for keys in `wanted`, and
the index after its closing brace. Undefined when the structure is not a plain object or a
key holds an escape (its decoded name could differ from its bytes).
*/
function members(
	bytes: Buffer,
	index: number,
	end: number,
	wanted: Wanted,
): {fields: Map<string, Range>; end: number} | undefined {
	const fields = new Map<string, Range>();
	let at = skipSpace(bytes, index);
	if (bytes[at] !== 0x7b) {
		return undefined;
	}

	at = skipSpace(bytes, at + 1);
	if (bytes[at] === 0x7d) {
		return {fields, end: at + 1};
	}

	for (;;) {
		if (bytes[at] !== quote) {
			return undefined;
		}

		const keyEnd = stringEnd(bytes, at);
		if (keyEnd === -1 || keyEnd > end || !plainKey(bytes, at + 1, keyEnd - 1)) {
			return undefined;
		}

		const key = wantedName(bytes, at + 1, keyEnd - 1, wanted.bytes, wanted.names);
		at = skipSpace(bytes, keyEnd);
		if (bytes[at] !== 0x3a) {
			return undefined;
		}

		const valueStart = skipSpace(bytes, at + 1);
		const after = valueEnd(bytes, valueStart, end);
		if (after === -1 || after > end) {
			return undefined;
		}

		if (key !== undefined) {
			// JSON.parse keeps the last of duplicate keys; so does this.
			fields.set(key, {start: valueStart, end: after});
		}

		at = skipSpace(bytes, after);
		if (bytes[at] === 0x7d) {
			return {fields, end: at + 1};
		}

		if (bytes[at] !== 0x2c) {
			return undefined;
		}

		at = skipSpace(bytes, at + 1);
	}
}

/**
A value as JSON.parse gives it. Plain strings (no escapes, no control bytes, which JSON.parse
would reject) are sliced directly; everything else goes through JSON.parse.
*/
function parsed(bytes: Buffer, range: Range | undefined): unknown {
	if (!range) {
		return undefined;
	}

	if (bytes[range.start] === quote) {
		let plain = true;
		for (let at = range.start + 1; at < range.end - 1; at++) {
			const byte = bytes[at]!;
			if (byte < 0x20 || byte === backslash) {
				plain = false;
				break;
			}
		}

		if (plain) {
			return bytes.toString('utf8', range.start + 1, range.end - 1);
		}
	}

	return JSON.parse(bytes.toString('utf8', range.start, range.end));
}

/** True when the array at `range` holds an object whose `type` is "tool_result". */
function holdsToolResult(bytes: Buffer, range: Range): boolean {
	let at = skipSpace(bytes, range.start + 1);
	while (bytes[at] !== 0x5d) {
		const after = valueEnd(bytes, at, range.end);
		if (after === -1) {
			return false;
		}

		if (bytes[at] === 0x7b && parsed(bytes, members(bytes, at, after, typeKey)?.fields.get('type')) === 'tool_result') {
			return true;
		}

		at = skipSpace(bytes, after);
		if (bytes[at] !== 0x2c) {
			return false;
		}

		at = skipSpace(bytes, at + 1);
	}

	return false;
}

const wantedKeys = wantedOf([
	'type',
	'uuid',
	'parentUuid',
	'sessionId',
	'cwd',
	'gitBranch',
	'entrypoint',
	'isSidechain',
	'message',
]);
const typeKey = wantedOf(['type']);
const contentKey = wantedOf(['content']);

/** The fields of a tool-result user line, or undefined when that cannot be proven from the bytes. */
export function readToolResultLine(bytes: Buffer): ToolResultLine | undefined {
	try {
		const top = members(bytes, 0, bytes.length, wantedKeys);
		// The line must be exactly one object of type "user" (nothing but spaces after it).
		if (!top || skipSpace(bytes, top.end) !== bytes.length || parsed(bytes, top.fields.get('type')) !== 'user') {
			return undefined;
		}

		const message = top.fields.get('message');
		const content =
			message && bytes[message.start] === 0x7b
				? members(bytes, message.start, message.end, contentKey)?.fields.get('content')
				: undefined;
		if (!content || bytes[content.start] !== 0x5b || !holdsToolResult(bytes, content)) {
			return undefined;
		}

		const field = (key: string) => parsed(bytes, top.fields.get(key));
		return {
			type: 'user',
			uuid: field('uuid'),
			parentUuid: field('parentUuid'),
			sessionId: field('sessionId'),
			cwd: field('cwd'),
			gitBranch: field('gitBranch'),
			entrypoint: field('entrypoint'),
			isSidechain: field('isSidechain'),
		};
	} catch {
		// A small value JSON.parse rejects: let the generic path report the line.
		return undefined;
	}
}
