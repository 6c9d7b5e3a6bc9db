/**
fast-check generators of hostile input, built from real sample lines: byte-level damage
(truncation, bit flips, invalid UTF-8, a BOM, control bytes) and JSON-level damage (a value
at a random path replaced by null, a wrong type, a huge, negative or fractional number, or
deep nesting; every leaf nulled).
*/
import fc from 'fast-check';

/** Fixed in CI; set FUZZ_SEED to explore other inputs locally (a failure prints its seed and path). */
export const fuzzSeed = Number(process.env['FUZZ_SEED'] ?? 20_261_123);

/** A byte-level corruption of `line`; the result is usually not JSON. */
export function corruptLine(line: string | Buffer): fc.Arbitrary<Buffer> {
	const bytes = Buffer.from(line);
	const position = fc.nat({max: Math.max(0, bytes.length - 1)});
	return fc.oneof(
		position.map(at => bytes.subarray(0, at)),
		fc.tuple(position, fc.integer({min: 0, max: 7})).map(([at, bit]) => {
			const copy = Buffer.from(bytes);
			copy[at] = copy[at]! ^ (1 << bit);
			// A flipped bit that makes a newline would split the line: keep it one line.
			return copy[at] === 0x0a ? Buffer.concat([copy.subarray(0, at), copy.subarray(at + 1)]) : copy;
		}),
		fc
			.tuple(position, fc.constantFrom([0xff], [0xc3], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0x00], [0x0d]))
			.map(([at, inserted]) => Buffer.concat([bytes.subarray(0, at), Buffer.from(inserted), bytes.subarray(at)])),
		fc.constant(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes])),
	);
}

/** Nested arrays `depth` deep, as JSON text (built as text: no deep JS object needed). */
export function deepJson(depth: number): string {
	return '['.repeat(depth) + ']'.repeat(depth);
}

const hostileValue = fc.oneof(
	fc.constant(null),
	fc.constantFrom(-1, -1e308, 1e308, Number.MAX_VALUE, 1.5, 0.000_001, 2 ** 53 + 2, -0),
	fc.constantFrom('123', '', 'NaN', 'Infinity', '-5', '\u0000', '\uFEFF'),
	fc.constantFrom(true, false),
	fc.constantFrom([], {}, [null], {input_tokens: -5}),
	fc.integer({min: -1_000_000_000, max: 1_000_000_000}),
	fc.double(),
);

type Json = null | boolean | number | string | Json[] | {[key: string]: Json};

/** Every path (keys and indexes) to a value in `value`. */
function pathsOf(
	value: Json,
	prefix: Array<string | number> = [],
	into: Array<Array<string | number>> = [],
): Array<Array<string | number>> {
	if (Array.isArray(value)) {
		value.forEach((item, index) => {
			into.push([...prefix, index]);
			pathsOf(item, [...prefix, index], into);
		});
	} else if (value !== null && typeof value === 'object') {
		for (const [key, item] of Object.entries(value)) {
			into.push([...prefix, key]);
			pathsOf(item, [...prefix, key], into);
		}
	}

	return into;
}

const deepMarker = '"__deep__"';

function replaceAt(value: Json, at: ReadonlyArray<string | number>, replacement: Json): Json {
	if (at.length === 0) {
		return replacement;
	}

	const [head, ...rest] = at;
	if (Array.isArray(value)) {
		const copy = [...value];
		copy[head as number] = replaceAt(copy[head as number]!, rest, replacement);
		return copy;
	}

	const copy = {...(value as Record<string, Json>)};
	copy[head as string] = replaceAt(copy[head as string]!, rest, replacement);
	return copy;
}

function nullLeaves(value: Json): Json {
	if (Array.isArray(value)) {
		return value.map(nullLeaves);
	}

	if (value !== null && typeof value === 'object') {
		return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, nullLeaves(item)]));
	}

	return null;
}

/**
A JSON-level mutation of one JSON text: still valid JSON, wrong in content. Deep nesting is
spliced in as text so it can be far deeper than a JS object walk would like.
*/
export function mutateJson(text: string): fc.Arbitrary<string> {
	const document = JSON.parse(text) as Json;
	const paths = pathsOf(document);
	if (paths.length === 0) {
		return fc.constant(text);
	}

	const at = fc.constantFrom(...paths);
	return fc.oneof(
		{
			weight: 6,
			arbitrary: fc
				.tuple(at, hostileValue)
				.map(([where, value]) => JSON.stringify(replaceAt(document, where, value as Json))),
		},
		{
			weight: 1,
			arbitrary: fc
				.tuple(at, fc.integer({min: 1000, max: 20_000}))
				.map(([where, depth]) =>
					JSON.stringify(replaceAt(document, where, '__deep__')).replace(deepMarker, deepJson(depth)),
				),
		},
		{weight: 1, arbitrary: fc.constant(JSON.stringify(nullLeaves(document)))},
	);
}

/**
Every variant of one JSON text with one scalar (at most `maxDepth` keys deep) replaced by
arrays nested `depth` deep: where a parser stringifies or walks a value it expected to be a
string or a number, this finds the recursion (String() of nested arrays recurses).
*/
export function deepVariants(text: string, maxDepth = 4, depth = 20_000): string[] {
	const document = JSON.parse(text) as Json;
	const deep = deepJson(depth);
	return pathsOf(document)
		.filter(where => where.length <= maxDepth)
		.map(where => JSON.stringify(replaceAt(document, where, '__deep__')).replace(deepMarker, deep));
}
