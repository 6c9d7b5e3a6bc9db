/**
UsageSnapshot: the aggregate rows OTLP exports, computed from one TreeModel.

Walks root → week → day → session nodes only (never turns or calls), so prompt text, file
paths and session content cannot reach an attribute: the only strings read are the day key,
the session's agent, its short project name and model ids.

Every row holds cumulative totals of the whole tree, which is what makes the observable
counters correct under cumulative temporality: exporting twice with no new usage reports the
same values.
*/
import {createHash} from 'node:crypto';
import {cacheWriteOf, totalOf} from '../../core/tokens.js';
import type {TreeModel, TreeNode} from '../../model/types.js';
import type {ProjectMode} from './config.js';

export type Attributes = Record<string, string>;

export type UsageRow = {
	readonly attributes: Attributes;
	input: number;
	output: number;
	cacheRead: number;
	cacheWrite: number;
	queries: number;
	/** USD of the priced part (unpriced models contribute 0). */
	cost: number;
};

export type CountRow = {readonly attributes: Attributes; count: number};
export type DailyRow = {readonly attributes: Attributes; input: number; output: number; sessions: number};
export type ModelRow = {readonly attributes: Attributes; input: number; output: number; queries: number};

/** One day-fragment of one session, the unit of the per-session histograms. */
export type SessionSample = {
	/** `date|agent:sessionId`: stable across rebuilds of the tree. */
	readonly key: string;
	readonly attributes: Attributes;
	readonly tokens: number;
	readonly queries: number;
	readonly lastTime: number;
};

export type UsageSnapshot = {
	readonly usage: readonly UsageRow[];
	readonly sessions: readonly CountRow[];
	readonly daily: readonly DailyRow[];
	readonly models: readonly ModelRow[];
	readonly sessionSamples: readonly SessionSample[];
};

/** The `project` attribute per the privacy mode; undefined → leave the attribute out. */
export function projectAttribute(project: string, mode: ProjectMode): string | undefined {
	switch (mode) {
		case 'name': {
			return project;
		}

		case 'hash': {
			return 'p-' + createHash('sha256').update(project).digest('hex').slice(0, 12);
		}

		default: {
			return undefined;
		}
	}
}

function withProject(attributes: Attributes, project: string | undefined): Attributes {
	return project === undefined ? attributes : {...attributes, project};
}

function rowFor<T>(rows: Map<string, T>, attributes: Attributes, create: (attributes: Attributes) => T): T {
	const key = JSON.stringify(Object.entries(attributes).sort());
	let row = rows.get(key);
	if (!row) {
		row = create(attributes);
		rows.set(key, row);
	}

	return row;
}

function* sessionNodesByDay(model: TreeModel): Generator<[TreeNode, TreeNode]> {
	for (const week of model.root.children) {
		for (const day of week.children) {
			for (const session of day.children) {
				if (session.kind === 'session' && session.session) {
					yield [day, session];
				}
			}
		}
	}
}

export function summarize(model: TreeModel, mode: ProjectMode): UsageSnapshot {
	const usage = new Map<string, UsageRow>();
	const sessions = new Map<string, CountRow>();
	const sessionKeysSeen = new Set<string>();
	const daily = new Map<string, DailyRow>();
	const models = new Map<string, ModelRow>();
	const sessionSamples: SessionSample[] = [];

	for (const [day, node] of sessionNodesByDay(model)) {
		const info = node.session!;
		const date = day.key;
		const agent = info.agent;
		const project = projectAttribute(info.project, mode);

		for (const [modelName, part] of node.totals.byModel) {
			const row = rowFor(usage, withProject({agent, model: modelName, date}, project), attributes => ({
				attributes,
				input: 0,
				output: 0,
				cacheRead: 0,
				cacheWrite: 0,
				queries: 0,
				cost: 0,
			}));
			row.input += part.tokens.input;
			row.output += part.tokens.output;
			row.cacheRead += part.tokens.cacheRead;
			row.cacheWrite += cacheWriteOf(part.tokens);
			row.queries += part.calls;
			row.cost += part.costUSD ?? 0;

			const modelRow = rowFor(models, {agent, model: modelName}, attributes => ({
				attributes,
				input: 0,
				output: 0,
				queries: 0,
			}));
			modelRow.input += part.tokens.input;
			modelRow.output += part.tokens.output;
			modelRow.queries += part.calls;
		}

		// A session that crossed midnight has one node per day; it is still one session.
		if (!sessionKeysSeen.has(node.key)) {
			sessionKeysSeen.add(node.key);
			rowFor(sessions, withProject({agent}, project), attributes => ({attributes, count: 0})).count++;
		}

		const dayRow = rowFor(daily, {agent, date}, attributes => ({attributes, input: 0, output: 0, sessions: 0}));
		dayRow.input += node.totals.tokens.input;
		dayRow.output += node.totals.tokens.output;
		dayRow.sessions++;

		sessionSamples.push({
			key: `${date}|${node.key}`,
			attributes: withProject({agent, model: node.totals.models[0] ?? 'unknown', date}, project),
			tokens: totalOf(node.totals.tokens),
			queries: node.totals.calls,
			lastTime: node.totals.lastTime,
		});
	}

	return {
		usage: [...usage.values()],
		sessions: [...sessions.values()],
		daily: [...daily.values()],
		models: [...models.values()],
		sessionSamples,
	};
}
