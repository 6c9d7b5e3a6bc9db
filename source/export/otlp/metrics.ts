/**
The `agent.usage.*` instruments (the 12 of coding-agent-usage, same names and kinds, plus
cache and cost) and their registration on a Meter.

Cumulative temporality done right:
- counters and gauges are *observable*: their callbacks report the tree's current cumulative
  totals (one shared snapshot per tree) at each collection, so re-exporting with no new usage
  repeats the same values instead of adding them again;
- the two histograms are synchronous and each session day-fragment is recorded exactly once,
  remembered by key, and only once it has settled (no call for `settleMs`), because a
  histogram observation cannot be taken back when a live session grows.
*/
import type {Attributes as OtelAttributes, Meter} from '@opentelemetry/api';
import type {TreeModel} from '../../model/types.js';
import type {ProjectMode} from './config.js';
import {summarize, type UsageSnapshot} from './snapshot.js';

export type InstrumentKind = 'counter' | 'histogram' | 'gauge';

export type InstrumentSpec = {
	readonly name: string;
	readonly kind: InstrumentKind;
	readonly unit: string;
	readonly description: string;
	/** Attribute keys besides `agent` (`project` is absent when its mode is `omit`). */
	readonly attributes: readonly string[];
};

const usageKeys = ['model', 'project', 'date'] as const;

/** The public metric table (also rendered into the docs). */
export const instruments = [
	{
		name: 'agent.usage.tokens.input',
		kind: 'counter',
		unit: '{token}',
		description: 'Fresh (uncached) input tokens',
		attributes: usageKeys,
	},
	{
		name: 'agent.usage.tokens.output',
		kind: 'counter',
		unit: '{token}',
		description: 'Output tokens (reasoning included)',
		attributes: usageKeys,
	},
	{
		name: 'agent.usage.tokens.cache_read',
		kind: 'counter',
		unit: '{token}',
		description: 'Input tokens served from the prompt cache',
		attributes: usageKeys,
	},
	{
		name: 'agent.usage.tokens.cache_write',
		kind: 'counter',
		unit: '{token}',
		description: 'Tokens written to the prompt cache',
		attributes: usageKeys,
	},
	{
		name: 'agent.usage.queries',
		kind: 'counter',
		unit: '{query}',
		description: 'Model requests (API calls)',
		attributes: usageKeys,
	},
	{
		name: 'agent.usage.cost',
		kind: 'counter',
		unit: '{USD}',
		description: 'Cost in USD of priced calls (agent-reported or estimated)',
		attributes: usageKeys,
	},
	{name: 'agent.usage.sessions', kind: 'counter', unit: '{session}', description: 'Sessions', attributes: ['project']},
	{
		name: 'agent.usage.session.tokens',
		kind: 'histogram',
		unit: '{token}',
		description: 'Tokens per session and day',
		attributes: usageKeys,
	},
	{
		name: 'agent.usage.session.queries',
		kind: 'histogram',
		unit: '{query}',
		description: 'Model requests per session and day',
		attributes: usageKeys,
	},
	{
		name: 'agent.usage.daily.tokens.input',
		kind: 'gauge',
		unit: '{token}',
		description: 'Fresh input tokens of the day',
		attributes: ['date'],
	},
	{
		name: 'agent.usage.daily.tokens.output',
		kind: 'gauge',
		unit: '{token}',
		description: 'Output tokens of the day',
		attributes: ['date'],
	},
	{
		name: 'agent.usage.daily.sessions',
		kind: 'gauge',
		unit: '{session}',
		description: 'Sessions active on the day',
		attributes: ['date'],
	},
	{
		name: 'agent.usage.model.tokens.input',
		kind: 'gauge',
		unit: '{token}',
		description: 'Fresh input tokens per model',
		attributes: ['model'],
	},
	{
		name: 'agent.usage.model.tokens.output',
		kind: 'gauge',
		unit: '{token}',
		description: 'Output tokens per model',
		attributes: ['model'],
	},
	{
		name: 'agent.usage.model.queries',
		kind: 'gauge',
		unit: '{query}',
		description: 'Model requests per model',
		attributes: ['model'],
	},
] as const satisfies readonly InstrumentSpec[];

const tokenBuckets = [
	10_000, 50_000, 100_000, 250_000, 500_000, 1_000_000, 2_500_000, 5_000_000, 10_000_000, 25_000_000, 50_000_000,
	100_000_000,
];
const queryBuckets = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000];

export type UsageMetricsOptions = {
	readonly project: ProjectMode;
	/** A session fragment enters the histograms once idle this long; 0 = at once. */
	readonly settleMs: number;
	readonly now?: () => number;
};

export type UsageMetrics = {
	/**
	Records settled, not yet recorded sessions into the histograms; call before collecting.
	Yields to the event loop every few hundred sessions (the first export may record thousands).
	*/
	recordSettledSessions(): Promise<void>;
	/** Distinct session fragments recorded so far. */
	readonly recordedSessions: number;
};

