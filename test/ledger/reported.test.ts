/**
The status line's reported-cost side file (store/history/reported.ts): one figure per
session, rewritten only when it changes, a corrupt file replaced rather than trusted, every
host's file read back as session events.
*/
import {mkdtempSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import type {Diagnostic} from '../../source/core/diagnostics.js';
import {readReportedCosts, recordReportedCost, reportedFileName} from '../../source/store/history/reported.js';

const folder = () => mkdtempSync(path.join(tmpdir(), 'agent-ncdu-reported-'));

describe('reported session costs', () => {
	it('keeps one figure per session and rewrites the file only when a figure changed', async () => {
		const dir = folder();
		expect(await recordReportedCost(dir, 'laptop', {a: 'claude', s: 's1', usd: 1.25})).toBe(true);
		const file = path.join(dir, reportedFileName('laptop'));
		const firstWrite = statSync(file).mtimeMs;
		expect(await recordReportedCost(dir, 'laptop', {a: 'claude', s: 's1', usd: 1.25})).toBe(false);
		expect(statSync(file).mtimeMs).toBe(firstWrite);
		expect(await recordReportedCost(dir, 'laptop', {a: 'claude', s: 's1', usd: 2.5})).toBe(true);
		expect(await recordReportedCost(dir, 'laptop', {a: 'claude', s: 's2', usd: 0.1})).toBe(true);
		expect(JSON.parse(readFileSync(file, 'utf8')).records).toEqual([
			{k: 'r', a: 'claude', s: 's1', usd: 2.5},
			{k: 'r', a: 'claude', s: 's2', usd: 0.1},
		]);
	});

	it('reads every host’s file as session events and reports a foreign one without failing', async () => {
		const dir = folder();
		await recordReportedCost(dir, 'laptop', {a: 'claude', s: 's1', usd: 3});
		await recordReportedCost(dir, 'desk top', {a: 'claude', s: 's2', usd: 4});
		writeFileSync(path.join(dir, 'broken.reported.json'), '{"format":"something else"}');
		const diagnostics: Diagnostic[] = [];
		const events = await readReportedCosts(dir, diagnostic => diagnostics.push(diagnostic));
		expect(events).toEqual([
			{type: 'session', agent: 'claude', sessionId: 's2', reportedCostUSD: 4, device: 'desk top'},
			{type: 'session', agent: 'claude', sessionId: 's1', reportedCostUSD: 3, device: 'laptop'},
		]);
		expect(diagnostics).toHaveLength(1);
		expect(diagnostics[0]!.message).toMatch(/reported session costs unreadable/);
	});

	it('replaces a corrupt side file (it holds only figures the agent sends again)', async () => {
		const dir = folder();
		const file = path.join(dir, reportedFileName('laptop'));
		writeFileSync(file, '{"format":"agent-ncdu-reported","records":[{"k":"r"');
		expect(await recordReportedCost(dir, 'laptop', {a: 'claude', s: 's1', usd: 1})).toBe(true);
		expect(JSON.parse(readFileSync(file, 'utf8')).records).toEqual([{k: 'r', a: 'claude', s: 's1', usd: 1}]);
	});
});
