/**
The export writes call leaves straight from their CallInfo (export/json-call.ts). Its text must
equal the generic node writer's, byte for byte, on every call of real trees: a generated Claude
corpus loaded through the real pipeline, and random calls (reported, unpriced, multi-tool,
fractional timestamps, unknown models, names carrying C1 and bidi controls) through the real
builder; the generic text is made inert as the writer makes it. Also: the fast ISO formatter
equals Date#toISOString.
*/
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import {afterAll, describe, expect, it} from 'vitest';
import {activities} from '../../source/core/activity.js';
import type {UsageEvent} from '../../source/core/events.js';
import {inertJson} from '../../source/core/inert-text.js';
import {callNodeJson} from '../../source/export/json-call.js';
import {isoTime, jsonNodeHead} from '../../source/export/json-values.js';
import {buildTree, hasDerivedCallTotals} from '../../source/model/build.js';
import {nodesOfKind} from '../../source/model/query.js';
import {UsageStore} from '../../source/model/store.js';
import type {TreeModel} from '../../source/model/types.js';
import {loadUsage} from '../../source/pipeline/load.js';
import {createPricer} from '../../source/pricing/index.js';
import {generateClaudeCorpus} from '../generate/claude.js';
import {call, session, tokens, tool, turn} from '../support/events.js';

const pricer = createPricer();
const generic = (node: Parameters<typeof jsonNodeHead>[0]) =>
	`${inertJson(JSON.stringify(jsonNodeHead(node, {prompts: true}))).slice(0, -1)},"children":[]}`;

/** Every call leaf: the fast text equals the generic one, before and after totals were read. */
function compareAllCalls(model: TreeModel): number {
	const calls = nodesOfKind(model.root, 'call');
	for (const node of calls) {
		const fast = callNodeJson(node);
		expect(fast).toBeDefined();
		expect(fast).toBe(generic(node));
		expect(callNodeJson(node)).toBe(fast);
		// Assigned by hand, totals are no longer provably the call's: the generic path is taken.
		(node as {totals: unknown}).totals = node.totals;
		expect(hasDerivedCallTotals(node)).toBe(false);
		expect(callNodeJson(node)).toBeUndefined();
	}

	return calls.length;
}

const folders: string[] = [];
afterAll(async () => {
	await Promise.all(folders.map(folder => rm(folder, {recursive: true, force: true})));
});

describe('call leaves in the export', () => {
	it('match the generic writer on every call of a generated Claude corpus', async () => {
		const dir = await mkdtemp(path.join(tmpdir(), 'json-call-'));
		folders.push(dir);
		await generateClaudeCorpus(path.join(dir, 'claude'), {seed: 11, sessions: 6, startDay: '2026-02-01', days: 20});
		const {store} = await loadUsage({dataDirs: [dir], agents: ['claude'], env: {}, home: dir});
		const model = buildTree(store, {timezone: 'Europe/Berlin', pricer});
		expect(compareAllCalls(model)).toBeGreaterThan(50);
	});

	it('match the generic writer on random calls (reported, unpriced, tools, odd times)', () => {
		const tokenCount = fc.integer({min: 0, max: 3_000_000});
		const randomCall = fc.record({
			agent: fc.constantFrom('claude', 'codex', 'gemini'),
			time: fc.oneof(
				fc.integer({min: 1_600_000_000_000, max: 1_900_000_000_000}),
				fc.double({min: 1_600_000_000_000, max: 1_900_000_000_000, noNaN: true}),
			),
			model: fc.constantFrom(
				'claude-opus-4-6',
				'claude-sonnet-4-5-20250929',
				'gpt-5-codex',
				'mystery-model-9',
				'say "hi"\n',
				'opus\u009B31m\u2028\u202E\u007F',
			),
			tokens: fc.record({
				input: tokenCount,
				cacheRead: tokenCount,
				cacheWrite5m: tokenCount,
				cacheWrite1h: tokenCount,
				output: tokenCount,
				reasoning: tokenCount,
			}),
			reportedCostUSD: fc.option(fc.double({min: 0.000001, max: 40, noNaN: true}), {nil: undefined}),
			tools: fc.array(
				fc.record({
					name: fc.constantFrom('Read', 'Edit', 'Bash', 'mcp__x__y', 'Read\u009B2J\u2066\u2029'),
					activity: fc.constantFrom(...activities),
					file: fc.option(fc.constantFrom('src/a.ts', 'ü/b "c".md', 'x\u202E\u0085\u007F.ts'), {nil: undefined}),
				}),
				{maxLength: 4},
			),
			callId: fc.option(fc.string({maxLength: 8, unit: 'binary'}), {nil: undefined}),
		});
		fc.assert(
			fc.property(fc.array(randomCall, {minLength: 1, maxLength: 12}), calls => {
				const events: UsageEvent[] = [
					session('claude', 's1'),
					turn('claude', 's1', 't1', '2026-02-12T10:00:00Z', 'do it'),
				];
				for (const item of calls) {
					const tools = item.tools.map(entry => tool(entry.name, entry.activity, entry.file));
					events.push({
						...call(item.agent, 's1', '2026-02-12T10:00:00Z', {
							tokens: tokens(item.tokens),
							tools,
							model: item.model,
							callId: item.callId,
							reportedCostUSD: item.reportedCostUSD,
						}),
						time: item.time,
					});
				}

				const model = buildTree(new UsageStore().addAll(events), {timezone: 'UTC', pricer});
				expect(compareAllCalls(model)).toBe(calls.length);
			}),
			{numRuns: 150},
		);
	});
});

describe('isoTime', () => {
	it('equals Date#toISOString for whole and fractional milliseconds, and null outside Date', () => {
		fc.assert(
			fc.property(
				fc.oneof(fc.integer({min: 1, max: 8_000_000_000_000}), fc.double({min: 1, max: 8.64e15, noNaN: true})),
				ms => {
					expect(isoTime(ms)).toBe(new Date(ms).toISOString());
				},
			),
			{numRuns: 2000},
		);
		for (const ms of [1, 86_399_999, 86_400_000, 951_782_400_000, 253_402_300_799_999, 253_402_300_800_000]) {
			expect(isoTime(ms)).toBe(new Date(ms).toISOString());
		}

		// Epoch 0 is a time like any other; only what Date cannot hold has none.
		expect([isoTime(0), isoTime(-5)]).toEqual(['1970-01-01T00:00:00.000Z', '1969-12-31T23:59:59.995Z']);
		expect([isoTime(Number.NaN), isoTime(8.64e15 + 1), isoTime(Number.POSITIVE_INFINITY)]).toEqual([null, null, null]);
	});
});
