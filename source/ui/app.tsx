/**
The root component: loading view → browser. One `useReducer` (browser/state.ts) holds what
the user changed; everything shown is derived with `useMemo` from (data, filters, path, sort).
One `useInput` translates keys through browser/keymap.ts and dispatches; overlays and
prompts are modes of that state, not extra input hooks.

Layout is fixed-height: header, list (or a pane), footer, one line short of the terminal so
Ink never falls back to clearing the whole screen on each frame.
*/
import {Box, type Key, Text, useApp, useInput} from 'ink';
import {useCallback, useEffect, useMemo, useReducer, useRef, useState} from 'react';
import {describeFilters, toTreeFilter} from '../browser/filters.js';
import {keymap, type Command} from '../browser/keymap.js';
import {ListingCache, type SortKey} from '../browser/listing.js';
import {navOf, navResolver} from '../browser/nav.js';
import {scopeSeries} from '../browser/series.js';
import {browserReducer, initialState, viewOf, windowOf} from '../browser/state.js';
import {blockStatus, blockSummary} from '../insights/index.js';
import {findByKeyPath, pathOf} from '../model/query.js';
import {Footer, footerHeight} from './footer.js';
import {Header, headerHeight} from './header.js';
import {useLoad} from './hooks/use-load.js';
import {useTerminalSize} from './hooks/use-terminal-size.js';
import {ListView} from './list-view.js';
import {LoadingView} from './loading-view.js';
import {Panes} from './panes.js';
import {makeTheme} from './theme.js';
import type {AppProps} from './types.js';

export const minimumSize = {columns: 40, rows: 10} as const;

const sortLabels: Record<SortKey, string> = {tokens: 'tokens', cost: 'cost', name: 'time', count: 'count'};

