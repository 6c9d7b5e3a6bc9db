/**
The monthly statement (`--statement YYYY-MM`): one calendar month of usage as Markdown, laid
out like a bank statement: what the account is, a summary against the previous month, the
days with a running total, then the month by project, model and agent, the costliest
sessions and the month's insights.

Invariants: every figure is the export document's (`usd`, `jsonTokens`, `sessionSummaries`,
the trees' totals), so the statement of a month agrees with `--json --since <first day>
--until <last day>`; text from data goes through `markdownText`; prompts appear only where
an insight quotes one, and not at all without prompts (`messageText`).
*/
import {type TokenCounts, cacheWriteOf, totalOf} from '../core/tokens.js';
import {figureText, percentText} from '../insights/format.js';
import {messageText} from '../insights/message.js';
import type {Insight, Severity} from '../insights/types.js';
import {totalsAcross} from '../model/nodes.js';
import {nodesOfKind} from '../model/query.js';
import type {Breakdown, Totals, TreeModel, TreeNode} from '../model/types.js';
import {sessionSummaries} from './json.js';
import {usd} from './json-values.js';
import {type Align, markdownTable, markdownText} from './markdown.js';
import {monthTitle, type StatementMonth} from './statement-month.js';

export type StatementInput = {
	readonly month: StatementMonth;
	/** The month's tree (filtered to its days). */
	readonly model: TreeModel;
	/** The previous month's tree, with the same agents. */
	readonly previous: TreeModel;
	/** The month's insights (its root scope). */
	readonly insights: readonly Insight[];
	/** Quote prompts in insights (`--no-prompts` turns this off). */
	readonly prompts: boolean;
	readonly generator: {readonly name: string; readonly version: string};
	readonly generatedAt: Date;
	readonly pricing: {readonly source: string};
	readonly demo: boolean;
};

/** How many sessions "Top sessions" lists. */
export const topSessionCount = 10;

const integer = (value: number) => value.toLocaleString('en-US');

/**
USD to the cent, from the export's rounded value (`<$0.01` for less than half a cent, so
something never reads as nothing); `unpriced` when any part has no price.
*/
export function money(value: number | null): string {
	const rounded = usd(value);
	if (rounded === null) {
		return 'unpriced';
	}

	return rounded > 0 && rounded < 0.005
		? '<$0.01'
		: `$${rounded.toLocaleString('en-US', {minimumFractionDigits: 2, maximumFractionDigits: 2})}`;
}

/** A node's cost; with unpriced calls, the priced part as a lower bound. */
function nodeMoney(totals: Pick<Totals, 'costUSD' | 'pricedCostUSD'>): string {
	return totals.costUSD === null && totals.pricedCostUSD > 0
		? `≥ ${money(totals.pricedCostUSD)}`
		: money(totals.costUSD);
}

/** `+12.5%`, `−3.0%`; `new` from nothing, `—` when both are nothing. */
function change(current: number, previous: number): string {
	if (previous === 0) {
		return current === 0 ? '—' : 'new';
	}

	const ratio = (current - previous) / previous;
	return `${ratio < 0 ? '−' : '+'}${Math.abs(ratio * 100).toFixed(1)}%`;
}

function header(input: StatementInput): string[] {
	const {month, model, generator, generatedAt, pricing} = input;
	const agents = model.filter.agents?.length ? model.filter.agents.join(', ') : 'all';
	const costSource = model.root.totals.costSource;
	return [
		`# Usage statement: ${monthTitle(month)}`,
		'',
		`- Period: ${month.since} to ${month.until}, days in ${markdownText(model.timezone)}`,
		`- Agents: ${agents}`,
		`- Prices: ${markdownText(pricing.source)}; cost source of this month: ${costSource} (reported = written by the agent, estimated = tokens × list price)`,
		`- Generated: ${generatedAt.toISOString()} by ${generator.name} ${generator.version}${input.demo ? ' from the bundled demo data' : ''}`,
		'',
	];
}

type SummaryRow = {label: string; of: (model: TreeModel) => number; format: (value: number) => string};

