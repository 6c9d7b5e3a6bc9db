/**
Realistic usage for UI tests: three agents over three ISO weeks, a Claude session that
crosses midnight, turns with prompts, tool calls touching files, and one unpriced model.
Built through the real UsageStore + buildTree, with the fixed-rate test pricer.
*/
import type {AgentId} from '../../source/core/agents.js';
import type {UsageEvent} from '../../source/core/events.js';
import type {ViewName} from '../../source/model/views.js';
import {buildTree} from '../../source/model/build.js';
import {UsageStore} from '../../source/model/store.js';
import type {TreeFilter, TreeModel} from '../../source/model/types.js';
import type {DataSource, LoadedData} from '../../source/ui/types.js';
import {call, session, tokens, tool, turn} from './events.js';
import {pricer} from './pricer.js';

export function usageEvents(): UsageEvent[] {
	return [
		// Week 2026-W06: one big Claude refactor.
		session('claude', 'refactor', {project: 'billing-service', gitBranch: 'main'}),
		turn('claude', 'refactor', 'r1', '2026-02-03T09:00:00Z', 'Refactor the invoice module\nand keep the tests green'),
		call('claude', 'refactor', '2026-02-03T09:00:10Z', {
			turnId: 'r1',
			tokens: tokens({input: 4000, cacheRead: 150_000, cacheWrite5m: 8000, output: 2000}),
			tools: [tool('Read', 'reading', 'src/invoice.ts'), tool('Read', 'reading', 'src/tax.ts')],
		}),
		call('claude', 'refactor', '2026-02-03T09:02:00Z', {
			turnId: 'r1',
			tokens: tokens({input: 3000, cacheRead: 180_000, cacheWrite5m: 4000, output: 6000}),
			tools: [tool('Edit', 'writing', 'src/invoice.ts')],
		}),
		call('claude', 'refactor', '2026-02-03T09:05:00Z', {
			turnId: 'r1',
			tokens: tokens({input: 500, cacheRead: 190_000, output: 800}),
			tools: [tool('Bash', 'executing')],
		}),
		turn('claude', 'refactor', 'r2', '2026-02-03T10:00:00Z', 'now update the changelog'),
		call('claude', 'refactor', '2026-02-03T10:00:30Z', {
			turnId: 'r2',
			tokens: tokens({input: 200, cacheRead: 90_000, output: 400}),
			tools: [tool('Edit', 'writing', 'CHANGELOG.md')],
		}),
		session('codex', 'lint', {project: 'web-app'}),
		turn('codex', 'lint', '1', '2026-02-05T14:00:00Z', 'fix the lint errors'),
		call('codex', 'lint', '2026-02-05T14:00:05Z', {
			turnId: '1',
			tokens: tokens({input: 20_000, cacheRead: 10_000, output: 1500, reasoning: 700}),
			tools: [tool('shell', 'executing')],
		}),
		// Week 2026-W07: a session crossing midnight, Gemini, an unpriced model.
		session('claude', 'late', {project: 'night-owl'}),
		turn('claude', 'late', 't1', '2026-02-12T23:50:00Z', 'why is the parser slow?'),
		call('claude', 'late', '2026-02-12T23:55:00Z', {
			turnId: 't1',
			tokens: tokens({input: 1000, cacheRead: 40_000, output: 900}),
			tools: [tool('Grep', 'reading')],
		}),
		call('claude', 'late', '2026-02-13T00:05:00Z', {
			turnId: 't1',
			model: 'claude-opus-4-5',
			tokens: tokens({input: 2000, cacheRead: 60_000, cacheWrite1h: 3000, output: 2500}),
		}),
		session('gemini', 'docs', {project: 'docs-site'}),
		turn('gemini', 'docs', 'g1', '2026-02-13T11:00:00Z', 'write the install guide'),
		call('gemini', 'docs', '2026-02-13T11:00:20Z', {
			model: 'gemini-2.5-pro',
			turnId: 'g1',
			tokens: tokens({input: 12_000, output: 3000}),
			tools: [tool('write_file', 'writing', 'docs/install.md')],
		}),
		session('codex', 'exp', {project: 'sandbox'}),
		turn('codex', 'exp', '1', '2026-02-14T08:00:00Z', 'try the new model'),
		call('codex', 'exp', '2026-02-14T08:00:03Z', {
			model: 'mystery-model-1',
			turnId: '1',
			tokens: tokens({input: 5000, output: 100}),
		}),
		// Week 2026-W08: a small day.
		session('claude', 'tiny', {project: 'dotfiles'}),
		turn('claude', 'tiny', 'x', '2026-02-16T07:30:00Z', 'rename alias'),
		call('claude', 'tiny', '2026-02-16T07:30:02Z', {turnId: 'x', tokens: tokens({input: 300, output: 50})}),
	];
}

