/**
Flag values → validated options. Every invalid value becomes a UsageError whose message is
one line saying what is wrong and how to fix it (printed as `✖ …`, exit code 1).
*/
import {isIPv4, isIPv6} from 'node:net';
import {type AgentId, agentIds, isAgentId} from '../core/agents.js';
import {isPlanId, type PlanId, planIds} from '../insights/types.js';
import {type Budget, parseBudget} from '../insights/budget.js';
import {defaultJsonDepth, depthsOf, type ExportDepth, fullDepth, isExportDepth} from '../export/json-depth.js';
import {isViewName, type ViewName, viewNames} from '../model/views.js';
import {isNcduSize, type NcduSize, ncduSizes} from '../export/ncdu-size.js';
import {parseStatementMonth, type StatementMonth} from '../export/statement-month.js';
import {assertTimeZone, systemTimeZone} from '../core/time.js';
import {colorRefused} from './colors.js';
import type {ListenAddress} from '../export/otlp/prometheus.js';

export class UsageError extends Error {
	override readonly name = 'UsageError';
}

export type Flags = {
	json: boolean;
	timezone?: string;
	since?: string;
	until?: string;
	agent: string[];
	pricing?: string;
	verbose: boolean;
	demo: boolean;
	dataDir: string[];
	prompts: boolean;
	color: boolean;
	ascii: boolean;
	otlpEndpoint?: string;
	otlpHeaders: string[];
	otlpOnce: boolean;
	cache: boolean;
	tokenLimit?: string;
	plan?: string;
	budget?: string;
	ledger?: boolean;
	ledgerDir?: string;
	retentionDays?: string;
	import?: string[];
	depth?: string;
	groupBy?: string;
	watch?: boolean;
	export?: string;
	size?: string;
	csv?: boolean;
	statement?: string;
	prometheus?: string;
};

export type Options = {
	readonly mode: 'tui' | 'json' | 'ncdu' | 'csv' | 'statement';
	readonly timezone: string;
	readonly since?: string;
	readonly until?: string;
	readonly agents: readonly AgentId[];
	readonly pricingFile?: string;
	readonly verbose: boolean;
	readonly demo: boolean;
	readonly dataDirs: readonly string[];
	readonly prompts: boolean;
	readonly color: boolean;
	readonly ascii: boolean;
	/**
	Keep our files in HOME. `--no-cache` turns this off: every file is parsed again and the run
	leaves HOME as it was (no parse cache; the usage ledger is read, never written; the browser's
	view is not saved).
	*/
	readonly cache: boolean;
	readonly otlpEndpoint?: string;
	readonly otlpHeaders: readonly string[];
	/** Export OTLP metrics once and exit (cron mode). */
	readonly otlpOnce: boolean;
	/** Tokens allowed per 5-hour block (warnings at 60/80/95 %). */
	readonly tokenLimit?: number;
	readonly plan?: PlanId;
	/** Tokens or dollars allowed per calendar day, week or month (`--budget`), shown in the header. */
	readonly budget?: Budget;
	/** Keep and merge the usage ledger (`--no-ledger` turns it off). */
	readonly ledger: boolean;
	/** Shared ledger folder (`--ledger-dir`): every host's ledger is read, this host's written. */
	readonly ledgerDir?: string;
	/** Days of calls kept in this host's ledger (undefined = all). */
	readonly retentionDays?: number;
	/** Export documents of other machines to add (`--import`, repeatable). */
	readonly imports: readonly string[];
	/**
	How deep the `--json` document's tree goes (`--depth`; the TUI's `e` export ignores it), or
	the `--export ncdu` file's (default: every call).
	*/
	readonly depth: ExportDepth;
	/**
	`--group-by`: how the tree is grouped under its root (model/views.ts) in the `--json`, `--csv`
	and `--export ncdu` tree, and the browser's view at start. Undefined: time (the browser: the
	remembered view).
	*/
	readonly groupBy?: ViewName;
	/** Keep the browser's data current while agents write (`--no-watch` turns it off). */
	readonly watch: boolean;
	/** `--export ncdu FILE` (mode `ncdu`): the file (`-`: stdout) and what a size counts. */
	readonly ncdu?: NcduExport;
	/** `--statement YYYY-MM`: the month (its days are also `since` and `until`). */
	readonly statement?: StatementMonth;
	/** Serve `/metrics` for Prometheus here while the browser (or `watch`) runs (`--prometheus [HOST:]PORT`). */
	readonly prometheus?: ListenAddress;
};

