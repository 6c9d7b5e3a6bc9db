/**
`--export ncdu FILE` through the BUILT binary: the file it writes holds the same usage as
`--json` of the same flags (week by week, in tokens and in cost), `-` writes to stdout, a new
file is private (0600), and every misuse is one `✖` line with exit code 1.
*/
import {mkdtempSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli, runJson} from '../support/cli.js';

type NcduEntry = {name: string; dsize: number} | [{name: string}, ...NcduEntry[]];

const sizeOf = (entry: NcduEntry): number =>
	Array.isArray(entry)
		? entry.slice(1).reduce<number>((sum, child) => sum + sizeOf(child as NcduEntry), 0)
		: entry.dsize;

/** Each week's name and size, as ncdu's first screen lists them. */
function weeksOf(text: string): Record<string, number> {
	const [, , , root] = JSON.parse(text) as [number, number, unknown, [{name: string}, ...NcduEntry[]]];
	return Object.fromEntries(root.slice(1).map(week => [(week as [{name: string}])[0].name, sizeOf(week as NcduEntry)]));
}

/** The same from the `--json` document: token totals (or micro-dollars) of each week node. */
type JsonWeeks = {tree: {children: {key: string; totals: {tokens: {total: number}; costUSD: number}}[]}};

function jsonWeeks(doc: JsonWeeks, size: 'tokens' | 'cost'): Record<string, number> {
	return Object.fromEntries(
		doc.tree.children.map(week => [week.key, size === 'tokens' ? week.totals.tokens.total : week.totals.costUSD * 1e6]),
	);
}

const tempDir = () => mkdtempSync(path.join(tmpdir(), 'agent-ncdu-ncdu-'));

describe('agent-ncdu --export ncdu FILE', () => {
	it('writes a private file whose weeks hold the tokens --json reports for them', async () => {
		const file = path.join(tempDir(), 'usage.ncdu');
		const result = await runCli(['--demo', '--timezone', 'UTC', '--export', 'ncdu', file]);
		expect(result.code).toBe(0);
		expect(result.stdout).toBe('');
		expect(result.stderr).toMatch(
			/^Wrote .*usage\.ncdu: [\d,]+ calls, sizes in tokens\. Browse it with: ncdu --si -f /,
		);
		expect(statSync(file).mode & 0o777).toBe(0o600);
		const doc = await runJson(['--demo', '--depth', 'week']);
		const weeks = weeksOf(readFileSync(file, 'utf8'));
		expect(weeks).toEqual(jsonWeeks(doc, 'tokens'));
		expect(Object.values(weeks).reduce((sum, size) => sum + size, 0)).toBe(doc.totals.tokens.total);
	});

	it('writes to stdout for -, in micro-dollars with --size cost, with the --json filters (--export=ncdu too)', async () => {
		const filters = ['--demo', '--since', '2026-10-12', '--until', '2026-11-08'];
		const result = await runCli(['--timezone', 'UTC', ...filters, '--export=ncdu', '--size', 'cost', '-']);
		expect(result.code).toBe(0);
		expect(result.stderr).toBe('');
		const weeks = weeksOf(result.stdout);
		const doc = await runJson([...filters, '--depth', 'week']);
		expect(Object.keys(weeks)).toEqual(Object.keys(jsonWeeks(doc, 'cost')));
		expect(Object.keys(weeks).length).toBeGreaterThan(1);
		expect(Object.keys(weeks).length).toBeLessThan((await runJson(['--demo', '--depth', 'week'])).tree.children.length);
		const calls = doc.totals.calls as number;
		for (const [week, micros] of Object.entries(jsonWeeks(doc, 'cost'))) {
			// Each call is rounded to a whole micro-dollar: at most half of one off per call.
			expect(Math.abs(weeks[week]! - micros)).toBeLessThanOrEqual(calls / 2);
		}
	});

	it('replaces an existing file', async () => {
		const file = path.join(tempDir(), 'old.ncdu');
		writeFileSync(file, 'x'.repeat(10_000_000));
		const result = await runCli(['--demo', '--export', 'ncdu', file, '--depth', 'day']);
		expect(result.code).toBe(0);
		const text = readFileSync(file, 'utf8');
		expect(text.startsWith('[1,2,')).toBe(true);
		expect(JSON.parse(text)[2].depth).toBe('day');
	});

	it.each([
		[['--export', 'csv', 'x.csv'], /^✖ Unknown --export format "csv": use --export ncdu FILE/],
		[['--export', 'ncdu'], /^✖ --export ncdu takes one FILE to write \(- for stdout\)/],
		[['--export', 'ncdu', 'a', 'b'], /^✖ --export ncdu takes one FILE .*got 2 words/],
		[['--export', 'ncdu', 'x', '--size', 'bytes'], /^✖ Unknown --size "bytes": use tokens or cost/],
		[['--size', 'cost'], /^✖ --size sets the sizes of an --export file/],
		[['--export', 'ncdu', 'x', '--json'], /^✖ --export ncdu writes a file; --json is a run of its own/],
		[
			['--export', 'ncdu', '/nonexistent-dir/usage.ncdu'],
			/^✖ Cannot write --export file "\/nonexistent-dir\/usage\.ncdu": ENOENT/,
		],
	])('rejects %j with one ✖ line and exit code 1', async (args, message) => {
		const result = await runCli(['--demo', ...args]);
		expect(result.code).toBe(1);
		expect(result.stdout).toBe('');
		expect(result.stderr.trim().split('\n')).toHaveLength(1);
		expect(result.stderr).toMatch(message);
	});

	it('lists --export and --size in --help', async () => {
		const help = await runCli(['--help']);
		expect(help.stdout).toMatch(/--export ncdu FILE +Write the tree in ncdu's export format/);
		expect(help.stdout).toMatch(/--size UNIT +Sizes in the --export file: tokens \(default\) or cost/);
	});
});
