/**
Real transcripts (fixtures/real, see its PROVENANCE.md) against ccusage 20.0.24's stored daily
reports (fixtures/real/expected-ccusage-20.0.24, `--offline --timezone UTC`, empty HOME), through
the built CLI with `--timezone UTC` and an empty HOME. Per day, input / output / cache read /
cache write and cost are equal, except where ccusage is knowingly wrong; there each test asserts
our number and the fact in the data that explains ccusage's:

- Claude: for a response streamed as several lines *without* a `requestId` (every codemie file:
  Claude Code through a Bedrock proxy), ccusage's daily report counts every line, each carrying
  the response's full input and cache tokens. We count each response once.
- Codex: `gpt-5-1-codex-2025-11-13` is a proxy's alias, no vendor's model id; ccusage prices it
  as gpt-5.1-codex, we leave it unpriced.
- Gemini: our output includes the thoughts (ccusage's `outputTokens` leaves them out, its total
  and cost include them); `gemini-3-pro` and `gemini-3-pro-image-preview` are not Google API
  model ids, and ccusage's offline price for them ($1.60 / $9.60 / $0.16 per million) is not
  Google's list price, so we leave them unpriced.
*/
import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import type {TokenCounts} from '../../source/core/tokens.js';
import {createPricer} from '../../source/pricing/index.js';
import {repoRoot, runJson} from '../support/cli.js';
import {tokens} from '../support/events.js';
import {asCcusage, ccusageDays, type OurDay, type ParityDay, rounded, theirs} from './ccusage-parity-days.js';

const realFixtures = path.join(repoRoot, 'fixtures', 'real');
const pricer = createPricer();

async function ourDays(variable: string, folder: string): Promise<ParityDay[]> {
	const days = (await runJson([], {[variable]: path.join(realFixtures, folder)})).days as OurDay[];
	return days.map(asCcusage);
}

/** Token columns equal, cost equal to 1e-9 (summed in a different order than the export's). */
function expectSameDays(actual: ParityDay[], expected: ParityDay[]): void {
	const withoutCost = ({cost: _cost, ...columns}: ParityDay) => columns;
	expect(actual.map(withoutCost)).toEqual(expected.map(withoutCost));
	actual.forEach((day, index) => {
		expect(day.cost, day.date).toBeCloseTo(expected[index]!.cost!, 8);
	});
}

type Usage = {
	input_tokens?: number;
	output_tokens?: number;
	cache_read_input_tokens?: number;
	cache_creation_input_tokens?: number;
	cache_creation?: {ephemeral_5m_input_tokens?: number; ephemeral_1h_input_tokens?: number};
};

type ClaudeLine = {
	type?: string;
	timestamp?: string;
	sessionId?: string;
	requestId?: string;
	isSidechain?: boolean;
	message?: {id?: string; model?: string; usage?: Usage};
};

/** One assistant line with usage, read directly from a transcript (not by our parser). */
type Response = {line: ClaudeLine; tokens: TokenCounts; size: number};

function claudeResponses(root: string): Response[] {
	const files = readdirSync(root, {recursive: true, encoding: 'utf8'}).filter(file => file.endsWith('.jsonl'));
	return files.sort().flatMap(file =>
		readFileSync(path.join(root, file), 'utf8')
			.split('\n')
			.filter(Boolean)
			.map(text => JSON.parse(text) as ClaudeLine)
			.filter(line => line.type === 'assistant' && line.message?.usage && line.message.model !== '<synthetic>')
			.map(line => {
				const usage = line.message!.usage!;
				const split = usage.cache_creation;
				const counts = tokens({
					input: usage.input_tokens ?? 0,
					output: usage.output_tokens ?? 0,
					cacheRead: usage.cache_read_input_tokens ?? 0,
					cacheWrite5m: split ? (split.ephemeral_5m_input_tokens ?? 0) : (usage.cache_creation_input_tokens ?? 0),
					cacheWrite1h: split?.ephemeral_1h_input_tokens ?? 0,
				});
				const size = counts.input + counts.output + counts.cacheRead + counts.cacheWrite5m + counts.cacheWrite1h;
				return {line, tokens: counts, size};
			}),
	);
}

