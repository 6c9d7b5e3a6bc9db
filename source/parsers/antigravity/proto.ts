/**
A minimal protobuf wire-format reader for Antigravity's stored blobs (FORMATS.md §5.9).
Antigravity ships no `.proto` files; its messages are read by field number. Only what the parser
needs: varints, length-delimited bytes, and skipping fixed-width values. A malformed blob throws
a `ProtoError`, which the caller turns into a diagnostic for that row.
*/

export class ProtoError extends Error {}

export type ProtoField =
	| {readonly number: number; readonly kind: 'varint'; readonly value: number}
	| {readonly number: number; readonly kind: 'bytes'; readonly value: Uint8Array}
	| {readonly number: number; readonly kind: 'fixed'};

type Cursor = {readonly bytes: Uint8Array; offset: number};

/** A varint as a JS number (exact up to 2^53, which no token count or timestamp reaches). */
function readVarint(cursor: Cursor): number {
	let value = 0;
	let scale = 1;
	for (let index = 0; index < 10; index++) {
		const byte = cursor.bytes[cursor.offset];
		if (byte === undefined) {
			throw new ProtoError('truncated varint');
		}

		cursor.offset++;
		value += (byte & 0x7f) * scale;
		if ((byte & 0x80) === 0) {
			return value;
		}

		scale *= 128;
	}

	throw new ProtoError('varint longer than 10 bytes');
}

function skip(cursor: Cursor, length: number): void {
	if (length < 0 || cursor.offset + length > cursor.bytes.length) {
		throw new ProtoError('field runs past the end of the blob');
	}

	cursor.offset += length;
}

/** Every top-level field of one message, in wire order. */
export function decodeFields(bytes: Uint8Array): ProtoField[] {
	const cursor: Cursor = {bytes, offset: 0};
	const fields: ProtoField[] = [];
	while (cursor.offset < bytes.length) {
		const tag = readVarint(cursor);
		const number = Math.floor(tag / 8);
		if (number === 0) {
			throw new ProtoError('field number 0');
		}

		switch (tag % 8) {
			case 0: {
				fields.push({number, kind: 'varint', value: readVarint(cursor)});
				break;
			}

			case 1:
			case 5: {
				skip(cursor, tag % 8 === 1 ? 8 : 4);
				fields.push({number, kind: 'fixed'});
				break;
			}

			case 2: {
				const length = readVarint(cursor);
				const start = cursor.offset;
				skip(cursor, length);
				fields.push({number, kind: 'bytes', value: bytes.subarray(start, start + length)});
				break;
			}

			default: {
				throw new ProtoError(`unsupported wire type ${tag % 8}`);
			}
		}
	}

	return fields;
}

/** The last varint of field `number` (protobuf: the last value of a scalar wins). */
export function varintOf(fields: readonly ProtoField[], number: number): number | undefined {
	let found: number | undefined;
	for (const field of fields) {
		if (field.number === number && field.kind === 'varint') {
			found = field.value;
		}
	}

	return found;
}

/** Every bytes value of field `number` (a repeated message). */
export function bytesAll(fields: readonly ProtoField[], number: number): Uint8Array[] {
	const found: Uint8Array[] = [];
	for (const field of fields) {
		if (field.number === number && field.kind === 'bytes') {
			found.push(field.value);
		}
	}

	return found;
}

/** The first bytes value of field `number` (an embedded message). */
export function bytesOf(fields: readonly ProtoField[], number: number): Uint8Array | undefined {
	return bytesAll(fields, number)[0];
}

const utf8 = new TextDecoder('utf-8', {fatal: true});

/** The last non-blank UTF-8 text of field `number`; undefined when absent or not text. */
export function textOf(fields: readonly ProtoField[], number: number): string | undefined {
	const values = bytesAll(fields, number);
	const last = values.at(-1);
	if (!last) {
		return undefined;
	}

	try {
		const text = utf8.decode(last);
		return text.trim() ? text : undefined;
	} catch {
		return undefined;
	}
}
