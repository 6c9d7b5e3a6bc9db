/**
`--group-by` through the built binary on the bundled demo data: the `--json` tree is grouped by
project, model or agent first, says so (`groupBy`), holds the same calls with the same root
totals, and keeps `days`/`sessions` as the time view has them; `--depth` names the view's
levels and refuses a level the view lacks; `--csv` rows at `--depth project` add up to the
document's totals; `--export ncdu` has a folder per group.
*/
import {describe, expect, it} from 'vitest';
import {runCli, runJson} from '../support/cli.js';
import {parseCsv} from '../support/csv.js';

type NodeJson = {
	kind: string;
	key: string;
	label: string;
	totals: {tokens: {total: number}; calls: number; sessions: number};
	children?: NodeJson[];
};
type DocumentJson = {
	version: number[];
	groupBy: string;
	depth: string;
	totals: {calls: number; tokens: {total: number}};
	days: unknown;
	sessions: unknown;
	tree: NodeJson;
};

type Shares = Record<string, {tokens: number; costUSD: number}>;

const demo = ['--demo', '--no-cache'];

function kindsIn(node: NodeJson, found = new Set<string>()): Set<string> {
	found.add(node.kind);
	for (const child of node.children ?? []) {
		kindsIn(child, found);
	}

	return found;
}

describe('--group-by', () => {
	it('groups the --json tree by project, model and agent, with the same calls and summaries as by time', async () => {
		const time = (await runJson([...demo, '--depth', 'day'])) as DocumentJson;
		expect(time.groupBy).toBe('time');
		expect(time.version).toEqual([1, 3]);
		for (const [view, top] of [
			['project', 'infra-terraform'],
			['model', 'claude-haiku-4-5-20251001'],
			['agent', 'claude'],
		] as const) {
			const document = (await runJson([...demo, '--group-by', view, '--depth', view])) as DocumentJson;
			expect(document.groupBy).toBe(view);
			expect(document.depth).toBe(view);
			expect([...kindsIn(document.tree)]).toEqual(['root', view]);
			expect(document.tree.children!.map(node => node.key)).toContain(top);
			// The same calls: root totals, the children partition them, the summaries are the time view's.
			expect(document.totals).toEqual(time.totals);
			// Activity shares split a call over its tools (thirds…): summed in another order they may
			// differ in the last rounded digit. Everything else is the same to the last digit.
			const {activity, ...totals} = document.tree.totals as NodeJson['totals'] & {activity: Shares};
			const {activity: timeActivity, ...timeTotals} = time.tree.totals as NodeJson['totals'] & {activity: Shares};
			expect(totals).toEqual(timeTotals);
			for (const [name, share] of Object.entries(timeActivity)) {
				expect(Math.abs(activity[name]!.tokens - share.tokens), name).toBeLessThanOrEqual(1);
				expect(activity[name]!.costUSD, name).toBeCloseTo(share.costUSD, 7);
			}
			const children = document.tree.children!;
			expect(children.reduce((sum, node) => sum + node.totals.calls, 0)).toBe(time.tree.totals.calls);
			expect(children.reduce((sum, node) => sum + node.totals.tokens.total, 0)).toBe(time.tree.totals.tokens.total);
			expect(document.days).toEqual(time.days);
			expect(document.sessions).toEqual(time.sessions);
		}
	});

	it('keeps whole sessions under a project (session depth, the default)', async () => {
		const document = (await runJson([...demo, '--group-by', 'project'])) as DocumentJson;
		expect(document.depth).toBe('session');
		expect([...kindsIn(document.tree)]).toEqual(['root', 'project', 'session']);
		const sessionKeys = document.tree.children!.flatMap(project => project.children!.map(session => session.key));
		// One node per session: no day fragments.
		expect(new Set(sessionKeys).size).toBe(sessionKeys.length);
		expect(sessionKeys.length).toBe(document.tree.totals.sessions);
	});

	it('writes the --export ncdu file in the view: a folder per model, saying so in its header', async () => {
		const result = await runCli([...demo, '--export', 'ncdu', '-', '--group-by', 'model', '--depth', 'day']);
		expect(result.code).toBe(0);
		const [, , metadata, root] = JSON.parse(result.stdout) as [number, number, Record<string, unknown>, unknown[]];
		expect(metadata).toMatchObject({groupBy: 'model', depth: 'day'});
		const folders = root.slice(1).map(entry => (entry as [{name: string}])[0].name);
		expect(folders).toContain('claude-haiku-4-5-20251001');
		expect(folders).toContain('gpt-5.3-codex');
	});

	it('refuses a view it does not know, and a --depth the view does not have', async () => {
		const unknown = await runCli([...demo, '--json', '--group-by', 'colour']);
		expect(unknown.code).toBe(1);
		expect(unknown.stderr).toContain('Unknown --group-by "colour": use time, project, model, agent, device');
		const noWeeks = await runCli([...demo, '--json', '--group-by', 'project', '--depth', 'week']);
		expect(noWeeks.code).toBe(1);
		expect(noWeeks.stderr).toContain('--depth "week" with --group-by project: use project, session, turn, call');
		const statement = await runCli([...demo, '--statement', '2026-02', '--group-by', 'model']);
		expect(statement.code).toBe(1);
		expect(statement.stderr).toContain('--group-by does not apply to --statement');
	});

	it('writes one --csv row per project, adding up to the document', async () => {
		const time = (await runJson([...demo, '--depth', 'week'])) as DocumentJson;
		const result = await runCli([...demo, '--csv', '--group-by', 'project', '--depth', 'project']);
		expect(result.code).toBe(0);
		const [header, ...rows] = parseCsv(result.stdout);
		expect(header!.slice(0, 3)).toEqual(['by_project', 'first_time', 'last_time']);
		const column = (name: string) => header!.indexOf(name);
		expect(rows.map(row => row[column('by_project')])).toContain('infra-terraform');
		expect(new Set(rows.map(row => row[column('by_project')])).size).toBe(rows.length);
		const sum = (name: string) => rows.reduce((total, row) => total + Number(row[column(name)]), 0);
		expect(sum('calls')).toBe(time.totals.calls);
		expect(sum('total_tokens')).toBe(time.totals.tokens.total);
		// At session depth the group comes first, then the day and the session's columns.
		const sessions = await runCli([...demo, '--csv', '--group-by', 'model']);
		const [sessionHeader] = parseCsv(sessions.stdout);
		expect(sessionHeader!.slice(0, 3)).toEqual(['by_model', 'date', 'agent']);
	});
});
