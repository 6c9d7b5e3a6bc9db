#!/usr/bin/env node
/**
agent-ncdu: composition root. Flags → mode → wire the layers → run. One top-level catch
prints `✖ message` and exits 1; `--json | head` exits quietly on EPIPE.
*/
import meow, {type AnyFlags} from 'meow';
import {colorsFor, paintSymbols} from './cli/colors.js';
import {type Flags, prometheusNeedsServingMode, resolveOptions, UsageError} from './cli/options.js';
import {inertText} from './core/inert-text.js';
import {leaveSplash, showSplash} from './cli/splash.js';
import {planIds} from './insights/types.js';

const knownFlags = {
	json: {type: 'boolean', default: false},
	timezone: {type: 'string'},
	since: {type: 'string'},
	until: {type: 'string'},
	agent: {type: 'string', isMultiple: true, default: []},
	pricing: {type: 'string'},
	verbose: {type: 'boolean', default: false},
	demo: {type: 'boolean', default: false},
	dataDir: {type: 'string', isMultiple: true, default: []},
	prompts: {type: 'boolean', default: true},
	color: {type: 'boolean', default: true},
	ascii: {type: 'boolean', default: false},
	otlpEndpoint: {type: 'string'},
	otlpHeaders: {type: 'string', isMultiple: true, default: []},
	otlpOnce: {type: 'boolean', default: false},
	cache: {type: 'boolean', default: true},
	tokenLimit: {type: 'string'},
	plan: {type: 'string'},
	budget: {type: 'string'},
	ledger: {type: 'boolean', default: true},
	ledgerDir: {type: 'string'},
	retentionDays: {type: 'string'},
	import: {type: 'string', isMultiple: true, default: []},
	depth: {type: 'string'},
	groupBy: {type: 'string'},
	watch: {type: 'boolean', default: true},
	export: {type: 'string'},
	size: {type: 'string'},
	csv: {type: 'boolean', default: false},
	statement: {type: 'string'},
	prometheus: {type: 'string'},
} satisfies AnyFlags;

/** The help's headings in bold and its flags in cyan, when stdout shows colour (cli/colors.ts). */
function colorHelp(text: string): string {
	const colors = colorsFor('stdout');
	return text
		.replace(/^\t(Usage|Options|Examples)$/gm, (_, heading: string) => `\t${colors.bold(heading)}`)
		.replace(/^(\t {2})(--\S+)/gm, (_, indent: string, flag: string) => `${indent}${colors.cyan(flag)}`);
}

