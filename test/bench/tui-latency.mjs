#!/usr/bin/env node
/**
TUI latency benchmark (not a test): builds a large synthetic tree through the real
UsageStore + buildTree, renders <App> with ink-testing-library, and reports
- key-press-to-frame latency (p50/p95) for cursor moves in a 10k-row listing,
- the time to open a node with 10k children (Enter → frame with its rows),
- the time to re-sort that listing and to apply an agent filter (full tree rebuild),
- key-press-to-frame latency while an agent writes (a call added and the load updated every
  250 ms, as `DataSource.watch` does), for fast typing and for slow browsing, and how soon an
  update shows once the keys are still.

Run after `npm run build`:  node test/bench/tui-latency.mjs [--sessions 10000] [--days 90]
(AGENT_NCDU_DIST=/path/to/distribution to benchmark another build.)
*/
import {performance} from 'node:perf_hooks';
// Measure what users run: React's production build (set before React is first imported).
process.env.NODE_ENV ??= 'production';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import {parseArgs} from 'node:util';

const {values: args} = parseArgs({
	options: {
		sessions: {type: 'string', default: '10000'},
		days: {type: 'string', default: '90'},
		presses: {type: 'string', default: '200'},
	},
});
const repoRoot = path.resolve(import.meta.dirname, '../..');
const dist = process.env.AGENT_NCDU_DIST ?? path.join(repoRoot, 'distribution');
const load = async relative => import(pathToFileURL(path.join(dist, relative)).href);

const [{UsageStore}, {buildTree}, {App}, {render}, React] = await Promise.all([
	load('model/store.js'),
	load('model/build.js'),
	load('ui/app.js'),
	import('ink-testing-library'),
	import('react'),
]);

/** The real pricer when it is built, else flat list-price-like rates. */
async function pricer() {
	try {
		const {createPricer} = await load('pricing/index.js');
		return createPricer();
	} catch {
		return {
			source: 'bench',
			date: '2026-01-01',
			priceCall: ({tokens}) => ({costUSD: (tokens.input * 3 + tokens.output * 15 + tokens.cacheRead * 0.3) / 1e6}),
		};
	}
}

/** Seeded PRNG (mulberry32): the same corpus on every run. */
function random(seed) {
	let state = seed;
	return () => {
		state = (state + 0x6d_2b_79_f5) | 0;
		let t = Math.imul(state ^ (state >>> 15), 1 | state);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};
}

const tools = [
	{name: 'Read', activity: 'reading', file: 'src/a.ts'},
	{name: 'Edit', activity: 'writing', file: 'src/b.ts'},
	{name: 'Bash', activity: 'executing'},
];

function* events(sessionsOnBusyDay, days) {
	const next = random(42);
	const agents = ['claude', 'codex', 'gemini', 'opencode'];
	const start = Date.parse('2026-01-05T00:00:00Z');
	const emitSession = function* (id, agent, time, turns) {
		yield {type: 'session', agent, sessionId: id, project: `project-${Math.floor(next() * 40)}`};
		for (let turn = 0; turn < turns; turn++) {
			const turnTime = time + turn * 120_000;
			yield {type: 'turn', agent, sessionId: id, turnId: `t${turn}`, time: turnTime, prompt: `prompt ${turn} of ${id}`};
			const calls = 1 + Math.floor(next() * 4);
			for (let call = 0; call < calls; call++) {
				yield {
					type: 'call',
					agent,
					sessionId: id,
					turnId: `t${turn}`,
					time: turnTime + call * 5000,
					model: agent === 'codex' ? 'gpt-5.3-codex' : 'claude-sonnet-4-5',
					tokens: {
						input: Math.floor(next() * 5000),
						cacheRead: Math.floor(next() * 100_000),
						cacheWrite5m: 0,
						cacheWrite1h: 0,
						output: Math.floor(next() * 2000),
						reasoning: 0,
					},
					tools: [tools[Math.floor(next() * tools.length)]],
				};
			}
		}
	};

	// Background history: about 30 sessions a day.
	for (let day = 0; day < days; day++) {
		for (let index = 0; index < 30; index++) {
			yield* emitSession(
				`d${day}-${index}`,
				agents[index % agents.length],
				start + day * 86_400_000 + index * 1_500_000,
				3,
			);
		}
	}

	// One busy day with `sessionsOnBusyDay` single-turn sessions (the 10k-children node).
	const busy = start + days * 86_400_000;
	for (let index = 0; index < sessionsOnBusyDay; index++) {
		yield* emitSession(`busy-${index}`, agents[index % agents.length], busy + index * 8000, 1);
	}
}

