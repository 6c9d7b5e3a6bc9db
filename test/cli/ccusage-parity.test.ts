/**
The data core's acceptance test: on the public samples, with HOME empty and the agent's
env var pointing at the sample, our `days[]` equal ccusage 20.0.24's daily report
(fixtures/public/expected-ccusage-20.0.24) exactly, in --timezone UTC — through the built CLI.
*/
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {publicFixtures, runJson} from '../support/cli.js';
import {asCcusage, ccusageDays, type OurDay, theirs} from './ccusage-parity-days.js';

const expected = (name: string) => ccusageDays(publicFixtures, name);

async function ourDays(variable: string, folder: string): Promise<OurDay[]> {
	return (await runJson([], {[variable]: path.join(publicFixtures, folder)})).days;
}

describe.each([
	['claude-spotter', 'CLAUDE_CONFIG_DIR', 'claude-code/spotter'],
	['claude-vibecodingtracker', 'CLAUDE_CONFIG_DIR', 'claude-code/vibecodingtracker'],
	['claude-ccusage-synthetic', 'CLAUDE_CONFIG_DIR', 'claude-code/ccusage-synthetic'],
	['codex-localpush', 'CODEX_HOME', 'codex/localpush'],
	['opencode-tokscale-synthetic', 'OPENCODE_DATA_DIR', 'opencode/tokscale-synthetic'],
])('%s', (name, variable, folder) => {
	it('matches ccusage daily tokens and cost exactly', async () => {
		expect((await ourDays(variable, folder)).map(asCcusage)).toEqual(expected(name).map(theirs));
	});
});

describe('Codex reasoning', () => {
	it('reports reasoning ⊂ output exactly as ccusage on localpush', async () => {
		const days = await ourDays('CODEX_HOME', 'codex/localpush');
		expect(days.map(day => day.tokens.reasoning)).toEqual(
			expected('codex-localpush').map(day => day.reasoningOutputTokens),
		);
	});

	it('differs on ccusage-synthetic only by the reasoning tokens its hand-written total_tokens counts twice', async () => {
		// That rollout writes total_tokens = input + output + reasoning (real Codex never does:
		// reasoning ⊂ output). ccusage sums the field; we derive total = input + cacheRead + output.
		const days = await ourDays('CODEX_HOME', 'codex/ccusage-synthetic');
		const reference = expected('codex-ccusage-synthetic');
		expect(days.map(asCcusage)).toEqual(
			reference.map(day => ({...theirs(day), totalTokens: day.totalTokens - day.reasoningOutputTokens!})),
		);
	});
});

describe.each([
	['gemini-vibecodingtracker', 'gemini/vibecodingtracker/tmp'],
	['gemini-vibecodingtracker-legacy', 'gemini/vibecodingtracker-legacy/tmp'],
])('%s', (name, folder) => {
	it('matches ccusage daily input, cache read, total and cost; our output adds the thoughts ccusage leaves out of outputTokens', async () => {
		const days = await ourDays('GEMINI_DATA_DIR', folder);
		expect(days.map(day => ({...asCcusage(day), outputTokens: day.tokens.output - day.tokens.reasoning}))).toEqual(
			expected(name).map(theirs),
		);
	});
});
