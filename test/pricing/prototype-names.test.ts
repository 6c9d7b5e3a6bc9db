/**
Names that are also `Object.prototype` members (`constructor`, `toString`, `__proto__`, …) are
ordinary names to pricing: as a logged model they are unpriced like any unknown model, and in an
override file they are ordinary model, alias and (unknown) field names. A plain-object lookup
used to return the inherited member and crash every run (`model.toLowerCase is not a function`).
*/
import {mkdirSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {createPricer, loadPricingOverrides} from '../../source/pricing/index.js';
import {ModelResolver} from '../../source/pricing/resolve-model.js';
import {bundledTable} from '../../source/pricing/table.js';
import {repoRoot, runCli} from '../support/cli.js';
import {tokens} from '../support/events.js';

const prototypeNames = [...new Set([...Object.getOwnPropertyNames(Object.prototype), '__proto__'])];
const usage = tokens({input: 1200, cacheRead: 30_000, output: 400});
const priceOf = (pricer: ReturnType<typeof createPricer>, model: string) =>
	pricer.priceCall({agent: 'claude', model, tokens: usage, time: Date.parse('2026-01-21T06:20:33Z')});

describe('Object.prototype names as model names', () => {
	it('covers the names the bug report lists', () => {
		expect(prototypeNames).toEqual(
			expect.arrayContaining(['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf']),
		);
	});

	it.each(prototypeNames)('%s resolves to nothing and is unpriced', name => {
		const resolver = new ModelResolver(bundledTable());
		expect(resolver.resolve('claude', name)).toBeUndefined();
		expect(resolver.resolveAt('codex', name, 0)).toBeUndefined();
		expect(priceOf(createPricer(), name)).toEqual({costUSD: null});
	});

	it.each(prototypeNames)('%s is unpriced next to a user alias table, and can be aliased or priced', name => {
		const withAliases = createPricer({
			overrides: loadPricingOverrides(
				'{"corp/sonnet": {"input_per_million": 3, "output_per_million": 15}, "aliases": {"x": "y"}}',
			),
		});
		expect(priceOf(withAliases, name)).toEqual({costUSD: null});

		const named = createPricer({
			overrides: loadPricingOverrides(
				JSON.stringify({[name]: {input_per_million: 1, output_per_million: 2}, aliases: {[`corp/${name}`]: name}}),
			),
		});
		const expected = (1200 + 30_000) * 1e-6 + 400 * 2e-6;
		expect(priceOf(named, name).costUSD).toBeCloseTo(expected, 12);
		expect(priceOf(named, `corp/${name}`)).toMatchObject({pricingKey: name});
	});

	it.each(prototypeNames)('rejects %s as an unknown price field', name => {
		const text = `{"m": {"input_cost_per_token": 1e-6, "output_cost_per_token": 2e-6, ${JSON.stringify(name)}: 1}}`;
		expect(() => loadPricingOverrides(text)).toThrow(`"m" has an unknown field "${name}"`);
	});
});

/**
One copy of a real Claude Code 2.1.14 session (fixtures/real, DRMacIver/claude-reliability) per
name, with that name as the model of every response and its own session and message ids.
*/
function writeTranscripts(): string {
	const source = path.join(
		repoRoot,
		'fixtures/real/claude/projects/-tmp-tmp74wiyiny/de3b8b19-5bc0-4a2a-934a-1b6806567e25.jsonl',
	);
	const text = readFileSync(source, 'utf8');
	const root = mkdtempSync(path.join(tmpdir(), 'agent-ncdu-prototype-models-'));
	const folder = path.join(root, 'projects', '-tmp-tmp74wiyiny');
	mkdirSync(folder, {recursive: true});
	prototypeNames.forEach((name, index) => {
		const sessionId = `de3b8b19-5bc0-4a2a-934a-${String(index).padStart(12, '0')}`;
		const copy = text
			.replaceAll('"claude-opus-4-5-20251101"', JSON.stringify(name))
			.replaceAll('de3b8b19-5bc0-4a2a-934a-1b6806567e25', sessionId)
			.replaceAll(/"(msg|req)_(\w+)"/g, `"$1_$2${index}"`);
		writeFileSync(path.join(folder, `${sessionId}.jsonl`), copy);
	});
	return root;
}

describe('the built CLI on a transcript whose models are Object.prototype names', () => {
	it('finishes, leaves every one unpriced and names them all in the usual warning', async () => {
		const result = await runCli(['--json', '--timezone', 'UTC'], {CLAUDE_CONFIG_DIR: writeTranscripts()});
		expect(result.code, result.stderr).toBe(0);
		const document = JSON.parse(result.stdout) as {unpricedModels: Record<string, number>; totals: {costUSD: unknown}};
		expect(Object.keys(document.unpricedModels).sort()).toEqual([...prototypeNames].sort());
		expect(document.totals.costUSD).toBeNull();
		const warning = result.stderr.split('\n').find(line => line.startsWith('⚠ No price for model(s): '));
		expect(warning).toBeDefined();
		for (const name of prototypeNames) {
			expect(warning).toContain(name);
		}
	});
});
