/**
The boundary between the TUI and the composition root (cli.tsx). The CLI implements
`DataSource` (loading, building, exporting); the UI only calls it and never imports the
pipeline or parsers at runtime.
*/
import type {Diagnostic} from '../core/diagnostics.js';
import type {OtlpConfig} from '../export/otlp/config.js';
import type {OtlpController} from '../export/otlp/exporter.js';
import type {ValidationResult} from '../export/otlp/validate.js';
import type {Insight, PlanId} from '../insights/types.js';
import type {Budget} from '../insights/budget.js';
import type {Filters} from '../browser/filters.js';
import type {Sort} from '../browser/listing.js';
import type {RememberedView} from '../browser/remembered.js';
import type {UsageStore} from '../model/store.js';
import type {TreeFilter, TreeModel, TreeNode} from '../model/types.js';
import type {LoadProgress} from '../pipeline/types.js';

export type LoadedData = {
	readonly store: UsageStore;
	/** The first diagnostics in detail (the pipeline keeps a bounded number). */
	readonly diagnostics: readonly Diagnostic[];
	/** All diagnostics, counted. */
	readonly diagnosticCount: number;
	/** Number of files read. */
	readonly files: number;
	/** Set when the demo data was loaded because no agent data was found (banner). */
	readonly isDemo?: boolean;
};

export type DataSource = {
	/** Shows the banner "Demo data — no agent data found on this machine" (so does `LoadedData.isDemo`). */
	readonly isDemo: boolean;
	/** The IANA zone days and weeks are cut in. */
	readonly timezone: string;
	/** Called on start and again on `r`. Must stop promptly when `signal` aborts. */
	load(onProgress: (progress: LoadProgress) => void, signal: AbortSignal): Promise<LoadedData>;
	/**
	Keeps a load current while agents write (optional; off with `--no-watch`): `onUpdate` gets
	the same load (same store) grown, as a new object. Returns the function that stops watching.
	*/
	watch?(loaded: LoadedData, onUpdate: (loaded: LoadedData) => void): () => void;
	/**
	Pure and synchronous: called again whenever the filter changes. A filter that keeps
	everything gets the same tree as `unfiltered`.
	*/
	build(loaded: LoadedData, filter: TreeFilter): TreeModel;
	/**
	All usage of the load, no filter of any kind: what the billing block counts (filters
	change what you see, not what you spent). Built at most once per load.
	*/
	unfiltered(loaded: LoadedData): TreeModel;
	/** Writes the export document of `model`; resolves with the path written. */
	exportJson(model: TreeModel): Promise<string>;
	/**
	Insights for the opened node (`I`) as of `now`, the app's clock reading for this load.
	Optional: without it the app calls `insightsFor(model, node, {now})` itself; the CLI passes
	one to add plan limits or a pricer.
	*/
	insights?(model: TreeModel, node: TreeNode, now: number): Insight[];
};

/**
What the OTLP settings pane (`o`) needs from the CLI. `controller` and `config` are read on
every render (getters are fine): they change after connect/disconnect. Every network request
(exports, the pane's Test) and every file write goes through here: the UI performs no I/O.
*/
export type OtlpHost = {
	readonly controller: OtlpController | undefined;
	readonly config: OtlpConfig | undefined;
	connect(config: OtlpConfig): void;
	disconnect(): void;
	saveConfig?(config: OtlpConfig): Promise<void>;
	/** The pane's Test (`t`): one empty export to `config`'s endpoint; never rejects. */
	testEndpoint(config: OtlpConfig): Promise<ValidationResult>;
};

export type AppOptions = {
	/** `--ascii`: no Unicode block or box characters. */
	readonly ascii: boolean;
	/** false with `NO_COLOR` or `--no-color`. */
	readonly color: boolean;
	readonly initialSort?: Sort;
	readonly initialFilters?: Filters;
	/** Fixed terminal size (tests); otherwise read from stdout and updated on resize. */
	readonly size?: {readonly columns: number; readonly rows: number};
	/** The view remembered from the last run; explicit initialSort/initialFilters win over it. */
	readonly initialView?: RememberedView;
	/** Called whenever sort, filters, graph mode, the opened path or the budget change (to save them). */
	readonly onViewChange?: (view: RememberedView) => void;
	/** `--budget`: wins over the remembered view's budget. */
	readonly initialBudget?: Budget;
	/** Limits for the 5-hour billing block shown in the footer (`--token-limit`, `--plan`). */
	readonly blockLimits?: {readonly tokenLimit?: number; readonly plan?: PlanId};
	/** Clock for relative time ranges (tests); defaults to Date.now. */
	readonly now?: () => number;
};

export type AppProps = {
	readonly source: DataSource;
	readonly options: AppOptions;
	/** Enables the OTLP settings pane; without it `o` shows "not available". */
	readonly otlp?: OtlpHost;
};