const percentile = (values, p) => {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

const sessions = Number(args.sessions);
const days = Number(args.days);
let time = performance.now();
const store = new UsageStore();
for (const event of events(sessions, days)) {
	store.add(event);
}

const storeMs = performance.now() - time;
const thePricer = await pricer();
time = performance.now();
const firstTree = buildTree(store, {timezone: 'UTC', pricer: thePricer});
const buildMs = performance.now() - time;

const firstVersion = store.version;
const unchanged = loaded => loaded.store === store && store.version === firstVersion;
/** While set, the source's watch adds a call every 250 ms, as an agent writing would. */
let agentWrites = false;
let written = 0;
const source = {
	isDemo: false,
	timezone: 'UTC',
	load: async () => ({store, diagnostics: [], diagnosticCount: 0, files: 1}),
	build: (loaded, filter) =>
		Object.keys(filter).every(key => filter[key] === undefined) && unchanged(loaded)
			? firstTree
			: buildTree(loaded.store, {timezone: 'UTC', pricer: thePricer, filter}),
	unfiltered: loaded => (unchanged(loaded) ? firstTree : buildTree(loaded.store, {timezone: 'UTC', pricer: thePricer})),
	exportJson: async () => '/dev/null',
	watch(loaded, onUpdate) {
		const timer = setInterval(() => {
			if (!agentWrites) return;
			const call = store.calls.eventAt(store.callCount - 1);
			store.add({...call, dedupKey: `live-${written++}`, time: call.time + 1000});
			onUpdate({...loaded});
		}, 250);
		return () => clearInterval(timer);
	},
};

const app = render(
	React.createElement(App, {source, options: {ascii: false, color: false, size: {columns: 120, rows: 40}}}),
);
let onFrame;
const originalWrite = app.stdout.write;
app.stdout.write = frame => {
	originalWrite(frame);
	onFrame?.(frame);
};

/** Sends `input` and resolves with the ms until a frame satisfying `done` is written. */
function press(input, done = () => true) {
	return new Promise(resolve => {
		const started = performance.now();
		onFrame = frame => {
			if (done(frame)) {
				onFrame = undefined;
				resolve(performance.now() - started);
			}
		};

		app.stdin.write(input);
	});
}

async function until(predicate) {
	while (!predicate(app.lastFrame() ?? '')) {
		await new Promise(resolve => setTimeout(resolve, 5));
	}
}

await until(frame => frame.includes('W0'));
// Open the newest week (sorted by time, reversed), then the busy day (largest by tokens).
await press('n', frame => frame.includes('Sorted by time'));
await press('n', frame => frame.includes('(reversed)'));
await press('\r', frame => /All › \d{4}-W\d\d\n/.test(frame));
await press('s', frame => frame.includes('Sorted by tokens'));
const openMs = await press('\r', frame => /All › \d{4}-W\d\d › \d{4}-\d\d-\d\d\n/.test(frame));
const rows = (/([\d,]+) sessions/.exec(app.lastFrame() ?? '') ?? [])[1];

const moves = [];
for (let index = 0; index < Number(args.presses); index++) {
	moves.push(await press(index % 40 < 20 ? 'j' : 'k'));
}

const pages = [];
for (let index = 0; index < 20; index++) {
	pages.push(await press(index < 10 ? '\u001B[6~' : '\u001B[5~'));
}

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));
const callsShown = () => Number((/([\d,]+) calls/.exec(app.lastFrame() ?? '') ?? [])[1]?.replaceAll(',', ''));
agentWrites = true;
const typing = [];
for (let index = 0; index < 100; index++) {
	typing.push(await press(index % 40 < 20 ? 'j' : 'k'));
	await sleep(50);
}

const keysStill = performance.now();
const callsWhileTyping = callsShown();
await until(() => callsShown() > callsWhileTyping);
const shownAfterMs = performance.now() - keysStill;
const browsing = [];
for (let index = 0; index < 20; index++) {
	browsing.push(await press(index % 10 < 5 ? 'j' : 'k'));
	await sleep(600);
}

agentWrites = false;
// Let the last held update show (keys still for a second) and settle before timing the rest.
await sleep(2000);
const sortMs = await press('n', frame => frame.includes('Sorted by time'));
// `a` opens the agent picker; `2` picks its first agent (after "all agents") at once.
await press('a', frame => frame.includes('Enter: pick'));
// The picker reads keys once its input handler is subscribed, an effect after its frame.
await sleep(100);
const filterMs = await press('2', frame => frame.includes('agent: '));
app.unmount();

const fmt = ms => `${ms.toFixed(1)} ms`;
console.log(
	`corpus: ${store.callCount.toLocaleString('en-US')} calls, ${firstTree.size.toLocaleString('en-US')} nodes (${days} days + a day of ${sessions.toLocaleString('en-US')} sessions)`,
);
console.log(`store: ${fmt(storeMs)}  buildTree: ${fmt(buildMs)}`);
console.log(`open a node with ${rows} children: ${fmt(openMs)}`);
console.log(
	`cursor move (j/k, ${moves.length} presses): p50 ${fmt(percentile(moves, 50))}  p95 ${fmt(percentile(moves, 95))}`,
);
console.log(
	`page move (PgUp/PgDn, ${pages.length} presses): p50 ${fmt(percentile(pages, 50))}  p95 ${fmt(percentile(pages, 95))}`,
);
console.log(
	`while an agent writes (${written} calls added): cursor every 50 ms p50 ${fmt(percentile(typing, 50))}  p95 ${fmt(percentile(typing, 95))}; every 600 ms p50 ${fmt(percentile(browsing, 50))}  p95 ${fmt(percentile(browsing, 95))}; update shown ${fmt(shownAfterMs)} after the keys stopped`,
);
console.log(`re-sort 10k children: ${fmt(sortMs)}`);
console.log(`agent filter (full rebuild of the tree): ${fmt(filterMs)}`);
process.exit(0);
