/**
The windowed list of the opened node's children. Slices the listing to the visible window
FIRST, then builds row props only for those rows (never map-then-slice: 10k children must
cost 20 rows of work).
*/
import {Box, Text} from 'ink';
import {inertText} from '../core/inert-text.js';
import type {Listing} from '../browser/listing.js';
import type {GraphMode} from '../browser/state.js';
import {rowHint} from '../insights/index.js';
import type {TreeNode} from '../model/types.js';
import {formatTokens} from '../core/tokens.js';
import {formatCost, formatPercent, padEnd, padStart, toAscii, truncate} from './format.js';
import {changeWidth, periodChange, rowLabel} from './labels.js';
import {Row} from './row.js';
import {renderBar} from './sparkline.js';
import type {Theme} from './theme.js';

export type ListViewProps = {
	readonly listing: Listing;
	readonly cursor: number;
	readonly top: number;
	readonly rows: number;
	readonly width: number;
	readonly graph: GraphMode;
	/** Keys of rows that just grew: marked `+` with their size in the accent color. */
	readonly grown?: ReadonlySet<string>;
	readonly theme: Theme;
	readonly timeZone: string;
};

const sizeWidth = 6;
const costWidth = 8;
const percentWidth = 6;

/** Bar cells for a terminal width: a tenth of it, within 6..16 (ncdu uses a fixed 10). */
export function barWidthFor(width: number): number {
	return Math.max(6, Math.min(16, Math.floor(width / 10)));
}

export function ListView({listing, cursor, top, rows, width, graph, grown, theme, timeZone}: ListViewProps) {
	if (listing.children.length === 0) {
		return (
			<Box height={rows} flexDirection="column">
				<Text color={theme.muted}>(empty: nothing matches the current filters)</Text>
			</Box>
		);
	}

	const showBar = graph !== 'percent';
	const showPercent = graph !== 'bar';
	const barWidth = barWidthFor(width);
	// Weeks and days say how they changed against the week or day before (one kind per listing).
	const firstKind = listing.children[0]?.kind;
	const showChange = firstKind === 'week' || firstKind === 'day';
	const fixed =
		1 +
		sizeWidth +
		1 +
		costWidth +
		1 +
		(showPercent ? percentWidth + 1 : 0) +
		(showBar ? barWidth + 3 : 0) +
		(showChange ? changeWidth + 1 : 0);
	const labelWidth = Math.max(0, width - fixed);
	const visible = listing.children.slice(top, top + rows);
	const hintOf = (node: TreeNode) => {
		const hint = rowHint(node) ?? '';
		return theme.ascii ? toAscii(hint) : hint;
	};

	const changeOf = (node: TreeNode) => {
		const change = showChange ? periodChange(node, theme.ascii) : undefined;
		const color = {up: theme.warning, down: theme.good, same: theme.muted, new: theme.muted};
		return change ? {text: padStart(change.text, changeWidth), color: color[change.direction]} : undefined;
	};

	const fitLabel = (node: TreeNode, hint: string, selected: boolean) => {
		const width = hint ? labelWidth - hint.length - 1 : labelWidth;
		const label = inertText(rowLabel(node, timeZone, theme));
		const text = truncate(theme.ascii ? toAscii(label) : label, width, theme.ascii);
		// Only the selected row is padded, so its inverse video spans the line; padding every
		// row would only give Ink more characters to measure on each frame.
		return selected ? padEnd(text, width) : text;
	};

	return (
		<Box height={rows} flexDirection="column" overflow="hidden">
			{visible.map((node, offset) => {
				const value = listing.metric(node);
				const hint = hintOf(node);
				const change = changeOf(node);
				const bar = showBar ? `[${renderBar(value, listing.max, barWidth, theme.ascii)}]` : '';
				const percent = showPercent
					? padStart(formatPercent(listing.total > 0 ? value / listing.total : 0), percentWidth)
					: '';
				return (
					<Row
						key={node.id}
						size={padStart(formatTokens(node.totals.total), sizeWidth)}
						cost={padStart(formatCost(node.totals, theme.ascii), costWidth)}
						percent={percent}
						bar={bar}
						change={change?.text ?? ''}
						changeColor={change?.color}
						label={fitLabel(node, hint, top + offset === cursor)}
						hint={hint}
						hintColor={theme.warning}
						selected={top + offset === cursor}
						grown={grown?.has(node.key) === true}
						grownColor={theme.good}
						marker={theme.ascii ? '>' : '›'}
						barColor={theme.bar}
						mutedColor={theme.muted}
					/>
				);
			})}
		</Box>
	);
}
