/**
A streaming JSON reader for documents too large to parse at once (`--import` of a whole
machine's export): bytes go in chunk by chunk and a handler hears each token as it is read.
There is no recursion and no document tree, so neither a 10,000-deep array nor a document of
millions of nodes can exhaust the stack or the heap: memory is the current string or number
plus the nesting stack, and both are bounded (`JsonLimits`). The grammar is RFC 8259's; any
violation throws a `JsonStreamError` naming the byte offset.
*/

export type JsonScalar = string | number | boolean | null;

/** Told every token in document order; a key is always followed by its value. */
export type JsonHandler = {
	beginObject(): void;
	endObject(): void;
	beginArray(): void;
	endArray(): void;
	key(name: string): void;
	scalar(value: JsonScalar): void;
};

export type JsonLimits = {
	/** Objects and arrays nested deeper than this are refused. */
	readonly maxDepth: number;
	/** A string (key or value) longer than this many bytes is refused. */
	readonly maxStringBytes: number;
};

export class JsonStreamError extends Error {}

// What the reader expects next.
const expectValue = 0;
const expectValueOrArrayEnd = 1;
const expectKeyOrObjectEnd = 2;
const expectKey = 3;
const expectColon = 4;
const expectCommaOrEnd = 5;
const expectNothing = 6;

const quote = 0x22;
const backslash = 0x5c;
const numberPattern = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const literals = new Map<number, [string, JsonScalar]>([
	[0x74, ['true', true]],
	[0x66, ['false', false]],
	[0x6e, ['null', null]],
]);

const isWhitespace = (byte: number) => byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
const isNumberByte = (byte: number) =>
	(byte >= 0x30 && byte <= 0x39) || byte === 0x2d || byte === 0x2b || byte === 0x2e || byte === 0x65 || byte === 0x45;

export class JsonStreamReader {
	private state = expectValue;
	/** Open containers, innermost last: true for an object. */
	private readonly open: boolean[] = [];
	/** Bytes read before the current chunk. */
	private offset = 0;
	// The token in progress, when a chunk ended inside it.
	private token: 'string' | 'number' | 'literal' | undefined;
	private parts: Buffer[] = [];
	private partsLength = 0;
	private stringIsKey = false;
	private escaped = false;
	private hasEscape = false;
	private literal: [string, JsonScalar] = ['', null];
	private literalMatched = 0;

	constructor(
		private readonly handler: JsonHandler,
		private readonly limits: JsonLimits,
	) {}

	write(chunk: Buffer): void {
		// A byte order mark may start the document.
		let index = this.offset === 0 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf ? 3 : 0;
		while (index < chunk.length) {
			index = this.token === undefined ? this.structure(chunk, index) : this.continueToken(chunk, index);
		}

		this.offset += chunk.length;
	}

	/** The document is complete; throws when it is not. */
	end(): void {
		if (this.token === 'number') {
			this.finishNumber(this.offset);
		}

		if (this.token !== undefined || this.state !== expectNothing) {
			throw this.error('the document ends early', this.offset);
		}
	}

	private error(what: string, at: number): JsonStreamError {
		return new JsonStreamError(`${what} (byte ${at})`);
	}

	/** Reads from `index` outside any token; returns where to go on. */
	private structure(chunk: Buffer, index: number): number {
		const byte = chunk[index]!;
		if (isWhitespace(byte)) {
			return index + 1;
		}

		const at = this.offset + index;
		const wantsValue = this.state === expectValue || (this.state === expectValueOrArrayEnd && byte !== 0x5d);
		if (wantsValue) {
			return this.startValue(index, byte, at);
		}

		switch (byte) {
			case quote: {
				if (this.state !== expectKeyOrObjectEnd && this.state !== expectKey) break;
				this.startString(true);
				return index + 1;
			}

			case 0x3a: {
				if (this.state !== expectColon) break;
				this.state = expectValue;
				return index + 1;
			}

			case 0x2c: {
				if (this.state !== expectCommaOrEnd) break;
				this.state = this.open.at(-1) ? expectKey : expectValue;
				return index + 1;
			}

			case 0x7d: {
				const inObject = this.open.at(-1) === true;
				if (!(this.state === expectKeyOrObjectEnd || (this.state === expectCommaOrEnd && inObject))) break;
				this.open.pop();
				this.handler.endObject();
				this.valueDone();
				return index + 1;
			}

			case 0x5d: {
				const inArray = this.open.at(-1) === false;
				if (!(this.state === expectValueOrArrayEnd || (this.state === expectCommaOrEnd && inArray))) break;
				this.open.pop();
				this.handler.endArray();
				this.valueDone();
				return index + 1;
			}

			default:
		}

		throw this.error(`unexpected ${JSON.stringify(String.fromCharCode(byte))}`, at);
	}