export type NcduExport = {readonly file: string; readonly size: NcduSize};

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Accepts YYYY-MM-DD (and YYYYMMDD, as ccusage does) for a real calendar date. */
export function parseDay(value: string, flag: string): string {
	const compact = /^\d{8}$/.test(value) ? `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6)}` : value;
	const match = datePattern.exec(compact);
	const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : undefined;
	if (!date || date.toISOString().slice(0, 10) !== compact) {
		throw new UsageError(`Invalid ${flag} "${value}": use a calendar date as YYYY-MM-DD, e.g. ${flag} 2026-01-31.`);
	}

	return compact;
}

/** `--timezone`, else the system's zone; an unknown zone is a UsageError. */
function timezoneOf(flags: Flags): string {
	const timezone = flags.timezone ?? systemTimeZone();
	try {
		assertTimeZone(timezone);
	} catch (error) {
		throw new UsageError(`${(error as Error).message} (--timezone)`);
	}

	return timezone;
}

/** `--since` and `--until` as calendar days, in order. */
function dayRangeOf(flags: Flags): {since?: string; until?: string} {
	const since = flags.since === undefined ? undefined : parseDay(flags.since, '--since');
	const until = flags.until === undefined ? undefined : parseDay(flags.until, '--until');
	if (since && until && since > until) {
		throw new UsageError(`--since ${since} is after --until ${until}: swap them.`);
	}

	return {since, until};
}

/** `--agent`, repeatable and comma-separated, case-insensitive. */
function agentsOf(flags: Flags): AgentId[] {
	return flags.agent
		.flatMap(value => value.split(','))
		.map(name => {
			const id = name.trim().toLowerCase();
			if (!isAgentId(id)) {
				throw new UsageError(`Unknown agent "${name}" (--agent): use one of ${agentIds.join(', ')}.`);
			}

			return id;
		});
}

/** `--token-limit`: a positive whole number of tokens, `_` or `,` grouping and a `k`/`m` suffix allowed. */
function tokenLimitOf(flags: Flags): number | undefined {
	if (flags.tokenLimit === undefined) {
		return undefined;
	}

	const tokenLimit = Number(flags.tokenLimit.replace(/[_,]/g, '').replace(/k$/i, '000').replace(/m$/i, '000000'));
	if (!Number.isInteger(tokenLimit) || tokenLimit <= 0) {
		throw new UsageError(
			`Invalid --token-limit "${flags.tokenLimit}": use a positive number of tokens, e.g. --token-limit 500000 or 500k.`,
		);
	}

	return tokenLimit;
}

function planOf(flags: Flags): PlanId | undefined {
	const {plan} = flags;
	if (plan !== undefined && !isPlanId(plan)) {
		throw new UsageError(
			`Unknown --plan "${plan}": use ${planIds.join(', ')} (community estimates of the 5-hour limit).`,
		);
	}

	return plan;
}

/** `--budget AMOUNT/PERIOD` (insights/budget.ts `parseBudget`). */
function budgetOf(flags: Flags): Budget | undefined {
	if (flags.budget === undefined) {
		return undefined;
	}

	const budget = parseBudget(flags.budget);
	if ('error' in budget) {
		// `$` needs quotes in a shell ('$50/day'), and an unquoted one reaches us without its amount.
		throw new UsageError(`Invalid --budget "${flags.budget}": ${budget.error} (quote a dollar budget: '$50/day').`);
	}

	return budget;
}

function retentionDaysOf(flags: Flags): number | undefined {
	if (flags.retentionDays === undefined) {
		return undefined;
	}

	const retentionDays = Number(flags.retentionDays);
	if (!Number.isInteger(retentionDays) || retentionDays <= 0) {
		throw new UsageError(
			`Invalid --retention-days "${flags.retentionDays}": use a whole number of days, e.g. --retention-days 365 (default: keep everything).`,
		);
	}

	return retentionDays;
}

