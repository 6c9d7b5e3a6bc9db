/**
Runs a real parser (Gemini or Qwen) over data roots the way the pipeline does (roots →
discover → parse), and dedupes the calls with the real UsageStore so tests can show totals.
*/
import path from 'node:path';
import type {Diagnostic} from '../../../source/core/diagnostics.js';
import type {CallEvent, SessionEvent, TurnEvent, UsageEvent} from '../../../source/core/events.js';
import {totalOf} from '../../../source/core/tokens.js';
import {UsageStore} from '../../../source/model/store.js';
import type {AgentParser, SourceFile} from '../../../source/parsers/types.js';

export const fixtures = path.resolve(import.meta.dirname, '../../../fixtures');

export type Parsed = {
	files: SourceFile[];
	calls: CallEvent[];
	turns: TurnEvent[];
	sessions: SessionEvent[];
	diagnostics: Diagnostic[];
};

export async function parseWith(
	parser: AgentParser,
	env: Record<string, string>,
	home = '/nonexistent-home',
): Promise<Parsed> {
	const diagnostics: Diagnostic[] = [];
	const context = {env, home, report: (d: Diagnostic) => diagnostics.push(d)};
	const files: SourceFile[] = [];
	const events: UsageEvent[] = [];
	for (const root of parser.roots(context)) {
		for (const file of await parser.discover(root, context)) {
			files.push(file);
			for await (const event of parser.parse(file, {report: context.report})) {
				events.push(event);
			}
		}
	}

	return {
		files,
		calls: events.filter((event): event is CallEvent => event.type === 'call'),
		turns: events.filter((event): event is TurnEvent => event.type === 'turn'),
		sessions: events.filter((event): event is SessionEvent => event.type === 'session'),
		diagnostics,
	};
}

/** One call per dedupKey, by the real rule: the UsageStore the builder reads from. */
export function dedupe(calls: readonly CallEvent[]): CallEvent[] {
	return [...new UsageStore().addAll(calls).allCalls()];
}

export type DayTotals = {input: number; cacheRead: number; output: number; reasoning: number; total: number};

/** Per-UTC-day sums (tests pass an explicit zone: UTC). */
export function dailyTotals(calls: readonly CallEvent[]): Map<string, DayTotals> {
	const days = new Map<string, DayTotals>();
	for (const call of calls) {
		const day = new Date(call.time).toISOString().slice(0, 10);
		const sum = days.get(day) ?? {input: 0, cacheRead: 0, output: 0, reasoning: 0, total: 0};
		sum.input += call.tokens.input;
		sum.cacheRead += call.tokens.cacheRead;
		sum.output += call.tokens.output;
		sum.reasoning += call.tokens.reasoning;
		sum.total += totalOf(call.tokens);
		days.set(day, sum);
	}

	return days;
}
