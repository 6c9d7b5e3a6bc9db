/**
Property-based fuzzing of every parser through its public entry (discover → parse, as the
pipeline calls it), over mutations of real sample files. Invariants, whatever the input:
no throw or rejection; every call's token counts are finite non-negative integers; a damaged
line that could carry usage is reported on its own line number; the undamaged lines of the
same file give exactly the events they give without the damaged one. Fixed seed, bounded runs.
*/
import {readFileSync, rmSync} from 'node:fs';
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {asRecord, parseJsonObject} from '../../source/parsers/read-lines.js';
import {corruptLine, deepVariants, fuzzSeed, mutateJson} from './mutations.js';
import {
	expectSane,
	jsonlSamples,
	jsonSamples,
	type Run,
	repoRoot,
	rootWith,
	runParser,
	type Sample,
	sampleLines,
} from './support.js';

const runs = {numRuns: Number(process.env['FUZZ_RUNS'] ?? 100), seed: fuzzSeed, endOnFailure: true};
const bom = Buffer.from([0xef, 0xbb, 0xbf]);

/** Parses a file made of `lines` (Buffers or strings) under a fresh copy of the sample's layout. */
async function runLines(sample: Sample, lines: ReadonlyArray<string | Buffer>): Promise<Run> {
	const content = Buffer.concat(lines.flatMap(line => [Buffer.from(line), Buffer.from('\n')]));
	const {root} = rootWith(sample, content);
	try {
		return await runParser(sample.agent, root);
	} finally {
		rmSync(root, {recursive: true, force: true});
	}
}

/**
The invariants, plus: bad content never ends a file early. A parser that catches its own
exception reports the file as unreadable and loses every line after the bad one.
*/
function expectParsed(run: Run): void {
	expectSane(run);
	expect(run.diagnostics.filter(d => d.kind === 'unreadable-file').map(d => d.message)).toEqual([]);
}

/** Would the parser be able to use this line? (A leading BOM is dropped on line 1 only.) */
function isJsonObject(bytes: Buffer, lineIndex: number): boolean {
	const text = (lineIndex === 0 && bytes.subarray(0, 3).equals(bom) ? bytes.subarray(3) : bytes).toString('utf8');
	return parseJsonObject(text.replace(/\r$/, '')) !== undefined;
}