const helpAndFlags = () =>
	meow(
		colorHelp(`
	Usage
	  $ agent-ncdu [options]
	  $ agent-ncdu statusline      (Claude Code status line command: reads its JSON on stdin)
	  $ agent-ncdu watch [options] (no screen: follow usage, print block warnings and ended days)

	Explore where your AI coding agents spent tokens and money (Claude Code, Codex,
	Gemini CLI, OpenCode, Qwen Code, Amp, Kimi CLI, Pi, Droid, Codebuff, Copilot CLI, Grok
	Build, OpenClaw, Hermes Agent, Goose, Kilo CLI, Z Code, Antigravity, and the Cline, Roo
	Code and Kilo Code VS Code extensions). Opens an ncdu-style
	browser in a terminal; writes the JSON export document with --json or when stdout is not a
	terminal.

	Options
	  --json               Write the export document to stdout instead of opening the browser
	  --depth LEVEL        How deep the --json tree goes: week, day, session (default), turn, call
	                       (--export: call by default); with --group-by also project, model, …
	  --group-by VIEW      Group the tree by time (default), project, model, agent or device
	                       (--json, --csv, --export; the browser's view at start)
	  --export ncdu FILE   Write the tree in ncdu's export format to FILE (- for stdout), for ncdu -f
	  --size UNIT          Sizes in the --export file: tokens (default) or cost (micro-dollars)
	  --csv                Write CSV to stdout instead: one row per --depth node (default session)
	  --statement YYYY-MM  Write that month's statement (Markdown) to stdout, days in --timezone
	  --timezone ZONE      Bucket days/weeks in this IANA time zone (default: system zone)
	  --since YYYY-MM-DD   Only usage on or after this day
	  --until YYYY-MM-DD   Only usage on or before this day
	  --agent NAME         Only this agent (repeatable): claude, codex, gemini, opencode, qwen,
	                       amp, kimi, pi, droid, codebuff, copilot, grok, openclaw, hermes,
	                       goose, kilo, zcode, antigravity, cline, roo, kilocode
	  --pricing FILE       Price overrides (LiteLLM-style JSON), see readme
	  --data-dir DIR       Read <DIR>/<agent>/ folders instead of the default locations (repeatable)
	  --demo               Use the bundled demo data
	  --no-prompts         Leave prompt previews out of the export
	  --no-color           No colors (NO_COLOR is honoured too)
	  --ascii              ASCII bars and sparklines (no Unicode block characters)
	  --token-limit N      Tokens allowed per 5-hour billing block (warnings at 60/80/95 %)
	  --plan NAME          Limit preset instead: ${planIds.join(', ')} (community estimates)
	  --budget AMOUNT/PERIOD  Tokens or dollars per day, week or month, shown in the header with
	                       warnings at 60/80/95 %: 2M/week, 500k/day, '$200/month' (B in the browser)
	  --no-cache           Parse every file again and write nothing into HOME (history is read, not saved)
	  --no-ledger          Do not read or write the usage history (calls kept past transcript cleanup)
	  --ledger-dir DIR     Shared history folder: read every machine's history there, write this one's
	  --retention-days N   Keep only the last N days of calls in this machine's history (default: all)
	  --import FILE        Add another machine's export, written with --json --depth call (repeatable)
	  --otlp-endpoint URL  Push OpenTelemetry metrics to this OTLP/HTTP endpoint while browsing
	  --otlp-headers "K: V"  Header for the OTLP endpoint (repeatable; also Key=Value)
	  --otlp-once          Export OTLP metrics once and exit (for cron); non-zero exit on failure
	  --no-watch           Do not follow what agents write while the browser is open
	  --prometheus [HOST:]PORT  Serve the same metrics at /metrics for Prometheus while browsing
	                       (host 127.0.0.1 unless given; [::1]:PORT for IPv6)
	  --verbose            Print diagnostics (skipped lines, unreadable files) to stderr
	  --version            Show the version
	  --help               Show this help

	Examples
	  $ agent-ncdu
	  $ agent-ncdu --json --since 2026-11-01 > usage.json
	  $ agent-ncdu --export ncdu usage.ncdu && ncdu --si -f usage.ncdu
	  $ agent-ncdu --agent claude --timezone Europe/Berlin
	  $ agent-ncdu --csv --depth day --since 2026-11-01 > november.csv
	  $ agent-ncdu --csv --group-by project --depth project --since 2026-11-01
	  $ agent-ncdu --statement 2026-11 > statement-2026-11.md
	  $ agent-ncdu watch --plan max5 --prometheus 9464
`),
		{
			importMeta: import.meta,
			flags: knownFlags,
			allowUnknownFlags: true,
		},
	);

/** Meow throws on e.g. a flag given twice: that is a usage error like any other, one line. */
function readCommandLine(): ReturnType<typeof helpAndFlags> {
	let cli: ReturnType<typeof helpAndFlags>;
	try {
		cli = helpAndFlags();
	} catch (error) {
		throw new UsageError(`${(error as Error).message} See --help.`);
	}

	// Unknown flags are reported here (meow's own message takes two lines and no ✖).
	const known = new Set([...Object.keys(cli.flags).filter(name => name in knownFlags), 'help', 'version']);
	const unknown = Object.keys(cli.unnormalizedFlags).filter(
		name => !known.has(name) && !known.has(name.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase())),
	);
	if (unknown.length > 0) {
		throw new UsageError(
			`Unknown flag ${unknown.map(name => (name.length === 1 ? `-${name}` : `--${name}`)).join(', ')}. See --help.`,
		);
	}

	// A string flag with nothing after it (last word, before another flag, `--x=` or `--x ""`)
	// would silently mean "not given": meow drops such values.
	const argv = process.argv.slice(2);
	for (const [index, word] of argv.entries()) {
		const [flag = '', inline] = word.split(/=(.*)/s);
		const name = flag.startsWith('--')
			? flag.slice(2).replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase())
			: '';
		const value = inline ?? argv[index + 1];
		const missing = value === undefined || value.trim() === '' || (inline === undefined && value.startsWith('--'));
		if (name in knownFlags && knownFlags[name as keyof typeof knownFlags].type === 'string' && missing) {
			throw new UsageError(`${flag} needs a value (see --help).`);
		}
	}

	return cli;
}

const stderrColors = colorsFor('stderr');

/**
Every stderr line of the CLI (diagnostics, warnings, ✖ errors) quotes data: made inert here; then
its `✖` or `⚠` is coloured (after, so the colour's escape codes are ours, not the data's).
*/
const writeError = (line: string) => {
	process.stderr.write(paintSymbols(inertText(line), stderrColors) + '\n');
};

