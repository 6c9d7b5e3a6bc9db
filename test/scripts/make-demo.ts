/**
Regenerates the bundled demo data in fixtures/demo/<agent>/ from the seeded generators
(deterministic: the same seed writes the same bytes). Run: `npx tsx test/scripts/make-demo.ts`.

The demo must show every feature: several agents, several weeks, long and short sessions,
a session crossing midnight, vague prompts, subagents, cache misses. Besides the four main
agents it holds a few sessions of two newer ones, so the first screen shows the breadth:
OpenClaw (JSONL transcripts; session, turn and call with tools; reported costs) and Kilo CLI
(OpenCode's SQLite schema in `kilo.db`).
*/
import {rm} from 'node:fs/promises';
import path from 'node:path';
import {generateClaudeCorpus} from '../generate/claude.js';
import {generateCodexCorpus} from '../generate/codex.js';
import {generateGeminiCorpus} from '../generate/gemini.js';
import {generateOpenClawCorpus} from '../generate/openclaw.js';
import {generateOpenCodeDatabase} from '../generate/opencode.js';

const demo = path.resolve(import.meta.dirname, '../../fixtures/demo');
const startDay = '2026-10-05';
const days = 49; // seven ISO weeks

await rm(demo, {recursive: true, force: true});
const claude = await generateClaudeCorpus(path.join(demo, 'claude'), {seed: 7, sessions: 42, startDay, days});
const codex = await generateCodexCorpus(path.join(demo, 'codex'), {seed: 11, sessions: 18, startDay, days});
const gemini = await generateGeminiCorpus(path.join(demo, 'gemini'), {seed: 13, sessions: 8, startDay, days});
const opencode = await generateOpenCodeDatabase(path.join(demo, 'opencode'), {seed: 17, sessions: 6, startDay, days});
const openclaw = await generateOpenClawCorpus(path.join(demo, 'openclaw'), {seed: 19, sessions: 5, startDay, days});
const kilo = await generateOpenCodeDatabase(path.join(demo, 'kilo'), {
	seed: 23,
	sessions: 4,
	startDay,
	days,
	fileName: 'kilo.db',
});
console.log({
	claude,
	codex,
	gemini,
	opencode: {calls: opencode.calls.length},
	openclaw,
	kilo: {calls: kilo.calls.length},
});