/** Our rule: one copy per message id (per session when the line has no requestId), the largest. */
const oneCopyPerResponse = ({line}: Response) => `${line.message!.id}\0${line.requestId ? '' : line.sessionId}`;

/**
ccusage 20.0.24's daily rule: message id + requestId; without a requestId a sidechain line keys on
the id, any other line on id + timestamp, so each streamed line of a response is its own entry.
*/
const ccusageDailyEntry = ({line}: Response) =>
	line.requestId
		? `${line.message!.id}\0${line.requestId}`
		: `${line.message!.id}\0${line.isSidechain ? 'sidechain' : line.timestamp}`;

function keepLargest(responses: Response[], keyOf: (response: Response) => string): Response[] {
	const kept = new Map<string, Response>();
	for (const response of responses) {
		const key = keyOf(response);
		if (!kept.has(key) || response.size > kept.get(key)!.size) {
			kept.set(key, response);
		}
	}

	return [...kept.values()];
}

/** Daily sums of the given lines, each priced on its own at our (= ccusage's) list prices. */
function dailySums(responses: Response[]): ParityDay[] {
	const days = new Map<string, ParityDay>();
	for (const {line, tokens: counts} of responses) {
		const date = line.timestamp!.slice(0, 10);
		const day = days.get(date) ?? {
			date,
			inputTokens: 0,
			outputTokens: 0,
			cacheReadTokens: 0,
			cacheCreationTokens: 0,
			totalTokens: 0,
			cost: 0,
		};
		const {costUSD} = pricer.priceCall({
			agent: 'claude',
			model: line.message!.model,
			tokens: counts,
			time: Date.parse(line.timestamp!),
		});
		const cacheWrite = counts.cacheWrite5m + counts.cacheWrite1h;
		day.inputTokens += counts.input;
		day.outputTokens += counts.output;
		day.cacheReadTokens += counts.cacheRead;
		day.cacheCreationTokens += cacheWrite;
		day.totalTokens += counts.input + counts.output + counts.cacheRead + cacheWrite;
		day.cost = day.cost === null || costUSD === null ? null : day.cost + costUSD;
		days.set(date, day);
	}

	return [...days.values()].sort((a, b) => a.date.localeCompare(b.date));
}

