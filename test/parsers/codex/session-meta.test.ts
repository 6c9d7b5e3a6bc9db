import {describe, expect, it} from 'vitest';
import {projectOf, readSessionMeta} from '../../../source/parsers/codex/session-meta.js';

describe('codex session_meta', () => {
	it.each([
		['codex_cli_rs', 'cli', 'cli'],
		['codex_vscode', 'vscode', 'vscode'],
		['Codex Desktop', 'vscode', 'desktop'],
		['codex_exec', 'exec', 'exec'],
		['some_new_client', 'exec', 'exec'],
		['some_new_client', 'mcp', 'mcp'],
		[undefined, undefined, undefined],
	])('originator %s / source %s → surface %s', (originator, source, surface) => {
		expect(readSessionMeta({id: 'x', originator, source}).surface).toBe(surface);
	});

	it('finds the parent of sub-agents and reviewers, and marks replaying children', () => {
		const spawned = readSessionMeta({source: {subagent: {thread_spawn: {parent_thread_id: 'p1', depth: 1}}}});
		expect(spawned).toMatchObject({parentSessionId: 'p1', isSubagent: true, replaysParent: true});
		const reviewer = readSessionMeta({source: {subagent: {other: 'guardian'}}, parent_thread_id: 'p2'});
		expect(reviewer).toMatchObject({parentSessionId: 'p2', isSubagent: true});
		const fork = readSessionMeta({source: 'cli', forked_from_id: 'p3'});
		expect(fork).toMatchObject({
			parentSessionId: undefined,
			forkedFromId: 'p3',
			isSubagent: false,
			replaysParent: true,
		});
		expect(readSessionMeta({source: 'cli'}).replaysParent).toBe(false);
	});

	it('names the project after the last cwd segment', () => {
		expect(projectOf('/home/dev/app/')).toBe('app');
		expect(projectOf('C:\\Users\\dev\\game')).toBe('game');
		expect(projectOf('/')).toBeUndefined();
	});
});
