/**
One Antigravity conversation database → events (FORMATS.md §5.9). Each `ModelUsageStats` that
carries tokens is one call: the usage of a step (`steps.metadata`, one row per invocation,
background calls included), of a generation (`gen_metadata.data`, which also names the model),
and of every retry either lists (failed attempts consumed tokens too). One request recorded in
several places carries the same response id (else provider-assigned message id, else message id),
which is its dedup key. The session is the database (its file name).
*/
import path from 'node:path';
import type {CallEvent, UsageEvent} from '../../core/events.js';
import {tokenCount, totalOf} from '../../core/tokens.js';
import type {ReadOnlyDatabase} from '../sqlite.js';
import type {ParseContext, SourceFile} from '../types.js';
import {generationRecord, type ModelUsage, stepRecord, trajectoryTime, type UsageRecord} from './metadata.js';
import {modelFromEnum, modelFromName} from './models.js';
import {errorText} from '../../core/diagnostics.js';

type Located = {readonly record: UsageRecord; readonly where: string};

function asBytes(value: unknown): Uint8Array | undefined {
	return value instanceof Uint8Array ? value : undefined;
}

/** The records of one blob column, oldest first; a blob that does not decode is one diagnostic. */
function readRecords(
	database: ReadOnlyDatabase,
	table: string,
	column: string,
	decode: (blob: Uint8Array) => UsageRecord,
	file: SourceFile,
	context: ParseContext,
): Located[] {
	const columns = database.columns(table);
	if (!(columns.has('idx') && columns.has(column))) {
		const message = `${table} has no idx or ${column} column`;
		context.report({kind: 'unknown-schema', agent: 'antigravity', file: file.path, message});
		return [];
	}

	const located: Located[] = [];
	for (const row of database.all(
		`SELECT idx, "${column}" AS blob FROM "${table}" WHERE "${column}" IS NOT NULL ORDER BY idx`,
	)) {
		const where = `${table} row ${String(row['idx'])}`;
		const blob = asBytes(row['blob']);
		try {
			if (!blob) {
				throw new Error('not a blob');
			}

			located.push({record: decode(blob), where});
		} catch (error) {
			context.report({
				kind: 'malformed-line',
				agent: 'antigravity',
				file: file.path,
				message: `${where}: ${errorText(error)}`,
			});
		}
	}

	return located;
}

/** The conversation's own timestamp (the first trajectory row that has one). */
function conversationTime(database: ReadOnlyDatabase): number | undefined {
	if (!database.columns('trajectory_metadata_blob').has('data')) {
		return undefined;
	}

	for (const row of database.all('SELECT data FROM trajectory_metadata_blob ORDER BY rowid')) {
		const blob = asBytes(row['data']);
		try {
			const time = blob ? trajectoryTime(blob) : undefined;
			if (time !== undefined) {
				return time;
			}
		} catch {
			// A damaged trajectory row only loses a fallback time.
		}
	}

	return undefined;
}

const recordModel = (record: UsageRecord) =>
	(record.modelName ? modelFromName(record.modelName) : undefined) ??
	(record.modelEnum ? modelFromEnum(record.modelEnum) : undefined);

const identityOf = (usage: ModelUsage) => usage.responseId ?? usage.providerMessageId ?? usage.messageId;

function tokensOf(usage: ModelUsage) {
	const thinking = tokenCount(usage.thinking);
	const output = Math.max(tokenCount(usage.output), tokenCount(usage.visibleOutput) + thinking);
	const visible = Math.max(tokenCount(usage.visibleOutput), output - thinking);
	return {
		input: tokenCount(usage.input),
		output,
		cacheRead: tokenCount(usage.cacheRead),
		cacheWrite5m: tokenCount(usage.cacheWrite),
		cacheWrite1h: 0,
		reasoning: Math.max(0, output - visible),
	};
}

type Pending = {readonly usage: ModelUsage; readonly model?: string; readonly time?: number};

/** Every usage of the records, with the model in effect: the usage's own, else `modelFor(record)`. */
function pendingUsages(records: readonly Located[], modelFor: (record: UsageRecord) => string | undefined): Pending[] {
	return records.flatMap(({record}) => {
		const model = modelFor(record);
		return [...(record.usage ? [record.usage] : []), ...record.retries].map(usage => ({
			usage,
			model: usage.modelEnum ? modelFromEnum(usage.modelEnum) : model,
			time: record.time,
		}));
	});
}

/**
Steps first (they record every invocation; a step that names no model takes the last model the
generations name), then generations, each taking the model of the latest generation that named one.
*/
function collectUsages(steps: readonly Located[], generations: readonly Located[]): Pending[] {
	const generationModel = generations.map(({record}) => recordModel(record)).findLast(Boolean);
	let current: string | undefined;
	const fromGenerations = pendingUsages(generations, record => {
		current = recordModel(record) ?? (record.usage?.modelEnum ? modelFromEnum(record.usage.modelEnum) : current);
		return current;
	});
	return [...pendingUsages(steps, record => recordModel(record) ?? generationModel), ...fromGenerations];
}

function callOf(pending: Pending, sessionId: string, time: number): CallEvent | undefined {
	const tokens = tokensOf(pending.usage);
	if (totalOf(tokens) === 0) {
		return undefined;
	}

	const identity = identityOf(pending.usage);
	return {
		type: 'call',
		agent: 'antigravity',
		sessionId,
		time,
		model: pending.model,
		tokens,
		...(identity ? {dedupKey: `antigravity:${identity}`, callId: identity} : {}),
		tools: [],
	};
}

export function* antigravityEvents(
	database: ReadOnlyDatabase,
	file: SourceFile,
	context: ParseContext,
): Generator<UsageEvent> {
	const tables = database.tables();
	if (tables.size === 0) {
		return; // Antigravity creates a conversation's database before it writes anything to it.
	}

	if (!tables.has('gen_metadata')) {
		context.report({kind: 'unknown-schema', agent: 'antigravity', file: file.path, message: 'no gen_metadata table'});
		return;
	}

	const sessionId = path.basename(file.path, '.db');
	const generations = readRecords(database, 'gen_metadata', 'data', generationRecord, file, context);
	const steps = tables.has('steps') ? readRecords(database, 'steps', 'metadata', stepRecord, file, context) : [];
	const usages = collectUsages(steps, generations);
	// A copy without its own time takes the time of a copy that has one, else the conversation's.
	const timeById = new Map<string, number>();
	for (const {usage, time} of usages) {
		const identity = identityOf(usage);
		if (identity && time !== undefined && time < (timeById.get(identity) ?? Number.POSITIVE_INFINITY)) {
			timeById.set(identity, time);
		}
	}

	const fallback = conversationTime(database) ?? Math.floor(file.mtimeMs);
	yield {type: 'session', agent: 'antigravity', sessionId};
	for (const pending of usages) {
		const identity = identityOf(pending.usage);
		const time = pending.time ?? (identity ? timeById.get(identity) : undefined) ?? fallback;
		const call = callOf(pending, sessionId, time);
		if (call) {
			yield call;
		}
	}
}