process.stdout.on('error', (error: NodeJS.ErrnoException) => {
	// `agent-ncdu --json | head -1`: the reader went away; that is not a failure.
	if (error.code === 'EPIPE') {
		process.exit(0);
	}

	throw error;
});

/** The TUI's first load, when it was started early (see cli/preload.ts). */
let preload: import('./cli/preload.js').Preload | undefined;

async function main(): Promise<void> {
	const cli = readCommandLine();
	const options = resolveOptions(cli.flags as Flags, {
		stdoutIsTTY: process.stdout.isTTY === true,
		env: process.env,
		input: cli.input,
	});
	if (options.ncdu) {
		const {runNcduMode} = await import('./cli/ncdu-mode.js');
		await runNcduMode(options, options.ncdu, process.stdout, writeError);
		return;
	}

	if (cli.input[0] === 'statusline') {
		const {runStatusLine} = await import('./cli/statusline.js');
		await runStatusLine(options, {
			stdin: process.stdin,
			write: text => process.stdout.write(text),
			colors: colorsFor('stdout'),
		});
		return;
	}

	if (cli.input[0] === 'watch' && cli.input.length === 1) {
		const oneShot = Object.entries({json: 'json', csv: 'csv', statement: 'statement', otlpOnce: 'otlp-once'}).find(
			([flag]) => Boolean((cli.flags as Record<string, unknown>)[flag]),
		);
		if (oneShot) {
			throw new UsageError(`\`watch\` runs until stopped; --${oneShot[1]} writes once and exits: run it on its own.`);
		}

		const {runWatchMode} = await import('./cli/watch-mode.js');
		// The first Ctrl-C stops cleanly (history saved, last export sent); a second one kills.
		const stopped = new Promise<void>(resolve => {
			process.once('SIGINT', resolve);
			process.once('SIGTERM', resolve);
		});
		const stdoutColors = colorsFor('stdout');
		const write = (line: string) => process.stdout.write(`${paintSymbols(inertText(line), stdoutColors)}\n`);
		await runWatchMode(options, {write, warn: writeError, stopped});
		return;
	}

	if (cli.input.length > 0) {
		throw new UsageError(
			`Unknown command "${cli.input.join(' ')}": the commands are "statusline" and "watch"; everything else is a --flag (see --help).`,
		);
	}

	if (options.mode === 'csv' || options.mode === 'statement') {
		const {runReportMode} = await import('./cli/report-mode.js');
		await runReportMode(options, process.stdout, writeError);
		return;
	}

	if (options.mode === 'json') {
		if (options.prometheus) {
			throw new UsageError(
				prometheusNeedsServingMode('and stdout is not a terminal (that writes the --json document and exits)'),
			);
		}

		const flags = cli.flags as Flags;
		// `--otlp-once` without --json exports metrics only (cron mails stay short).
		const writeJson = flags.json || !flags.otlpOnce;
		const {runJsonMode} = await import('./cli/json-mode.js');
		await runJsonMode(options, process.stdout, writeError, writeJson);
		return;
	}

	// React's development build costs about half of every frame; users run the production one.
	process.env['NODE_ENV'] ??= 'production';
	// Ink renders only the last frame when it believes it runs in CI (`CI` or
	// `CONTINUOUS_INTEGRATION` set, as in many dev containers). We only get here with a
	// terminal on stdin and stdout, so the user is watching: let every frame through.
	for (const variable of ['CI', 'CONTINUOUS_INTEGRATION']) {
		if (process.env[variable] !== undefined) {
			process.env[variable] = 'false';
		}
	}

	// Draw the first frame now: loading the UI framework takes longer than users should wait.
	showSplash(process.stdout);
	// …and start loading the data meanwhile.
	if (process.stdin.isTTY) {
		preload = (await import('./cli/preload.js')).startPreload(options);
	}

	const {runTuiMode} = await import('./cli/tui-mode.js');
	await runTuiMode(options, preload);
}

try {
	await main();
} catch (error) {
	preload?.abort();
	leaveSplash();
	const message =
		error instanceof UsageError || !(error instanceof Error)
			? String((error as Error).message ?? error)
			: error.message;
	writeError(`✖ ${message}`);
	if (!(error instanceof UsageError) && process.env['AGENT_NCDU_DEBUG']) {
		for (const line of String((error as Error).stack).split('\n')) {
			writeError(line);
		}
	}

	process.exitCode = 1;
}
