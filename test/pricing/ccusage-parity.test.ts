/**
Our prices against ccusage 20.0.24's on the same public fixtures
(fixtures/public/expected-ccusage-20.0.24/, produced with `--offline --timezone UTC`).

The Claude side reads the spotter JSONL directly with a minimal reader (not our parser, so this
test isolates pricing): one priced call per `message.id:requestId`, keeping the last streamed line
as ccusage does, with the 5 min / 1 h cache-write split from `usage.cache_creation`. Each call is
priced on its own and summed per UTC day and model, the way ccusage builds `modelBreakdowns`.
No request in these fixtures crosses a long-context threshold, so the two must agree exactly;
the last test shows the one place they differ.
*/
import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {createPricer} from '../../source/pricing/index.js';
import {tokens} from '../support/events.js';

const fixtures = path.resolve(import.meta.dirname, '../../fixtures/public');
const expected = (name: string) =>
	JSON.parse(readFileSync(path.join(fixtures, 'expected-ccusage-20.0.24', name), 'utf8'));
const pricer = createPricer();

type Usage = Record<string, number | undefined> & {cache_creation?: Record<string, number | undefined>};
type Line = {
	type?: string;
	timestamp?: string;
	requestId?: string;
	message?: {id?: string; model?: string; usage?: Usage};
};

function jsonlFiles(folder: string): string[] {
	return readdirSync(folder, {recursive: true, encoding: 'utf8'})
		.filter(file => file.endsWith('.jsonl'))
		.sort()
		.map(file => path.join(folder, file));
}

function claudeCalls(folder: string): Line[] {
	const byRequest = new Map<string, Line>();
	const anonymous: Line[] = [];
	for (const file of jsonlFiles(folder)) {
		for (const text of readFileSync(file, 'utf8').split('\n')) {
			let line: Line;
			try {
				line = JSON.parse(text) as Line;
			} catch {
				continue;
			}

			if (line.type !== 'assistant' || !line.message?.usage || !line.timestamp) {
				continue;
			}

			const id = line.message.id && line.requestId ? `${line.message.id}:${line.requestId}` : undefined;
			if (id) {
				byRequest.set(id, line);
			} else {
				anonymous.push(line);
			}
		}
	}

	return [...byRequest.values(), ...anonymous];
}

describe('parity with ccusage 20.0.24 below the long-context thresholds', () => {
	it('prices every Claude day × model of the spotter fixture exactly as ccusage', () => {
		const ours = new Map<string, {cost: number; calls: number; longContext: number}>();
		for (const line of claudeCalls(path.join(fixtures, 'claude-code/spotter'))) {
			const usage = line.message!.usage!;
			const split = usage.cache_creation;
			const hasSplit =
				split?.['ephemeral_5m_input_tokens'] !== undefined || split?.['ephemeral_1h_input_tokens'] !== undefined;
			const price = pricer.priceCall({
				agent: 'claude',
				model: line.message!.model,
				time: Date.parse(line.timestamp!),
				tokens: tokens({
					input: usage['input_tokens'] ?? 0,
					output: usage['output_tokens'] ?? 0,
					cacheRead: usage['cache_read_input_tokens'] ?? 0,
					cacheWrite5m: hasSplit
						? (split?.['ephemeral_5m_input_tokens'] ?? 0)
						: (usage['cache_creation_input_tokens'] ?? 0),
					cacheWrite1h: hasSplit ? (split?.['ephemeral_1h_input_tokens'] ?? 0) : 0,
				}),
			});
			const key = `${line.timestamp!.slice(0, 10)} ${line.message!.model}`;
			const row = ours.get(key) ?? {cost: 0, calls: 0, longContext: 0};
			row.cost += price.costUSD ?? Number.NaN;
			row.calls++;
			row.longContext += price.longContext ? 1 : 0;
			ours.set(key, row);
		}

		const breakdowns = expected('claude-spotter-daily.json').daily.flatMap(
			(day: {date: string; modelBreakdowns: Array<{modelName: string; cost: number}>}) =>
				day.modelBreakdowns.map(model => ({key: `${day.date} ${model.modelName}`, cost: model.cost})),
		);
		expect(breakdowns.length).toBeGreaterThanOrEqual(5);
		for (const {key, cost} of breakdowns) {
			const row = ours.get(key);
			expect(row, key).toBeDefined();
			expect(row!.longContext, key).toBe(0);
			// Both sum IEEE doubles of the same per-call products; 1e-9 USD absorbs summation order.
			expect(Math.abs(row!.cost - cost), `${key}: ours ${row!.cost} vs ccusage ${cost}`).toBeLessThan(1e-9);
		}

		expect(ours.size).toBe(breakdowns.length);
	});

	it('prices every Codex day × model of the localpush fixture exactly as ccusage', () => {
		type CodexModel = {
			inputTokens: number;
			cacheReadTokens: number;
			outputTokens: number;
			reasoningOutputTokens: number;
		};
		const days = expected('codex-localpush-daily.json').daily as Array<{
			date: string;
			costUSD: number;
			models: Record<string, CodexModel>;
		}>;
		expect(days.length).toBeGreaterThan(0);
		for (const day of days) {
			let total = 0;
			for (const [model, usage] of Object.entries(day.models)) {
				// ccusage's Codex `inputTokens` here is already net of cached input (totalTokens =
				// input + cacheRead + output), and reasoning is inside output.
				const price = pricer.priceCall({
					agent: 'codex',
					model,
					time: Date.parse(`${day.date}T12:00:00Z`),
					tokens: tokens({
						input: usage.inputTokens,
						cacheRead: usage.cacheReadTokens,
						output: usage.outputTokens,
						reasoning: usage.reasoningOutputTokens,
					}),
				});
				expect(price.pricingKey).toBe(model);
				total += price.costUSD!;
			}

			expect(Math.abs(total - day.costUSD), `${day.date}: ours ${total} vs ccusage ${day.costUSD}`).toBeLessThan(1e-9);
		}
	});
});

describe('where we differ from ccusage: one request over 200k', () => {
	it('bills a 300k-token Sonnet 4.5 request wholly at the tier; ccusage splits each field at 200k', () => {
		// 5k fresh input + 280k cache read + 15k 5 min cache write = 300k prompt tokens, 2k output.
		const request = {input: 5000, cacheRead: 280_000, cacheWrite5m: 15_000, output: 2000};
		const ours = pricer.priceCall({
			agent: 'claude',
			model: 'claude-sonnet-4-5-20250929',
			tokens: tokens(request),
			time: 0,
		});
		expect(ours.longContext).toBe(true);
		// Whole request at the >200k rates: $6 in, $0.60 read, $7.50 write, $22.50 out per MTok.
		const wholeRequest = (5000 * 6 + 280_000 * 0.6 + 15_000 * 7.5 + 2000 * 22.5) / 1e6;
		expect(ours.costUSD).toBeCloseTo(wholeRequest, 12);
		expect(ours.costUSD).toBeCloseTo(0.3555, 12);
		// ccusage: per token class, the first 200k at base and the rest at the tier rate; only the
		// cache-read field exceeds 200k, so input, write and output stay at base.
		const ccusageMarginal = (5000 * 3 + (200_000 * 0.3 + 80_000 * 0.6) + 15_000 * 3.75 + 2000 * 15) / 1e6;
		expect(ccusageMarginal).toBeCloseTo(0.20925, 12);
		expect(ours.costUSD! - ccusageMarginal).toBeCloseTo(0.14625, 12);
	});
});