export function usageStore(events: readonly UsageEvent[] = usageEvents()): UsageStore {
	return new UsageStore().addAll(events);
}

export function treeOf(store: UsageStore, filter: TreeFilter = {}, view: ViewName = 'time'): TreeModel {
	return buildTree(store, {timezone: 'UTC', pricer: pricer, filter, view});
}

/** `count` single-call sessions of one agent on one day (listing/scale tests). */
export function manySessions(count: number, agent: AgentId = 'claude', day = '2026-03-02'): UsageEvent[] {
	const events: UsageEvent[] = [];
	for (let index = 0; index < count; index++) {
		const id = `s${index}`;
		const time = Date.parse(`${day}T00:00:00Z`) + index * 1000;
		events.push(
			session(agent, id, {project: `project-${index % 50}`}),
			{type: 'turn', agent, sessionId: id, turnId: 't', time, prompt: `task number ${index}`},
			call(agent, id, new Date(time + 10).toISOString(), {
				turnId: 't',
				tokens: tokens({input: 100 + ((index * 7919) % 10_000), output: 10}),
			}),
		);
	}

	return events;
}

export type FakeSourceOptions = {
	readonly events?: readonly UsageEvent[];
	readonly isDemo?: boolean;
	readonly diagnostics?: LoadedData['diagnostics'];
	/** Resolve the load only when this promise resolves (loading-view tests). */
	readonly gate?: Promise<void>;
	/** The first `failures` loads reject with this message (error view, retry). */
	readonly fail?: {readonly message: string; readonly failures: number};
	readonly onProgress?: (report: (progress: Parameters<Parameters<DataSource['load']>[0]>[0]) => void) => void;
};

/**
A DataSource over in-memory events. Everything but the file system is real: the store, the
tree builder and filters. Records exports and loads so tests can assert on them.
*/
export function memorySource(
	options: FakeSourceOptions = {},
): DataSource & {exports: TreeModel[]; loads: number; aborted: number; agentWrites(events: UsageEvent[]): void} {
	/** The watched load and its listener, while the app watches (`DataSource.watch`). */
	let watcher: {loaded: LoadedData; onUpdate: (loaded: LoadedData) => void} | undefined;
	const source = {
		isDemo: options.isDemo ?? false,
		timezone: 'UTC',
		exports: [] as TreeModel[],
		loads: 0,
		aborted: 0,
		async load(onProgress: Parameters<DataSource['load']>[0], signal: AbortSignal): Promise<LoadedData> {
			source.loads++;
			signal.addEventListener('abort', () => {
				source.aborted++;
			});
			options.onProgress?.(onProgress);
			await options.gate;
			if (options.fail && source.loads <= options.fail.failures) {
				throw new Error(options.fail.message);
			}

			const diagnostics = options.diagnostics ?? [];
			return {
				store: usageStore(options.events ?? usageEvents()),
				diagnostics,
				diagnosticCount: diagnostics.length,
				files: 4,
			};
		},
		build(loaded: LoadedData, filter: TreeFilter, view: ViewName): TreeModel {
			return treeOf(loaded.store, filter, view);
		},
		unfiltered(loaded: LoadedData): TreeModel {
			return treeOf(loaded.store, {});
		},
		async exportJson(model: TreeModel): Promise<string> {
			source.exports.push(model);
			return `/tmp/agent-ncdu-export-${source.exports.length}.json`;
		},
		watch(loaded: LoadedData, onUpdate: (loaded: LoadedData) => void): () => void {
			watcher = {loaded, onUpdate};
			return () => {
				watcher = undefined;
			};
		},
		/** What pipeline/live.ts does when an agent writes: the same store grows, a new load object follows. */
		agentWrites(events: UsageEvent[]): void {
			if (!watcher) throw new Error('the app is not watching');
			watcher.loaded.store.addAll(events);
			watcher.onUpdate({...watcher.loaded});
		},
	};
	return source;
}
