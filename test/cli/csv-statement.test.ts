/**
`--csv` and `--statement` through the built binary on the bundled demo data (six agents, two
months). Every expected figure comes from `--json` of the same data: each CSV row is the
document's node at that depth (same keys, same rounded values) and the rows add up to the
document's totals; the statement of November 2026 shows `--json --since 2026-11-01 --until
2026-11-30`'s totals, days, models, projects, top sessions and insights, and October's
totals as the previous month. Bad input: one `✖` line, exit 1, nothing on stdout.
*/
import {describe, expect, it} from 'vitest';
import {csvObjects, parseCsv} from '../support/csv.js';
import {runCli, runJson} from '../support/cli.js';
import {shown, tableUnder} from '../support/markdown.js';

type Tokens = Record<string, number>;
type JsonTotals = {
	tokens: Tokens;
	costUSD: number | null;
	costSource: string;
	unpricedTokens: number;
	calls: number;
	turns: number;
	sessions: number;
	firstTime: string | null;
	lastTime: string | null;
	cacheHitRate: number;
	models: string[];
	agents: string[];
};
type JsonNode = {
	kind: string;
	key: string;
	totals: JsonTotals;
	session?: {agent: string; sessionId: string; project: string};
	turn?: {turnId: string; prompt: string | null; time: string};
	call?: {time: string; model: string; callId: string | null};
	children?: JsonNode[];
};
type JsonSession = {sessionId: string; project: string; costUSD: number | null; tokens: Tokens};
type JsonDocument = {
	totals: JsonTotals;
	tree: JsonNode;
	days: Array<{date: string; tokens: Tokens; costUSD: number | null; calls: number}>;
	sessions: JsonSession[];
	byModel: Record<string, {tokens: Tokens; costUSD: number | null; calls: number}>;
	byAgent: Record<string, unknown>;
	insights: Array<{message: string}>;
};

const demo = ['--demo', '--no-cache'];
const depths = ['week', 'day', 'session', 'turn', 'call'] as const;

const tokenColumns: Record<string, string> = {
	input_tokens: 'input',
	cache_read_tokens: 'cacheRead',
	cache_write_5m_tokens: 'cacheWrite5m',
	cache_write_1h_tokens: 'cacheWrite1h',
	cache_write_tokens: 'cacheWrite',
	output_tokens: 'output',
	reasoning_tokens: 'reasoning',
	total_tokens: 'total',
};

/** Nodes of one kind with their ancestors, in document order. */
function rowsOf(node: JsonNode, kind: string, above: JsonNode[] = []): JsonNode[][] {
	if (node.kind === kind) {
		return [[...above, node]];
	}

	return (node.children ?? []).flatMap(child => rowsOf(child, kind, node.kind === 'root' ? [] : [...above, node]));
}

/** What a CSV row must say for this node (and its ancestors), as the document says it. */
function expectedRow(path: JsonNode[]): Record<string, string> {
	const node = path.at(-1)!;
	const byKind = new Map(path.map(item => [item.kind, item]));
	const {totals} = node;
	const session = byKind.get('session')?.session;
	const turn = byKind.get('turn')?.turn;
	const call = byKind.get('call')?.call;
	return {
		week: byKind.get('week')!.key,
		...(byKind.has('day') ? {date: byKind.get('day')!.key} : {}),
		...(session ? {agent: session.agent, project: session.project, session_id: session.sessionId} : {}),
		...(turn ? {turn_id: turn.turnId, turn_time: turn.time} : {}),
		...(call ? {time: call.time, model: call.model, call_id: call.callId ?? ''} : {}),
		...Object.fromEntries(Object.entries(tokenColumns).map(([column, kind]) => [column, String(totals.tokens[kind])])),
		calls: String(totals.calls),
		turns: String(totals.turns),
		sessions: String(totals.sessions),
		cost_usd: totals.costUSD === null ? '' : String(totals.costUSD),
		cost_source: totals.costSource,
		unpriced_tokens: String(totals.unpricedTokens),
		cache_hit_rate: String(totals.cacheHitRate),
		first_time: totals.firstTime ?? '',
		last_time: totals.lastTime ?? '',
		models: totals.models.join(';'),
		agents: totals.agents.join(';'),
	};
}