describe.each(jsonlSamples)('fuzzing the $agent parser ($file)', sample => {
	const lines = sampleLines(sample);
	const baselines = new Map<string, Promise<Run>>();
	/** The file with lines `indexes` blanked: line numbers stay, their content is gone. */
	const baselineWithout = (indexes: readonly number[]) => {
		const key = [...indexes].sort((a, b) => a - b).join(',');
		if (!baselines.has(key)) {
			baselines.set(
				key,
				runLines(
					sample,
					lines.map((line, at) => (indexes.includes(at) ? '' : line)),
				),
			);
		}

		return baselines.get(key)!;
	};

	it('the unmutated sample yields calls (the fuzzing has something to lose)', async () => {
		const run = await runLines(sample, lines);
		expectParsed(run);
		expect(run.events.filter(event => event.type === 'call').length).toBeGreaterThan(0);
		const broken = lines.flatMap((line, index) => (parseJsonObject(line) ? [] : [index + 1]));
		const reported = run.diagnostics
			.filter(d => d.kind === 'malformed-line' || d.kind === 'partial-line')
			.map(d => d.line);
		expect(reported.every(line => line !== undefined && broken.includes(line))).toBe(true);
	});

	it('byte-damaged lines (1 to 3) are reported and the other lines keep their events', async () => {
		const damagedLines = fc
			.uniqueArray(fc.nat({max: lines.length - 1}), {minLength: 1, maxLength: 3})
			.chain(indexes => fc.tuple(fc.constant(indexes), fc.tuple(...indexes.map(index => corruptLine(lines[index]!)))));
		await fc.assert(
			fc.asyncProperty(damagedLines, async ([indexes, garbage]) => {
				const replaced = new Map(indexes.map((index, at) => [index, garbage[at]!]));
				const run = await runLines(
					sample,
					lines.map((line, at) => replaced.get(at) ?? line),
				);
				expectParsed(run);
				if ([...replaced].some(([index, bytes]) => isJsonObject(bytes, index))) {
					return; // A line still usable (e.g. a flipped letter inside a string) may add or change events.
				}

				const baseline = await baselineWithout(indexes);
				expect(run.events).toEqual(baseline.events);
				for (const [index, bytes] of replaced) {
					const text = bytes.toString('latin1').trim();
					const candidate =
						sample.usageMarkers.length === 0
							? text.length > 0
							: sample.usageMarkers.some(marker => text.includes(marker));
					if (candidate) {
						expect(run.diagnostics.filter(d => d.line === index + 1).map(d => d.kind)).toContain('malformed-line');
					}
				}
			}),
			runs,
		);
	});

	it('a line with hostile JSON values (null, wrong types, huge/negative/fractional numbers, deep nesting) never breaks an invariant', async () => {
		// Only lines that are JSON to begin with (some samples carry deliberately broken lines).
		const jsonLines = lines.flatMap((line, index) => (parseJsonObject(line) ? [index] : []));
		const mutatedLine = fc
			.constantFrom(...jsonLines)
			.chain(index => fc.tuple(fc.constant(index), mutateJson(lines[index]!)));
		await fc.assert(
			fc.asyncProperty(mutatedLine, async ([index, text]) => {
				const run = await runLines(
					sample,
					lines.map((line, at) => (at === index ? text : line)),
				);
				expectParsed(run);
			}),
			runs,
		);
	});

	it('any field (4 keys deep at most) replaced by 20,000-deep nesting: no stack overflow', async () => {
		// One line per distinct record type keeps this bounded (a few MB of variant lines).
		const byType = new Map<string, string>();
		for (const line of lines) {
			const record = parseJsonObject(line);
			if (record) {
				byType.set(
					JSON.stringify([
						record['type'],
						asRecord(record['message'])?.['type'],
						asRecord(record['payload'])?.['type'],
					]),
					line,
				);
			}
		}

		const run = await runLines(
			sample,
			[...byType.values()].flatMap(line => deepVariants(line)),
		);
		expectParsed(run);
	});

	it('every number in the file made hostile at once still gives sane totals', async () => {
		const hostile = fc.constantFrom(-1, 1.5, 1e308, -1e308, 2 ** 60);
		await fc.assert(
			fc.asyncProperty(hostile, async value => {
				const run = await runLines(
					sample,
					lines.map(line => line.replace(/(":)(\d+)([,}])/g, `$1${value}$3`)),
				);
				expectParsed(run);
			}),
			{...runs, numRuns: 5},
		);
	});

	it('CRLF line ends and a BOM at the start of the file change nothing', async () => {
		const plain = await runLines(sample, lines);
		const windows = await runLines(
			sample,
			lines.map((line, at) => Buffer.concat([at === 0 ? bom : Buffer.alloc(0), Buffer.from(`${line}\r`)])),
		);
		expect(windows.events).toEqual(plain.events);
		// Each run has its own tmp root, so compare diagnostics without the file path.
		const where = (run: Run) => run.diagnostics.map(d => [d.kind, d.line]);
		expect(where(windows)).toEqual(where(plain));
	});
});

/**
Would the parser be able to use this whole-file document? A byte-order mark at its start is dropped
(parsers/json-file.ts); most documents are objects, Codebuff's chats arrays (`Sample.jsonArray`).
*/
function isUsableDocument(bytes: Buffer, sample: Sample): boolean {
	const text = (bytes.subarray(0, 3).equals(bom) ? bytes.subarray(3) : bytes).toString('utf8');
	try {
		const value: unknown = JSON.parse(text);
		return typeof value === 'object' && value !== null && Array.isArray(value) === (sample.jsonArray === true);
	} catch {
		return false;
	}
}

describe.each(jsonSamples)('fuzzing the $agent parser on a whole-file JSON ($file)', sample => {
	const text = sampleLines(sample).join('\n');

	it('byte damage to the file is reported, never thrown', async () => {
		await fc.assert(
			fc.asyncProperty(corruptLine(text), async garbage => {
				const {root} = rootWith(sample, garbage);
				const run = await runParser(sample.agent, root);
				rmSync(root, {recursive: true, force: true});
				expectParsed(run);
				if (!isUsableDocument(garbage, sample)) {
					expect(run.events.filter(event => event.type === 'call')).toEqual([]);
					expect(run.diagnostics.length).toBeGreaterThan(0);
				}
			}),
			{...runs, numRuns: 25},
		);
	});

	it('any field replaced by 20,000-deep nesting: no stack overflow', async () => {
		for (const variant of deepVariants(text)) {
			const {root} = rootWith(sample, variant);
			const run = await runParser(sample.agent, root);
			rmSync(root, {recursive: true, force: true});
			expectParsed(run);
		}
	});

	it('hostile JSON values never break an invariant', async () => {
		await fc.assert(
			fc.asyncProperty(mutateJson(text), async mutated => {
				const {root} = rootWith(sample, mutated);
				const run = await runParser(sample.agent, root);
				rmSync(root, {recursive: true, force: true});
				expectParsed(run);
			}),
			{...runs, numRuns: 40},
		);
	});
});

describe('fuzzing the codex parser on a damaged .jsonl.zst rollout', () => {
	const sample: Sample = {
		agent: 'codex',
		root: `${repoRoot}/fixtures/codex/zst-large`,
		file: 'sessions/2026/02/01/rollout-2026-02-01T23-35-06-019c1b8f-5de5-7f82-8f3c-b906e0c7875a.jsonl.zst',
		usageMarkers: [],
	};
	const bytes = readFileSync(`${sample.root}/${sample.file}`);

	it('byte damage (truncation, bit flips, inserted bytes) is reported, never thrown, memory-bounded', async () => {
		const intact = rootWith(sample, bytes);
		const whole = await runParser('codex', intact.root);
		rmSync(intact.root, {recursive: true, force: true});
		expect(whole.events.filter(event => event.type === 'call').length).toBeGreaterThan(0);
		await fc.assert(
			fc.asyncProperty(corruptLine(bytes), async garbage => {
				const {root} = rootWith(sample, garbage);
				const run = await runParser('codex', root);
				rmSync(root, {recursive: true, force: true});
				expectSane(run);
			}),
			{...runs, numRuns: 60},
		);
	});

	it('every single-bit flip of the frame header (window size, flags, content size) is survived', async () => {
		for (let at = 4; at < 14; at++) {
			for (let bit = 0; bit < 8; bit++) {
				const garbage = Buffer.from(bytes);
				garbage[at] = garbage[at]! ^ (1 << bit);
				const {root} = rootWith(sample, garbage);
				const run = await runParser('codex', root);
				rmSync(root, {recursive: true, force: true});
				expectSane(run);
			}
		}
	});

	it('a header asking for a 1 GiB window is refused up front (fzstd would allocate and fill it)', async () => {
		// The sample is one single-segment frame: bytes 5-8 are its content size (988 KB), so
		// bit 6 of byte 8 makes it 1 GiB + 988 KB, which is also the window.
		const garbage = Buffer.from(bytes);
		garbage[8] = garbage[8]! ^ 0x40;
		const {root} = rootWith(sample, garbage);
		const run = await runParser('codex', root);
		rmSync(root, {recursive: true, force: true});
		expect(run.events.filter(event => event.type === 'call')).toEqual([]);
		expect(run.diagnostics.map(d => [d.kind, /window/.test(d.message)])).toEqual([['unreadable-file', true]]);
	});
});
