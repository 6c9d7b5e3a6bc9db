/**
Reads a Codex `session_meta` payload: identity, project, surface, and family ties.

- surface: from `originator` (`codex_cli_rs` → cli, `codex_vscode` → vscode,
  `Codex Desktop` → desktop, `codex_exec` → exec), else from a string `source`;
- parent: `parent_thread_id` found in `source.subagent` (thread_spawn sub-agents,
  auto-review/guardian reviewers) or at the top level; such a session's usage belongs to the
  parent thread, so the event carries `parentSessionId` and calls are marked sidechain;
- replay child: a fork (`forked_from_id`) or any sub-agent starts by replaying its parent's
  history, so its first rows are baseline, not usage (parsers/FORMATS.md §2.3).
*/
import {asRecord, asString} from '../read-lines.js';

export type SessionMeta = {
	readonly id?: string;
	readonly cwd?: string;
	readonly project?: string;
	readonly surface?: string;
	readonly gitBranch?: string;
	readonly parentSessionId?: string;
	readonly forkedFromId?: string;
	/** A sub-agent (any `source.subagent`), including reviewers. */
	readonly isSubagent: boolean;
	/** The file begins with a replay of another thread's history. */
	readonly replaysParent: boolean;
};

/** A Map: an originator named `constructor` must not find Object.prototype's members. */
const surfaceByOriginator = new Map([
	['codex_cli_rs', 'cli'],
	['codex_vscode', 'vscode'],
	['codex desktop', 'desktop'],
	['codex_desktop', 'desktop'],
	['codex_exec', 'exec'],
]);

export function readSessionMeta(payload: Record<string, unknown>): SessionMeta {
	const cwd = asString(payload['cwd']);
	const source = payload['source'];
	const subagent = asRecord(source)?.['subagent'] ?? asRecord(source)?.['subAgent'];
	const isSubagent = subagent !== undefined && subagent !== null;
	const parentSessionId = findParentThreadId(subagent, 0) ?? asString(payload['parent_thread_id']);
	const forkedFromId = asString(payload['forked_from_id']);
	return {
		id: asString(payload['id']),
		cwd,
		project: cwd ? projectOf(cwd) : undefined,
		surface: surfaceOf(asString(payload['originator']), source),
		gitBranch: asString(asRecord(payload['git'])?.['branch']),
		parentSessionId,
		forkedFromId,
		isSubagent,
		replaysParent: forkedFromId !== undefined || isSubagent,
	};
}

function surfaceOf(originator: string | undefined, source: unknown): string | undefined {
	if (source === 'exec') {
		return 'exec';
	}

	const mapped = originator ? surfaceByOriginator.get(originator.toLowerCase()) : undefined;
	if (mapped) {
		return mapped;
	}

	return typeof source === 'string' && source.length > 0 ? source : undefined;
}

/** Looks for `parent_thread_id` a few levels inside `source.subagent` (its shape varies by kind). */
function findParentThreadId(value: unknown, depth: number): string | undefined {
	const record = asRecord(value);
	if (!record || depth > 3) {
		return undefined;
	}

	const direct = asString(record['parent_thread_id']) ?? asString(record['parentThreadId']);
	if (direct) {
		return direct;
	}

	for (const child of Object.values(record)) {
		const found = findParentThreadId(child, depth + 1);
		if (found) {
			return found;
		}
	}

	return undefined;
}

/** The last segment of a POSIX or Windows path (`/a/b/` → `b`). */
export function projectOf(cwd: string): string | undefined {
	const segments = cwd.split(/[\\/]+/).filter(segment => segment.length > 0);
	return segments.at(-1);
}
