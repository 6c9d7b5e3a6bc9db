/**
The per-agent oracle of issue 18 (fixtures/agents, see its PROVENANCE.md): each agent's data
home, and the built CLI's days on it in the shape of ccusage 20.0.24's stored daily report.
*/
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll} from 'vitest';
import {asCcusage, ccusageDays, type OurDay, type ParityDay, theirs} from '../cli/ccusage-parity-days.js';
import {repoRoot, runJson} from './cli.js';

export const agentFixtures = path.join(repoRoot, 'fixtures', 'agents');

/** ccusage 20.0.24's daily report on `fixtures/agents/<agent>`, in the parity shape. */
export function ccusageDaily(agent: string): ParityDay[] {
	return ccusageDays(agentFixtures, agent).map(theirs);
}

/** The parts of our export document (`--json`) the parity tests read. */
export type OurExport = {
	days: OurDay[];
	unpricedModels: Record<string, number>;
	byModel: Record<string, {costUSD: number | null; calls: number}>;
	sessions: Array<{sessionId: string; project: string; tokens: OurDay['tokens']; costUSD: number | null}>;
};

/** The built CLI's export (`--json --timezone UTC`, empty HOME) with `variable` pointing at `root`. */
export function ourExport(variable: string, root: string, agent: string): Promise<OurExport> {
	return runJson(['--agent', agent], {[variable]: path.join(agentFixtures, root)});
}

/** Our days in ccusage's shape. */
export function daysOf(document: OurExport): ParityDay[] {
	return document.days.map(asCcusage);
}

/** The four token columns the parity check compares, per day. */
export function tokenColumns(days: readonly ParityDay[]) {
	return days.map(({date, inputTokens, outputTokens, cacheReadTokens, cacheCreationTokens}) => ({
		date,
		inputTokens,
		outputTokens,
		cacheReadTokens,
		cacheCreationTokens,
	}));
}

const scratchFolders: string[] = [];
afterAll(() => {
	for (const folder of scratchFolders.splice(0)) {
		rmSync(folder, {recursive: true, force: true});
	}
});

/** A fresh temporary folder for one test's made-up agent home, removed after the test file. */
export function scratchFolder(agent: string): string {
	const folder = mkdtempSync(path.join(tmpdir(), `agent-ncdu-${agent}-`));
	scratchFolders.push(folder);
	return folder;
}