export function App({source, options, otlp}: AppProps) {
	const {exit} = useApp();
	const {columns, rows} = useTerminalSize(options.size);
	const theme = useMemo(() => makeTheme({ascii: options.ascii, color: options.color}), [options.ascii, options.color]);
	const [state, dispatch] = useReducer(browserReducer, undefined, () =>
		initialState({
			sort: options.initialSort ?? options.initialView?.sort,
			filters: options.initialFilters ?? options.initialView?.filters,
			graph: options.initialView?.graph,
			path: options.initialView?.path,
		}),
	);
	const load = useLoad(source, state.loadGeneration);
	// Bumped when the OTLP host connects/disconnects, so its getters are read again.
	const [, setOtlpVersion] = useState(0);
	const data = load.status === 'ready' ? load.data : undefined;
	const nowRef = useRef(options.now ?? Date.now);
	// One clock reading per load: relative time ranges, the billing block and the insights
	// ("frees up in …") describe the data as of the moment it was read, and stay put between
	// key presses; `r` reads the files and the clock again.
	const now = useMemo(() => (data ? nowRef.current() : 0), [data]);
	const treeFilter = useMemo(
		() => toTreeFilter(state.filters, now, source.timezone),
		[state.filters, now, source.timezone],
	);
	const model = useMemo(() => (data ? source.build(data, treeFilter) : undefined), [data, treeFilter, source]);
	// The active 5-hour billing block over all usage: filters do not change what you may spend.
	const unfiltered = useMemo(() => (data ? source.unfiltered(data) : undefined), [data, source]);
	const block = useMemo(() => {
		if (!unfiltered) {
			return undefined;
		}

		const status = blockStatus(unfiltered, now, options.blockLimits ?? {});
		const text = blockSummary(status);
		return text ? {text, level: status.warningLevel} : undefined;
	}, [unfiltered, now, options.blockLimits]);
	// The host remembers the view between runs (config file); tell it whenever it changes.
	const {onViewChange} = options;
	useEffect(() => {
		onViewChange?.({sort: state.sort, filters: state.filters, graph: state.graph, path: state.path});
	}, [onViewChange, state.sort, state.filters, state.graph, state.path]);
	// Listings belong to one tree: a rebuilt tree gets a fresh cache.
	const cache = useMemo(() => (model ? new ListingCache() : undefined), [model]);
	const opened = model ? findByKeyPath(model, state.path) : undefined;
	const path = useMemo(() => (opened ? pathOf(opened) : []), [opened]);
	const keyPath = useMemo(() => path.slice(1).map(node => node.key), [path]);
	const listing = opened && cache ? cache.get(opened, state.sort) : undefined;
	const height = Math.max(1, rows - 1);
	const isDemo = source.isDemo || data?.isDemo === true;
	const listRows = Math.max(1, height - headerHeight(isDemo) - footerHeight);
	const nav = navOf(listing, keyPath, listRows);
	const window = windowOf(viewOf(state, keyPath), nav);
	const selected = listing?.children[window.cursor];
	const series = useMemo(
		() => (opened ? scopeSeries(opened, state.sparkMetric, source.timezone) : undefined),
		[opened, state.sparkMetric, source.timezone],
	);

	const runExport = useCallback(() => {
		if (!model) {
			return;
		}

		dispatch({type: 'status', message: 'Exporting…'});
		source.exportJson(model).then(
			file => {
				dispatch({type: 'status', message: `Exported to ${file}`});
			},
			(error: unknown) => {
				dispatch({type: 'status', message: `Export failed: ${error instanceof Error ? error.message : String(error)}`});
			},
		);
	}, [model, source]);

	const perform = (command: Command) => {
		switch (command.type) {
			case 'quit': {
				exit();
				return;
			}

			case 'export': {
				runExport();
				return;
			}

			case 'move':
			case 'open':
			case 'up': {
				if (model && cache) {
					dispatch({...command, nav: navResolver(model, cache, listRows)});
				}

				return;
			}

			case 'cycleDevice': {
				// Like agents, devices are listed before filtering: a device filter does not hide the others.
				dispatch({type: 'cycleDevice', devices: model?.devicesPresent ?? []});
				return;
			}

			case 'cycleAgent': {
				dispatch({type: 'cycleAgent', agents: model?.agentsPresent ?? []});
				return;
			}

			default: {
				dispatch(command);
			}
		}
	};

	const onKey = (input: string, key: Key) => {
		if (load.status === 'error' && input === 'r') {
			dispatch({type: 'reload'});
			return;
		}

		if (state.overlay === 'otlp' && otlp && model) {
			// The OTLP settings pane owns the keyboard (it edits text); it closes itself.
			return;
		}

		// Keys typed faster than they are read arrive as one string ("jjj"): outside a prompt,
		// each character is its own key press.
		if (!state.prompt && input.length > 1 && !key.ctrl && !key.meta && !input.includes('\u001B')) {
			const chars = [...input];
			for (const [index, char] of chars.entries()) {
				if (char === '/') {
					// What follows `/` in the same read is the filter text (a paste, a fast typist).
					dispatch({type: 'startPrompt', kind: 'text'});
					const rest = chars
						.slice(index + 1)
						.join('')
						.replace(/[\u0000-\u001F\u007F]/g, '');
					if (rest) {
						dispatch({type: 'promptInput', text: rest});
					}

					return;
				}

				onKey(char, {...key, return: char === '\r' || char === '\n', tab: char === '\t'});
			}

			return;
		}

		const command = keymap(input, key, {loading: !model, overlay: state.overlay, prompt: state.prompt});
		if (command) {
			perform(command);
		}
	};

	// Ink installs the input handler in an effect, one step after the frame is drawn; a key
	// typed in between would reach the previous render's handler. Reading the latest one
	// through a ref (assigned during render) makes every key see what is on screen.
	const latestOnKey = useRef(onKey);
	latestOnKey.current = onKey;
	useInput(useCallback((input: string, key: Key) => latestOnKey.current(input, key), []));

	if (columns < minimumSize.columns || rows < minimumSize.rows) {
		return (
			<Box height={height} flexDirection="column">
				<Text wrap="truncate">Terminal too small</Text>
				<Text wrap="truncate">{`need ${minimumSize.columns}x${minimumSize.rows}, have ${columns}x${rows}`}</Text>
				<Text wrap="truncate">q: quit</Text>
			</Box>
		);
	}

	if (!model || !opened || !listing || !series) {
		const error = load.status === 'error' ? load.message : undefined;
		const progress = load.status === 'loading' ? load.progress : undefined;
		return <LoadingView progress={progress} width={columns} height={height} theme={theme} error={error} />;
	}

	const diagnosticCount = data?.diagnosticCount ?? 0;
	return (
		<Box flexDirection="column" height={height} width={columns}>
			<Header
				path={path}
				width={columns}
				theme={theme}
				timeZone={model.timezone}
				series={series}
				sparkMetric={state.sparkMetric}
				filters={describeFilters(state.filters)}
				isDemo={isDemo}
			/>
			{state.overlay === 'none' ? (
				<ListView
					listing={listing}
					cursor={window.cursor}
					top={window.top}
					rows={listRows}
					width={columns}
					graph={state.graph}
					theme={theme}
					timeZone={model.timezone}
				/>
			) : (
				<Panes
					overlay={state.overlay}
					top={state.overlayTop}
					rows={listRows}
					width={columns}
					theme={theme}
					model={model}
					node={selected ?? opened}
					scope={opened}
					source={source}
					otlp={otlp}
					now={now}
					onOtlpChange={() => {
						setOtlpVersion(version => version + 1);
					}}
					onClose={() => {
						dispatch({type: 'closeOverlay'});
					}}
					diagnostics={data?.diagnostics ?? []}
					diagnosticCount={diagnosticCount}
				/>
			)}
			<Footer
				prompt={state.prompt}
				status={state.status}
				sortLabel={`${sortLabels[state.sort.key]}${state.sort.reverse ? ' (reversed)' : ''}`}
				diagnosticCount={diagnosticCount}
				width={columns}
				theme={theme}
				block={block}
			/>
		</Box>
	);
}