describe('--csv', () => {
	it.each(depths)('at depth %s: one row per --json node, the same figures, adding up to its totals', async depth => {
		const [csv, document] = await Promise.all([
			runCli([...demo, '--csv', '--timezone', 'UTC', '--depth', depth]),
			runJson([...demo, '--depth', depth]) as Promise<JsonDocument>,
		]);
		expect(csv.code, csv.stderr).toBe(0);
		const rows = csvObjects(csv.stdout);
		const nodes = rowsOf(document.tree, depth);
		expect(rows.length).toBe(nodes.length);
		expect(rows.length).toBeGreaterThan(depth === 'week' ? 5 : 20);
		for (const [index, path] of nodes.entries()) {
			const expected = expectedRow(path);
			const actual = Object.fromEntries(Object.keys(expected).map(name => [name, rows[index]![name]]));
			expect(actual, `row ${index + 1}`).toEqual(expected);
		}

		for (const [column, kind] of Object.entries(tokenColumns)) {
			const sum = rows.reduce((total, row) => total + Number(row[column]), 0);
			expect(sum, column).toBe(document.totals.tokens[kind]);
		}

		expect(rows.reduce((total, row) => total + Number(row['calls']), 0)).toBe(document.totals.calls);
		const cost = rows.reduce((total, row) => total + Number(row['cost_usd']), 0);
		expect(cost).toBeCloseTo(document.totals.costUSD!, 6);
	});

	it('defaults to session rows: CRLF, UTF-8 without a byte order mark, one header', async () => {
		const result = await runCli([...demo, '--csv', '--timezone', 'UTC']);
		expect(result.code, result.stderr).toBe(0);
		expect(result.stderr).toBe('');
		const [header, ...rows] = parseCsv(result.stdout);
		expect(result.stdout.startsWith('week,date,agent,project,session_id,')).toBe(true);
		expect(header).toContain('cost_usd');
		expect(header).not.toContain('turn_id');
		expect(rows.length).toBeGreaterThan(20);
		expect(result.stdout.split('\n').length - 1).toBe(rows.length + 1);
	});

	it('--no-prompts leaves the prompt column empty; without it the prompts are there', async () => {
		const args = [...demo, '--csv', '--timezone', 'UTC', '--depth', 'turn'];
		const [shownPrompts, hidden, document] = await Promise.all([
			runCli(args),
			runCli([...args, '--no-prompts']),
			runJson([...demo, '--depth', 'turn']) as Promise<JsonDocument>,
		]);
		const prompts = csvObjects(shownPrompts.stdout).map(row => row['prompt']);
		const documentPrompts = rowsOf(document.tree, 'turn').map(path => path.at(-1)!.turn!.prompt);
		expect(prompts.filter(Boolean).length).toBeGreaterThan(20);
		expect(prompts).toEqual(documentPrompts);
		expect(csvObjects(hidden.stdout).every(row => row['prompt'] === '')).toBe(true);
		for (const prompt of documentPrompts.filter(Boolean).slice(0, 20)) {
			expect(hidden.stdout).not.toContain(prompt!);
		}
	});
});

const usd = (value: number) =>
	`$${value.toLocaleString('en-US', {minimumFractionDigits: 2, maximumFractionDigits: 2})}`;
const integer = (value: number) => value.toLocaleString('en-US');

/** The first column → the row, for a statement table. */
function byFirstCell(rows: string[][]): Map<string, string[]> {
	return new Map(rows.slice(2).map(row => [shown(row[0]!), row]));
}