function groupByOf(flags: Flags): ViewName | undefined {
	if (flags.groupBy === undefined) {
		return undefined;
	}

	const view = flags.groupBy.trim().toLowerCase();
	if (!isViewName(view)) {
		throw new UsageError(`Unknown --group-by "${flags.groupBy}": use ${viewNames.join(', ')} (default time).`);
	}

	if (flags.statement !== undefined) {
		throw new UsageError('--group-by does not apply to --statement: a statement is always by day.');
	}

	return view;
}

/** `--depth`: a level of the `--group-by` view's tree (model/views.ts); `call` is the whole tree. */
function depthOf(flags: Flags, fallback: ExportDepth, view: ViewName): ExportDepth {
	const depth = flags.depth?.trim().toLowerCase() ?? fallback;
	const depths = depthsOf(view);
	if (!isExportDepth(depth) || !depths.includes(depth)) {
		const where = view === 'time' ? '' : ` with --group-by ${view}`;
		throw new UsageError(
			`Unknown --depth "${flags.depth}"${where}: use ${depths.join(', ')} (default ${defaultJsonDepth}; call writes every API call).`,
		);
	}

	return depth;
}

/**
`--export ncdu FILE` (also `--export=ncdu FILE`): FILE is the one word that is not a flag
(`input`, meow's positionals), `-` for stdout. `--size` belongs to it.
*/
function ncduExportOf(flags: Flags, input: readonly string[]): NcduExport | undefined {
	if (flags.export === undefined) {
		if (flags.size !== undefined) {
			throw new UsageError('--size sets the sizes of an --export file: add --export ncdu FILE, or leave --size out.');
		}

		return undefined;
	}

	if (flags.export.trim().toLowerCase() !== 'ncdu') {
		throw new UsageError(
			`Unknown --export format "${flags.export}": use --export ncdu FILE (for the JSON document use --json).`,
		);
	}

	if (flags.json || flags.otlpOnce) {
		throw new UsageError(`--export ncdu writes a file; --${flags.json ? 'json' : 'otlp-once'} is a run of its own.`);
	}

	const [file, ...more] = input;
	if (file === undefined || file.trim() === '' || more.length > 0) {
		throw new UsageError(
			`--export ncdu takes one FILE to write (- for stdout), e.g. --export ncdu usage.ncdu${more.length > 0 ? `; got ${input.length} words` : ''}.`,
		);
	}

	const size = flags.size?.trim().toLowerCase() ?? 'tokens';
	if (!isNcduSize(size)) {
		throw new UsageError(`Unknown --size "${flags.size}": use ${ncduSizes.join(' or ')} (cost is in micro-dollars).`);
	}

	return {file, size};
}

/**
`--statement YYYY-MM`: the month, whose days become the tree's filter. It replaces --since and
--until, and writes neither JSON nor CSV: asking for both is a UsageError, not a silent choice.
*/
function statementOf(flags: Flags): StatementMonth | undefined {
	if (flags.statement === undefined) {
		return undefined;
	}

	const month = parseStatementMonth(flags.statement);
	if (!month) {
		throw new UsageError(
			`Invalid --statement "${flags.statement}": use a calendar month as YYYY-MM, e.g. --statement 2026-11.`,
		);
	}

	const other = [
		flags.json && '--json',
		flags.csv && '--csv',
		flags.otlpOnce && '--otlp-once',
		flags.export !== undefined && '--export',
	].find(Boolean);
	if (other) {
		throw new UsageError(`--statement writes Markdown; ${other} is another output: use one at a time.`);
	}

	if (flags.since !== undefined || flags.until !== undefined) {
		throw new UsageError('--statement covers its whole month: leave out --since and --until.');
	}

	return month;
}

/** `--csv` is its own output: with `--json` or `--otlp-once` one of them would be lost. */
function checkCsv(flags: Flags): void {
	const other = [
		flags.json && '--json',
		flags.otlpOnce && '--otlp-once',
		flags.export !== undefined && '--export',
	].find(Boolean);
	if (flags.csv && other) {
		throw new UsageError(`--csv and ${other} are two outputs: run them one at a time.`);
	}
}

/** Loopback unless a host is given: the metrics name your projects and models. */
export const defaultPrometheusHost = '127.0.0.1';

