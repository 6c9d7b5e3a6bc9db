/**
Issue 18: `--agent NAME`, `byAgent` and `--help` cover every agent of `source/core/agents.ts`.
One built-CLI run on a HOME where every agent's folder variable points at that agent's oracle
files (fixtures/agents/<agent> for the newer agents, the older fixtures/<agent> and the public
samples for the first eight, fixtures/vscode for the VS Code extensions) must list every agent
in `byAgent`; a few `--agent` runs select only their agent, with that agent's totals.
*/
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {agentIds} from '../../source/core/agents.js';
import {publicFixtures, repoRoot, runCli, runJson} from '../support/cli.js';

const fixtures = path.join(repoRoot, 'fixtures');
const agents = path.join(fixtures, 'agents');

/** Each agent's folder variable and a folder of its real (or oracle) files. */
const homes: Record<string, readonly [variable: string, folder: string]> = {
	claude: ['CLAUDE_CONFIG_DIR', path.join(publicFixtures, 'claude-code', 'vibecodingtracker')],
	codex: ['CODEX_HOME', path.join(publicFixtures, 'codex', 'localpush')],
	gemini: ['GEMINI_DATA_DIR', path.join(publicFixtures, 'gemini', 'vibecodingtracker', 'tmp')],
	opencode: ['OPENCODE_DATA_DIR', path.join(publicFixtures, 'opencode', 'tokscale-synthetic')],
	qwen: ['QWEN_DATA_DIR', path.join(fixtures, 'qwen', 'qwen-home')],
	amp: ['AMP_DATA_DIR', path.join(fixtures, 'amp')],
	kimi: ['KIMI_DATA_DIR', path.join(fixtures, 'kimi')],
	pi: ['PI_AGENT_DIR', path.join(fixtures, 'pi')],
	droid: ['DROID_SESSIONS_DIR', path.join(agents, 'droid', 'sessions')],
	codebuff: ['CODEBUFF_DATA_DIR', path.join(agents, 'codebuff', 'manicode')],
	copilot: ['COPILOT_HOME', path.join(agents, 'copilot')],
	grok: ['GROK_HOME', path.join(agents, 'grok')],
	openclaw: ['OPENCLAW_DIR', path.join(agents, 'openclaw')],
	hermes: ['HERMES_HOME', path.join(agents, 'hermes')],
	goose: ['GOOSE_PATH_ROOT', path.join(agents, 'goose')],
	kilo: ['KILO_DATA_DIR', path.join(agents, 'kilo')],
	zcode: ['ZCODE_HOME', path.join(agents, 'zcode')],
	antigravity: ['ANTIGRAVITY_DATA_DIR', path.join(agents, 'antigravity')],
	cline: ['CLINE_DATA_DIR', path.join(fixtures, 'vscode', 'cline', 'saoudrizwan.claude-dev')],
	roo: ['ROO_CODE_DATA_DIR', path.join(fixtures, 'vscode', 'roo', 'rooveterinaryinc.roo-cline')],
	kilocode: ['KILO_CODE_DATA_DIR', path.join(fixtures, 'vscode', 'kilocode', 'kilocode.kilo-code')],
};

const everyHome = Object.fromEntries(Object.values(homes));

type Totals = {tokens: {total: number}; costUSD: number; calls: number};
type Document = {byAgent: Record<string, Totals>; totals: Totals; filters: {agents: string[]}};

describe('every agent', () => {
	it('has an oracle home in this test (an agent added to agents.ts needs one here)', () => {
		expect(Object.keys(homes).sort()).toEqual([...agentIds].sort());
	});

	it('--help names every agent id as an --agent value', async () => {
		const {stdout} = await runCli(['--help']);
		const agentFlag = stdout.slice(stdout.indexOf('--agent NAME'), stdout.indexOf('--pricing'));
		const listed = agentFlag
			.slice(agentFlag.indexOf(':') + 1)
			.split(/[\s,]+/)
			.filter(Boolean);
		expect(listed).toEqual([...agentIds]);
	});

	it('one run with every folder variable lists every agent in byAgent; --agent X selects only X', async () => {
		const all = (await runJson(['--no-cache'], everyHome)) as Document;
		expect(Object.keys(all.byAgent).sort()).toEqual([...agentIds].sort());
		for (const agent of agentIds) {
			expect(all.byAgent[agent]!.calls, agent).toBeGreaterThan(0);
		}

		// A line-based JSONL agent, a SQLite agent, a one-call-per-session agent and an extension.
		for (const agent of ['openclaw', 'kilo', 'hermes', 'cline'] as const) {
			const alone = (await runJson(['--no-cache', '--agent', agent], everyHome)) as Document;
			expect(Object.keys(alone.byAgent), agent).toEqual([agent]);
			expect(alone.filters.agents, agent).toEqual([agent]);
			expect(alone.totals.calls, agent).toBe(all.byAgent[agent]!.calls);
			expect(alone.totals.tokens.total, agent).toBe(all.byAgent[agent]!.tokens.total);
		}

		// Two agents at once: the sum of both.
		const two = (await runJson(['--no-cache', '--agent', 'grok', '--agent', 'antigravity'], everyHome)) as Document;
		expect(Object.keys(two.byAgent).sort()).toEqual(['antigravity', 'grok']);
		expect(two.totals.calls).toBe(all.byAgent['grok']!.calls + all.byAgent['antigravity']!.calls);
	});
});
