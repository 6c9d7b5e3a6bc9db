/**
JSONL written with spaced separators (`{"type": "assistant", "message": {"usage": {…`: Python's
`json.dumps` default, or a user's tool that re-serialises transcripts) reads exactly like the
compact original: every line of every JSONL fixture is rewritten in spaced form and each
parser must give the same events and the same diagnostics as on the untouched copy.
*/
import {readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import type {AgentParser} from '../../source/parsers/types.js';
import {copyRoot, type Run, repoRoot, runParser} from './support.js';

const roots: ReadonlyArray<[AgentParser['id'], string]> = [
	['claude', 'public/claude-code/spotter'],
	['claude', 'public/claude-code/vibecodingtracker'],
	['claude', 'public/claude-code/ccusage-synthetic'],
	['claude', 'claude/edge-cases'],
	['codex', 'public/codex/localpush'],
	['codex', 'public/codex/ccusage-synthetic'],
	...['auto-review', 'bad-input', 'discovery', 'fork', 'model', 'token-rules', 'turns-tools'].map(
		name => ['codex', `codex/${name}`] as [AgentParser['id'], string],
	),
	['gemini', 'public/gemini/vibecodingtracker/tmp'],
	['gemini', 'gemini/rules/tmp'],
	['gemini', 'gemini/bad/tmp'],
	['qwen', 'qwen/qwen-home'],
	['pi', 'pi'],
	['kimi', 'kimi'],
];

/**
`{"a":1,"b":[2]}` → `{ "a": 1, "b": [ 2 ] }`. Indenting and then joining the lines is safe:
a newline inside a string is always escaped in JSON text, so every raw newline is layout.
Lines that are not JSON objects (the bad-input fixtures) stay as they are.
*/
function spaced(line: string): string {
	let value: unknown;
	try {
		value = JSON.parse(line);
	} catch {
		return line;
	}

	return typeof value === 'object' && value !== null ? JSON.stringify(value, null, 1).replace(/\n */g, ' ') : line;
}

function jsonlFiles(folder: string): string[] {
	return readdirSync(folder, {recursive: true, encoding: 'utf8'})
		.filter(name => name.endsWith('.jsonl'))
		.map(name => path.join(folder, name));
}

/** The run with the tmp root replaced by a fixed name, so two copies compare equal. */
function portable(run: Run, root: string): unknown {
	return JSON.parse(JSON.stringify({events: run.events, diagnostics: run.diagnostics}).replaceAll(root, '<root>'));
}

const temporary: string[] = [];
afterAll(() => {
	for (const folder of temporary) {
		rmSync(folder, {recursive: true, force: true});
	}
});

describe.each(roots)('spaced JSON separators: %s %s', (agent, fixture) => {
	it('give the same events and diagnostics as the compact original', async () => {
		const source = path.join(repoRoot, 'fixtures', fixture);
		const compact = copyRoot(source, 'compact');
		const respaced = copyRoot(source, 'spaced');
		temporary.push(compact, respaced);
		let rewritten = 0;
		for (const file of jsonlFiles(respaced)) {
			const text = readFileSync(file, 'utf8');
			const spacedText = text.split('\n').map(spaced).join('\n');
			rewritten += spacedText === text ? 0 : 1;
			writeFileSync(file, spacedText);
		}

		expect(rewritten).toBeGreaterThan(0);
		const original = await runParser(agent, compact);
		const fromSpaced = await runParser(agent, respaced);
		expect(original.error).toBeUndefined();
		expect(fromSpaced.error).toBeUndefined();
		expect(original.events.length).toBeGreaterThan(0);
		expect(portable(fromSpaced, respaced)).toEqual(portable(original, compact));
	});
});
