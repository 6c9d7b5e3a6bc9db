/**
`agent-ncdu statusline`: the command for Claude Code's `statusLine` setting. Claude Code runs
it after each message with a JSON document on stdin (session_id, model{id,display_name},
cost.total_cost_usd, workspace{current_dir,project_dir}, …) and shows the first line it prints.

It prints one compact line — session cost, today's cost, the current 5-hour block and its burn
rate — and records the session's own cost figure in the usage ledger, so that session shows
its cost as `reported` everywhere afterwards. Only recent Claude Code data is loaded, through
the parse cache, so a run stays cheap however long the history is. It never fails the status bar: any error still prints a
line and exits 0.

Colour (cli/colors.ts): Claude Code reads the line from a pipe and draws its ANSI colours, so
the line is coloured only when FORCE_COLOR asks for it (and never with NO_COLOR or --no-color):
the model in cyan, the block in yellow at 80 % of a limit and red at 95 %.
*/
import {Chalk, type ChalkInstance} from 'chalk';
import {inertText} from '../core/inert-text.js';
import {addDays, dayKey} from '../core/time.js';
import type {UsageEvent} from '../core/events.js';
import {blockStatus} from '../insights/block-status.js';
import {formatTokens} from '../core/tokens.js';
import {minutesText, usdText} from '../insights/format.js';
import {buildTree} from '../model/build.js';
import {nodesOfKind} from '../model/query.js';
import {hostName} from '../store/history/index.js';
import {readReportedCosts, recordReportedCost} from '../store/history/reported.js';
import {loadUsage} from '../pipeline/load.js';
import type {Options} from './options.js';
import {demoDataDir, insightOptions, ledgerDirFor, parseCacheFor, pricerFor} from './runtime.js';

export type StatusInput = {
	readonly sessionId?: string;
	readonly model?: string;
	readonly costUSD?: number;
};

/** The fields we use from Claude Code's status line JSON; anything missing stays undefined. */
export function parseStatusInput(text: string): StatusInput {
	let value: {
		session_id?: unknown;
		model?: {id?: unknown; display_name?: unknown};
		cost?: {total_cost_usd?: unknown};
	} | null;
	try {
		value = JSON.parse(text) as typeof value;
	} catch {
		return {};
	}

	if (typeof value !== 'object' || value === null) {
		return {};
	}

	const cost = value.cost?.total_cost_usd;
	const model = value.model?.display_name ?? value.model?.id;
	return {
		sessionId: typeof value.session_id === 'string' && value.session_id ? value.session_id : undefined,
		model: typeof model === 'string' ? model : undefined,
		costUSD: typeof cost === 'number' && Number.isFinite(cost) && cost >= 0 ? cost : undefined,
	};
}

async function readStdin(stdin: NodeJS.ReadableStream & {isTTY?: boolean}, timeoutMs = 1000): Promise<string> {
	if (stdin.isTTY) {
		return '';
	}

	return new Promise(resolve => {
		const chunks: Buffer[] = [];
		const done = () => {
			clearTimeout(timer);
			resolve(Buffer.concat(chunks).toString('utf8'));
		};

		// Claude Code closes stdin after the document; do not hang if a caller never does.
		const timer = setTimeout(done, timeoutMs);
		stdin.on('data', (chunk: Buffer) => chunks.push(chunk));
		stdin.once('end', done);
		stdin.once('error', done);
	});
}

/** A window that surely covers yesterday's local midnight (48 h) plus a DST hour and slack. */
const recentWindowMs = 50 * 3_600_000;

/**
Fast by design (it runs every few seconds): only Claude files written in the last two days are
read (through the parse cache), and the session figure goes to a small side file rather than
through the whole usage ledger (see store/history/reported.ts); the next full run merges it.
*/
export async function statusLine(
	options: Options,
	input: StatusInput,
	now: number,
	colors: ChalkInstance = new Chalk({level: 0}),
): Promise<string> {
	const ledgerDir = ledgerDirFor(options);
	const reported: UsageEvent[] =
		input.sessionId && input.costUSD !== undefined
			? [{type: 'session', agent: 'claude', sessionId: input.sessionId, reportedCostUSD: input.costUSD}]
			: [];
	if (ledgerDir && options.cache && input.sessionId && input.costUSD !== undefined) {
		await recordReportedCost(ledgerDir, hostName(process.env), {a: 'claude', s: input.sessionId, usd: input.costUSD});
	}

	const claudeOnly: Options = {...options, agents: ['claude']};
	const dataDirs = options.demo ? [demoDataDir] : options.dataDirs.length > 0 ? options.dataDirs : undefined;
	const [pricer, result, recorded] = await Promise.all([
		pricerFor(claudeOnly),
		loadUsage({agents: ['claude'], dataDirs, cache: parseCacheFor(options), modifiedSince: now - recentWindowMs}),
		ledgerDir ? readReportedCosts(ledgerDir, () => undefined) : [],
	]);
	result.store.addAll([...recorded, ...reported]);
	const today = dayKey(now, options.timezone);
	// Yesterday too: the active 5-hour block may have started before midnight.
	const model = buildTree(result.store, {
		timezone: options.timezone,
		pricer,
		filter: {agents: ['claude'], since: addDays(today, -1), until: today},
	});
	const parts: string[] = [];
	let sessionCost = input.costUSD;
	if (sessionCost === undefined && input.sessionId) {
		const fragments = nodesOfKind(model.root, 'session').filter(node => node.session?.sessionId === input.sessionId);
		sessionCost =
			fragments.length > 0 ? fragments.reduce((sum, node) => sum + node.totals.pricedCostUSD, 0) : undefined;
	}

	if (input.model) {
		// The model name comes from stdin: inert before it is coloured.
		parts.push(colors.cyan(inertText(input.model)));
	}

	if (sessionCost !== undefined) {
		parts.push(`${usdText(sessionCost)} session`);
	}

	const todayNode = model.root.children.flatMap(week => week.children).find(day => day.key === today);
	parts.push(`${usdText(todayNode?.totals.pricedCostUSD ?? 0)} today`);
	const status = blockStatus(model, now, {...insightOptions(options, pricer, now), blockAgents: ['claude']});
	if (status.active) {
		const {active} = status;
		const block = `${usdText(active.block.costUSD)} block (${minutesText(active.remainingMinutes)} left)`;
		const tone = status.warningLevel >= 95 ? colors.red : status.warningLevel >= 80 ? colors.yellow : undefined;
		parts.push(tone ? tone(block) : block);
		if (active.tokensPerMinute > 0) {
			parts.push(`${usdText(active.costPerHour)}/h ${formatTokens(active.tokensPerMinute)} tok/min`);
		}
	}

	return parts.join(colors.gray(' · '));
}

/** The subcommand: never throws, always prints one line. */
export async function runStatusLine(
	options: Options,
	io: {
		stdin: NodeJS.ReadableStream & {isTTY?: boolean};
		write: (text: string) => void;
		/** The colours of stdout (cli/colors.ts). */
		colors: ChalkInstance;
	},
): Promise<void> {
	let input: StatusInput = {};
	let line: string;
	// What the line quotes (the model name from stdin, error messages) is made inert before it is
	// coloured: Claude Code draws the line in its own screen.
	try {
		input = parseStatusInput(await readStdin(io.stdin));
		line = await statusLine(options, input, Date.now(), io.colors);
	} catch (error) {
		const fallback = input.costUSD === undefined ? '' : `${usdText(input.costUSD)} session · `;
		line = `${fallback}agent-ncdu: ${inertText((error as Error)?.message ?? String(error))}`;
	}

	io.write(`${line}\n`);
}