	private startValue(index: number, byte: number, at: number): number {
		if (byte === 0x7b || byte === 0x5b) {
			if (this.open.length >= this.limits.maxDepth) {
				throw this.error(`nested deeper than ${this.limits.maxDepth} levels`, at);
			}

			const object = byte === 0x7b;
			this.open.push(object);
			if (object) {
				this.handler.beginObject();
			} else {
				this.handler.beginArray();
			}

			this.state = object ? expectKeyOrObjectEnd : expectValueOrArrayEnd;
			return index + 1;
		}

		if (byte === quote) {
			this.startString(false);
			return index + 1;
		}

		if (byte === 0x2d || (byte >= 0x30 && byte <= 0x39)) {
			this.token = 'number';
			this.parts = [];
			this.partsLength = 0;
			return index;
		}

		const literal = literals.get(byte);
		if (literal) {
			this.token = 'literal';
			this.literal = literal;
			this.literalMatched = 0;
			return index;
		}

		throw this.error(`unexpected ${JSON.stringify(String.fromCharCode(byte))}`, at);
	}

	private startString(isKey: boolean): void {
		this.token = 'string';
		this.stringIsKey = isKey;
		this.parts = [];
		this.partsLength = 0;
		this.escaped = false;
		this.hasEscape = false;
	}

	private continueToken(chunk: Buffer, index: number): number {
		switch (this.token) {
			case 'string': {
				return this.continueString(chunk, index);
			}

			case 'number': {
				return this.continueNumber(chunk, index);
			}

			default: {
				return this.continueLiteral(chunk, index);
			}
		}
	}

	private collect(piece: Buffer, at: number): void {
		this.partsLength += piece.length;
		if (this.partsLength > this.limits.maxStringBytes) {
			throw this.error(`a value longer than ${this.limits.maxStringBytes} bytes`, at);
		}

		this.parts.push(piece);
	}

	private continueString(chunk: Buffer, start: number): number {
		let index = start;
		for (; index < chunk.length; index++) {
			const byte = chunk[index]!;
			if (this.escaped) {
				this.escaped = false;
			} else if (byte === backslash) {
				this.escaped = true;
				this.hasEscape = true;
			} else if (byte === quote) {
				break;
			} else if (byte < 0x20) {
				throw this.error('a control character inside a string', this.offset + index);
			}
		}

		this.collect(chunk.subarray(start, index), this.offset + index);
		if (index === chunk.length) {
			return index;
		}

		const bytes = this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts);
		this.token = undefined;
		this.parts = [];
		const text = this.hasEscape ? this.unescape(bytes, this.offset + index) : bytes.toString('utf8');
		if (this.stringIsKey) {
			this.handler.key(text);
			this.state = expectColon;
		} else {
			this.handler.scalar(text);
			this.valueDone();
		}

		return index + 1;
	}

	private unescape(bytes: Buffer, at: number): string {
		try {
			return JSON.parse(`"${bytes.toString('utf8')}"`) as string;
		} catch {
			throw this.error('a bad escape sequence in a string', at);
		}
	}

	private continueNumber(chunk: Buffer, start: number): number {
		let index = start;
		while (index < chunk.length && isNumberByte(chunk[index]!)) {
			index++;
		}

		this.collect(chunk.subarray(start, index), this.offset + index);
		if (index < chunk.length) {
			this.finishNumber(this.offset + index);
		}

		return index;
	}

	private finishNumber(at: number): void {
		const text = Buffer.concat(this.parts).toString('latin1');
		this.token = undefined;
		this.parts = [];
		if (!numberPattern.test(text)) {
			throw this.error(`a malformed number ${JSON.stringify(text.slice(0, 40))}`, at);
		}

		this.handler.scalar(Number(text));
		this.valueDone();
	}

	private continueLiteral(chunk: Buffer, start: number): number {
		const [word, value] = this.literal;
		let index = start;
		while (index < chunk.length && this.literalMatched < word.length) {
			if (chunk[index] !== word.charCodeAt(this.literalMatched)) {
				throw this.error(`a malformed literal (expected ${word})`, this.offset + index);
			}

			index++;
			this.literalMatched++;
		}

		if (this.literalMatched === word.length) {
			this.token = undefined;
			this.handler.scalar(value);
			this.valueDone();
		}

		return index;
	}

	private valueDone(): void {
		this.state = this.open.length === 0 ? expectNothing : expectCommaOrEnd;
	}
}
