/**
The browsing screen: header (breadcrumbs, totals, sparkline), the listing of the opened node
or the open pane in its place, and the footer (prompt or status, key hints, billing block).
Also the screen drawn when the terminal is below the minimum size.
*/
import {Box, Text} from 'ink';
import {describeFilters} from '../browser/filters.js';
import type {SortKey} from '../browser/listing.js';
import {pickerList} from '../browser/pickers.js';
import type {Action, BrowserState} from '../browser/state.js';
import type {TreeModel} from '../model/types.js';
import {Footer, type FooterProps} from './footer.js';
import {Header} from './header.js';
import type {InsightsPaneData} from './hooks/use-insights-pane.js';
import type {OpenedListing} from './hooks/use-opened-listing.js';
import {ListView} from './list-view.js';
import {Panes} from './panes.js';
import {Picker} from './picker.js';
import type {Theme} from './theme.js';
import type {BudgetStatus} from '../insights/budget.js';
import {type BlockGauge, blockGauge, budgetGauge, type Gauge} from './limit-gauges.js';
import type {LoadedData, OtlpHost} from './types.js';

export const minimumSize = {columns: 40, rows: 10} as const;

/** From this width the info pane opens beside the list instead of over it. */
export const sidePaneMinColumns = 140;

/** The side info pane's width: about two fifths of the terminal, at most 72 columns. */
function sidePaneWidth(width: number): number {
	return Math.min(72, Math.floor(width * 0.42));
}

const sortLabels: Record<SortKey, string> = {tokens: 'tokens', cost: 'cost', name: 'time', count: 'count'};

export function TooSmall({columns, rows, height}: {columns: number; rows: number; height: number}) {
	return (
		<Box height={height} flexDirection="column">
			<Text wrap="truncate">Terminal too small</Text>
			<Text wrap="truncate">{`need ${minimumSize.columns}x${minimumSize.rows}, have ${columns}x${rows}`}</Text>
			<Text wrap="truncate">q: quit</Text>
		</Box>
	);
}

export type BrowserScreenProps = {
	readonly state: BrowserState;
	readonly model: TreeModel;
	readonly view: OpenedListing;
	/** Keys of the rows that grew in the last live update (marked for a moment). */
	readonly grown: ReadonlySet<string>;
	readonly data: LoadedData | undefined;
	readonly isDemo: boolean;
	readonly width: number;
	readonly height: number;
	readonly listRows: number;
	/** The insights pane's blocks and cursor space, while it is open. */
	readonly insights: InsightsPaneData | undefined;
	readonly theme: Theme;
	readonly block: FooterProps['block'];
	/** The header's limit gauges, when a budget or a block limit is set (each undefined until known). */
	readonly limits: {readonly budget: BudgetStatus | undefined; readonly block: BlockGauge | undefined} | undefined;
	readonly otlp: OtlpHost | undefined;
	onOtlpChange(): void;
	onCloseOverlay(): void;
	/** An entry of the open picker was picked: its action. */
	onPick(action: Action): void;
	onClosePicker(): void;
};

/** The header's gauges: the budget first, then the block's limit; those not known yet are left out. */
function gaugesOf(limits: BrowserScreenProps['limits'], width: number, theme: Theme): Gauge[] | undefined {
	if (!limits) {
		return undefined;
	}

	return [
		...(limits.budget ? [budgetGauge(limits.budget, width, theme)] : []),
		...(limits.block ? [blockGauge(limits.block, width, theme)] : []),
	];
}

/** The open picker (`t`, `a`, `d`) in the list's place. */
function PickerPane({state, model, listRows, width, theme, onPick, onClosePicker}: BrowserScreenProps) {
	const list = state.picker ? pickerList(state.picker, state, model) : undefined;
	if (!list) {
		return null;
	}

	return (
		<Picker
			title={list.title}
			items={list.entries.map(entry => ({label: entry.label, value: entry.action}))}
			current={list.current}
			rows={listRows}
			width={width}
			theme={theme}
			onPick={onPick}
			onCancel={onClosePicker}
		/>
	);
}

export function BrowserScreen(props: BrowserScreenProps) {
	const {state, model, view, width, theme} = props;
	const diagnosticCount = props.data?.diagnosticCount ?? 0;
	// On a wide terminal the info pane (`i`) opens beside the list, which keeps its rows and
	// cursor; the pane follows the cursor. Narrower, it takes the list's place.
	const sideInfo = state.overlay === 'info' && width >= sidePaneMinColumns;
	const panes = (paneWidth: number) =>
		state.overlay === 'none' ? null : (
			<Panes
				overlay={state.overlay}
				top={state.overlayTop}
				insights={props.insights}
				insightsView={state.insights}
				rows={props.listRows}
				width={paneWidth}
				theme={theme}
				model={model}
				node={view.selected ?? view.opened}
				otlp={props.otlp}
				onOtlpChange={props.onOtlpChange}
				onClose={props.onCloseOverlay}
				diagnostics={props.data?.diagnostics ?? []}
				diagnosticCount={diagnosticCount}
			/>
		);
	return (
		<Box flexDirection="column" height={props.height} width={width}>
			<Header
				path={view.path}
				width={width}
				theme={theme}
				timeZone={model.timezone}
				series={view.series}
				sparkMetric={state.sparkMetric}
				filters={describeFilters(state.filters)}
				isDemo={props.isDemo}
				gauges={gaugesOf(props.limits, width, theme)}
			/>
			{state.picker ? (
				<PickerPane {...props} />
			) : state.overlay === 'none' || sideInfo ? (
				<Box height={props.listRows} flexDirection="row">
					<Box width={sideInfo ? width - sidePaneWidth(width) - 1 : width} flexShrink={0}>
						<ListView
							listing={view.listing}
							cursor={view.window.cursor}
							top={view.window.top}
							rows={props.listRows}
							width={sideInfo ? width - sidePaneWidth(width) - 1 : width}
							graph={state.graph}
							grown={props.grown}
							theme={theme}
							timeZone={model.timezone}
						/>
					</Box>
					{sideInfo ? (
						<Box marginLeft={1} width={sidePaneWidth(width)}>
							{panes(sidePaneWidth(width))}
						</Box>
					) : null}
				</Box>
			) : (
				panes(width)
			)}
			<Footer
				prompt={state.prompt}
				status={state.status}
				sortLabel={`${sortLabels[state.sort.key]}${state.sort.reverse ? ' (reversed)' : ''}`}
				diagnosticCount={diagnosticCount}
				width={width}
				theme={theme}
				block={props.block}
			/>
		</Box>
	);
}
