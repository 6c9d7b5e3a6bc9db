/**
OpenClaw's per-agent SQLite store (FORMATS.md §5.14): `agents/<agent id>/agent/openclaw-agent.sqlite`,
table `transcript_events(session_id, seq, event_json, created_at)`: the same records as a
session JSONL file, one per row, in `seq` order per session. Read through the shared read-only
snapshot (sqlite.ts); a row that is not JSON is reported and skipped, its session goes on.
*/
import type {UsageEvent} from '../../core/events.js';
import {parseJsonObject} from '../read-lines.js';
import {databaseParser, type ReadOnlyDatabase, selectColumns} from '../sqlite.js';
import type {ParseContext, SourceFile} from '../types.js';
import {TranscriptReader} from './transcript.js';

function* transcriptEvents(database: ReadOnlyDatabase, file: SourceFile, context: ParseContext): Generator<UsageEvent> {
	const report = (message: string) =>
		context.report({kind: 'malformed-line', agent: 'openclaw', file: file.path, message});
	const rows = database.tables().has('transcript_events')
		? selectColumns(
				database,
				'transcript_events',
				['session_id', 'seq', 'event_json', 'created_at'],
				['session_id', 'event_json'],
				'session_id, seq',
			)
		: undefined;
	if (!rows) {
		context.report({kind: 'unknown-schema', agent: 'openclaw', file: file.path, message: 'no transcript_events table'});
		return;
	}

	let reader: TranscriptReader | undefined;
	for (const row of rows) {
		const sessionId = String(row['session_id']);
		if (reader?.sessionId !== sessionId) {
			reader = new TranscriptReader(sessionId);
			yield {type: 'session', agent: 'openclaw', sessionId};
		}

		const seq = typeof row['seq'] === 'number' ? row['seq'] : undefined;
		const record = parseJsonObject(String(row['event_json']));
		if (!record) {
			report(`session ${sessionId}, event ${seq ?? '?'}: event_json is not a JSON object`);
			continue;
		}

		const createdAt = typeof row['created_at'] === 'number' && row['created_at'] > 0 ? row['created_at'] : undefined;
		yield* reader.events(record, {seq, fallbackTime: createdAt}, () =>
			report(`session ${sessionId}: a message without a time`),
		);
	}
}

export const parseDatabase = databaseParser(transcriptEvents);
