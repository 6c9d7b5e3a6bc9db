/**
The per-session table rule shared by Goose and Hermes (parsers/session-table.ts): a session event
per row with an id, one call at its start when it has tokens or a cost, diagnostics for a table
that is not there and for a start that is not a time. Over an in-memory stand-in for a database.
*/
import {describe, expect, it} from 'vitest';
import type {Diagnostic} from '../../source/core/diagnostics.js';
import type {UsageEvent} from '../../source/core/events.js';
import {tokenCount} from '../../source/core/tokens.js';
import {type SessionTable, sessionTableReader} from '../../source/parsers/session-table.js';
import type {ReadOnlyDatabase, SqlRow} from '../../source/parsers/sqlite.js';
import type {SourceFile} from '../../source/parsers/types.js';

const file: SourceFile = {
	agent: 'goose',
	path: '/data/sessions.db',
	root: '/data',
	size: 1,
	mtimeMs: 0,
	kind: 'sqlite',
};

function database(rows: SqlRow[] | undefined): ReadOnlyDatabase {
	const columns = rows ? new Set(['id', 'start', 'tokens', 'cost']) : new Set<string>();
	return {
		all: () => rows ?? [],
		tables: () => new Set(rows ? ['sessions'] : []),
		columns: () => columns,
		close: async () => undefined,
	};
}

const table: SessionTable = {
	columns: ['id', 'start', 'tokens', 'cost'],
	start: 'start',
	time: value => (typeof value === 'number' ? value : undefined),
	session: row => ({type: 'session', agent: 'goose', sessionId: String(row['id'])}),
	tokens: row => ({
		input: 0,
		cacheRead: 0,
		cacheWrite5m: 0,
		cacheWrite1h: 0,
		output: tokenCount(row['tokens']),
		reasoning: 0,
	}),
	cost: row => (typeof row['cost'] === 'number' && row['cost'] > 0 ? row['cost'] : undefined),
	model: () => 'm',
	dedupKey: (sessionId, time) => `k:${sessionId}:${time}`,
};

function read(rows: SqlRow[] | undefined): {events: UsageEvent[]; diagnostics: Diagnostic[]} {
	const diagnostics: Diagnostic[] = [];
	const events = [...sessionTableReader(table)(database(rows), file, {report: entry => diagnostics.push(entry)})];
	return {events, diagnostics};
}

describe('sessionTableReader', () => {
	it('gives each session its event and one call at its start, when it has tokens or a cost', () => {
		const {events, diagnostics} = read([
			{id: 'a', start: 1000.7, tokens: 5, cost: null},
			{id: 'b', start: 2000, tokens: 0, cost: 0.5},
			{id: 'c', start: 3000, tokens: 0, cost: 0},
			{id: null, start: 4000, tokens: 9, cost: null},
			{id: '', start: 5000, tokens: 9, cost: null},
		]);
		expect(diagnostics).toEqual([]);
		expect(
			events.map(event => (event.type === 'call' ? `call ${event.dedupKey}` : `${event.type} ${event.sessionId}`)),
		).toEqual(['session a', 'call k:a:1000', 'session b', 'call k:b:2000', 'session c']);
		expect(events[3]).toMatchObject({sessionId: 'b', callId: 'b', model: 'm', reportedCostUSD: 0.5, tools: []});
		expect(events[1]).not.toHaveProperty('reportedCostUSD');
	});

	it('reports a missing table and a start that is not a time', () => {
		expect(read(undefined).diagnostics).toMatchObject([
			{kind: 'unknown-schema', message: 'no sessions table with id and start'},
		]);
		const {events, diagnostics} = read([{id: 'a', start: 'soon', tokens: 5, cost: null}]);
		expect(events.map(event => event.type)).toEqual(['session']);
		expect(diagnostics).toMatchObject([
			{kind: 'missing-field', agent: 'goose', message: 'session a: start is not a time'},
		]);
	});
});
