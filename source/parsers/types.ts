/**
The contract of an agent parser: where its files live, and how one file becomes
normalized events. A parser imports `core/` only; it never prices, buckets or builds trees.
*/
import type {AgentId} from '../core/agents.js';
import type {DiagnosticSink} from '../core/diagnostics.js';
import type {UsageEvent} from '../core/events.js';

/** One unit of input: a file (or a SQLite database) that parse() reads. */
export type SourceFile = {
	readonly agent: AgentId;
	readonly path: string;
	/** The data root it was found under (for relative session ids). */
	readonly root: string;
	readonly size: number;
	readonly mtimeMs: number;
	/** Inode and ctime, when discovery already knows them (the parse cache checks both; saves a stat). */
	readonly ino?: number;
	readonly ctimeMs?: number;
	/** Parser-specific flavour, e.g. `jsonl`, `json`, `sqlite`, `zst`, `subagent`. */
	readonly kind: string;
	/**
	False when the file can change while its size, mtime, inode and ctime stay the same, so the
	parse cache must never answer for it: a SQLite database changes through its `-wal`. Absent:
	the file may be cached. Set by the parser's discover(); the cache asks nothing else.
	*/
	readonly cacheable?: boolean;
};

export type DiscoverContext = {
	readonly env: Readonly<Record<string, string | undefined>>;
	readonly home: string;
	readonly report: DiagnosticSink;
};

export type ParseContext = {
	readonly report: DiagnosticSink;
	/** Called with the number of bytes consumed, for progress. */
	readonly onBytes?: (bytes: number) => void;
};

export type AgentParser = {
	readonly id: AgentId;
	/**
	Data roots from the agent's environment variables, else its default home locations.
	Roots that do not exist are returned too; discover() skips them quietly.
	*/
	roots(context: DiscoverContext): string[];
	/** Every input file under one root. Never throws: unreadable folders are diagnostics. */
	discover(root: string, context: DiscoverContext): Promise<SourceFile[]>;
	/** Streams one file's events. Never throws on bad data: bad lines are diagnostics. */
	parse(file: SourceFile, context: ParseContext): AsyncIterable<UsageEvent>;
};
