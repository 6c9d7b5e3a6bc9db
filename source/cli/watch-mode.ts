/**
`agent-ncdu watch`: the live browser without a screen, for a server or a tmux pane. Loads as
every run does (parse cache, history), then follows what agents write (pipeline/live.ts) and
prints one line when something needs the user: a 5-hour block crossing 60/80/95 % of its
limit (`--token-limit`, `--plan`, else the largest earlier block), the `--budget` of the current
day, week or month crossing the same levels, and a day that ended. It
keeps this machine's history current (every `historyEveryMs` when something was added, and on
exit), pushes OTLP metrics when an endpoint is configured, serves them at /metrics with
`--prometheus`, and stops cleanly on SIGINT/SIGTERM.
*/
import {dayKey, weekKeyOfDay} from '../core/time.js';
import {formatTokens} from '../core/tokens.js';
import {blockStatus, type BlockStatus} from '../insights/block-status.js';
import {minutesText, percentText} from '../insights/format.js';
import {type Budget, budgetAmountText, budgetStatus, budgetText} from '../insights/budget.js';
import {formatCost, formatDuration} from '../ui/format.js';
import {findByKeyPath} from '../model/query.js';
import type {TreeModel} from '../model/types.js';
import {LiveLoad} from '../pipeline/live.js';
import type {LedgerRunStats} from '../store/history/index.js';
import {backgroundExport, otlpConfigFor} from './otlp.js';
import {startPrometheus} from './prometheus.js';
import {type Options, UsageError} from './options.js';
import {
	insightOptions,
	ledgerDirFor,
	liveLoadFor,
	loadFor,
	persistenceWarnings,
	pricerFor,
	saveHistory,
	unfilteredTree,
} from './runtime.js';

/** How often a run that added calls writes this machine's history (and once more on exit). */
const historyEveryMs = 10 * 60_000;
/** How often the clock is read for a day that ended while nothing was written. */
const clockEveryMs = 60_000;
/** At most one block check this often while agents write. */
const checkEveryMs = 3000;

export type WatchIo = {
	/** One line of output (stdout). */
	readonly write: (line: string) => void;
	/** Diagnostics and warnings (stderr). */
	readonly warn: (line: string) => void;
	/** Resolves when the run should stop (SIGINT/SIGTERM). */
	readonly stopped: Promise<void>;
	readonly now?: () => number;
};

/**
What the user is told as usage grows: the highest 60/80/95 % level each block reached (told
once per block and level), and the days that ended, with their totals.
*/
export class WatchAlerts {
	private blockStart: number | undefined;
	private level = 0;
	private day: string;
	/** The budget's period told about, and the highest level told in it. */
	private budgetPeriod: string | undefined;
	private budgetLevel = 0;

	constructor(
		private readonly timezone: string,
		now: number,
		private readonly budget?: Budget,
	) {
		this.day = dayKey(now, timezone);
	}

	/** The lines for the tree as of `now` (none when nothing crossed a line). */
	linesFor(model: TreeModel, status: BlockStatus, now: number): string[] {
		return [...this.dayLines(model, now), ...this.blockLines(status, now), ...this.budgetLines(model, now)];
	}

	/** The highest 60/80/95 % level the budget's current period reached, told once per period and level. */
	private budgetLines(model: TreeModel, now: number): string[] {
		if (!this.budget) {
			return [];
		}

		const status = budgetStatus(model, this.budget, now);
		if (status.periodKey !== this.budgetPeriod) {
			this.budgetPeriod = status.periodKey;
			this.budgetLevel = 0;
		}

		if (status.level <= this.budgetLevel) {
			return [];
		}

		this.budgetLevel = status.level;
		const used = budgetAmountText(status.used, this.budget.unit);
		return [
			`${this.stampOf(now)} ${status.level >= 95 ? '✖' : '⚠'} ${status.level}% of the budget ${budgetText(this.budget)}: ${percentText(status.ratio)} used (${used} in ${status.periodKey}) · ${formatDuration(status.msLeft)} left in the ${this.budget.period}`,
		];
	}

	private blockLines(status: BlockStatus, now: number): string[] {
		const active = status.active;
		if (!active || status.usedRatio === undefined || !status.limit) {
			return [];
		}

		if (active.block.start !== this.blockStart) {
			this.blockStart = active.block.start;
			this.level = 0;
		}

		if (status.warningLevel <= this.level) {
			return [];
		}

		this.level = status.warningLevel;
		const used = status.limit.counts === 'total' ? active.block.tokens : active.block.inputOutputTokens;
		const pace =
			status.minutesToLimit === undefined
				? ''
				: ` · limit reached in about ${minutesText(status.minutesToLimit)} at this rate`;
		return [
			`${this.stampOf(now)} ${status.warningLevel >= 95 ? '✖' : '⚠'} ${status.warningLevel}% of the 5-hour block: ${percentText(status.usedRatio)} used (${formatTokens(used)} of ${formatTokens(status.limit.tokens)} tokens, ${status.limit.source}) · ${minutesText(active.remainingMinutes)} left in the block${pace}`,
		];
	}

