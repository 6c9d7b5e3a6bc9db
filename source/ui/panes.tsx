/**
The panes that replace the list: info (`i`), help (`?`), diagnostics (`D`), insights (`I`) and
OTLP settings (`o`). Line panes scroll by the reducer's offset; the insights pane by the
reducer's insight cursor (browser/insights-view.ts); the OTLP pane owns the keyboard while open
(the app's keymap stands aside).
*/
import {Box, Text} from 'ink';
import {useMemo} from 'react';
import type {Diagnostic} from '../core/diagnostics.js';
import {firstInsight, type InsightsView, insightsWindow} from '../browser/insights-view.js';
import {scopeSeries} from '../browser/series.js';
import type {Overlay as OverlayMode} from '../browser/state.js';
import type {TreeModel, TreeNode} from '../model/types.js';
import {isGroupKind} from '../model/views.js';
import {helpLines} from './help-lines.js';
import {infoLines, type Line, tableLines} from './info-lines.js';
import {toAscii, truncate} from './format.js';
import type {InsightsPaneData} from './hooks/use-insights-pane.js';
import {InsightsPane} from './insights-pane.js';
import {OtlpSettings} from './otlp-settings.js';
import {Overlay} from './overlay.js';
import type {Theme} from './theme.js';
import type {OtlpHost} from './types.js';

export type PanesProps = {
	readonly overlay: Exclude<OverlayMode, 'none'>;
	readonly top: number;
	/** The insights pane's blocks (while it is open) and the reducer's cursor over them. */
	readonly insights?: InsightsPaneData | undefined;
	readonly insightsView?: InsightsView;
	readonly rows: number;
	readonly width: number;
	readonly theme: Theme;
	readonly model: TreeModel;
	/** The selected node (or the opened one when its listing is empty): what `i` describes. */
	readonly node: TreeNode;
	readonly otlp: OtlpHost | undefined;
	/** Re-render after the OTLP host changed state (connect/disconnect). */
	onOtlpChange(): void;
	onClose(): void;
	readonly diagnostics: readonly Diagnostic[];
	readonly diagnosticCount: number;
};

/** The diagnostics as a table (kind, agent, file:line keeping its end, message) fitted to the pane. */
export function diagnosticLines(
	diagnostics: readonly Diagnostic[],
	count: number,
	layout: {readonly width: number; readonly ascii: boolean},
): Line[] {
	if (count === 0) {
		return [{text: 'No diagnostics: every file and line was read.'}];
	}

	const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();
	const rows = diagnostics.map(item => [
		item.kind,
		item.agent ?? '',
		oneLine(`${item.file ?? ''}${item.line === undefined ? '' : `:${item.line}`}`),
		oneLine(item.message),
	]);
	const columns = [{title: 'kind'}, {title: 'agent'}, {title: 'file', keep: 'end' as const}, {title: 'message'}];
	const lines = tableLines({columns, rows}, layout.width, layout.ascii);
	if (count > diagnostics.length) {
		lines.push({text: `… and ${count - diagnostics.length} more (run with --verbose for all)`});
	}

	return lines;
}

export function Panes(props: PanesProps) {
	const {overlay, rows, width, theme, otlp} = props;
	if (overlay === 'insights') {
		return <InsightsScreen {...props} />;
	}

	if (overlay === 'otlp' && otlp) {
		return (
			<Box height={rows} flexDirection="column" overflow="hidden">
				<OtlpSettings
					controller={otlp.controller}
					config={otlp.config}
					onConnect={config => {
						otlp.connect(config);
						props.onOtlpChange();
					}}
					onDisconnect={() => {
						otlp.disconnect();
						props.onOtlpChange();
					}}
					onClose={props.onClose}
					saveConfig={otlp.saveConfig}
					testEndpoint={config => otlp.testEndpoint(config)}
					width={width}
					height={rows}
					theme={theme}
				/>
			</Box>
		);
	}

	return <LinePane {...props} />;
}

/** Title with the position and the keys, then the insights. */
function InsightsScreen({insights, insightsView, rows, width, theme}: PanesProps) {
	const blocks = insights?.blocks ?? [];
	const {cursor, top} = insights ? insightsWindow(insightsView ?? firstInsight, insights.nav) : {cursor: -1, top: 0};
	const position = blocks.length === 0 ? '(none)' : `${cursor + 1}/${blocks.length}`;
	const opens = blocks[cursor]?.insight.target ? '  Enter: open' : '';
	const title = `Insights (${position})  j/k: select${opens}  Esc: close`;
	return (
		<Box height={rows} flexDirection="column" overflow="hidden">
			<Text inverse wrap="truncate">
				{truncate(theme.ascii ? toAscii(title) : title, width, theme.ascii).padEnd(width)}
			</Text>
			<InsightsPane
				blocks={blocks}
				cursor={cursor}
				top={top}
				width={width}
				height={Math.max(1, rows - 1)}
				ascii={theme.ascii}
				color={theme.accent !== undefined}
			/>
		</Box>
	);
}

function LinePane({overlay, top, rows, width, theme, model, node, diagnostics, diagnosticCount}: PanesProps) {
	const {title, lines} = useMemo((): {title: string; lines: Line[]} => {
		switch (overlay) {
			case 'info': {
				const series =
					node.kind === 'week' || node.kind === 'day' || isGroupKind(node.kind)
						? scopeSeries(node, 'tokens', model.timezone)
						: undefined;
				return {title: 'Info', lines: infoLines(node, {timeZone: model.timezone, theme, width, series})};
			}

			case 'help': {
				return {title: 'Keys', lines: helpLines()};
			}

			case 'diagnostics': {
				return {
					title: `Diagnostics (${diagnosticCount})`,
					lines: diagnosticLines(diagnostics, diagnosticCount, {width, ascii: theme.ascii}),
				};
			}

			case 'otlp': {
				return {
					title: 'OTLP settings',
					lines: [{text: 'OTLP settings not available: this run has no exporter (see --otlp-endpoint).'}],
				};
			}

			case 'insights': {
				return {title: 'Insights', lines: []};
			}

			default: {
				overlay satisfies never;
				return {title: '', lines: []};
			}
		}
	}, [overlay, node, model, theme, width, diagnostics, diagnosticCount]);
	// In the info pane j/k move the list's cursor (the pane follows it); elsewhere they scroll.
	return (
		<Overlay
			title={title}
			lines={lines}
			top={top}
			rows={rows}
			width={width}
			theme={theme}
			keys={overlay === 'info' ? 'select' : 'scroll'}
		/>
	);
}
