/**
Text content for the Codex corpus generator (codex.ts): prompts (some deliberately vague),
project names, injected context, and tool calls in the shapes codex-rs logs them.
Kept apart so the generator reads as the rollout's structure only.
*/
export type Pick = <T>(list: readonly T[]) => T;

export function pickFrom<T>(list: readonly T[], random: () => number): T {
	return list[Math.floor(random() * list.length)]!;
}

export const projects = [
	'payments-api',
	'web-dashboard',
	'infra-terraform',
	'mobile-app',
	'data-pipeline',
	'docs-site',
];

export const prompts = [
	'fix it',
	'continue',
	'why?',
	'try again',
	'same for the others',
	'Add retry with exponential backoff to the HTTP client and cover it with tests',
	'The login form double-submits on slow networks, find the cause and fix it',
	'Refactor the settings module into smaller files, keep the public API unchanged',
	'Write a migration that adds an index on orders.created_at and update the ORM model',
	'Explain how the cache invalidation works in src/cache and where it can go stale',
	'Run the test suite and fix whatever fails',
	'Bump the dependencies, run the build, and commit the lockfile',
	'Review the diff on this branch and point out risky changes',
];

export const developerText =
	'<permissions instructions>Filesystem sandboxing: workspace-write. Approval policy: on-request.</permissions instructions>';

export function environmentText(cwd: string): string {
	return `<environment_context>\n  <cwd>${cwd}</cwd>\n  <shell>bash</shell>\n</environment_context>`;
}

type ToolCallItem = {
	type: 'function_call' | 'custom_tool_call' | 'web_search_call';
	name?: string;
	arguments?: string;
	input?: string;
	action?: unknown;
};

const files = [
	'src/index.ts',
	'src/cache/store.ts',
	'src/http/client.ts',
	'src/settings.ts',
	'test/client.test.ts',
	'README.md',
];
const shellCommands = [
	'git status --short',
	'git diff --stat',
	'git log --oneline -5',
	'git add -A && git commit -m "wip"',
	'rg -n "retry" src',
	'sed -n 1,120p src/http/client.ts',
	'npm test',
	'npm run build',
	'ls -la src',
];

/** One to three tool calls a model request makes. */
export function codexToolCall(pick: Pick, random: () => number): ToolCallItem[] {
	const count = 1 + Math.floor(random() * random() * 3);
	return Array.from({length: count}, () => oneCall(pick, random));
}

function oneCall(pick: Pick, random: () => number): ToolCallItem {
	const roll = random();
	if (roll < 0.35) {
		return {
			type: 'function_call',
			name: 'shell',
			arguments: JSON.stringify({command: ['bash', '-lc', pick(shellCommands)], workdir: '.', timeout_ms: 120_000}),
		};
	}

	if (roll < 0.6) {
		return {
			type: 'function_call',
			name: 'exec_command',
			arguments: JSON.stringify({cmd: pick(shellCommands), yield_time_ms: 10_000}),
		};
	}

	if (roll < 0.85) {
		const file = pick(files);
		const patch = `*** Begin Patch\n*** Update File: ${file}\n@@\n-const retries = 0;\n+const retries = 3;\n*** End Patch\n`;
		return {type: 'custom_tool_call', name: 'apply_patch', input: patch};
	}

	if (roll < 0.93) {
		return {
			type: 'function_call',
			name: 'update_plan',
			arguments: JSON.stringify({
				plan: [
					{step: 'Inspect', status: 'completed'},
					{step: 'Fix', status: 'in_progress'},
				],
			}),
		};
	}

	return {type: 'web_search_call', action: {type: 'search', query: 'exponential backoff jitter best practice'}};
}

/** Tool output text: mostly short, sometimes a large file dump (what makes rollouts big). */
export function toolOutput(_call: ToolCallItem, random: () => number): string {
	const lines = random() < 0.15 ? 200 + Math.floor(random() * 600) : 3 + Math.floor(random() * 30);
	return Array.from(
		{length: lines},
		(_, index) => `${index + 1}\tconst value${index} = compute(${index}); // generated line`,
	).join('\n');
}
