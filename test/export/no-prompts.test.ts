/**
`--no-prompts` leaves user text out of the export by construction. Property: whatever a
prompt contains (quotes, backslashes, newlines, JSON, unicode), no 6-character piece of a
marker written into it appears anywhere in the document (any string value or key) when
prompts are off, while with prompts on the same marker is quoted by the insights (so the
check is never vacuous). The prompts go through every rule that quotes user text: context
compounding (the takeoff turn) and vague prompts (the costliest examples). Last, the same
through the built CLI on a Claude Code transcript whose prompt quotes a secret.
*/
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import type {UsageEvent} from '../../source/core/events.js';
import {exportText} from '../support/export.js';
import {insightsFor} from '../../source/insights/index.js';
import {growingSession, modelOf, sessionEvents} from '../insights/fixtures.js';
import {assistant, claudeRoot, user} from '../parsers/claude/support.js';
import {runCli} from '../support/cli.js';
import {pricer} from '../support/pricer.js';

/** Text that breaks naive quoting: quotes, escapes, line breaks, JSON, non-ASCII. */
const awkward = ['"', '\\', '\\"', '\n', '\r\n', '\t', '{"prompt":"', '"}', '`', 'é', '日本', '😀', '\u2028'];
/** Characters that are not letters or digits, so a vague prompt stays vague with them in it. */
const symbols = [
	'"',
	'\\',
	'{',
	'}',
	'[',
	']',
	':',
	'«',
	'»',
	'‽',
	'§',
	'¶',
	'†',
	'‡',
	'※',
	'é',
	'日',
	'😀',
	'<',
	'>',
	'|',
];
const vagueWords = ['fix', 'this', 'continue', 'try', 'again', 'ok', 'still', 'broken', 'please', 'go', 'on'];

const awkwardText = fc.array(fc.constantFrom(...awkward), {maxLength: 2}).map(parts => parts.join(''));
/**
Awkward text before the word marker: at most one piece (11 characters), so the marker stays
within the quote's first 30 characters as `growing` promises (two `{"prompt":"` and the
8-character marker make 30, and the quote's ellipsis would cut the marker).
*/
const awkwardPrefix = fc.array(fc.constantFrom(...awkward), {maxLength: 1}).map(parts => parts.join(''));
/** A distinctive word for the context rule's quote (a letter-and-digit marker). */
const wordMarker = fc.stringMatching(/^[A-Za-z0-9]{6}$/).map(tail => `Qz${tail}`);
/** A distinctive run of symbols for the vague-prompt rule (letters would make it precise). */
const symbolMarker = fc
	.array(fc.constantFrom(...symbols), {minLength: 5, maxLength: 7})
	.map(parts => `‽${parts.join('')}`);

/** A session whose context grows ×18; every prompt carries the marker within its first 30 characters. */
const growing = (prompt: string): UsageEvent[] =>
	sessionEvents(
		'grow',
		'2026-03-02T09:00:00Z',
		8,
		3,
		i => 20_000 + i * i * 650,
		() => prompt,
	);

/** A session whose turns 4 and 6 are vague prompts sent into 160K+ contexts. */
const vague = (prompt: string): UsageEvent[] =>
	sessionEvents(
		'loop',
		'2026-03-03T09:00:00Z',
		6,
		2,
		i => 40_000 + i * 30_000,
		turn => (turn === 4 || turn === 6 ? prompt : `Port report ${turn} to the new charts`),
	);

type JsonInsight = {id: string; rule: string; message: string; quotes: string[]; figures: Record<string, unknown>};

async function exportOf(events: UsageEvent[], prompts: boolean): Promise<{insights: JsonInsight[]}> {
	const model = modelOf(events);
	const text = await exportText(model, {insights: insightsFor(model, model.root, {pricer}), prompts, depth: 'call'});
	return JSON.parse(text) as {insights: JsonInsight[]};
}

/** Every string in a JSON value, keys included, one per line. */
function stringsOf(value: unknown): string {
	if (typeof value === 'string') {
		return value;
	}

	if (Array.isArray(value)) {
		return value.map(item => stringsOf(item)).join('\n');
	}

	if (value && typeof value === 'object') {
		return Object.entries(value)
			.map(([key, item]) => `${key}\n${stringsOf(item)}`)
			.join('\n');
	}

	return '';
}

