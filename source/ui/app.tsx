/**
The root component, a composition of hooks (hooks/) and screens (ARCHITECTURE.md §7): loading
view → browser. The browser reducer (browser/state.ts, hooks/use-browser-state.ts) holds what the
user changed; the other hooks derive everything shown from (data, filters, path, sort). One
`useInput` translates keys through browser/keymap.ts and dispatches (hooks/use-app-keys.ts);
overlays and prompts are modes of that state, not extra input hooks.

Layout is fixed-height: header, list (or a pane), footer, one line short of the terminal so
Ink never falls back to clearing the whole screen on each frame.
*/
import {useApp} from 'ink';
import {useMemo, useReducer, useRef} from 'react';
import {BrowserScreen, minimumSize, TooSmall} from './browser-screen.js';
import {footerHeight} from './footer.js';
import {headerHeight} from './header.js';
import {useAppKeys} from './hooks/use-app-keys.js';
import {useBrowserState} from './hooks/use-browser-state.js';
import {useGrownRows} from './hooks/use-grown-rows.js';
import {useInsightsPane} from './hooks/use-insights-pane.js';
import {useJsonExport} from './hooks/use-json-export.js';
import {useLoad} from './hooks/use-load.js';
import {useOpenedListing} from './hooks/use-opened-listing.js';
import {useTerminalSize} from './hooks/use-terminal-size.js';
import {
	hasBlockLimit,
	useBillingBlock,
	useBudgetStatus,
	useFilteredTree,
	useLoadClock,
} from './hooks/use-usage-tree.js';
import {LoadingView} from './loading-view.js';
import {makeTheme} from './theme.js';
import type {AppProps} from './types.js';

export {minimumSize} from './browser-screen.js';

/** A live update is shown once no key was pressed for this long. */
const keysStillMs = 1000;

export function App({source, options, otlp}: AppProps) {
	const {exit} = useApp();
	const {columns, rows} = useTerminalSize(options.size);
	const theme = useMemo(() => makeTheme({ascii: options.ascii, color: options.color}), [options.ascii, options.color]);
	const [state, dispatch] = useBrowserState(options);
	// Live updates wait until the keys have been still for a moment, and keep the cursor's row (see useLoad).
	const lastKeyAt = useRef(0);
	const keepCursor = useRef(() => undefined as void);
	const liveHooks = useMemo(
		() => ({
			holdUpdates: () => Date.now() - lastKeyAt.current < keysStillMs,
			beforeUpdate: () => keepCursor.current(),
		}),
		[],
	);
	const load = useLoad(source, state.loadGeneration, liveHooks);
	const data = load.status === 'ready' ? load.data : undefined;
	const now = useLoadClock(data, options.now);
	const model = useFilteredTree(source, data, state.filters, state.groupBy, now);
	const block = useBillingBlock(source, data, now, options.blockLimits);
	const budget = useBudgetStatus(source, data, now, state.budget);
	const hasGauges = state.budget !== undefined || hasBlockLimit(options.blockLimits);
	// Bumped when the OTLP host connects/disconnects, so its getters are read again.
	const [, otlpChanged] = useReducer((version: number) => version + 1, 0);
	const height = Math.max(1, rows - 1);
	const isDemo = source.isDemo || data?.isDemo === true;
	const listRows = Math.max(1, height - headerHeight(isDemo, hasGauges) - footerHeight);
	const {cache, view} = useOpenedListing(model, state, listRows, source.timezone);
	const grown = useGrownRows(data, view);
	const insights = useInsightsPane({
		open: state.overlay === 'insights',
		source,
		model,
		scope: view?.opened,
		now,
		width: columns,
		// The pane's title takes one of the list's rows.
		rows: listRows - 1,
		ascii: theme.ascii,
	});
	keepCursor.current = () => {
		if (view?.selected) {
			const path = view.path.slice(1).map(node => node.key);
			dispatch({type: 'keepCursor', path, key: view.selected.key, top: view.window.top});
		}
	};
	useAppKeys({
		state,
		dispatch,
		loadFailed: load.status === 'error',
		model,
		cache,
		listRows,
		insightsNav: insights?.nav,
		paneOwnsKeys: state.overlay === 'otlp' && otlp !== undefined && model !== undefined,
		quit: exit,
		exportJson: useJsonExport(source, model, dispatch),
		onKey() {
			lastKeyAt.current = Date.now();
		},
	});

	if (columns < minimumSize.columns || rows < minimumSize.rows) {
		return <TooSmall columns={columns} rows={rows} height={height} />;
	}

	if (!model || !view) {
		const error = load.status === 'error' ? load.message : undefined;
		const progress = load.status === 'loading' ? load.progress : undefined;
		return <LoadingView progress={progress} width={columns} height={height} theme={theme} error={error} />;
	}

	return (
		<BrowserScreen
			state={state}
			model={model}
			view={view}
			grown={grown}
			data={data}
			isDemo={isDemo}
			width={columns}
			height={height}
			listRows={listRows}
			insights={insights}
			theme={theme}
			block={block.footer}
			limits={hasGauges ? {budget, block: block.gauge} : undefined}
			otlp={otlp}
			onOtlpChange={otlpChanged}
			onCloseOverlay={() => dispatch({type: 'closeOverlay'})}
			onPick={action => dispatch({type: 'pick', action})}
			onClosePicker={() => dispatch({type: 'closePicker'})}
		/>
	);
}
