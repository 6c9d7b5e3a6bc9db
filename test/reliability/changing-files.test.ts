/**
Files that change under the loader. The real pipeline (loadUsage) runs over a tmp copy of the
public Claude Code and Codex samples; the change is made deterministically through the
`parsers` option: a wrapper around the real parser acts right after discovery (the window
where a file can vanish, shrink or be replaced before it is read) or right after the first
event of a file (while its read stream is open). The oracle is always a plain load of the
corpus as it was before or after the change: results must equal one of them, and the
diagnostics must name what happened.
*/
import {
	appendFileSync,
	chmodSync,
	readFileSync,
	renameSync,
	rmSync,
	truncateSync,
	unlinkSync,
	writeFileSync,
} from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import type {Diagnostic} from '../../source/core/diagnostics.js';
import {totalOf} from '../../source/core/tokens.js';
import {type LoadResult, loadUsage} from '../../source/pipeline/load.js';
import {parsers} from '../../source/parsers/registry.js';
import type {AgentParser, SourceFile} from '../../source/parsers/types.js';
import {findFiles} from '../../source/parsers/walk.js';
import {copyRoot, repoRoot, skipsForRoot} from './support.js';

const claudeSample = path.join(repoRoot, 'fixtures/public/claude-code/spotter');
const codexSample = path.join(repoRoot, 'fixtures/public/codex/localpush');
const misc = 'claude/projects/-home-USER-projects-spotter-misc';
const toolHeavy = `${misc}/tool_heavy.jsonl`;
const bigMain =
	'claude/projects/-home-USER-projects-spotter-worktrees-spotter-dov/4d5611e5-241a-462a-8d15-5122611a9569.jsonl';

const made: string[] = [];
afterEach(() => {
	for (const dir of made.splice(0)) {
		chmodAll(dir);
		rmSync(dir, {recursive: true, force: true});
	}
});

/** Restores permissions a test took away, so cleanup can delete everything. */
function chmodAll(dir: string): void {
	try {
		chmodSync(path.join(dir, misc), 0o755);
		chmodSync(path.join(dir, toolHeavy), 0o644);
	} catch {}
}

/** `<dir>/claude` and `<dir>/codex`, laid out for `dataDirs`. */
function corpus(): string {
	const dir = copyRoot(claudeSample, 'changing', 'claude');
	copyRoot(codexSample, 'changing', 'codex', dir);
	made.push(dir);
	return dir;
}

type Hooks = {
	/** Runs once, after every agent's discovery and before any file is read. */
	afterDiscover?: (dir: string) => void;
	/** Runs once, after the first event of the file whose path ends with `file`. */
	midRead?: {file: string; act: (full: string) => void};
};

function hooked(dir: string, hooks: Hooks): AgentParser[] {
	let discovered = 0;
	let acted = false;
	return parsers
		.filter(parser => parser.id === 'claude' || parser.id === 'codex')
		.map(parser => ({
			...parser,
			async discover(root, context) {
				const files = await parser.discover(root, context);
				// Codex is discovered last (registry order): then nothing has been read yet.
				if (++discovered === 2) {
					hooks.afterDiscover?.(dir);
				}

				return files;
			},
			async *parse(file: SourceFile, context) {
				for await (const event of parser.parse(file, context)) {
					yield event;
					if (!acted && hooks.midRead && file.path.endsWith(hooks.midRead.file)) {
						acted = true;
						hooks.midRead.act(file.path);
					}
				}
			},
		}));
}

async function load(dir: string, hooks: Hooks = {}): Promise<LoadResult> {
	return loadUsage({
		dataDirs: [dir],
		agents: ['claude', 'codex'],
		parsers: hooked(dir, hooks),
		concurrency: 1,
		env: {},
		home: '/nonexistent',
	});
}

/** What a user sees: every deduplicated call's identity and size. */
function callsOf(result: LoadResult): string[] {
	return [...result.store.allCalls()]
		.map(call => `${call.agent}|${call.sessionId}|${call.dedupKey}|${totalOf(call.tokens)}`)
		.sort();
}

function diagnosticsOf(result: LoadResult, dir: string): string[] {
	return result.diagnostics.entries.map(
		d => `${d.kind} ${path.relative(dir, d.file ?? '')}${d.line ? `:${d.line}` : ''} ${d.message}`,
	);
}

/** The plain load of a corpus prepared by `prepare` (the "after the change" oracle). */
async function oracle(prepare: (dir: string) => void = () => undefined): Promise<string[]> {
	const dir = corpus();
	prepare(dir);
	return callsOf(await load(dir));
}

