/**
The panes that replace the list: info (`i`), help (`?`), diagnostics (`D`), insights (`I`) and
OTLP settings (`o`). Line panes scroll by the reducer's offset; the insights pane bounds
itself; the OTLP pane owns the keyboard while open (the app's keymap stands aside).
*/
import {Box, Text} from 'ink';
import {useMemo} from 'react';
import type {Diagnostic} from '../core/diagnostics.js';
import {scopeSeries} from '../browser/series.js';
import type {Overlay as OverlayMode} from '../browser/state.js';
import {insightsFor} from '../insights/index.js';
import type {TreeModel, TreeNode} from '../model/types.js';
import {helpLines} from './help-lines.js';
import {infoLines, type Line, tableLines} from './info-lines.js';
import {InsightsPane} from './insights-pane.js';
import {OtlpSettings} from './otlp-settings.js';
import {Overlay} from './overlay.js';
import type {Theme} from './theme.js';
import type {DataSource, OtlpHost} from './types.js';

export type PanesProps = {
	readonly overlay: Exclude<OverlayMode, 'none'>;
	readonly top: number;
	readonly rows: number;
	readonly width: number;
	readonly theme: Theme;
	readonly model: TreeModel;
	/** The selected node (or the opened one when its listing is empty): what `i` describes. */
	readonly node: TreeNode;
	/** The opened node: the scope of the insights. */
	readonly scope: TreeNode;
	readonly source: DataSource;
	readonly otlp: OtlpHost | undefined;
	readonly now: number;
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
	const {overlay, rows, width, theme, model, scope, source, otlp, now} = props;
	const insights = useMemo(
		() => (overlay === 'insights' ? (source.insights?.(model, scope, now) ?? insightsFor(model, scope, {now})) : []),
		[overlay, source, model, scope, now],
	);
	if (overlay === 'insights') {
		return (
			<Box height={rows} flexDirection="column" overflow="hidden">
				<Text inverse wrap="truncate">
					{`Insights (${insights.length})  Esc: close`.padEnd(width)}
				</Text>
				<InsightsPane
					insights={insights}
					width={width}
					height={Math.max(1, rows - 1)}
					ascii={theme.ascii}
					color={theme.accent !== undefined}
				/>
			</Box>
		);
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

function LinePane({overlay, top, rows, width, theme, model, node, diagnostics, diagnosticCount}: PanesProps) {
	const {title, lines} = useMemo((): {title: string; lines: Line[]} => {
		switch (overlay) {
			case 'info': {
				const series =
					node.kind === 'week' || node.kind === 'day' ? scopeSeries(node, 'tokens', model.timezone) : undefined;
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
	return <Overlay title={title} lines={lines} top={top} rows={rows} width={width} theme={theme} />;
}
