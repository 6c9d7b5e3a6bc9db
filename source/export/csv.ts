/**
CSV for spreadsheets and expense reports (`--csv`): one row per tree node at the `--depth`
level (week, day, session fragment, turn or API call; with `--group-by` also project, model,
agent or device), in tree order (oldest week first; groups in order of their first call).

Invariants:
- The values are the export document's (json-values.ts `jsonTotals`, `usd`, `isoTime`): the
  same rounding and the same figures, so the rows at any depth add up to `--json`'s totals.
- RFC 4180: one header row, CRLF after every record, a field quoted when it holds `"`, `,`,
  CR or LF, with `"` doubled inside. UTF-8, no byte order mark.
- Text from data (projects, ids, models, prompts) is inert in a terminal (core/inert-text.ts;
  line feeds and tabs stay, since a spreadsheet cell may hold them) and cannot run as a
  spreadsheet formula: a cell starting with `=`, `+`, `-`, `@`, tab or CR gets a leading `'`.
- Without prompts the `prompt` column stays, empty: its value is then a constant, so the
  prompt is never read (no filtering of finished text).
Column names are frozen once released (documented in readme.md): add columns, never rename.
*/
import type {Writable} from 'node:stream';
import {inertText} from '../core/inert-text.js';
import type {TreeNode} from '../model/types.js';
import {ChunkWriter} from './json.js';
import {viewNameOf} from '../model/nodes.js';
import type {ViewName} from '../model/views.js';
import {depthsOf, type ExportDepth} from './json-depth.js';
import {isoTime, jsonTotals, usd} from './json-values.js';

/** A row: the node at the depth level and its ancestors (those above the level are set). */
type Row = {
	readonly project?: TreeNode;
	readonly model?: TreeNode;
	readonly agent?: TreeNode;
	readonly device?: TreeNode;
	readonly week?: TreeNode;
	readonly day?: TreeNode;
	readonly session?: TreeNode;
	readonly turn?: TreeNode;
	readonly call?: TreeNode;
	readonly node: TreeNode;
};

type Totals = ReturnType<typeof jsonTotals>;

/** A column: its header name, and its value as text from data, or as a number or null (empty). */
type Column =
	| {readonly name: string; readonly text: (row: Row, totals: Totals) => string | undefined}
	| {readonly name: string; readonly number: (totals: Totals) => number | null};

const text = (name: string, value: (row: Row, totals: Totals) => string | undefined): Column => ({
	name,
	text: value,
});
const count = (name: string, value: (totals: Totals) => number | null): Column => ({name, number: value});

/** The group of a `--group-by` view: `by_project`, `by_model`, `by_agent`, `by_device` (its key). */
const groupColumn = (kind: 'project' | 'model' | 'agent' | 'device'): Column[] => [
	text(`by_${kind}`, row => row[kind]?.key),
];
const weekColumns: Column[] = [text('week', row => row.week?.key)];
const dayColumns: Column[] = [text('date', row => row.day?.key)];
const sessionColumns: Column[] = [
	text('agent', row => row.session?.session?.agent),
	text('project', row => row.session?.session?.project),
	text('session_id', row => row.session?.session?.sessionId),
	text('surface', row => row.session?.session?.surface),
	text('git_branch', row => row.session?.session?.gitBranch),
	text('device', row => row.session?.session?.device),
];

function turnColumns(prompts: boolean): Column[] {
	return [
		text('turn_id', row => row.turn?.turn?.turnId),
		text('turn_time', row => (row.turn?.turn ? (isoTime(row.turn.turn.time) ?? undefined) : undefined)),
		// Chosen here, once: without prompts the column is a constant and never reads a prompt.
		prompts ? text('prompt', row => row.turn?.turn?.prompt) : text('prompt', () => undefined),
	];
}

const callColumns: Column[] = [
	text('time', row => (row.call?.call ? (isoTime(row.call.call.time) ?? undefined) : undefined)),
	text('model', row => row.call?.call?.model),
	text('pricing_key', row => row.call?.call?.pricingKey),
	text('call_id', row => row.call?.call?.callId),
];

