/**
Activity attribution: what an API call was *for*, derived from the tool calls it made.

Rule (documented in readme.md, tested in test/core/activity.test.ts):
- each tool call is classified by tool name (case-insensitive, across agents' vocabularies);
- a shell tool whose command starts with `git` (after env assignments/`cd … &&`) is `git`;
- an API call's tokens and cost are split evenly over the tool calls it made (a call that
  reads two files and runs one command is 2/3 reading, 1/3 executing);
- a call with no tool call is `conversation`.
*/
export const activities = ['reading', 'writing', 'executing', 'git', 'planning', 'search', 'conversation'] as const;
export type Activity = (typeof activities)[number];

/** A Map, not an object: a tool named `constructor` or `__proto__` must not find Object.prototype's members. */
const byToolName = new Map<string, Activity>(
	Object.entries({
		// Claude Code
		read: 'reading',
		grep: 'reading',
		glob: 'reading',
		ls: 'reading',
		notebookread: 'reading',
		edit: 'writing',
		multiedit: 'writing',
		write: 'writing',
		notebookedit: 'writing',
		bash: 'executing',
		bashoutput: 'executing',
		killshell: 'executing',
		todowrite: 'planning',
		task: 'planning',
		agent: 'planning',
		exitplanmode: 'planning',
		websearch: 'search',
		webfetch: 'search',
		// Codex
		shell: 'executing',
		shell_command: 'executing',
		local_shell_call: 'executing',
		exec_command: 'executing',
		write_stdin: 'executing',
		apply_patch: 'writing',
		update_plan: 'planning',
		web_search: 'search',
		web_search_call: 'search',
		view_image: 'reading',
		// Gemini CLI / Qwen Code
		read_file: 'reading',
		read_many_files: 'reading',
		list_directory: 'reading',
		search_file_content: 'reading',
		grep_search: 'reading',
		write_file: 'writing',
		replace: 'writing',
		edit_file: 'writing',
		run_shell_command: 'executing',
		google_web_search: 'search',
		web_fetch: 'search',
		save_memory: 'planning',
		write_todos: 'planning',
		todo_write: 'planning',
		// OpenCode
		list: 'reading',
		patch: 'writing',
		todoread: 'planning',
		codesearch: 'search',
	} satisfies Record<string, Activity>),
);

/** The first word of a shell command, skipping `VAR=x` assignments and `cd dir &&` prefixes. */
export function commandHead(command: string): string {
	const last =
		command
			.split(/&&|;|\|\|/)
			.map(part => part.trim())
			.find(part => !/^cd\s/.test(part) && part !== 'cd') ?? '';
	const words = last.split(/\s+/).filter(word => !/^[A-Za-z_]\w*=/.test(word));
	return (words[0] ?? '').replace(/^.*\//, '');
}

/**
Classifies one tool call. `command` is the shell command for shell tools (string or argv
array as Codex logs it); MCP tools (`mcp__server__tool`) are classified by their tool part.
*/
export function classifyTool(name: string, command?: string | readonly string[]): Activity {
	let key = name.toLowerCase();
	if (key.startsWith('mcp__')) {
		key = key.split('__').at(-1) ?? key;
	}

	const activity = byToolName.get(key);
	if (activity === 'executing' && command !== undefined) {
		const text = typeof command === 'string' ? command : unwrapArgv(command);
		if (commandHead(text) === 'git') {
			return 'git';
		}
	}

	if (activity) {
		return activity;
	}

	if (/search|fetch|browse/.test(key)) {
		return 'search';
	}

	if (/read|grep|glob|find|list|view|cat/.test(key)) {
		return 'reading';
	}

	if (/write|edit|patch|replace|create/.test(key)) {
		return 'writing';
	}

	if (/shell|bash|exec|command|run/.test(key)) {
		return 'executing';
	}

	if (/todo|plan|task|agent/.test(key)) {
		return 'planning';
	}

	// An unknown tool still did *something* with the tool loop; reading is the most common.
	return 'reading';
}

/** Codex logs argv arrays like ["bash","-lc","git status"]: use the script when present. */
function unwrapArgv(argv: readonly string[]): string {
	const flagIndex = argv.findIndex(arg => arg === '-c' || arg === '-lc');
	return flagIndex >= 0 ? (argv[flagIndex + 1] ?? '') : argv.join(' ');
}