describe('Claude Code, real transcripts', () => {
	const responses = claudeResponses(path.join(realFixtures, 'claude', 'projects'));
	const reference = ccusageDays(realFixtures, 'claude').map(theirs);
	let run: Promise<ParityDay[]> | undefined;
	const claudeDays = () => (run ??= ourDays('CLAUDE_CONFIG_DIR', 'claude'));

	it('equals ccusage on the days whose responses all carry a requestId', async () => {
		const days = await claudeDays();
		const withoutRequestId = new Set(
			responses.filter(({line}) => !line.requestId).map(({line}) => line.timestamp!.slice(0, 10)),
		);
		expect([...withoutRequestId].sort()).toEqual([
			'2025-12-10',
			'2026-01-02',
			'2026-01-07',
			'2026-01-08',
			'2026-01-11',
			'2026-01-14',
			'2026-01-15',
		]);
		const others = (list: ParityDay[]) => list.filter(day => !withoutRequestId.has(day.date));
		expect(others(days).map(day => day.date)).toEqual(['2025-09-03', '2025-09-07', '2026-01-20', '2026-01-21']);
		expect(others(days)).toEqual(others(reference));
	});

	it('counts each response once where ccusage counts every streamed line of a response without a requestId', async () => {
		// ccusage's numbers are exactly every such line priced at the same prices; ours one copy each.
		expectSameDays(dailySums(keepLargest(responses, ccusageDailyEntry)), reference);
		expectSameDays(await claudeDays(), dailySums(keepLargest(responses, oneCopyPerResponse)));
	});

	it('on 2025-12-10: one response written as four lines explains the whole token gap, and the Bedrock Haiku call is priced', async () => {
		// -tmp-private/4c2ddfdc-….jsonl lines 3–6: msg_bdrk_013SYvCzWGkVVXBeihWmL3gF, no requestId,
		// each line repeating its 3 input and 35,066 cache-write tokens; output grows 4, 4, 4, 395.
		const session = path.join(realFixtures, 'claude/projects/-tmp-private/4c2ddfdc-b619-4525-8d03-1950fb1b0257.jsonl');
		const lines = readFileSync(session, 'utf8').split('\n').slice(2, 6);
		const copies = lines.map(text => JSON.parse(text) as ClaudeLine);
		expect(new Set(copies.map(line => line.message!.id))).toEqual(new Set(['msg_bdrk_013SYvCzWGkVVXBeihWmL3gF']));
		expect(copies.map(line => [line.requestId, line.message!.usage!.cache_creation_input_tokens])).toEqual(
			Array.from({length: 4}, () => [undefined, 35_066]),
		);

		const day = (await claudeDays()).find(({date}) => date === '2025-12-10')!;
		const theirDay = reference.find(({date}) => date === '2025-12-10')!;
		expect(theirDay.cacheCreationTokens).toBe(day.cacheCreationTokens + 3 * 35_066);
		expect(theirDay.inputTokens).toBe(day.inputTokens + 3 * 3);
		expect(theirDay.outputTokens).toBe(day.outputTokens + 3 * 4);
		// The sidechain's converse/jp.anthropic.claude-haiku-4-5-20251001-v1:0 call (16,878 in, 237 out)
		// is priced from the table's jp.anthropic.claude-haiku-4-5-20251001-v1:0 row ($1.10 / $5.50).
		expect(day.cost).toBe(0.2995554);
		expect(theirDay.cost).toBe(rounded(0.6942549000000001));
	});
});

describe('Codex, real rollouts', () => {
	it('equals ccusage but leaves the proxy alias gpt-5-1-codex-2025-11-13 unpriced, which ccusage prices as gpt-5.1-codex', async () => {
		const days = await ourDays('CODEX_HOME', 'codex');
		const reference = ccusageDays(realFixtures, 'codex').map(theirs);
		const aliasDay = '2026-01-02';
		const theirCost = reference.find(({date}) => date === aliasDay)!.cost;
		expect(days.map(day => (day.date === aliasDay ? {...day, cost: theirCost} : day))).toEqual(reference);
		const day = days.find(({date}) => date === aliasDay)!;
		expect(day.cost).toBeNull();
		const asGpt51Codex = pricer.priceCall({
			agent: 'codex',
			model: 'gpt-5.1-codex',
			tokens: tokens({input: day.inputTokens, cacheRead: day.cacheReadTokens, output: day.outputTokens}),
			time: Date.parse(aliasDay),
		}).costUSD!;
		expect(theirCost).toBe(rounded(asGpt51Codex));
	});
});

describe('Gemini CLI, real chats', () => {
	it('equals ccusage in input, cache and total; output adds the thoughts; Gemini 3 Pro left unpriced', async () => {
		const {days} = (await runJson([], {GEMINI_DATA_DIR: path.join(realFixtures, 'gemini', 'tmp')})) as {
			days: OurDay[];
		};
		const reference = ccusageDays(realFixtures, 'gemini');
		expect(
			days.map(day => ({...asCcusage(day), outputTokens: day.tokens.output - day.tokens.reasoning, cost: null})),
		).toEqual(reference.map(day => ({...theirs(day), cost: null})));
		expect(days.map(day => day.costUSD)).toEqual([null, null]);
		// ccusage's cost is our tokens (thoughts included) at $1.60 in / $9.60 out / $0.16 cached per
		// million: 0.8 × Google's gemini-3-pro-preview list price ($2 / $12 / $0.20), for model names
		// Google's API does not list.
		days.forEach((day, index) => {
			const atCcusageRates = (day.tokens.input * 1.6 + day.tokens.output * 9.6 + day.tokens.cacheRead * 0.16) / 1e6;
			expect(reference[index]!.totalCost).toBeCloseTo(atCcusageRates, 12);
		});
	});
});
