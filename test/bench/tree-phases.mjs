#!/usr/bin/env node
/**
Tree-phase benchmark (not a test; a script, run after `npm run build`).

Loads a corpus once through the built code (parse cache on, ledger off, as `--json
--data-dir` does), then times the two phases that follow loading in `--json` mode, N times
each on a fresh pricer and a fresh tree (as one CLI run sees them):
- build:    buildTree(store) with the CLI's options (treeFor)
- insights: insightsFor(model, model.root, insightOptions) (what json-mode exports)
Prints each run and the medians in ms, and the heap used after each phase.

  node --expose-gc test/bench/tree-phases.mjs [--data-dir DIR] [--cache-home DIR] [--runs N]
      [--dist DIR] [--timezone TZ] [--phase build|insights|both]
  node test/bench/tree-phases.mjs --summary PROFILE.cpuprofile [--top N]
Defaults: .bench/claude-1g, its warm parse cache .bench/cache-claude-1g, 5 runs, the repo's
distribution/. For a CPU profile add `--cpu-prof --cpu-prof-dir=/tmp/prof` before the script;
`--summary` then prints that profile's self time by function (and file:line), largest first.
*/
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import {pathToFileURL} from 'node:url';
import {parseArgs} from 'node:util';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const {values: args} = parseArgs({
	options: {
		'data-dir': {type: 'string', default: path.join(repoRoot, '.bench/claude-1g')},
		'cache-home': {type: 'string', default: path.join(repoRoot, '.bench/cache-claude-1g')},
		dist: {type: 'string', default: path.join(repoRoot, 'distribution')},
		runs: {type: 'string', default: '5'},
		timezone: {type: 'string', default: 'UTC'},
		phase: {type: 'string', default: 'both'},
		summary: {type: 'string'},
		top: {type: 'string', default: '30'},
	},
});

if (args.summary) {
	summarizeProfile(args.summary, Number(args.top));
	process.exit(0);
}

/** Self time per function of a V8 .cpuprofile: samples × their interval, summed by node. */
function summarizeProfile(file, top) {
	const profile = JSON.parse(readFileSync(file, 'utf8'));
	const byNode = new Map(profile.nodes.map(node => [node.id, node]));
	const selfUs = new Map();
	for (let index = 0; index < profile.samples.length; index++) {
		const id = profile.samples[index];
		selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0));
	}

	const byFunction = new Map();
	let total = 0;
	for (const [id, us] of selfUs) {
		const {callFrame} = byNode.get(id);
		const where = callFrame.url
			? `${callFrame.url.replace(/^.*\/distribution\//, '')}:${callFrame.lineNumber + 1}`
			: '';
		const name = `${callFrame.functionName || '(anonymous)'} ${where}`.trim();
		byFunction.set(name, (byFunction.get(name) ?? 0) + us);
		total += us;
	}

	for (const [name, us] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, top)) {
		console.log(`${(us / 1000).toFixed(0).padStart(7)} ms ${((100 * us) / total).toFixed(1).padStart(5)} %  ${name}`);
	}

	console.log(`${(total / 1000).toFixed(0).padStart(7)} ms total`);
}

// The parse cache folder is read from the environment when loading starts.
process.env.XDG_CACHE_HOME = path.resolve(args['cache-home']);
const load = relative => import(pathToFileURL(path.join(path.resolve(args.dist), relative)).href);
const runtime = await load('cli/runtime.js');
const {insightsFor} = await load('insights/index.js');

/** The options `--json --timezone TZ --data-dir DIR` resolves to (ledger off for --data-dir). */
const options = {
	mode: 'json',
	timezone: args.timezone,
	agents: [],
	verbose: false,
	demo: false,
	dataDirs: [path.resolve(args['data-dir'])],
	prompts: false,
	color: false,
	ascii: false,
	cache: true,
	otlpHeaders: [],
	otlpOnce: false,
	ledger: false,
	imports: [],
};

const mb = bytes => `${(bytes / 1048576).toFixed(0)} MB`;
const heap = () => {
	globalThis.gc?.();
	return process.memoryUsage().heapUsed;
};

const median = values => {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = sorted.length >> 1;
	return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

const started = performance.now();
const {result} = await runtime.loadFor(options, {demoFallback: false});
console.log(
	`load: ${(performance.now() - started).toFixed(0)} ms, ${result.store.callCount} calls, heap ${mb(heap())}${globalThis.gc ? '' : ' (run with --expose-gc for exact heap figures)'}`,
);

const runs = Number(args.runs);
const times = {build: [], insights: []};
// CPU time (all threads, GC helpers included) as well as wall time: on a shared machine the
// wall time also counts waiting for a core.
const cpu = {build: [], insights: []};
function startClock() {
	const wall = performance.now();
	const usage = process.cpuUsage();
	return () => {
		const spent = process.cpuUsage(usage);
		return {wall: performance.now() - wall, cpu: (spent.user + spent.system) / 1000};
	};
}

for (let run = 0; run < runs; run++) {
	// A fresh pricer per run: buildTree memoizes prices per pricer, and one CLI run prices once.
	const pricer = await runtime.pricerFor(options);
	let clock = startClock();
	const model = runtime.treeFor(options, result, pricer);
	const build = clock();
	times.build.push(build.wall);
	cpu.build.push(build.cpu);
	const afterBuild = heap();
	let line = `run ${run + 1}: build ${build.wall.toFixed(0)} ms (cpu ${build.cpu.toFixed(0)}; ${model.size} nodes, heap ${mb(afterBuild)})`;
	if (args.phase !== 'build') {
		clock = startClock();
		const insights = insightsFor(model, model.root, runtime.insightOptions(options, pricer));
		const measured = clock();
		times.insights.push(measured.wall);
		cpu.insights.push(measured.cpu);
		line += `, insights ${measured.wall.toFixed(0)} ms (cpu ${measured.cpu.toFixed(0)}; ${insights.length} found, heap ${mb(heap())})`;
	}

	console.log(line);
}

const summary = phase => `${phase} ${median(times[phase]).toFixed(0)} ms (cpu ${median(cpu[phase]).toFixed(0)} ms)`;
console.log(
	`median ${summary('build')}${times.insights.length > 0 ? `, ${summary('insights')}` : ''} over ${runs} runs`,
);
