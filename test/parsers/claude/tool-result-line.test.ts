/**
The byte-level reader of Claude tool-result `user` lines (parsers/claude/tool-result-line.ts)
must agree with JSON.parse + humanPromptText wherever it answers: same link and session
fields, and "not a prompt". Checked on every candidate line of the real public samples and a
generated corpus (where it must answer for nearly all of them, or the fast path is dead), and
on random variations (spacing, key order, duplicate and escaped keys, text blocks, prompts
that merely mention tool_result, cut-off lines) where it must answer right or not at all.
*/
import {readdirSync, readFileSync} from 'node:fs';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import {afterAll, describe, expect, it} from 'vitest';
import {humanPromptText} from '../../../source/parsers/claude/prompts.js';
import {readToolResultLine} from '../../../source/parsers/claude/tool-result-line.js';
import {generateClaudeCorpus} from '../../generate/claude.js';
import {publicFixtures} from '../../support/cli.js';

const fields = ['type', 'uuid', 'parentUuid', 'sessionId', 'cwd', 'gitBranch', 'entrypoint', 'isSidechain'] as const;

/** Checks one line; returns whether the byte reader answered. */
function agrees(text: string): boolean {
	const fast = readToolResultLine(Buffer.from(text));
	if (fast === undefined) {
		return false;
	}

	const record = JSON.parse(text) as Record<string, unknown>;
	expect(humanPromptText(record)).toBeUndefined();
	for (const field of fields) {
		expect(fast[field]).toEqual(record[field]);
	}

	return true;
}

function jsonlFiles(folder: string, found: string[] = []): string[] {
	for (const entry of readdirSync(folder, {withFileTypes: true})) {
		const full = path.join(folder, entry.name);
		if (entry.isDirectory()) {
			jsonlFiles(full, found);
		} else if (entry.name.endsWith('.jsonl')) {
			found.push(full);
		}
	}

	return found;
}

const candidates = (files: string[]) =>
	files.flatMap(file =>
		readFileSync(file, 'utf8')
			.split('\n')
			.filter(line => line.includes('"tool_result"') && line.includes('"type":"user"')),
	);

const folders: string[] = [];
afterAll(async () => {
	await Promise.all(folders.map(folder => rm(folder, {recursive: true, force: true})));
});

describe('readToolResultLine', () => {
	it('agrees with JSON.parse on every candidate line of the public Claude samples', () => {
		const lines = candidates(jsonlFiles(path.join(publicFixtures, 'claude-code')));
		expect(lines.length).toBeGreaterThan(20);
		const answered = lines.filter(line => agrees(line)).length;
		expect(answered / lines.length).toBeGreaterThan(0.9);
	});

	it('answers for the generated corpus’ tool results, and agrees', async () => {
		const dir = await mkdtemp(path.join(tmpdir(), 'tool-result-'));
		folders.push(dir);
		await generateClaudeCorpus(dir, {seed: 5, sessions: 4, startDay: '2026-03-01', days: 5});
		const lines = candidates(jsonlFiles(dir));
		expect(lines.length).toBeGreaterThan(20);
		expect(lines.every(line => agrees(line))).toBe(true);
	});

	it('never answers wrongly on variations of real lines', () => {
		// Spaces only: the mutation also lands inside strings, where a raw tab or CR would make the
		// line invalid in a way the reader deliberately does not re-check (see its header).
		const spacing = fc.constantFrom('', ' ', '  ');
		const block = fc.oneof(
			fc.record({
				type: fc.constant('tool_result'),
				tool_use_id: fc.string({maxLength: 6}),
				content: fc.oneof(fc.string(), fc.constant('a "quoted" \\ "tool_result" {[')),
				is_error: fc.boolean(),
			}),
			fc.record({type: fc.constant('text'), text: fc.oneof(fc.string(), fc.constant('see "type":"tool_result" here'))}),
			fc.constant('loose string'),
			fc.constant(null),
		);
		const line = fc.record({
			parentUuid: fc.oneof(fc.uuid(), fc.constant(null)),
			isSidechain: fc.boolean(),
			type: fc.constantFrom('user', 'user', 'assistant', 'tool_result'),
			message: fc.oneof(
				fc.record({role: fc.constant('user'), content: fc.array(block, {maxLength: 4})}),
				fc.record({role: fc.constant('user'), content: fc.constant('"tool_result"')}),
			),
			uuid: fc.uuid(),
			sessionId: fc.oneof(fc.uuid(), fc.constant('')),
			cwd: fc.constant('/home/dev/ü "x"'),
			toolUseResult: fc.record({stdout: fc.string(), nested: fc.constant({type: 'tool_result', deep: [1, {a: '}'}]})}),
		});
		fc.assert(
			fc.property(line, spacing, fc.boolean(), fc.boolean(), fc.nat(400), (value, space, duplicate, escapeKey, cut) => {
				let text = JSON.stringify(value).replaceAll('","', `",${space}"`).replaceAll('":', `"${space}:${space}`);
				if (duplicate) {
					text = text.slice(0, -1) + ',"type":"assistant","uuid":"second"}';
				}

				if (escapeKey) {
					text = text.replace('"type"', '"\\u0074ype"');
				}

				const cutText = text.slice(0, Math.max(1, text.length - cut));
				for (const candidate of [text, cutText]) {
					let valid = true;
					try {
						JSON.parse(candidate);
					} catch {
						valid = false;
					}

					if (valid) {
						agrees(candidate);
					} else {
						expect(readToolResultLine(Buffer.from(candidate))).toBeUndefined();
					}
				}
			}),
			{numRuns: 400},
		);
	});
});
