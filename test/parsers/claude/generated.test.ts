/**
The seeded generator (test/generate/claude.ts) against the parser: every distinct API response
it wrote is found exactly once after dedupe, sub-agent files fold into their parent sessions,
and the same seed writes the same bytes.
*/
import {mkdtempSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import fg from 'fast-glob';
import {describe, expect, it} from 'vitest';
import type {Diagnostic} from '../../../source/core/diagnostics.js';
import type {CallEvent} from '../../../source/core/events.js';
import {claudeParser} from '../../../source/parsers/claude/index.js';
import {generateClaudeCorpus} from '../../generate/claude.js';

async function parseAll(root: string) {
	const diagnostics: Diagnostic[] = [];
	const context = {env: {}, home: '/nonexistent', report: (d: Diagnostic) => diagnostics.push(d)};
	const files = await claudeParser.discover(root, context);
	const calls: CallEvent[] = [];
	const sessions = new Set<string>();
	let turns = 0;
	for (const file of files) {
		for await (const event of claudeParser.parse(file, {report: context.report})) {
			if (event.type === 'call') {
				calls.push(event);
			} else if (event.type === 'session') {
				sessions.add(event.sessionId);
			} else {
				turns++;
			}
		}
	}

	return {files, calls, sessions, turns, diagnostics};
}

describe('generated Claude corpus', () => {
	it('parses to exactly the responses the generator wrote', async () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'agent-ncdu-claude-gen-'));
		const result = await generateClaudeCorpus(dir, {seed: 7, sessions: 6, startDay: '2026-03-01', days: 3});
		const {files, calls, sessions, turns, diagnostics} = await parseAll(dir);
		expect(diagnostics).toEqual([]);
		expect(files).toHaveLength(result.files);
		expect(files.some(file => file.kind === 'subagent')).toBe(true);
		const distinct = new Set(calls.map(call => call.dedupKey));
		expect(calls.every(call => call.dedupKey !== undefined)).toBe(true);
		expect(distinct.size).toBe(result.calls);
		expect(sessions.size).toBe(6);
		expect(turns).toBeGreaterThan(6);
		expect(calls.some(call => call.tools.some(tool => tool.activity === 'git'))).toBe(true);
	});

	it('is deterministic for a seed', async () => {
		const write = async () => {
			const dir = mkdtempSync(path.join(tmpdir(), 'agent-ncdu-claude-gen-'));
			await generateClaudeCorpus(dir, {seed: 11, sessions: 2, startDay: '2026-03-01', days: 1});
			const files = (await fg('**/*.jsonl', {cwd: dir})).sort();
			return files.map(file => [file, readFileSync(path.join(dir, file), 'utf8')]);
		};

		expect(await write()).toEqual(await write());
	});
});
