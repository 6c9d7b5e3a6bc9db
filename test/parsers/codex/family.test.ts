import {describe, expect, it} from 'vitest';
import {codexFixture, parseCodexHome, raw} from './helpers.js';

const parent = '33333333-0000-4000-8000-00000000000a';
const fork = '33333333-0000-4000-8000-00000000000b';
const subagent = '33333333-0000-4000-8000-00000000000c';
const longReplay = '33333333-0000-4000-8000-00000000000d';
const quickChild = '33333333-0000-4000-8000-00000000000e';

describe('codex forks and sub-agents replay their parent (fixtures/codex/fork)', async () => {
	const {calls, turns, sessions} = await parseCodexHome(codexFixture('fork'));
	const callsOf = (id: string) => calls.filter(call => call.sessionId === id);

	it('counts the parent’s calls once: the replay burst of a fork is baseline, not usage', () => {
		expect(callsOf(parent).map(raw)).toEqual([
			{input: 5000, cached: 1000, output: 200, reasoning: 50},
			{input: 6000, cached: 4000, output: 100, reasoning: 10},
		]);
		expect(callsOf(fork).map(raw)).toEqual([{input: 7000, cached: 5000, output: 100, reasoning: 10}]);
		expect(callsOf(subagent).map(raw)).toEqual([{input: 4000, cached: 3000, output: 50, reasoning: 0}]);
		expect(calls).toHaveLength(6);
	});

	it('counts a child’s own first call that comes within the same second as the replay burst', () => {
		expect(callsOf(quickChild).map(call => [call.model, raw(call)])).toEqual([
			['gpt-5.1-codex-mini', {input: 2000, cached: 1000, output: 20, reasoning: 0}],
		]);
		expect(turns.filter(turn => turn.sessionId === quickChild).map(turn => turn.prompt)).toEqual([
			'Check one file quickly',
		]);
	});

	it('follows a long replay burst (3 s) while its lines keep coming close together', () => {
		expect(callsOf(longReplay).map(raw)).toEqual([{input: 16_000, cached: 8000, output: 391, reasoning: 30}]);
		expect(turns.filter(turn => turn.sessionId === longReplay).map(turn => turn.prompt)).toEqual([
			'Summarise the parser refactor',
		]);
	});

	it('keeps the replayed prompts and tools out of the child', () => {
		expect(turns.filter(turn => turn.sessionId === fork).map(turn => turn.prompt)).toEqual([
			'Now add tests for the fork',
		]);
		const [own] = callsOf(fork);
		expect(own?.turnId).toBe('1');
		expect(own?.tools).toEqual([{name: 'exec_command', activity: 'git'}]);
	});

	it('recovers a sub-agent’s own task prompt written inside the creation burst', () => {
		const subTurns = turns.filter(turn => turn.sessionId === subagent);
		expect(subTurns.map(turn => [turn.turnId, turn.prompt, new Date(turn.time).toISOString()])).toEqual([
			['1', 'Explore the tests folder and list fixtures', '2026-03-04T08:00:10.010Z'],
		]);
		expect(callsOf(subagent)[0]?.turnId).toBe('1');
	});

	it('attaches a thread_spawn sub-agent to its parent thread; a user fork stays its own session', () => {
		expect(sessions.find(session => session.sessionId === subagent)).toMatchObject({
			parentSessionId: parent,
			surface: 'vscode',
			project: 'forky',
		});
		expect(callsOf(subagent)[0]?.sidechain).toBe(true);
		expect(sessions.find(session => session.sessionId === fork)?.parentSessionId).toBeUndefined();
		expect(callsOf(fork)[0]?.sidechain).toBeUndefined();
	});
});

describe('codex auto-review transcripts (fixtures/codex/auto-review)', async () => {
	const {calls, sessions} = await parseCodexHome(codexFixture('auto-review'));

	it('belong to the reviewed thread and keep the reviewer model as logged', () => {
		expect(sessions).toEqual([
			{
				type: 'session',
				agent: 'codex',
				sessionId: '44444444-0000-4000-8000-00000000000r',
				project: 'reviewed',
				cwd: '/home/dev/reviewed',
				surface: 'cli',
				parentSessionId: '44444444-0000-4000-8000-0000000000pp',
				gitBranch: 'main',
			},
		]);
		expect(calls.map(call => [call.model, call.sidechain, call.tokens.output])).toEqual([
			['codex-auto-review', true, 300],
		]);
	});
});