	private dayLines(model: TreeModel, now: number): string[] {
		const today = dayKey(now, this.timezone);
		if (today === this.day) {
			return [];
		}

		const ended = this.day;
		this.day = today;
		const node = findByKeyPath(model, [weekKeyOfDay(ended), ended]);
		const totals = node.key === ended ? node.totals : undefined;
		const summary = totals
			? `${formatTokens(totals.total)} tokens · ${formatCost(totals)} · ${totals.sessions} sessions · ${totals.calls} calls`
			: 'no usage';
		return [`${this.stampOf(now)} ● ${ended} ended: ${summary}`];
	}

	/** `2026-12-02 14:03` in the run's time zone: what every line starts with. */
	stampOf(now: number): string {
		const time = new Intl.DateTimeFormat('en-GB', {
			timeZone: this.timezone,
			hour: '2-digit',
			minute: '2-digit',
			hourCycle: 'h23',
		}).format(now);
		return `${dayKey(now, this.timezone)} ${time}`;
	}
}

export async function runWatchMode(options: Options, io: WatchIo): Promise<void> {
	if (options.imports.length > 0) {
		throw new UsageError(
			'`watch` keeps this machine’s history; --import adds another machine’s export to one run only. Drop --import.',
		);
	}

	const now = io.now ?? Date.now;
	const pricer = await pricerFor(options);
	const otlpConfig = await otlpConfigFor(options);
	const loaded = await loadFor(options, {demoFallback: false});
	for (const warning of persistenceWarnings(loaded)) io.warn(warning);
	const {result} = loaded;
	const treeNow = () => unfilteredTree(options, result.store, pricer);
	// Every scrape reads treeNow, so what `live` adds shows on the next one. Bound before
	// anything else starts: a port in use ends the run with one line.
	const prometheus = options.prometheus ? await startPrometheus(options.prometheus, treeNow) : undefined;
	const otlp = backgroundExport(otlpConfig, treeNow);
	const alerts = new WatchAlerts(options.timezone, now(), options.budget);
	const check = () => {
		const model = treeNow();
		const status = blockStatus(model, now(), insightOptions(options, pricer, now()));
		for (const line of alerts.linesFor(model, status, now())) io.write(line);
	};

	// The demo data (`--demo`) is followed too, without a device of this machine.
	const live = liveLoadFor(loaded) ?? new LiveLoad(result);
	let unsaved = false;
	// A check builds the tree of all usage (about 0.4 s on a 1 GB history): at most one every
	// `checkEveryMs`, however often an agent writes.
	let lastCheck = 0;
	let checkTimer: NodeJS.Timeout | undefined;
	const checkSoon = () => {
		checkTimer ??= setTimeout(
			() => {
				checkTimer = undefined;
				lastCheck = Date.now();
				check();
			},
			Math.max(0, lastCheck + checkEveryMs - Date.now()),
		);
	};

	live.onUpdate = update => {
		unsaved ||= update.callsAdded > 0;
		checkSoon();
	};
	io.write(startLine(options, now(), result.files.length, result.store.callCount, treeNow()));
	if (prometheus) {
		io.write(`${alerts.stampOf(now())} Prometheus metrics at ${prometheus.url}`);
	}

	check();
	live.start();
	// Saves run one after another (the 10-minute one may still be writing when the run stops).
	let saving: Promise<string> = Promise.resolve(historyState(options, undefined));
	const saveIfAdded = async (): Promise<string> => {
		saving = saving.then(async previous => {
			if (!unsaved) return previous;
			unsaved = false;
			const saved = await saveHistory(options, result.store, diagnostic => result.diagnostics.add(diagnostic));
			for (const warning of saved?.warnings ?? []) io.warn(`⚠ agent-ncdu: ${warning}`);
			return historyState(options, saved);
		});
		return saving;
	};

	// The clock (a day that ends in silence) and the history; also what keeps the process alive.
	const clock = setInterval(check, clockEveryMs);
	const history = setInterval(() => void saveIfAdded(), historyEveryMs);
	try {
		await io.stopped;
	} finally {
		clearInterval(clock);
		clearInterval(history);
		clearTimeout(checkTimer);
		// What a refresh under way reads is in the store before the last save.
		await live.stop();
	}

	const historyNote = await saveIfAdded();
	await Promise.all([otlp.stop(), prometheus?.close()]);
	io.write(`${alerts.stampOf(now())} stopped: ${result.store.callCount} calls · ${historyNote}`);
}

/** What the stop line says of the history, from the last save (undefined: none was needed). */
function historyState(options: Options, saved: LedgerRunStats | undefined): string {
	if (options.demo || !ledgerDirFor(options)) return 'no history kept (--no-ledger, --data-dir or --demo)';
	if (!options.cache) return 'history not written (--no-cache)';
	if (saved?.notSaved) return `history NOT saved (${saved.notSaved})`;
	return 'history up to date';
}

function startLine(options: Options, now: number, files: number, calls: number, model: TreeModel): string {
	const today = dayKey(now, options.timezone);
	const day = findByKeyPath(model, [weekKeyOfDay(today), today]);
	const todayText =
		day.key === today ? `${formatTokens(day.totals.total)} tokens, ${formatCost(day.totals)}` : 'nothing yet';
	const budget = options.budget ? ` or the budget ${budgetText(options.budget)}` : '';
	return `agent-ncdu watch: ${files} files, ${calls} calls · today ${todayText} · lines below when a block${budget} passes 60/80/95 % or a day ends · Ctrl-C stops`;
}