/** `--prometheus` as PORT, HOST:PORT or [IPv6]:PORT; the port 1–65535, the host loopback when left out. */
export function parseListenAddress(value: string, flag = '--prometheus'): ListenAddress {
	const match = /^(?:\[([^\]]*)\]:|([^:[\]]*):)?(\d{1,5})$/.exec(value.trim());
	const port = Number(match?.[3]);
	const host = match?.[1] ?? match?.[2] ?? defaultPrometheusHost;
	const hostIsValid =
		match?.[1] === undefined
			? /^[a-z\d]([a-z\d-]*[a-z\d])?(\.[a-z\d]([a-z\d-]*[a-z\d])?)*$/i.test(host) &&
				(!/^[\d.]+$/.test(host) || isIPv4(host))
			: isIPv6(host);
	if (!match || !hostIsValid || port < 1 || port > 65_535) {
		const hint = value.split(':').length > 2 && !value.startsWith('[') ? ' (an IPv6 address goes in brackets)' : '';
		throw new UsageError(
			`Invalid ${flag} "${value}"${hint}: use PORT, HOST:PORT or [IPv6]:PORT with a port from 1 to 65535, e.g. ${flag} 9464.`,
		);
	}

	return {host, port};
}

/** `--prometheus` serves while something runs; the one-shot outputs write once and exit. */
function prometheusOf(flags: Flags): ListenAddress | undefined {
	if (flags.prometheus === undefined) {
		return undefined;
	}

	const oneShot = [
		flags.json && '--json',
		flags.otlpOnce && '--otlp-once',
		flags.csv && '--csv',
		flags.statement !== undefined && '--statement',
		flags.export !== undefined && '--export',
	].find(Boolean);
	if (oneShot) {
		throw new UsageError(prometheusNeedsServingMode(`not with ${oneShot}: drop one of them`));
	}

	return parseListenAddress(flags.prometheus);
}

/** The usage error for `--prometheus` in a mode that writes once and exits; `why` ends the sentence. */
export function prometheusNeedsServingMode(why: string): string {
	return `--prometheus serves while the browser or \`agent-ncdu watch\` runs, ${why}.`;
}

/** Flags → options; the first invalid flag, checked in this order, is the UsageError. */
export function resolveOptions(
	flags: Flags,
	io: {
		stdoutIsTTY: boolean;
		env: Readonly<Record<string, string | undefined>>;
		/** The words that are not flags (the FILE of `--export ncdu FILE`). */
		input?: readonly string[];
	},
): Options {
	const timezone = timezoneOf(flags);
	const {since, until} = dayRangeOf(flags);
	const agents = agentsOf(flags);
	const tokenLimit = tokenLimitOf(flags);
	const plan = planOf(flags);
	const budget = budgetOf(flags);
	const retentionDays = retentionDaysOf(flags);
	const ncdu = ncduExportOf(flags, io.input ?? []);
	const groupBy = groupByOf(flags);
	const depth = depthOf(flags, ncdu ? fullDepth : defaultJsonDepth, groupBy ?? 'time');
	checkCsv(flags);
	const statement = statementOf(flags);
	const prometheus = prometheusOf(flags);
	const noColor = colorRefused(io.env, []);
	return {
		mode: ncdu
			? 'ncdu'
			: flags.csv
				? 'csv'
				: statement
					? 'statement'
					: flags.json || flags.otlpOnce || !io.stdoutIsTTY
						? 'json'
						: 'tui',
		timezone,
		since: statement?.since ?? since,
		until: statement?.until ?? until,
		agents,
		pricingFile: flags.pricing,
		verbose: flags.verbose,
		demo: flags.demo,
		dataDirs: flags.dataDir,
		prompts: flags.prompts,
		color: flags.color && !noColor,
		ascii: flags.ascii,
		cache: flags.cache,
		otlpEndpoint: flags.otlpEndpoint,
		otlpHeaders: flags.otlpHeaders,
		otlpOnce: flags.otlpOnce,
		tokenLimit,
		plan,
		budget,
		ledger: flags.ledger ?? true,
		ledgerDir: flags.ledgerDir,
		retentionDays,
		imports: flags.import ?? [],
		depth,
		groupBy,
		watch: flags.watch ?? true,
		ncdu,
		statement,
		prometheus,
	};
}