const summaryRows: SummaryRow[] = [
	{label: 'Total tokens', of: model => totalOf(tokensOf(model)), format: integer},
	{label: 'Input tokens', of: model => tokensOf(model).input, format: integer},
	{label: 'Output tokens', of: model => tokensOf(model).output, format: integer},
	{label: 'Cache read tokens', of: model => tokensOf(model).cacheRead, format: integer},
	{label: 'Cache write tokens', of: model => cacheWriteOf(tokensOf(model)), format: integer},
	{label: 'Sessions', of: model => model.root.totals.sessions, format: integer},
	{label: 'Days active', of: model => model.root.children.flatMap(week => week.children).length, format: integer},
	{label: 'API calls', of: model => model.root.totals.calls, format: integer},
];

function tokensOf(model: TreeModel): TokenCounts {
	return model.root.totals.tokens;
}

function summary(input: StatementInput): string[] {
	const {model, previous, month} = input;
	const [now, before] = [model.root.totals, previous.root.totals];
	const rows = [
		['Cost (USD)', nodeMoney(now), nodeMoney(before), change(now.pricedCostUSD, before.pricedCostUSD)],
		...summaryRows.map(row => [
			row.label,
			row.format(row.of(model)),
			row.format(row.of(previous)),
			change(row.of(model), row.of(previous)),
		]),
		[
			'Cache hit rate',
			percentText(now.cacheHitRate),
			percentText(before.cacheHitRate),
			`${now.cacheHitRate >= before.cacheHitRate ? '+' : '−'}${Math.abs((now.cacheHitRate - before.cacheHitRate) * 100).toFixed(1)} pts`,
		],
	];
	return [
		'## Summary',
		'',
		...markdownTable(
			['', monthTitle(month), monthTitle(month.previous), 'Change'],
			['left', 'right', 'right', 'right'],
			rows,
		),
		'',
		...unpricedNote(model),
	];
}

function unpricedNote(model: TreeModel): string[] {
	if (model.unpricedModels.size === 0) {
		return [];
	}

	const models = [...model.unpricedModels].map(([name, tokens]) => `${markdownText(name)} (${integer(tokens)} tokens)`);
	return [
		`Not priced: ${models.join(', ')}. Costs marked ≥ leave these calls out; add their prices with --pricing FILE.`,
		'',
	];
}

const tokenHead = ['Calls', 'Input', 'Output', 'Cache read', 'Cache write', 'Total tokens', 'Cost (USD)'];

function tokenCells(tokens: TokenCounts, calls: number, cost: string): string[] {
	return [
		integer(calls),
		integer(tokens.input),
		integer(tokens.output),
		integer(tokens.cacheRead),
		integer(cacheWriteOf(tokens)),
		integer(totalOf(tokens)),
		cost,
	];
}

function days(model: TreeModel): string[] {
	let running = 0;
	let partial = false;
	const rows = nodesOfKind(model.root, 'day').map(day => {
		const {totals} = day;
		running += totals.pricedCostUSD;
		partial ||= totals.costUSD === null;
		const toDate = `${partial ? '≥ ' : ''}${money(running)}`;
		return [day.label, integer(totals.sessions), ...tokenCells(totals.tokens, totals.calls, nodeMoney(totals)), toDate];
	});
	const {totals} = model.root;
	const total = [
		'**Total**',
		integer(totals.sessions),
		...tokenCells(totals.tokens, totals.calls, nodeMoney(totals)),
		'',
	];
	const head = ['Day', 'Sessions', ...tokenHead, 'Month to date'];
	return [
		'## Days',
		'',
		...markdownTable(head, ['left', ...head.slice(1).map((): Align => 'right')], [...rows, total]),
		'',
		'A session that ran past midnight counts on each day it touched; the total counts it once.',
		'',
	];
}

/** Largest cost first (the priced part when some is unpriced), then most tokens. */
const byCost = (a: Pick<Totals, 'pricedCostUSD' | 'total'>, b: Pick<Totals, 'pricedCostUSD' | 'total'>) =>
	b.pricedCostUSD - a.pricedCostUSD || b.total - a.total;

function shareOf(part: number, whole: number): string {
	return whole > 0 ? percentText(part / whole) : '—';
}