type Spec = (typeof instruments)[number];
type InstrumentName = Spec['name'];
type Observation = readonly [value: number, attributes: OtelAttributes];

function options(name: InstrumentName) {
	const {unit, description} = instruments.find(instrument => instrument.name === name)!;
	return {unit, description};
}

/** The snapshot's aggregate tables (the histograms' session samples are recorded, not observed). */
type Table = Exclude<keyof UsageSnapshot, 'sessionSamples'>;
type Row<T extends Table> = UsageSnapshot[T][number];
type NumberField<T extends Table> = {[K in keyof Row<T>]: Row<T>[K] extends number ? K : never}[keyof Row<T>];

/** An instrument that observes `field` of every row of the snapshot's `table`, under the row's attributes. */
function column<T extends Table>(table: T, field: NumberField<T>) {
	return (snapshot: UsageSnapshot): Observation[] =>
		(snapshot[table] as readonly Row<T>[]).map(row => [row[field] as number, row.attributes]);
}

/** What each observable instrument reports from a snapshot. */
const observers: Partial<Record<InstrumentName, (snapshot: UsageSnapshot) => Observation[]>> = {
	'agent.usage.tokens.input': column('usage', 'input'),
	'agent.usage.tokens.output': column('usage', 'output'),
	'agent.usage.tokens.cache_read': column('usage', 'cacheRead'),
	'agent.usage.tokens.cache_write': column('usage', 'cacheWrite'),
	'agent.usage.queries': column('usage', 'queries'),
	'agent.usage.cost': column('usage', 'cost'),
	'agent.usage.sessions': column('sessions', 'count'),
	'agent.usage.daily.tokens.input': column('daily', 'input'),
	'agent.usage.daily.tokens.output': column('daily', 'output'),
	'agent.usage.daily.sessions': column('daily', 'sessions'),
	'agent.usage.model.tokens.input': column('models', 'input'),
	'agent.usage.model.tokens.output': column('models', 'output'),
	'agent.usage.model.queries': column('models', 'queries'),
};

/** Lets input and timers run between slices of a long collection. */
export const yieldToEventLoop = () => new Promise<void>(resolve => setImmediate(resolve));

/**
Registers every instrument, each on the meter `meterFor` returns for it (the pipeline gives
each instrument its own reader so collection can yield between instruments). `getModel` is
read at each collection; the snapshot is computed once per tree and shared.
*/
export function registerUsageMetrics(
	meterFor: (name: InstrumentName) => Meter,
	getModel: () => TreeModel | undefined,
	config: UsageMetricsOptions,
): UsageMetrics {
	const now = config.now ?? Date.now;
	let cached: {model: TreeModel; snapshot: UsageSnapshot} | undefined;
	const snapshotOf = (): UsageSnapshot | undefined => {
		const model = getModel();
		if (!model) {
			return undefined;
		}

		if (cached?.model !== model) {
			cached = {model, snapshot: summarize(model, config.project)};
		}

		return cached.snapshot;
	};

	for (const instrument of instruments) {
		const observe = observers[instrument.name];
		if (!observe) {
			continue;
		}

		const meter = meterFor(instrument.name);
		const observable =
			instrument.kind === 'counter'
				? meter.createObservableCounter(instrument.name, options(instrument.name))
				: meter.createObservableGauge(instrument.name, options(instrument.name));
		observable.addCallback(result => {
			const snapshot = snapshotOf();
			for (const [value, attributes] of snapshot ? observe(snapshot) : []) {
				result.observe(value, attributes);
			}
		});
	}

	const sessionTokens = meterFor('agent.usage.session.tokens').createHistogram('agent.usage.session.tokens', {
		...options('agent.usage.session.tokens'),
		advice: {explicitBucketBoundaries: tokenBuckets},
	});
	const sessionQueries = meterFor('agent.usage.session.queries').createHistogram('agent.usage.session.queries', {
		...options('agent.usage.session.queries'),
		advice: {explicitBucketBoundaries: queryBuckets},
	});
	const recorded = new Set<string>();

	return {
		async recordSettledSessions() {
			const snapshot = snapshotOf();
			if (!snapshot) {
				return;
			}

			const settledBefore = now() - config.settleMs;
			let sinceYield = 0;
			for (const sample of snapshot.sessionSamples) {
				if (recorded.has(sample.key) || (config.settleMs > 0 && sample.lastTime > settledBefore)) {
					continue;
				}

				recorded.add(sample.key);
				sessionTokens.record(sample.tokens, sample.attributes);
				sessionQueries.record(sample.queries, sample.attributes);
				if (++sinceYield >= 500) {
					sinceYield = 0;
					await yieldToEventLoop();
				}
			}
		},
		get recordedSessions() {
			return recorded.size;
		},
	};
}
