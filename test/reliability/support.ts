/**
Shared helpers of the reliability suite: per-agent samples (real public files where they
exist, the repo's hand-written fixtures otherwise), a tmp root holding one sample file at its
real relative path, and a runner that calls a parser exactly as the pipeline does
(discover → parse each file with a report sink) and records events, diagnostics and any throw.
*/
import {execFileSync} from 'node:child_process';
import {cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {expect} from 'vitest';
import {type Diagnostic, diagnosticKinds} from '../../source/core/diagnostics.js';
import type {UsageEvent} from '../../source/core/events.js';
import {tokenKinds} from '../../source/core/tokens.js';
import {parsers} from '../../source/parsers/registry.js';
import {parseOneFile} from '../../source/pipeline/parse-file.js';
import type {AgentParser} from '../../source/parsers/types.js';

export const repoRoot = path.resolve(import.meta.dirname, '../..');

export type Sample = {
	readonly agent: AgentParser['id'];
	/** A data root in the repo, and the file under it that the fuzzer mutates. */
	readonly root: string;
	readonly file: string;
	/**
	Byte strings that make a line a usage candidate for this parser: a line holding one of
	them that is not a JSON object must be reported. (Lines without any of the parser's
	prefilter markers are skipped undecoded by design, uncounted.) Empty: every line counts.
	*/
	readonly usageMarkers: readonly string[];
	/** A whole-file sample whose document is a JSON array (Codebuff's chats), not an object. */
	readonly jsonArray?: boolean;
};

const fixture = (...parts: string[]) => path.join(repoRoot, 'fixtures', ...parts);

/** Line-oriented (JSONL) samples, smallest real file per agent to keep runs cheap. */
export const jsonlSamples: readonly Sample[] = [
	{
		agent: 'claude',
		root: fixture('public/claude-code/spotter'),
		file: 'projects/-home-USER-projects-spotter-misc/tool_heavy.jsonl',
		usageMarkers: ['"usage":{'],
	},
	{
		agent: 'claude',
		root: fixture('public/claude-code/vibecodingtracker'),
		file: 'projects/-home-wei-repo-claude-code/claude_code.jsonl',
		usageMarkers: ['"usage":{'],
	},
	{
		agent: 'codex',
		root: fixture('public/codex/localpush'),
		file: 'sessions/2026/02/23/rollout-2026-02-23T20-34-25-019c8bfe-ec25-79e0-97d7-bda6a9c575ff.jsonl',
		usageMarkers: ['"token_count"'],
	},
	{
		agent: 'gemini',
		root: fixture('public/gemini/vibecodingtracker/tmp'),
		file: '9da8b3dfb8655182ac1f0e66601c367e34f8d18447a29759eeba4d7e45dc60ea/chats/gemini.jsonl',
		usageMarkers: [],
	},
	{
		agent: 'qwen',
		root: fixture('qwen/qwen-home'),
		file: 'projects/-home-dev-webapp/chats/11111111-2222-4333-8444-555555555555.jsonl',
		usageMarkers: ['"type":"assistant"'],
	},
	{
		agent: 'kimi',
		root: fixture('kimi'),
		file: 'sessions/3f2a9c/4b7e-session/wire.jsonl',
		usageMarkers: ['StatusUpdate'],
	},
	{
		agent: 'pi',
		root: fixture('pi'),
		file: '--home-dev-webapp--/2026-03-02T10-00-00-000Z_5c1d.jsonl',
		usageMarkers: ['"usage"'],
	},
	{
		agent: 'copilot',
		root: fixture('agents/copilot'),
		file: 'session-state/session-a/events.jsonl',
		usageMarkers: ['"type":"session.shutdown"'],
	},
	{agent: 'copilot', root: fixture('agents/copilot'), file: 'otel/trace.jsonl', usageMarkers: ['"attributes"']},
	{
		agent: 'grok',
		root: fixture('agents/grok'),
		file: 'sessions/proj/sess-b/updates.jsonl',
		usageMarkers: ['turn_completed'],
	},
	{
		agent: 'openclaw',
		root: fixture('agents/openclaw'),
		file: 'agents/main/sessions/8555a0a4-0b79-459d-939c-e17cdbbf4fe2.jsonl',
		usageMarkers: ['"role":"assistant"'],
	},
];

/** Whole-file JSON samples (one document per file). */
export const jsonSamples: readonly Sample[] = [
	{
		agent: 'opencode',
		root: fixture('public/opencode/tokscale-synthetic'),
		file: 'storage/message/test-project/msg_test001.json',
		usageMarkers: [],
	},
	{agent: 'amp', root: fixture('amp'), file: 'threads/T-7f3c1a2b-0d4e-4f5a-9b6c-1e2d3f4a5b6c.json', usageMarkers: []},
	{
		agent: 'gemini',
		root: fixture('public/gemini/vibecodingtracker-legacy/tmp'),
		file: 'legacy/chats/test_conversation_gemini.json',
		usageMarkers: [],
	},
	{agent: 'droid', root: fixture('agents/droid/sessions'), file: 'session-a.settings.json', usageMarkers: []},
	{
		agent: 'codebuff',
		root: fixture('agents/codebuff/manicode'),
		file: 'projects/project-a/chats/2026-01-02T03-04-05.000Z/chat-messages.json',
		usageMarkers: [],
		jsonArray: true,
	},
	{
		agent: 'cline',
		root: fixture('vscode/cline/saoudrizwan.claude-dev'),
		file: 'tasks/1767261600000/ui_messages.json',
		usageMarkers: [],
		jsonArray: true,
	},
	{
		agent: 'roo',
		root: fixture('vscode/roo/rooveterinaryinc.roo-cline'),
		file: 'tasks/0f8e2a6c-3b1d-4c57-9a0e-5d2b7c4e1f30/ui_messages.json',
		usageMarkers: [],
		jsonArray: true,
	},
	{
		agent: 'kilocode',
		root: fixture('vscode/kilocode/kilocode.kilo-code'),
		file: 'tasks/7c1e9b52-8d4a-4f06-b3e2-19a0c6d85f47/ui_messages.json',
		usageMarkers: [],
		jsonArray: true,
	},
];

export function parserOf(agent: AgentParser['id']): AgentParser {
	return parsers.find(parser => parser.id === agent)!;
}

export function sampleLines(sample: Sample): string[] {
	return readFileSync(path.join(sample.root, sample.file), 'utf8')
		.split('\n')
		.filter(line => line.length > 0);
}

/** A fresh tmp root with `content` at the sample's relative path (and nothing else). */
export function rootWith(sample: Sample, content: string | Buffer): {root: string; file: string} {
	const root = mkdtempSync(path.join(tmpdir(), `agent-ncdu-fuzz-${sample.agent}-`));
	const file = path.join(root, sample.file);
	mkdirSync(path.dirname(file), {recursive: true});
	writeFileSync(file, content);
	return {root, file};
}

/** A writable tmp copy of a fixture root at `<into or a new tmp dir>/<under>`; returns that dir. */
export function copyRoot(source: string, prefix: string, under = '', into?: string): string {
	const root = into ?? mkdtempSync(path.join(tmpdir(), `agent-ncdu-${prefix}-`));
	cpSync(source, path.join(root, under), {recursive: true});
	// The fixtures are checked out read-only; the copy must be writable (as a real data folder is).
	execFileSync('chmod', ['-R', 'u+w', root]);
	return root;
}

export type Run = {events: UsageEvent[]; diagnostics: Diagnostic[]; error?: unknown};

/**
Discover + parse every file of one root, as load.ts does (parseOneFile: the parser, then the
core/limits.ts bounds); a throw is captured, not raised. With `guarded`, a throw while parsing
one file becomes an unreadable-file diagnostic and the next file is parsed, exactly as
load.ts's per-file guard does (the fuzz tests leave it off: there a throw is a defect, since
the guard would lose the whole file).
*/
export async function runParser(
	agent: AgentParser['id'],
	root: string,
	options: {guarded?: boolean} = {},
): Promise<Run> {
	const parser = parserOf(agent);
	const diagnostics: Diagnostic[] = [];
	const report = (diagnostic: Diagnostic) => {
		diagnostics.push(diagnostic);
	};

	const events: UsageEvent[] = [];
	try {
		const files = await parser.discover(root, {env: {}, home: '/nonexistent', report});
		files.sort((a, b) => (a.path < b.path ? -1 : 1));
		for (const file of files) {
			const parsed = await parseOneFile(parser, file, () => undefined);
			events.push(...parsed.events);
			diagnostics.push(...parsed.diagnostics);
			if (parsed.failure !== undefined) {
				if (!options.guarded) {
					throw new Error(parsed.failure);
				}

				report({kind: 'unreadable-file', agent, file: file.path, message: parsed.failure});
			}
		}
	} catch (error) {
		return {events, diagnostics, error};
	}

	return {events, diagnostics};
}

/** The invariants every run must keep, whatever the input. */
export function expectSane(run: Run): void {
	expect(run.error).toBeUndefined();
	for (const event of run.events) {
		if (event.type !== 'call') {
			continue;
		}

		for (const kind of tokenKinds) {
			const value = event.tokens[kind];
			if (!(Number.isInteger(value) && value >= 0)) {
				throw new Error(`${event.agent} call has ${kind} = ${value}`);
			}
		}

		expect(Number.isFinite(event.time)).toBe(true);
		if (event.reportedCostUSD !== undefined) {
			expect(Number.isFinite(event.reportedCostUSD) && event.reportedCostUSD >= 0).toBe(true);
		}
	}

	for (const diagnostic of run.diagnostics) {
		expect(diagnosticKinds).toContain(diagnostic.kind);
	}
}

export const skipsForRoot = process.getuid?.() === 0;
