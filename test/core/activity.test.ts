import {describe, expect, it} from 'vitest';
import {classifyTool, commandHead} from '../../source/core/activity.js';

describe('classifyTool', () => {
	it.each([
		['Read', undefined, 'reading'],
		['Grep', undefined, 'reading'],
		['Glob', undefined, 'reading'],
		['Edit', undefined, 'writing'],
		['Write', undefined, 'writing'],
		['Bash', 'npm test', 'executing'],
		['Bash', 'git status', 'git'],
		['Bash', 'cd repo && git commit -m x', 'git'],
		['Bash', 'GIT_PAGER=cat git log', 'git'],
		['Bash', '/usr/bin/git diff', 'git'],
		['Bash', 'gitleaks detect', 'executing'],
		['TodoWrite', undefined, 'planning'],
		['Task', undefined, 'planning'],
		['Agent', undefined, 'planning'],
		['WebSearch', undefined, 'search'],
		['WebFetch', undefined, 'search'],
		['apply_patch', undefined, 'writing'],
		['read_file', undefined, 'reading'],
		['run_shell_command', 'git push', 'git'],
		['mcp__github__search_issues', undefined, 'search'],
		['mcp__fs__read_text_file', undefined, 'reading'],
	] as const)('%s %s → %s', (name, command, expected) => {
		expect(classifyTool(name, command)).toBe(expected);
	});

	it('unwraps Codex argv arrays before looking for git', () => {
		expect(classifyTool('shell', ['bash', '-lc', 'git diff --stat'])).toBe('git');
		expect(classifyTool('shell', ['ls', '-la'])).toBe('executing');
	});

	it('takes the command after cd/env prefixes', () => {
		expect(commandHead('cd /x && FOO=1 pytest -q')).toBe('pytest');
	});
});
