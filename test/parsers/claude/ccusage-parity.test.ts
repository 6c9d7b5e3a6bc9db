/**
Parser-level acceptance test: the Claude parser alone, over the public samples, deduped with
the builder's rule (the real UsageStore, see dedupe.ts), bucketed by UTC day,
equals ccusage 20.0.24's daily report exactly; per-session totals equal its session report
where the two count the same thing (see the note on agent_progress copies).
*/
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import type {CallEvent, UsageEvent} from '../../../source/core/events.js';
import {cacheWriteOf, totalOf} from '../../../source/core/tokens.js';
import {claudeParser} from '../../../source/parsers/claude/index.js';
import {dedupe} from './dedupe.js';

const publicFixtures = path.resolve(import.meta.dirname, '../../../fixtures/public');

type Totals = {
	inputTokens: number;
	outputTokens: number;
	cacheReadTokens: number;
	cacheCreationTokens: number;
	totalTokens: number;
};
type Day = Totals & {date: string};

type Parsed = UsageEvent & {fileKind: string; ccusageSession: string};

/**
ccusage's session id: `projects/<p>/<id>.jsonl` → `<id>`; a file nested deeper
(`projects/<p>/<id>/subagents/…`, `projects/<p>/<id>/chat.jsonl`) belongs to `<id>`.
*/
function ccusageSessionOf(file: string): string {
	const parts = file.split(path.sep);
	const underProject = parts.slice(parts.lastIndexOf('projects') + 2);
	return underProject.length > 1 ? underProject[0]! : path.basename(file, '.jsonl');
}

async function parseSample(folder: string): Promise<Parsed[]> {
	const context = {env: {}, home: '/nonexistent', report: () => undefined};
	const root = path.join(publicFixtures, 'claude-code', folder);
	// ccusage reads files sorted by path; "first seen" in the dedupe rule depends on it.
	const files = (await claudeParser.discover(root, context)).sort((a, b) =>
		a.path < b.path ? -1 : a.path > b.path ? 1 : 0,
	);
	const events: Parsed[] = [];
	for (const file of files) {
		for await (const event of claudeParser.parse(file, {report: context.report})) {
			events.push({...event, fileKind: file.kind, ccusageSession: ccusageSessionOf(file.path)});
		}
	}

	return events;
}

function add(into: Totals, call: CallEvent): void {
	into.inputTokens += call.tokens.input;
	into.outputTokens += call.tokens.output;
	into.cacheReadTokens += call.tokens.cacheRead;
	into.cacheCreationTokens += cacheWriteOf(call.tokens);
	into.totalTokens += totalOf(call.tokens);
}

const zero = (): Totals => ({
	inputTokens: 0,
	outputTokens: 0,
	cacheReadTokens: 0,
	cacheCreationTokens: 0,
	totalTokens: 0,
});

function daily(calls: CallEvent[]): Day[] {
	const days = new Map<string, Day>();
	for (const call of calls) {
		const date = new Date(call.time).toISOString().slice(0, 10);
		const day = days.get(date) ?? {date, ...zero()};
		days.set(date, day);
		add(day, call);
	}

	return [...days.values()].sort((a, b) => a.date.localeCompare(b.date));
}

function expected<T>(name: string): T {
	return JSON.parse(readFileSync(path.join(publicFixtures, 'expected-ccusage-20.0.24', name), 'utf8')) as T;
}

const pick = ({inputTokens, outputTokens, cacheReadTokens, cacheCreationTokens, totalTokens}: Totals): Totals => ({
	inputTokens,
	outputTokens,
	cacheReadTokens,
	cacheCreationTokens,
	totalTokens,
});

describe.each(['spotter', 'vibecodingtracker', 'ccusage-synthetic'])('Claude sample %s vs ccusage 20.0.24', folder => {
	it('has exactly ccusage’s daily tokens', async () => {
		const calls = dedupe(
			(await parseSample(folder)).filter((event): event is CallEvent & Parsed => event.type === 'call'),
		);
		const theirs = expected<{daily: Day[]}>(`claude-${folder}-daily.json`).daily.map(day => ({
			date: day.date,
			...pick(day),
		}));
		expect(theirs.length).toBeGreaterThan(0);
		expect(daily(calls)).toEqual(theirs);
	});

	it('has ccusage’s per-session tokens (its session report skips agent_progress copies; so does this comparison)', async () => {
		const events = await parseSample(folder);
		// ccusage's session loader does not read progress lines (parsers/FORMATS.md §1.7 item 6). In these
		// 2.1.x samples the only sidechain copies inside main (non-subagent) files are the
		// agent_progress copies, so dropping those gives what its session loader sees.
		const calls = dedupe<CallEvent & Parsed>(
			events.filter(
				(event): event is CallEvent & Parsed =>
					event.type === 'call' && !(event.sidechain === true && event.fileKind !== 'subagent'),
			),
		);
		const sessions = new Map<string, Totals>();
		for (const call of calls) {
			// Keyed like ccusage (by file); our own session id comes from the lines' sessionId.
			const totals = sessions.get(call.ccusageSession) ?? zero();
			sessions.set(call.ccusageSession, totals);
			add(totals, call);
		}

		const theirs = expected<{sessions: Array<Totals & {sessionId: string}>}>(`claude-${folder}-session.json`).sessions;
		expect(theirs.length).toBeGreaterThan(0);
		for (const session of theirs) {
			expect({id: session.sessionId, ...pick(sessions.get(session.sessionId) ?? zero())}).toEqual({
				id: session.sessionId,
				...pick(session),
			});
		}
	});
});
