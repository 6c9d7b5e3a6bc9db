import {describe, expect, it} from 'vitest';
import {patchFiles} from '../../../source/parsers/codex/tools.js';
import {codexFixture, parseCodexHome} from './helpers.js';

const execSession = '55555555-0000-4000-8000-000000000005';
const oldSession = '55555555-0000-4000-8000-00000000000f';

describe('codex turns and tools (fixtures/codex/turns-tools)', async () => {
	const {calls, turns, sessions} = await parseCodexHome(codexFixture('turns-tools'));
	const execCalls = calls.filter(call => call.sessionId === execSession);

	it('starts a turn at each human user_message, not at injected context or its response_item twin', () => {
		expect(turns.filter(turn => turn.sessionId === execSession).map(turn => [turn.turnId, turn.prompt])).toEqual([
			['1', 'fix it'],
			['2', 'Now write the changelog entry for this release please'],
		]);
		expect(execCalls.map(call => call.turnId)).toEqual(['1', '1', '1', '2']);
	});

	it('falls back to response_item user messages in files without user_message events', () => {
		expect(turns.filter(turn => turn.sessionId === oldSession).map(turn => turn.prompt)).toEqual(['explain the build']);
		expect(calls.find(call => call.sessionId === oldSession)?.turnId).toBe('1');
	});

	it('attaches tool calls to the next emitted call and classifies shell commands (git)', () => {
		expect(execCalls.map(call => call.tools)).toEqual([
			[
				{name: 'shell', activity: 'git'},
				{name: 'exec_command', activity: 'executing'},
			],
			[
				{name: 'apply_patch', activity: 'writing', file: 'src/app.ts'},
				{name: 'apply_patch', activity: 'writing', file: 'src/new.ts'},
				{name: 'local_shell_call', activity: 'git'},
			],
			[
				{name: 'web_search_call', activity: 'search'},
				{name: 'mcp__github__get_issue', activity: 'reading'},
				{name: 'update_plan', activity: 'planning'},
			],
			[],
		]);
	});

	it('describes sessions: surface from originator/source, project from the cwd (Windows too)', () => {
		expect(sessions.find(session => session.sessionId === execSession)).toMatchObject({
			surface: 'exec',
			project: 'tooling',
			gitBranch: 'main',
		});
		expect(sessions.find(session => session.sessionId === oldSession)).toMatchObject({
			surface: 'cli',
			project: 'winproj',
		});
	});
});

describe('patchFiles', () => {
	it('reads Update/Add/Delete headers once each, ignoring Move targets and content', () => {
		const patch =
			'*** Begin Patch\n*** Update File: a.ts\n*** Move to: b.ts\n@@\n+*** Add File: fake.ts\n*** Delete File: c.ts\n*** Update File: a.ts\n*** End Patch';
		expect(patchFiles(patch)).toEqual(['a.ts', 'c.ts']);
	});
});