function projects(model: TreeModel): string[] {
	const fragments = new Map<string, TreeNode[]>();
	for (const session of nodesOfKind(model.root, 'session')) {
		const project = session.session?.project ?? '';
		fragments.set(project, [...(fragments.get(project) ?? []), session]);
	}

	const whole = model.root.totals.pricedCostUSD;
	const rows = [...fragments]
		.map(([project, nodes]) => ({project, totals: totalsAcross(nodes)}))
		.sort((a, b) => byCost(a.totals, b.totals) || (a.project < b.project ? -1 : 1))
		.map(({project, totals}) => [
			markdownText(project),
			markdownText(totals.agents.join(', ')),
			integer(totals.sessions),
			integer(totals.calls),
			integer(totals.total),
			nodeMoney(totals),
			shareOf(totals.pricedCostUSD, whole),
		]);
	const head = ['Project', 'Agents', 'Sessions', 'Calls', 'Total tokens', 'Cost (USD)', 'Share of cost'];
	return [
		'## Projects',
		'',
		...markdownTable(head, ['left', 'left', 'right', 'right', 'right', 'right', 'right'], rows),
		'',
	];
}

/** A breakdown table (models, agents): largest cost first; an unpriced one counts as $0 in the order. */
function breakdownTable(title: string, name: string, entries: ReadonlyMap<string, Breakdown>, whole: number): string[] {
	const rows = [...entries]
		.map(([key, breakdown]) => ({key, breakdown, cost: breakdown.costUSD ?? 0, total: totalOf(breakdown.tokens)}))
		.sort((a, b) => b.cost - a.cost || b.total - a.total || (a.key < b.key ? -1 : 1))
		.map(({key, breakdown, cost}) => [
			markdownText(key),
			...tokenCells(breakdown.tokens, breakdown.calls, money(breakdown.costUSD)),
			shareOf(cost, whole),
		]);
	const head = [name, ...tokenHead, 'Share of cost'];
	return [`## ${title}`, '', ...markdownTable(head, ['left', ...head.slice(1).map((): Align => 'right')], rows), ''];
}

function topSessions(model: TreeModel): string[] {
	const rows = sessionSummaries(model)
		.sort((a, b) => (b.costUSD ?? 0) - (a.costUSD ?? 0) || b.tokens.total - a.tokens.total)
		.slice(0, topSessionCount)
		.map((session, index) => [
			String(index + 1),
			session.days.join(', '),
			session.agent,
			markdownText(session.project),
			markdownText(session.sessionId),
			integer(session.calls),
			integer(session.tokens.total),
			money(session.costUSD),
		]);
	const head = ['#', 'Days', 'Agent', 'Project', 'Session', 'Calls', 'Total tokens', 'Cost (USD)'];
	const align: Align[] = ['right', 'left', 'left', 'left', 'left', 'right', 'right', 'right'];
	return [`## Top ${topSessionCount} sessions by cost`, '', ...markdownTable(head, align, rows), ''];
}

const severityTitle: Record<Severity, string> = {critical: '✖ Critical', warning: '▲ Warning', info: '• Info'};

/** Figure names can carry data too (`hitRate:<model>`): both sides are escaped. */
function insightLines(insight: Insight, prompts: boolean): string[] {
	const figures = Object.entries(insight.figures).map(
		([key, value]) => `${markdownText(key)} ${markdownText(figureText(value))}`,
	);
	const tokens = insight.estimatedSavingTokens ? ` (${integer(insight.estimatedSavingTokens)} tokens)` : '';
	const saving =
		insight.estimatedSavingUSD === undefined
			? []
			: [`  - Estimated saving: ${money(insight.estimatedSavingUSD)}${tokens}`];
	// A bullet, not a numbered item: recommendations number themselves ("1. Run /clear …").
	return [
		`- **${severityTitle[insight.severity]}:** ${markdownText(messageText(insight.message, {prompts}))}`,
		...(figures.length > 0 ? [`  - Figures: ${figures.join(' · ')}`] : []),
		...saving,
	];
}

function insightsSection(input: StatementInput): string[] {
	const lines =
		input.insights.length === 0
			? ['No insights for this month: nothing unusual in its usage.']
			: input.insights.flatMap(insight => insightLines(insight, input.prompts));
	return ['## Insights', '', ...lines, ''];
}

/** The statement as Markdown text, ending in one newline. */
export function statementMarkdown(input: StatementInput): string {
	const {model} = input;
	const agents = model.root.totals.byAgent;
	const lines = [
		...header(input),
		...summary(input),
		...days(model),
		...projects(model),
		...breakdownTable('Models', 'Model', model.root.totals.byModel, model.root.totals.pricedCostUSD),
		...(agents.size > 1 ? breakdownTable('Agents', 'Agent', agents, model.root.totals.pricedCostUSD) : []),
		...topSessions(model),
		...insightsSection(input),
	];
	return `${lines.join('\n').trimEnd()}\n`;
}
