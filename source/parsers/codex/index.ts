/**
The Codex CLI / Codex Desktop parser (parsers/FORMATS.md §2): rollouts under `CODEX_HOME` (comma list)
or `~/.codex`, in `sessions/` and `archived_sessions/`, plain or `.jsonl.zst`.

parse() streams one file: only lines that can matter are decoded (prefilter markers), each is
fed to the per-file state machine (rollout.ts). A read or decompression error ends the file
with a diagnostic; events already produced stand.
*/
import type {UsageEvent} from '../../core/events.js';
import {reportOversized} from '../oversized.js';
import type {AgentParser, ParseContext, SourceFile} from '../types.js';
import {codexRoots, discoverCodexFiles} from './discover.js';
import {RolloutState} from './rollout.js';
import {rolloutLines} from './source-lines.js';
import {errorText} from '../../core/diagnostics.js';

/** A line is decoded only if it contains one of these (the rest is reasoning, outputs, …). */
const markers = [
	'"session_meta"',
	'"turn_context"',
	'"token_count"',
	'"user_message"',
	'"task_started"',
	'"role":"user"',
	'"function_call"',
	'"custom_tool_call"',
	'"local_shell_call"',
	'"web_search_call"',
];

async function* parseRollout(file: SourceFile, context: ParseContext): AsyncGenerator<UsageEvent> {
	const state = new RolloutState(file, context.report);
	try {
		for await (const line of rolloutLines(file, {
			markers,
			onBytes: context.onBytes,
			onOversized: reportOversized(context.report, 'codex', file.path),
		})) {
			yield* state.accept(line);
		}
	} catch (error) {
		context.report({kind: 'unreadable-file', agent: 'codex', file: file.path, message: errorText(error)});
	}

	state.finish();
}

export const codexParser: AgentParser = {
	id: 'codex',
	roots: codexRoots,
	discover: discoverCodexFiles,
	parse: parseRollout,
};
