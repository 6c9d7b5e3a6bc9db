/**
Agents that record usage per session only (Goose, Hermes): one `sessions` row per session,
holding the session's summed counters. Each row becomes its session's event and at most one
call, dated at the session's start as ccusage dates it.
*/
import type {AgentId} from '../core/agents.js';
import type {CallEvent, SessionEvent, UsageEvent} from '../core/events.js';
import {type TokenCounts, totalOf} from '../core/tokens.js';
import {type DatabaseReader, type SqlRow, selectColumns} from './sqlite.js';

export type SessionTable = {
	/** The columns to read when present (columns come and go between versions). */
	readonly columns: readonly string[];
	/** The column that dates the session; with `id`, the minimum a table must have. */
	readonly start: string;
	/** The start column's value as epoch ms, undefined when it is not a time. */
	readonly time: (value: unknown) => number | undefined;
	/** The row's session event; `byId` holds every row of the table by id (for its parent). */
	readonly session: (row: SqlRow, byId: ReadonlyMap<string, SqlRow>) => SessionEvent;
	/** The session's summed counters. */
	readonly tokens: (row: SqlRow) => TokenCounts;
	/** The agent's own figure for the session's cost, undefined when it recorded none (or 0). */
	readonly cost: (row: SqlRow) => number | undefined;
	readonly model: (row: SqlRow) => string | undefined;
	/** The call's dedup key: the same session's row in a copy of the database gives the same key. */
	readonly dedupKey: (sessionId: string, time: number) => string;
};

/** The session's one call at `time` (whole ms): none when the row has no tokens and no cost. */
function sessionCall(table: SessionTable, row: SqlRow, time: number, agent: AgentId): CallEvent | undefined {
	const tokens = table.tokens(row);
	const cost = table.cost(row);
	if (totalOf(tokens) === 0 && cost === undefined) {
		return undefined;
	}

	const sessionId = String(row['id']);
	return {
		type: 'call',
		agent,
		sessionId,
		time,
		model: table.model(row),
		tokens,
		dedupKey: table.dedupKey(sessionId, time),
		...(cost === undefined ? {} : {reportedCostUSD: cost}),
		tools: [],
		callId: sessionId,
	};
}

/**
Reads `table` from the `sessions` table in start order: rows without an id are skipped; a
table without `id` and the start column is an `unknown-schema` diagnostic, a start that is not
a time a `missing-field` one (the session is still described, but has no call).
*/
export function sessionTableReader(table: SessionTable): DatabaseReader {
	return function* (database, file, context): Generator<UsageEvent> {
		const {start} = table;
		const rows = selectColumns(database, 'sessions', table.columns, ['id', start], `${start}, id`);
		if (!rows) {
			const message = `no sessions table with id and ${start}`;
			context.report({kind: 'unknown-schema', agent: file.agent, file: file.path, message});
			return;
		}

		const byId = new Map(rows.filter(row => row['id'] !== null).map(row => [String(row['id']), row]));
		for (const row of rows) {
			if (row['id'] === null || row['id'] === '') {
				continue;
			}

			yield table.session(row, byId);
			const time = table.time(row[start]);
			if (time === undefined) {
				const message = `session ${String(row['id'])}: ${start} is not a time`;
				context.report({kind: 'missing-field', agent: file.agent, file: file.path, message});
				continue;
			}

			const call = sessionCall(table, row, Math.floor(time), file.agent);
			if (call) {
				yield call;
			}
		}
	};
}
