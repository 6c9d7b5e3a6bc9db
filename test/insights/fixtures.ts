/**
Synthetic usage histories for the insight rules (hand-written, deterministic; see
fixtures/insights/PROVENANCE.md). Each builder returns normalized events shaped like what
the Claude and Codex parsers emit; `modelOf` runs them through the real UsageStore and
buildTree with the fixed-rate test pricer.
*/
import type {UsageEvent} from '../../source/core/events.js';
import type {TokenCounts} from '../../source/core/tokens.js';
import {buildTree} from '../../source/model/build.js';
import {UsageStore} from '../../source/model/store.js';
import type {TreeModel} from '../../source/model/types.js';
import {call, session, tokens, tool, turn} from '../support/events.js';
import {pricer} from '../support/pricer.js';

export function modelOf(events: UsageEvent[], timezone = 'UTC'): TreeModel {
	return buildTree(new UsageStore().addAll(events), {timezone, pricer: pricer});
}

const at = (base: string, minutes: number): string => new Date(Date.parse(base) + minutes * 60_000).toISOString();

/** A cached Claude call whose prompt is `prompt` tokens (mostly cache reads). */
export function cached(prompt: number, output = 800, write = 2000): TokenCounts {
	return tokens({input: 200, cacheWrite5m: write, cacheRead: Math.max(0, prompt - 200 - write), output});
}

/**
One Claude session, `turns` turns of `callsPerTurn` calls, `spacing` minutes apart (2 by
default); the prompt of call i is `promptAt(i)`.
*/
export function sessionEvents(
	id: string,
	start: string,
	turns: number,
	callsPerTurn: number,
	promptAt: (index: number) => number,
	prompts?: (turn: number) => string,
	project = `${id}-app`,
	spacing = 2,
): UsageEvent[] {
	const events: UsageEvent[] = [session('claude', id, {project})];
	let index = 0;
	for (let t = 0; t < turns; t++) {
		const turnId = `${id}-t${t + 1}`;
		events.push(
			turn(
				'claude',
				id,
				turnId,
				at(start, index * spacing),
				prompts?.(t + 1) ?? `Implement step ${t + 1} of the ${project} migration plan`,
			),
		);
		for (let c = 0; c < callsPerTurn; c++) {
			events.push(
				call('claude', id, at(start, index * spacing + 1), {
					turnId,
					tokens: cached(promptAt(index)),
					tools: [tool('Read', 'reading', `src/step${t}.ts`)],
				}),
			);
			index++;
		}
	}

	return events;
}

/** Context grows from 20K to ~380K over 8 turns × 3 calls. */
export const growingSession = (id = 'grow', start = '2026-03-02T09:00:00Z') =>
	sessionEvents(id, start, 8, 3, i => 20_000 + i * i * 650);

/** Same shape, context flat around 20K. */
export const flatSession = (id = 'flat', start = '2026-03-02T09:00:00Z') =>
	sessionEvents(id, start, 8, 3, i => 20_000 + (i % 3) * 1000);
