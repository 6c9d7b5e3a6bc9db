/**
Every rule over real public samples (fixtures/public, see its PROVENANCE.md) and the demo
data when present: no rule may throw, every insight must be well-formed and point at a
node of the tree, and a few facts checked by hand on the Codex sample must hold.
The Claude sample runs once source/parsers/claude exists; the demo once fixtures/demo does.
*/
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {DiagnosticLog} from '../../source/core/diagnostics.js';
import {blockStatus, insightsFor, rowHint} from '../../source/insights/index.js';
import type {Insight} from '../../source/insights/types.js';
import {buildTree} from '../../source/model/build.js';
import {walk} from '../../source/model/query.js';
import {UsageStore} from '../../source/model/store.js';
import type {TreeModel} from '../../source/model/types.js';
import {loadUsage} from '../../source/pipeline/load.js';
import {claudeParser} from '../../source/parsers/claude/index.js';
import {codexParser} from '../../source/parsers/codex/index.js';
import type {AgentParser} from '../../source/parsers/types.js';
import {pricer} from '../support/pricer.js';
import {messageText, quotesOf} from '../../source/insights/message.js';

const repo = path.resolve(import.meta.dirname, '../..');
const demo = path.join(repo, 'fixtures/demo');

async function load(parser: AgentParser, root: string): Promise<TreeModel> {
	const log = new DiagnosticLog();
	const report = (diagnostic: Parameters<DiagnosticLog['add']>[0]) => log.add(diagnostic);
	const store = new UsageStore();
	for (const file of await parser.discover(root, {env: {}, home: '/nonexistent', report})) {
		for await (const event of parser.parse(file, {report})) {
			store.add(event);
		}
	}

	return buildTree(store, {timezone: 'UTC', pricer});
}

function checkWellFormed(model: TreeModel, insights: Insight[]): void {
	const ids = new Set<number>();
	walk(model.root, node => {
		ids.add(node.id);
	});
	expect(new Set(insights.map(insight => insight.id)).size).toBe(insights.length);
	for (const insight of insights) {
		expect(['info', 'warning', 'critical']).toContain(insight.severity);
		expect(ids.has(insight.scope.nodeId)).toBe(true);
		expect(messageText(insight.message).length).toBeGreaterThan(10);
		for (const value of Object.values(insight.figures)) {
			if (typeof value === 'number') {
				expect(Number.isFinite(value), `${insight.id} ${messageText(insight.message)}`).toBe(true);
			}
		}

		expect(insight.estimatedSavingUSD ?? 0).toBeGreaterThanOrEqual(0);
		expect(insight.estimatedSavingTokens ?? 0).toBeGreaterThanOrEqual(0);
	}
}

/** Runs insightsFor on the root, every week, day and session, and rowHint on every node. */
function runEverywhere(model: TreeModel): Insight[] {
	const now = model.root.totals.lastTime + 30 * 60_000;
	const options = {now, tokenLimit: 5_000_000, weeklyTokenLimit: 50_000_000};
	const rootInsights = insightsFor(model, model.root, options);
	checkWellFormed(model, rootInsights);
	walk(model.root, node => {
		rowHint(node);
		if (node.kind === 'week' || node.kind === 'day' || node.kind === 'session') {
			checkWellFormed(model, insightsFor(model, node, options));
		}

		return node.kind !== 'session';
	});
	expect(blockStatus(model, now, options).active).toBeDefined();
	return rootInsights;
}

describe('insights on real samples', () => {
	it('Codex (localpush, 6 real sessions): hand-checked facts', async () => {
		const model = await load(codexParser, path.join(repo, 'fixtures/public/codex/localpush'));
		const insights = runEverywhere(model);
		const rules = new Set(insights.map(insight => insight.rule));
		for (const rule of [
			'context-compounding',
			'concentration',
			'cache-efficiency',
			'activity-split',
			'recommendation',
		]) {
			expect(rules.has(rule), rule).toBe(true);
		}

		// The 286-call session grows from ~17K to ~210K tokens of context.
		const growth = insights
			.filter(insight => insight.rule === 'context-compounding')
			.sort((a, b) => Number(b.figures['calls']) - Number(a.figures['calls']))[0]!;
		expect(growth.figures['growth']).toBeGreaterThan(10);
		expect(Number(growth.figures['baselineTokens'])).toBeLessThan(20_000);
		// Codex's tool loop is shell-heavy: executing dominates.
		expect(messageText(insights.find(insight => insight.rule === 'activity-split')!.message)).toContain(
			'went to executing',
		);
	});

	it('Claude (spotter, real sessions)', async () => {
		const model = await load(claudeParser, path.join(repo, 'fixtures/public/claude-code/spotter'));
		const insights = runEverywhere(model);
		expect(insights.some(insight => insight.rule === 'cache-efficiency')).toBe(true);
		// Checked by hand in the transcripts: spotter-dov resumes at 20:19 after 251 idle minutes
		// and at 20:58 after 19, each time writing its whole ~83K prompt to cache again.
		const rebuild = insights.find(insight => insight.rule === 'cache-idle-rebuild')!;
		expect(Number(rebuild.figures['rebuilds'])).toBeGreaterThanOrEqual(2);
		expect(Number(rebuild.figures['rebuildTokens'])).toBeGreaterThan(160_000);
		// The user typed "continue" into an ~83K-token context; that turn cost most of the session.
		const vague = insights.find(insight => insight.rule === 'vague-prompts')!;
		expect(quotesOf(vague.message)[0]).toBe('continue');
		expect(Number(vague.figures['example1ContextTokens'])).toBeGreaterThan(80_000);
	});

	it('demo data', async () => {
		const result = await loadUsage({dataDirs: [demo], home: '/nonexistent', env: {}});
		const model = buildTree(result.store, {timezone: 'UTC', pricer});
		const insights = runEverywhere(model);
		expect(insights.length).toBeGreaterThan(3);
	});
});
