/**
The monthly statement (export/statement.ts) on trees from the real store and builder: names
that are Markdown (pipes, emphasis, HTML, links, math, backslashes, line breaks) stay one
literal table cell each and read back to the name; `--no-prompts` keeps the quoted prompt out
while the same statement with prompts quotes it; the month bounds of `--statement`.
(Its figures against `--json` on the demo data: test/cli/csv-statement.test.ts.)
*/
import {describe, expect, it} from 'vitest';
import type {UsageEvent} from '../../source/core/events.js';
import {insightsFor} from '../../source/insights/index.js';
import {parseStatementMonth} from '../../source/export/statement-month.js';
import {type StatementInput, statementMarkdown} from '../../source/export/statement.js';
import {growingSession, modelOf} from '../insights/fixtures.js';
import {call, session} from '../support/events.js';
import {shown, tableUnder} from '../support/markdown.js';
import {pricer} from '../support/pricer.js';

const march = parseStatementMonth('2026-03')!;

function statementOf(events: UsageEvent[], prompts = true): string {
	const model = modelOf(events);
	const input: StatementInput = {
		month: march,
		model,
		previous: modelOf([]),
		insights: insightsFor(model, model.root, {pricer}),
		prompts,
		generator: {name: 'agent-ncdu', version: '0.0.0-test'},
		generatedAt: new Date('2026-04-01T00:00:00Z'),
		pricing: {source: 'test prices'},
		demo: false,
	};
	return statementMarkdown(input);
}

const hostileProjects = [
	'pay|ments',
	'**bold** _it_ `code`',
	'<img src=x onerror=alert(1)>',
	'[click](http://evil.example)',
	'$x^2$ and \\| escaped',
	'two\nlines ~~gone~~ &amp;',
];

describe('monthly statement', () => {
	it('keeps every name one literal cell in the projects and top-sessions tables', () => {
		const events = hostileProjects.flatMap((project, index): UsageEvent[] => [
			session('claude', `s${index}`, {project}),
			call('claude', `s${index}`, `2026-03-0${index + 1}T10:00:00Z`),
		]);
		const markdown = statementOf(events);
		const projects = tableUnder(markdown, 'Projects');
		expect(projects.every(row => row.length === projects[0]!.length)).toBe(true);
		const expected = hostileProjects.map(name => name.replace(/\s+/g, ' '));
		expect(
			projects
				.slice(2)
				.map(row => shown(row[0]!))
				.sort(),
		).toEqual(expected.sort());
		const top = tableUnder(markdown, 'Top 10 sessions by cost');
		expect(top.every(row => row.length === top[0]!.length)).toBe(true);
		expect(
			top
				.slice(2)
				.map(row => shown(row[3]!))
				.sort(),
		).toEqual(expected.sort());
		// No raw markup from data survives outside an escape.
		expect(markdown).not.toMatch(/(?<!\\)<img/);
		expect(markdown).not.toMatch(/(?<!\\)\]\(http/);
		expect(markdown).not.toMatch(/(?<!\\)\*\*bold/);
	});

	it('escapes a model name everywhere it appears: models table, unpriced note, insight figure names', () => {
		const model = 'claude-sonnet-4-5|*x*';
		const markdown = statementOf(growingSession().map(event => (event.type === 'call' ? {...event, model} : event)));
		const models = tableUnder(markdown, 'Models');
		expect(models.every(row => row.length === models[0]!.length)).toBe(true);
		expect(shown(models[2]![0]!)).toBe(model);
		expect(models[2]![7]).toBe('unpriced');
		expect(markdown).toContain('Not priced: claude-sonnet-4-5\\|\\*x\\* (');
		expect(markdown).toContain('hitRate:claude-sonnet-4-5\\|\\*x\\*');
		expect(markdown).not.toMatch(/(?<!\\)\*x/);
	});

	it('quotes a prompt only with prompts on', () => {
		const marker = 'Qz7kW the *ledger* | export';
		const events = growingSession().map(event =>
			event.type === 'turn' ? {...event, prompt: `${marker} ${event.turnId}`} : event,
		);
		const withPrompts = statementOf(events, true);
		expect(withPrompts).toContain('Qz7kW the \\*ledger\\* \\| export');
		const without = statementOf(events, false);
		expect(without).not.toContain('Qz7kW');
		expect(without).toContain('("…")');
	});

	it('knows each month and the one before it', () => {
		expect(parseStatementMonth('2028-02')).toEqual({
			month: '2028-02',
			since: '2028-02-01',
			until: '2028-02-29',
			previous: {month: '2028-01', since: '2028-01-01', until: '2028-01-31'},
		});
		expect(parseStatementMonth('2026-01')!.previous).toEqual({
			month: '2025-12',
			since: '2025-12-01',
			until: '2025-12-31',
		});
		expect(parseStatementMonth('2026-04')!.until).toBe('2026-04-30');
		for (const bad of ['2026-13', '2026-00', '2026-1', '26-01', '2026-01-01', 'November', '']) {
			expect(parseStatementMonth(bad), bad).toBeUndefined();
		}
	});
});
