/**
Issue 16 defect 7: names that Object.prototype answers to (`constructor`, `toString`,
`__proto__`, …) as model, agent, project, session, tool, device and host, through every door
into our data — Claude Code and Codex transcripts, an `--import`ed document and other hosts'
ledgers — and as this machine's own host name. Looked up in a plain object, one such name
made every later run exit 1 (the history kept it). Through the built CLI: exit 0, every call
counted, every name listed, and the next run (which reads the ledger the first one wrote)
gives the same.
*/
import {mkdirSync, mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli} from '../support/cli.js';
import {runParser} from './support.js';
import {
	exportDocument,
	minute,
	prototypeNames,
	writeClaudeTranscripts,
	writeCodexRollouts,
	writeHostLedger,
} from './hostile-values.js';

/** Another host's ledger: a session named after the host (project, model, tool too), and a record of a hostile agent. */
function otherHostRecords(host: string, index: number): unknown[] {
	const session = {k: 's', a: 'qwen', s: host, p: host};
	const turn = {k: 't', a: 'qwen', s: host, id: host, t: Date.parse(minute(40 + index))};
	const call = {
		k: 'c',
		a: 'qwen',
		s: host,
		u: host,
		t: Date.parse(minute(40 + index)),
		m: host,
		tk: [5, 0, 0, 0, 7, 0],
		to: [[host, 'reading']],
	};
	const reported = {k: 'r', a: 'qwen', s: host, usd: 0.25};
	const hostileAgent = {k: 'c', a: host, s: host, t: Date.parse(minute(40 + index)), m: host, tk: [1, 0, 0, 0, 1, 0]};
	return [session, turn, call, reported, hostileAgent];
}

/** A machine whose every data source is full of prototype names; its own host is `host`. */
function hostileMachine(host: string) {
	const home = mkdtempSync(path.join(tmpdir(), 'agent-ncdu-hostile-names-'));
	const claude = path.join(home, 'claude');
	const codex = path.join(home, 'codex');
	const ledgers = path.join(home, 'ledgers');
	writeClaudeTranscripts(
		claude,
		prototypeNames.map((name, index) => ({
			sessionId: name,
			model: name,
			project: name,
			tool: name,
			time: minute(index),
		})),
	);
	writeCodexRollouts(
		codex,
		prototypeNames.map((name, index) => ({name, time: minute(20 + index)})),
	);
	const others = prototypeNames.filter(name => name !== host);
	mkdirSync(ledgers, {recursive: true});
	for (const [index, other] of others.entries()) {
		writeHostLedger(ledgers, other, otherHostRecords(other, index));
	}

	const importFile = path.join(home, 'laptop.json');
	const imported = prototypeNames.flatMap((name, index) => [
		{agent: 'gemini', sessionId: name, project: name, device: name, model: name, tool: name, time: minute(60 + index)},
		// An agent we do not know: skipped, never a crash.
		{agent: name, sessionId: name, project: name, device: name, model: name, tool: name, time: minute(60 + index)},
	]);
	writeFileSync(importFile, JSON.stringify(exportDocument(imported)));
	const env = {HOME: home, AGENT_NCDU_HOST: host, CLAUDE_CONFIG_DIR: claude, CODEX_HOME: codex};
	const args = ['--json', '--depth', 'call', '--timezone', 'UTC', '--ledger-dir', ledgers, '--import', importFile];
	// Claude and Codex: one call per name; the import: one per name (its hostile-agent calls are skipped); one per other host.
	const expectedCalls = 3 * prototypeNames.length + others.length;
	return {env, args, expectedCalls, others};
}

describe('prototype names as data (CLI)', () => {
	it.each(prototypeNames)('host %s: every name counts, twice', async host => {
		const machine = hostileMachine(host);
		for (const run of ['first', 'second']) {
			const result = await runCli(machine.args, machine.env);
			expect({run, code: result.code, stderr: result.stderr.replace(/^⚠ No price.*\n/m, '')}).toEqual({
				run,
				code: 0,
				stderr: '',
			});
			const document = JSON.parse(result.stdout);
			expect(document.totals.calls).toBe(machine.expectedCalls);
			// fromEntries and JSON.parse make own properties, so even `__proto__` is a listed key.
			expect(Object.keys(document.byModel)).toEqual(expect.arrayContaining([...prototypeNames]));
			expect(Object.keys(document.byDevice)).toEqual(expect.arrayContaining([host, ...machine.others]));
			// This machine's Claude and Codex calls, and the imported call whose device names this host.
			expect(document.byDevice[host].calls).toBe(2 * prototypeNames.length + 1);
			const projects = new Set(document.sessions.map((session: {project: string}) => session.project));
			expect([...prototypeNames].filter(name => !projects.has(name))).toEqual([]);
		}
	});

	it('a Gemini CLI `$set` of `__proto__` is one more metadata key, not the metadata prototype', async () => {
		const root = mkdtempSync(path.join(tmpdir(), 'agent-ncdu-gemini-proto-'));
		const chats = path.join(root, 'proj', 'chats');
		mkdirSync(chats, {recursive: true});
		const lines = [
			JSON.stringify({
				sessionId: 'g1',
				projectHash: 'proj',
				startTime: minute(0),
				lastUpdated: minute(0),
				kind: 'main',
			}),
			// Written as text: in a JavaScript object literal `__proto__:` would set the prototype, not a key.
			'{"$set":{"__proto__":{"summary":"forged title","kind":"subagent"}}}',
			JSON.stringify({id: 'u1', timestamp: minute(1), type: 'user', content: 'hello'}),
			JSON.stringify({
				id: 'm1',
				timestamp: minute(2),
				type: 'gemini',
				content: 'hi',
				model: 'gemini-2.5-flash',
				tokens: {input: 10, output: 5},
			}),
		];
		writeFileSync(path.join(chats, 'session-g1.jsonl'), `${lines.join('\n')}\n`);
		const run = await runParser('gemini', root);
		const sessions = run.events.filter(event => event.type === 'session');
		expect(sessions.map(session => [session.sessionId, session.title, session.parentSessionId])).toEqual([
			['g1', undefined, undefined],
		]);
		expect(run.events.filter(event => event.type === 'call')).toHaveLength(1);
	});
});
