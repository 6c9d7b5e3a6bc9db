/**
The hand-made fixture fixtures/claude/edge-cases (see its PROVENANCE.md): one tree that
triggers most Claude rules at once, read from disk exactly as a user's folder would be.
*/
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import type {Diagnostic} from '../../../source/core/diagnostics.js';
import type {CallEvent, SessionEvent, TurnEvent, UsageEvent} from '../../../source/core/events.js';
import {claudeParser} from '../../../source/parsers/claude/index.js';
import {dedupe} from './dedupe.js';

const root = path.resolve(import.meta.dirname, '../../../fixtures/claude/edge-cases');

async function load() {
	const diagnostics: Diagnostic[] = [];
	const context = {
		env: {CLAUDE_CONFIG_DIR: `${root}/projects`},
		home: '/nonexistent',
		report: (d: Diagnostic) => diagnostics.push(d),
	};
	const [configured] = claudeParser.roots(context);
	const files = (await claudeParser.discover(configured!, context)).sort((a, b) => a.path.localeCompare(b.path));
	const events: UsageEvent[] = [];
	for (const file of files) {
		for await (const event of claudeParser.parse(file, {report: context.report})) {
			events.push(event);
		}
	}

	const calls = dedupe(events.filter((event): event is CallEvent => event.type === 'call'));
	const byId = new Map(calls.map(call => [call.callId, call]));
	return {files, events, calls, byId, diagnostics};
}

describe('Claude edge-case fixture', () => {
	it('discovers main, nested sub-agent and flat sub-agent files with their kinds', async () => {
		const {files} = await load();
		expect(files.map(file => [path.relative(path.join(root, 'projects'), file.path), file.kind]).sort()).toEqual([
			['-home-dev-src-shop/S1.jsonl', 'jsonl'],
			['-home-dev-src-shop/S1/subagents/agent-a1.jsonl', 'subagent'],
			['-home-dev-src-shop/S2.jsonl', 'jsonl'],
			['-home-dev-src-shop/agent-flat.jsonl', 'subagent'],
		]);
	});

	it('keeps one copy per response with the right tokens, tools and flags', async () => {
		const {byId, calls} = await load();
		expect([...byId.keys()].sort()).toEqual([
			'msg_A',
			'msg_C',
			'msg_F',
			'msg_FLAT',
			'msg_GONE',
			'msg_P',
			'msg_S',
			'msg_T',
		]);
		expect(calls).toHaveLength(8);
		const streamed = byId.get('msg_A')!;
		expect(streamed.tokens).toEqual({
			input: 3,
			cacheRead: 17_842,
			cacheWrite5m: 8216,
			cacheWrite1h: 0,
			output: 311,
			reasoning: 0,
		});
		expect(streamed.sessionId).toBe('S1');
		expect(streamed.tools).toEqual([
			{name: 'Read', activity: 'reading', file: '/home/dev/src/shop/cart.ts'},
			{name: 'Bash', activity: 'git'},
		]);
		// The sub-agent file's complete copy beats the partial agent_progress copy.
		expect(byId.get('msg_S')!.tokens.output).toBe(55);
		expect(byId.get('msg_S')!.tools.map(tool => tool.name)).toEqual(['Grep']);
		// A progress copy whose sub-agent file is gone still counts.
		expect(byId.get('msg_GONE')!.tokens.output).toBe(70);
		expect(byId.get('msg_F')).toMatchObject({speed: 'fast', tokens: {cacheWrite1h: 2000, cacheWrite5m: 0}});
		expect(byId.get('msg_C')!.reportedCostUSD).toBe(0.25);
		expect(byId.get('msg_P')!.dedupKey).toBe('claude:S2:msg_P');
		expect(calls.some(call => call.model === '<synthetic>')).toBe(false);
	});

	it('describes sessions: project from cwd, branch, surface, titles; sub-agents fold into S1', async () => {
		const {events} = await load();
		const sessions = events.filter((event): event is SessionEvent => event.type === 'session');
		expect([...new Set(sessions.map(session => session.sessionId))].sort()).toEqual(['S1', 'S2']);
		expect(sessions.find(session => session.sessionId === 'S1' && session.project)).toMatchObject({
			project: 'shop',
			cwd: '/home/dev/src/shop',
			gitBranch: 'feature/pay',
			surface: 'cli',
		});
		expect(sessions.filter(session => session.title).map(session => [session.sessionId, session.title])).toEqual([
			['S1', 'Add Stripe payments'],
			['S2', 'Payments follow-up'],
		]);
	});

	it('finds the human prompts and attaches main-file calls to them', async () => {
		const {events, byId} = await load();
		const turns = events.filter((event): event is TurnEvent => event.type === 'turn');
		expect(turns.map(turn => [turn.turnId, turn.prompt])).toEqual([
			['u2', 'Add Stripe checkout to the cart page'],
			['u5', 'fix this'],
		]);
		expect(byId.get('msg_T')!.turnId).toBe('u2');
		expect(byId.get('msg_F')!.turnId).toBe('u5');
		// Sub-agent calls carry no turn: the builder puts them in the latest turn by time.
		expect(byId.get('msg_S')!.turnId).toBeUndefined();
	});

	it('reports the malformed line and the unterminated tail, nothing else', async () => {
		const {diagnostics} = await load();
		expect(diagnostics.map(d => [d.kind, path.basename(d.file ?? ''), d.line])).toEqual([
			['malformed-line', 'S1.jsonl', 9],
			['partial-line', 'S1.jsonl', 18],
		]);
	});
});