describe('files that change between discovery and reading', () => {
	it('a deleted file is one unreadable-file diagnostic; everything else loads', async () => {
		const dir = corpus();
		const result = await load(dir, {afterDiscover: d => unlinkSync(path.join(d, toolHeavy))});
		expect(callsOf(result)).toEqual(await oracle(d => unlinkSync(path.join(d, toolHeavy))));
		expect(diagnosticsOf(result, dir)).toEqual([
			expect.stringMatching(new RegExp(`^unreadable-file ${toolHeavy} .*ENOENT`)),
		]);
	});

	it('a vanished folder: one diagnostic per file it held; everything else loads', async () => {
		const dir = corpus();
		const gone = (d: string) => rmSync(path.join(d, misc), {recursive: true});
		const result = await load(dir, {afterDiscover: gone});
		expect(callsOf(result)).toEqual(await oracle(gone));
		expect(diagnosticsOf(result, dir).map(line => line.split(' ').slice(0, 2).join(' '))).toEqual([
			`unreadable-file ${misc}/short.jsonl`,
			`unreadable-file ${toolHeavy}`,
		]);
	});

	it('a file truncated in the middle of a usage line: the lines before it count, the cut line is reported', async () => {
		const cut = (d: string) => {
			const file = path.join(d, toolHeavy);
			const text = readFileSync(file, 'utf8');
			const usage = text.indexOf('"usage":{', text.length / 2);
			truncateSync(file, Buffer.byteLength(text.slice(0, usage + 20)));
		};

		const dir = corpus();
		const result = await load(dir, {afterDiscover: cut});
		const expected = await oracle(cut);
		expect(callsOf(result)).toEqual(expected);
		expect(expected.length).toBeLessThan((await oracle()).length);
		expect(diagnosticsOf(result, dir)).toEqual([expect.stringMatching(new RegExp(`^partial-line ${toolHeavy}:\\d+ `))]);
	});

	it('a file replaced (renamed over) is read with its new content', async () => {
		const replace = (d: string) => {
			const next = path.join(d, `${toolHeavy}.new`);
			writeFileSync(next, readFileSync(path.join(d, misc, 'short.jsonl')));
			renameSync(next, path.join(d, toolHeavy));
		};

		const dir = corpus();
		const result = await load(dir, {afterDiscover: replace});
		expect(callsOf(result)).toEqual(await oracle(replace));
		expect(result.diagnostics.total).toBe(0);
	});
});

describe('files that change while they are being read', () => {
	// Another session's lines under new message ids, so they are new calls (not deduplicated copies).
	const appended = () =>
		readFileSync(path.join(claudeSample, 'projects/-home-USER-projects-spotter-misc/short.jsonl'), 'utf8').replaceAll(
			'"id":"msg_',
			'"id":"msg_appended_',
		);

	it('appended to: the result is the file before or after the append, never a mix', async () => {
		const dir = corpus();
		const result = await load(dir, {midRead: {file: bigMain, act: full => appendFileSync(full, appended())}});
		const before = await oracle();
		const after = await oracle(d => appendFileSync(path.join(d, bigMain), appended()));
		expect(before).not.toEqual(after);
		expect([before, after]).toContainEqual(callsOf(result));
		expect(result.diagnostics.total).toBe(0);
	});

	it('truncated to nothing: the result is the whole file or the part read before; no throw', async () => {
		const dir = corpus();
		const result = await load(dir, {midRead: {file: bigMain, act: full => truncateSync(full, 0)}});
		const whole = await oracle();
		const without = await oracle(d => truncateSync(path.join(d, bigMain), 0));
		const got = callsOf(result);
		// Calls of the file read before the cut stay; nothing outside the two bounds appears.
		expect(got.every(call => whole.includes(call))).toBe(true);
		expect(without.every(call => got.includes(call))).toBe(true);
		expect(diagnosticsOf(result, dir).every(line => /^(partial|malformed)-line /.test(line))).toBe(true);
	});

	it('deleted: an open file is still read to its end (POSIX keeps it until closed)', async () => {
		const dir = corpus();
		const result = await load(dir, {midRead: {file: bigMain, act: full => unlinkSync(full)}});
		expect(callsOf(result)).toEqual(await oracle());
		expect(result.diagnostics.total).toBe(0);
	});
});

// Root ignores file modes, so these cannot be provoked when the suite runs as root (CI may).
describe.skipIf(skipsForRoot)('permission denied', () => {
	it('on a file: one unreadable-file diagnostic, the rest loads', async () => {
		const dir = corpus();
		chmodSync(path.join(dir, toolHeavy), 0o000);
		const result = await load(dir);
		expect(callsOf(result)).toEqual(await oracle(d => unlinkSync(path.join(d, toolHeavy))));
		expect(diagnosticsOf(result, dir)).toEqual([
			expect.stringMatching(new RegExp(`^unreadable-file ${toolHeavy} .*EACCES`)),
		]);
	});

	it('on a folder: one unreadable-folder diagnostic, the rest loads', async () => {
		const dir = corpus();
		chmodSync(path.join(dir, misc), 0o000);
		const result = await load(dir);
		expect(callsOf(result)).toEqual(await oracle(d => rmSync(path.join(d, misc), {recursive: true})));
		expect(diagnosticsOf(result, dir)).toEqual([
			expect.stringMatching(new RegExp(`^unreadable-folder ${misc} .*EACCES`)),
		]);
	});
});

describe('a folder that vanishes during discovery', () => {
	it('is one unreadable-folder diagnostic; files listed before it and its siblings stay', async () => {
		const dir = corpus();
		const projects = path.join(dir, 'claude/projects');
		const doomed = path.join(projects, '-home-USER-projects-spotter-worktrees-spotter-dov');
		writeFileSync(path.join(projects, 'trigger.jsonl'), '');
		const diagnostics: Diagnostic[] = [];
		// The walker lists a folder, then visits its sub-folders: removing one from inside the
		// name filter (called for `trigger.jsonl` while `projects/` is listed) makes it vanish
		// in exactly that window, whatever order the file system lists entries in.
		const found = await findFiles(projects, {
			agent: 'claude',
			report: d => diagnostics.push(d),
			match(name) {
				if (name === 'trigger.jsonl') {
					rmSync(doomed, {recursive: true, force: true});
				}

				return name.endsWith('.jsonl');
			},
		});
		expect(found.some(file => file.path.startsWith(doomed))).toBe(false);
		expect(found.map(file => path.basename(file.path))).toContain('tool_heavy.jsonl');
		expect(found.length).toBeGreaterThan(3);
		expect(diagnostics.map(d => [d.kind, d.file])).toEqual([['unreadable-folder', doomed]]);
	});
});