/** The figures of every row, whatever the depth (the export document's `totals`). */
const totalsColumns: Column[] = [
	text('first_time', (_, totals) => totals.firstTime ?? undefined),
	text('last_time', (_, totals) => totals.lastTime ?? undefined),
	text('agents', (_, totals) => totals.agents.join(';')),
	text('models', (_, totals) => totals.models.join(';')),
	count('calls', totals => totals.calls),
	count('turns', totals => totals.turns),
	count('sessions', totals => totals.sessions),
	count('input_tokens', totals => totals.tokens.input),
	count('cache_read_tokens', totals => totals.tokens.cacheRead),
	count('cache_write_5m_tokens', totals => totals.tokens.cacheWrite5m),
	count('cache_write_1h_tokens', totals => totals.tokens.cacheWrite1h),
	count('cache_write_tokens', totals => totals.tokens.cacheWrite),
	count('output_tokens', totals => totals.tokens.output),
	count('reasoning_tokens', totals => totals.tokens.reasoning),
	count('total_tokens', totals => totals.tokens.total),
	count('cache_hit_rate', totals => totals.cacheHitRate),
	count('cost_usd', totals => usd(totals.costUSD)),
	text('cost_source', (_, totals) => totals.costSource),
	count('unpriced_tokens', totals => totals.unpricedTokens),
];

/** The columns of a CSV at `depth` of a view: the levels down to it name the row, then its figures. */
export function csvColumns(depth: ExportDepth, prompts: boolean, view: ViewName = 'time'): Column[] {
	const levels: Record<ExportDepth, Column[]> = {
		project: groupColumn('project'),
		model: groupColumn('model'),
		agent: groupColumn('agent'),
		device: groupColumn('device'),
		week: weekColumns,
		day: dayColumns,
		session: sessionColumns,
		turn: turnColumns(prompts),
		call: callColumns,
	};
	const depths = depthsOf(view);
	const named = depths.slice(0, depths.indexOf(depth) + 1).flatMap(level => levels[level]);
	return [...named, ...totalsColumns];
}

/** Characters that make a spreadsheet read a cell as a formula (OWASP's CSV injection list). */
const formulaStart = /^[=+\-@\t\r]/;
/** Fields RFC 4180 requires to be quoted. */
const needsQuotes = /[",\r\n]/;

/**
Text from data as a CSV field: inert (controls shown as stand-ins, but line feeds and tabs kept,
which a cell may hold), never a formula (a leading `'`), quoted as RFC 4180 asks.
*/
export function csvText(value: string): string {
	const inert = value.replace(/[^\t\n]+/g, part => inertText(part));
	const safe = formulaStart.test(inert) ? `'${inert}` : inert;
	return needsQuotes.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/**
A number as plain decimals (never `1e-9`, which some spreadsheets read as text): the export's
values are rounded to 1e-9 at most, so nine places write them exactly.
*/
export function csvNumber(value: number | null): string {
	if (value === null || !Number.isFinite(value)) {
		return '';
	}

	return Number.isInteger(value) ? String(value) : value.toFixed(9).replace(/\.?0+$/, '');
}

function csvLine(columns: readonly Column[], row: Row): string {
	const totals = jsonTotals(row.node.totals);
	const fields = columns.map(column => {
		if ('text' in column) {
			const value = column.text(row, totals);
			return value === undefined ? '' : csvText(value);
		}

		return csvNumber(column.number(totals));
	});
	return `${fields.join(',')}\r\n`;
}

async function writeRows(
	writer: ChunkWriter,
	node: TreeNode,
	ancestors: Omit<Row, 'node'>,
	depth: ExportDepth,
	columns: readonly Column[],
): Promise<void> {
	for (const child of node.children) {
		const row = {...ancestors, [child.kind]: child, node: child};
		if (child.kind === depth) {
			if (writer.push(csvLine(columns, row))) {
				await writer.flush();
			}
		} else {
			await writeRows(writer, child, row, depth, columns);
		}
	}
}

export type CsvOptions = {
	/** The level of the rows (`--depth`; the CLI's default is `session`). */
	readonly depth: ExportDepth;
	/** Fill the `prompt` column (`--no-prompts` leaves it empty). */
	readonly prompts: boolean;
};

/** Writes the CSV of `root`'s subtree at `options.depth` to `stream`, streamed with backpressure. */
export async function writeCsv(root: TreeNode, stream: Writable, options: CsvOptions): Promise<void> {
	const columns = csvColumns(options.depth, options.prompts, viewNameOf(root));
	const writer = new ChunkWriter(stream);
	await writer.write(`${columns.map(column => column.name).join(',')}\r\n`);
	await writeRows(writer, root, {}, options.depth, columns);
	await writer.flush();
}