/** The marker's pieces of 6 characters (a leak of part of it counts too). */
function piecesOf(marker: string): string[] {
	return Array.from({length: marker.length - 5}, (_, start) => marker.slice(start, start + 6));
}

describe('--no-prompts export', () => {
	it('never carries prompt text, however the prompt is written', async () => {
		await fc.assert(
			fc.asyncProperty(
				wordMarker,
				awkwardPrefix,
				awkwardText,
				symbolMarker,
				fc.constantFrom(...vagueWords),
				fc.constantFrom(...vagueWords),
				async (word, before, after, symbolsRun, firstWord, lastWord) => {
					const events = [
						...growing(`${before}${word}${after} module`),
						...vague(`${firstWord} ${symbolsRun} ${lastWord}`),
					];
					const shown = await exportOf(events, true);
					const shownInsights = stringsOf(shown.insights);
					expect(shownInsights).toContain(word);
					expect(shownInsights).toContain(symbolsRun);
					const text = stringsOf(await exportOf(events, false));
					const leaked = [...piecesOf(word), ...piecesOf(symbolsRun)].filter(piece => text.includes(piece));
					expect(leaked).toEqual([]);
				},
			),
			{numRuns: 60},
		);
	});

	it('says where a quote was, and keeps the figures that are numbers', async () => {
		const document = await exportOf([...growingSession(), ...vague('fix "this" again')], false);
		const growth = document.insights.find(insight => insight.id === 'context-compounding:claude:grow')!;
		expect(growth.message).toContain('from turn 3 ("…"); ');
		const vagueInsight = document.insights.find(insight => insight.rule === 'vague-prompts')!;
		expect(vagueInsight.message).toMatch(/tokens\): "…" at 340k \(\$[\d.]+\), "…" at 220k/);
		expect(vagueInsight.figures['example1ContextTokens']).toBe(340_000);
		expect(document.insights.every(insight => insight.quotes.length === 0)).toBe(true);
	});

	it('with prompts, writes the quoted text in the message and in `quotes`', async () => {
		const document = await exportOf(vague('fix "this" again'), true);
		const vagueInsight = document.insights.find(insight => insight.rule === 'vague-prompts')!;
		expect(vagueInsight.quotes).toEqual(['fix "this" again', 'fix "this" again']);
		expect(vagueInsight.message).toContain('tokens): "fix "this" again" at 340k');
	});

	it('through the built CLI: a quoted secret in a Claude Code prompt stays out of the document', async () => {
		const secret = 'secret-project-QX7';
		// Context grows 20K → 210K; it takes off in turn 2, whose prompt quotes the secret.
		const turns: Array<[prompt: string, contexts: number[]]> = [
			['Set up the shop project', [20_000, 22_000]],
			[`mv "${secret}" lib`, [45_000, 80_000]],
			['Add tests for the rename', [120_000, 160_000, 210_000]],
		];
		let minute = 0;
		const lines = turns.flatMap(([prompt, contexts]) => {
			const time = (offset: number) => new Date(Date.parse('2026-02-12T09:00:00Z') + offset * 60_000).toISOString();
			const asked = user(prompt, {time: time(minute++)});
			return [asked, ...contexts.map(read => assistant({read, output: 400, time: time(minute++), parent: asked.uuid}))];
		});
		const env = {CLAUDE_CONFIG_DIR: claudeRoot({'-home-dev-src-shop/S1.jsonl': lines})};
		const args = ['--json', '--depth', 'call', '--timezone', 'UTC', '--no-cache'];
		const shown = await runCli(args, env);
		expect(shown.code).toBe(0);
		expect(shown.stdout).toContain(`from turn 2 (\\"mv \\"${secret}\\" lib\\")`);
		const hidden = await runCli([...args, '--no-prompts'], env);
		expect(hidden.code).toBe(0);
		expect(hidden.stdout).not.toContain('secret-project');
		expect(hidden.stdout).not.toContain('QX7');
		expect(hidden.stdout).toContain('from turn 2 (\\"…\\")');
		const {insights} = JSON.parse(shown.stdout) as {insights: JsonInsight[]};
		expect(insights.find(insight => insight.rule === 'context-compounding')!.quotes).toEqual([`mv "${secret}" lib`]);
	});
});
