// Issue #8 parts 4–5 through the BUILT binary: one-line ✖ flag errors that say how to fix them
// (and never echo a header value), --json with no TTY on stdin, and DST-correct day/week buckets.
import {spawn} from 'node:child_process';
import {mkdirSync, mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {cliPath, emptyHome, runCli} from '../support/cli.js';

const secret = 's3cr3t-token-ZQX';

function pricingFileWith(text: string): string {
	const file = path.join(mkdtempSync(path.join(tmpdir(), 'agent-ncdu-pricing-')), 'prices.json');
	writeFileSync(file, text);
	return file;
}

describe('invalid flags', () => {
	// [args, what the message must say, how it says to fix it]
	const cases: Array<[string, string[], RegExp, RegExp]> = [
		[
			'time zone',
			['--json', '--timezone', 'Europe/Berlinn'],
			/Unknown time zone "Europe\/Berlinn"/,
			/Use an IANA name/,
		],
		['--since date', ['--json', '--since', '2026-02-30'], /Invalid --since "2026-02-30"/, /YYYY-MM-DD/],
		['--until date', ['--json', '--until', '26-1-5'], /Invalid --until "26-1-5"/, /YYYY-MM-DD/],
		[
			'pricing file: missing',
			['--json', '--pricing', '/nonexistent/prices.json'],
			/Cannot read --pricing file/,
			/Check the path/,
		],
		// JSON.parse quotes the bad text, newlines included: the message must still be one line.
		[
			'pricing file: not JSON',
			['--json', '--pricing', pricingFileWith('vm\nnot json\n')],
			/Invalid --pricing file .*not valid JSON/,
			/Write an object of model names/,
		],
		[
			'endpoint: not a URL',
			['--otlp-once', '--demo', '--otlp-endpoint', 'localhost 4318'],
			/Invalid OTLP endpoint/,
			/use an http\(s\) URL/,
		],
		[
			'endpoint: wrong scheme',
			['--otlp-once', '--demo', '--otlp-endpoint', 'ftp://collector.example.com'],
			/Invalid OTLP endpoint/,
			/use an http\(s\) URL/,
		],
		[
			'header: no name',
			['--otlp-once', '--demo', '--otlp-endpoint', 'http://127.0.0.1:9', '--otlp-headers', `=${secret}`],
			/Invalid --otlp-headers/,
			/"Name: value"/,
		],
		[
			'header: no separator',
			['--otlp-once', '--demo', '--otlp-endpoint', 'http://127.0.0.1:9', '--otlp-headers', secret],
			/Invalid --otlp-headers/,
			/"Name: value"/,
		],
		// --json alone exports nothing, but a mistyped flag must not be ignored silently.
		[
			'endpoint with --json only',
			['--json', '--demo', '--otlp-endpoint', 'localhost:4318x'],
			/Invalid OTLP endpoint/,
			/use an http\(s\) URL/,
		],
		[
			'header with --json only',
			['--json', '--demo', '--otlp-endpoint', 'http://127.0.0.1:9', '--otlp-headers', secret],
			/Invalid --otlp-headers/,
			/"Name: value"/,
		],
		['unknown flag', ['--json', '--demo', '--sinse', '2026-01-01'], /Unknown flag --sinse/, /See --help/],
		[
			'--depth level',
			['--json', '--demo', '--depth', 'calls'],
			/Unknown --depth "calls"/,
			/use week, day, session, turn, call/,
		],
		[
			'flag given twice',
			['--json', '--timezone', 'UTC', '--timezone', 'Europe/Berlin'],
			/--timezone can only be set once/,
			/See --help/,
		],
		['flag without its value', ['--json', '--data-dir'], /--data-dir needs a value/, /see --help/],
		['flag followed by another flag', ['--data-dir', '--json'], /--data-dir needs a value/, /see --help/],
		['flag with an empty value after =', ['--json', '--data-dir='], /--data-dir needs a value/, /see --help/],
		['flag with an empty value', ['--json', '--timezone', ''], /--timezone needs a value/, /see --help/],
		[
			'endpoint bad, header fine',
			['--otlp-once', '--demo', '--otlp-endpoint', 'nope', '--otlp-headers', `authorization: Bearer ${secret}`],
			/Invalid OTLP endpoint/,
			/http\(s\) URL/,
		],
	];

	it.each(cases)('%s: exit 1, one ✖ line saying how to fix it, no secret echoed', async (_name, args, what, fix) => {
		const result = await runCli(args);
		expect(result.code).toBe(1);
		expect(result.stdout).toBe('');
		const lines = result.stderr.split('\n').filter(line => line !== '');
		expect(lines).toHaveLength(1);
		expect(lines[0]).toMatch(/^✖ /);
		expect(lines[0]).toMatch(what);
		expect(lines[0]).toMatch(fix);
		expect(result.stdout + result.stderr).not.toContain(secret);
	});
});

describe('no TTY on stdin', () => {
	it('--json works with stdin on /dev/null', async () => {
		const home = emptyHome();
		const {code, stdout, stderr} = await new Promise<{code: number | null; stdout: string; stderr: string}>(resolve => {
			// 'ignore' opens /dev/null as stdin: no TTY, immediate EOF.
			const child = spawn(process.execPath, [cliPath, '--json', '--demo', '--timezone', 'UTC'], {
				stdio: ['ignore', 'pipe', 'pipe'],
				env: {
					PATH: process.env['PATH'] ?? '',
					HOME: home,
					XDG_CONFIG_HOME: path.join(home, '.config'),
					XDG_CACHE_HOME: path.join(home, '.cache'),
				},
			});
			let out = '';
			let err = '';
			child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
			child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
			child.on('close', exitCode => resolve({code: exitCode, stdout: out, stderr: err}));
		});
		expect(stderr).toBe('');
		expect(code).toBe(0);
		const document = JSON.parse(stdout) as {demo: boolean; totals: {calls: number}};
		expect(document.demo).toBe(true);
		expect(document.totals.calls).toBeGreaterThan(100);
	});
});

/** A Claude corpus with one assistant call per UTC instant, each its own message. */
function claudeHome(instants: string[]): string {
	const home = emptyHome();
	const folder = path.join(home, '.claude', 'projects', '-home-user-dst');
	mkdirSync(folder, {recursive: true});
	const lines = instants.map((timestamp, index) =>
		JSON.stringify({
			type: 'assistant',
			timestamp,
			sessionId: 'dst-session',
			cwd: '/home/user/dst',
			message: {
				role: 'assistant',
				id: `msg-dst-${index}`,
				model: 'claude-sonnet-4-20250514',
				usage: {input_tokens: 100 + index, output_tokens: 10},
			},
			requestId: `req-dst-${index}`,
		}),
	);
	writeFileSync(path.join(folder, 'dst-session.jsonl'), lines.join('\n') + '\n');
	return home;
}

type Tree = {kind: string; key: string; children?: Tree[]};
async function buckets(
	home: string,
	timezone: string,
): Promise<{days: Record<string, number>; weekOf: Record<string, string>}> {
	const result = await runCli(['--json', '--timezone', timezone], {HOME: home});
	expect(result.stderr).toBe('');
	const document = JSON.parse(result.stdout) as {
		timezone: string;
		days: Array<{date: string; calls: number}>;
		tree: Tree;
	};
	expect(document.timezone).toBe(timezone);
	const weekOf: Record<string, string> = {};
	for (const week of document.tree.children ?? []) {
		for (const day of week.children ?? []) {
			weekOf[day.key] = week.key;
		}
	}

	return {days: Object.fromEntries(document.days.map(day => [day.date, day.calls])), weekOf};
}

describe('DST days and weeks (2026 transitions; each day is a Sunday, so 23:30 must not slip into Monday’s week)', () => {
	it('America/New_York: local 00:30 and 23:30 on Mar 8 (spring forward) and Nov 1 (fall back)', async () => {
		// 00:30 EST = 05:30Z; 23:30 EDT = 03:30Z next day; 00:30 EDT = 04:30Z; 23:30 EST = 04:30Z next day.
		const home = claudeHome([
			'2026-03-08T05:30:00.000Z',
			'2026-03-09T03:30:00.000Z',
			'2026-11-01T04:30:00.000Z',
			'2026-11-02T04:30:00.000Z',
		]);
		const local = await buckets(home, 'America/New_York');
		expect(local.days).toEqual({'2026-03-08': 2, '2026-11-01': 2});
		expect(local.weekOf).toEqual({'2026-03-08': '2026-W10', '2026-11-01': '2026-W44'});
		// The same calls in UTC fall on four different days: the zone really moved them.
		expect(Object.keys((await buckets(home, 'UTC')).days)).toHaveLength(4);
	});

	it('Europe/Berlin: local 00:30 and 23:30 on Mar 29 (spring forward) and Oct 25 (fall back)', async () => {
		// 00:30 CET = 23:30Z the day before; 23:30 CEST = 21:30Z; 00:30 CEST = 22:30Z before; 23:30 CET = 22:30Z.
		const home = claudeHome([
			'2026-03-28T23:30:00.000Z',
			'2026-03-29T21:30:00.000Z',
			'2026-10-24T22:30:00.000Z',
			'2026-10-25T22:30:00.000Z',
		]);
		const local = await buckets(home, 'Europe/Berlin');
		expect(local.days).toEqual({'2026-03-29': 2, '2026-10-25': 2});
		expect(local.weekOf).toEqual({'2026-03-29': '2026-W13', '2026-10-25': '2026-W43'});
		expect(Object.keys((await buckets(home, 'UTC')).days)).toHaveLength(4);
	});
});
