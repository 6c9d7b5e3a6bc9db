/**
The byte prefilter of the line reader: does a raw JSONL line contain one of the parser's
markers (`"type":"user"`, `"usage":{`, …)? Lines without one are skipped undecoded.

The agents write compact JSON, so markers are written compact and found with one native byte
search each. Some writers space their separators (Python's `json.dumps` default, a user's
tool that re-serialises transcripts: `{"type": "assistant", "message": {"usage": {…`), which
no compact marker matches. Such a line is recognised by its first key (whitespace around the
colon after it), and only then are the key-value markers matched loosely (whitespace allowed
around the colon), so the compact path costs nothing more.
*/

const quote = 0x22;
const colon = 0x3a;
const openBrace = 0x7b;

type Marker = {
	readonly compact: Buffer;
	/** For `"key":value` markers: `"key"` and `value`, to match `"key" : value`. */
	readonly key?: Buffer;
	readonly value?: Buffer;
};

export type LineMarkers = {
	/** True when the line contains one of the markers (compact, or spaced on a spaced line). */
	matches(line: Buffer): boolean;
};

export function lineMarkers(markers: readonly string[]): LineMarkers {
	const compiled = markers.map(compileMarker);
	const keyed = compiled.filter(marker => marker.key !== undefined);
	return {
		matches(line) {
			for (const marker of compiled) {
				if (line.indexOf(marker.compact) !== -1) {
					return true;
				}
			}

			return keyed.length > 0 && spacedSeparators(line) && keyed.some(marker => containsSpaced(line, marker));
		},
	};
}

function compileMarker(marker: string): Marker {
	const separator = marker.indexOf('":');
	const compact = Buffer.from(marker);
	return separator === -1
		? {compact}
		: {compact, key: Buffer.from(marker.slice(0, separator + 1)), value: Buffer.from(marker.slice(separator + 2))};
}

/** JSON whitespace: space, tab, carriage return, line feed. */
export function isSpace(byte: number | undefined): boolean {
	return byte === 0x20 || byte === 0x09 || byte === 0x0d || byte === 0x0a;
}

/** The index of the first byte at or after `index` that is not JSON whitespace. */
export function skipSpace(bytes: Buffer, index: number): number {
	while (isSpace(bytes[index])) {
		index++;
	}

	return index;
}

/**
Whether the line is an object whose first key has whitespace before or after its colon
(`{"type": …` or `{ "type" : …`). A writer that spaces one separator spaces them all; looking
at the first one only keeps this check to a few bytes.
*/
export function spacedSeparators(line: Buffer): boolean {
	let at = skipSpace(line, 0);
	if (line[at] !== openBrace) {
		return false;
	}

	at = skipSpace(line, at + 1);
	if (line[at] !== quote) {
		return false;
	}

	const keyEnd = line.indexOf(quote, at + 1);
	if (keyEnd === -1) {
		return false;
	}

	const next = line[keyEnd + 1];
	return isSpace(next) || (next === colon && isSpace(line[keyEnd + 2]));
}

/** `"key"`, optional whitespace, `:`, optional whitespace, `value`, anywhere in the line. */
function containsSpaced(line: Buffer, marker: Marker): boolean {
	const key = marker.key!;
	const value = marker.value!;
	for (let at = line.indexOf(key); at !== -1; at = line.indexOf(key, at + 1)) {
		let index = skipSpace(line, at + key.length);
		if (line[index] !== colon) {
			continue;
		}

		index = skipSpace(line, index + 1);
		if (
			index + value.length <= line.length &&
			line.compare(value, 0, value.length, index, index + value.length) === 0
		) {
			return true;
		}
	}

	return false;
}