describe('--statement', () => {
	it('shows the month as --json does, with the previous month beside it', async () => {
		const [statement, month, previous] = await Promise.all([
			runCli([...demo, '--statement', '2026-11', '--timezone', 'UTC']),
			runJson([...demo, '--since', '2026-11-01', '--until', '2026-11-30']) as Promise<JsonDocument>,
			runJson([...demo, '--since', '2026-10-01', '--until', '2026-10-31']) as Promise<JsonDocument>,
		]);
		expect(statement.code, statement.stderr).toBe(0);
		const markdown = statement.stdout;
		expect(markdown.startsWith('# Usage statement: November 2026\n')).toBe(true);

		const summary = byFirstCell(tableUnder(markdown, 'Summary'));
		for (const [index, document] of [month, previous].entries()) {
			const column = index + 1;
			expect(summary.get('Cost (USD)')![column]).toBe(usd(document.totals.costUSD!));
			expect(summary.get('Total tokens')![column]).toBe(integer(document.totals.tokens['total']!));
			expect(summary.get('Sessions')![column]).toBe(integer(document.totals.sessions));
			expect(summary.get('Days active')![column]).toBe(integer(document.days.length));
			expect(summary.get('API calls')![column]).toBe(integer(document.totals.calls));
		}

		const days = tableUnder(markdown, 'Days').slice(2, -1);
		expect(days.map(row => row[0]!.slice(0, 10))).toEqual(month.days.map(day => day.date));
		for (const [index, day] of month.days.entries()) {
			expect(days[index]![7]).toBe(integer(day.tokens['total']!));
			expect(days[index]![8]).toBe(usd(day.costUSD!));
		}

		const models = byFirstCell(tableUnder(markdown, 'Models'));
		expect([...models.keys()].sort()).toEqual(Object.keys(month.byModel).sort());
		for (const [name, breakdown] of Object.entries(month.byModel)) {
			expect(models.get(name)!.slice(1, 8)).toEqual([
				integer(breakdown.calls),
				integer(breakdown.tokens['input']!),
				integer(breakdown.tokens['output']!),
				integer(breakdown.tokens['cacheRead']!),
				integer(breakdown.tokens['cacheWrite']!),
				integer(breakdown.tokens['total']!),
				usd(breakdown.costUSD!),
			]);
		}

		expect(byFirstCell(tableUnder(markdown, 'Agents')).size).toBe(Object.keys(month.byAgent).length);
		const projects = byFirstCell(tableUnder(markdown, 'Projects'));
		const projectTokens = new Map<string, number>();
		for (const session of month.sessions) {
			projectTokens.set(session.project, (projectTokens.get(session.project) ?? 0) + session.tokens['total']!);
		}

		expect(projects.size).toBe(projectTokens.size);
		for (const [project, tokens] of projectTokens) {
			expect(projects.get(project)![4], project).toBe(integer(tokens));
		}

		const top = tableUnder(markdown, 'Top 10 sessions by cost').slice(2);
		const costliest = month.sessions.toSorted((a, b) => b.costUSD! - a.costUSD!).slice(0, 10);
		expect(top.map(row => shown(row[4]!))).toEqual(costliest.map(session => session.sessionId));
		expect(top.map(row => row[7])).toEqual(costliest.map(session => usd(session.costUSD!)));

		const insights = markdown
			.split('## Insights\n\n')[1]!
			.split('\n')
			.filter(line => line.startsWith('- **'));
		expect(month.insights.length).toBeGreaterThan(3);
		expect(insights.map(line => shown(line.replace(/^- \*\*[^*]+\*\* /, '')))).toEqual(
			month.insights.map(insight => insight.message),
		);
	});
});

describe('bad input', () => {
	it.each([
		[['--statement', '2026-13'], /^✖ Invalid --statement "2026-13": use a calendar month as YYYY-MM/],
		[['--statement', 'November'], /^✖ Invalid --statement "November"/],
		[['--csv', '--json'], /^✖ --csv and --json are two outputs/],
		[['--statement', '2026-11', '--csv'], /^✖ --statement writes Markdown; --csv is another output/],
		[['--statement', '2026-11', '--until', '2026-11-15'], /^✖ --statement covers its whole month/],
		[['--csv', '--depth', 'hour'], /^✖ Unknown --depth "hour"/],
	])('%j: one ✖ line, exit 1, nothing on stdout', async (args, message) => {
		const result = await runCli([...demo, ...args]);
		expect(result.code).toBe(1);
		expect(result.stdout).toBe('');
		expect(result.stderr).toMatch(message);
		expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
	});
});
