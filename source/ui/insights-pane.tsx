/**
InsightsPane: the insights of the current scope, one block each, with a cursor on one of them
(insights-view.ts in browser/ moves it and scrolls; `insightsNav` tells it the blocks' heights).

A block: the severity marker and the message (wrapped to the width; quoted user text made inert
before it is measured), at most two lines of the rule's detail figures (formatted from typed
amounts by `detailText`, cut to the width), and the estimated saving. A block whose insight points
at a node ends its first line with `→`: Enter opens that node. Severity is carried by the
marker as well as the colour, so `--ascii` and `NO_COLOR` keep it; the selected block has the
cursor mark `›` (`>`) as well as inverse video.
*/
import {Box, Text} from 'ink';
import {inertText} from '../core/inert-text.js';
import {formatTokens} from '../core/tokens.js';
import type {InsightsNav} from '../browser/insights-view.js';
import {placeOfTarget} from '../browser/nav.js';
import {detailText, usdText} from '../insights/format.js';
import {messageText} from '../insights/message.js';
import type {Insight, Severity} from '../insights/types.js';
import type {TreeModel} from '../model/types.js';
import {padEnd, toAscii, truncate, wrapText} from './format.js';

export const severityMarkers: Record<Severity, {unicode: string; ascii: string; color: string}> = {
	critical: {unicode: '✖', ascii: '!!', color: 'red'},
	warning: {unicode: '▲', ascii: '! ', color: 'yellow'},
	info: {unicode: '•', ascii: '- ', color: 'cyan'},
};

export type BlockLine = {readonly text: string; readonly kind: 'headline' | 'detail' | 'saving' | 'gap'};
export type InsightBlock = {readonly insight: Insight; readonly lines: readonly BlockLine[]};

/** Columns before a block's text: the cursor mark, the two-cell severity marker, a space. */
const indent = 4;

/** The blocks of the pane at `width` columns: every line fits the width in terminal cells. */
export function insightBlocks(insights: readonly Insight[], width: number, ascii: boolean): InsightBlock[] {
	// Messages quote prompts, projects and files: inert before wrapping, so the wrap measures what is drawn.
	const fix = (text: string) => (ascii ? toAscii(inertText(text)) : inertText(text));
	const inner = Math.max(10, width - indent);
	const arrow = ascii ? '>' : '→';
	return insights
		.map(insight => {
			const marker = (
				ascii ? severityMarkers[insight.severity].ascii : severityMarkers[insight.severity].unicode
			).padEnd(2);
			// Room for ` →` on the first line of an insight that points at a node.
			const room = insight.target ? inner - 2 : inner;
			const wrapped = wrapText(fix(messageText(insight.message)), room);
			const lines: BlockLine[] = wrapped.map((text, index) => ({
				text:
					index === 0
						? `${marker} ${insight.target ? `${padEnd(text, room)} ${arrow}` : text}`
						: `${' '.repeat(indent - 1)}${text}`,
				kind: 'headline',
			}));
			for (const detail of insight.details.slice(0, 2)) {
				lines.push({
					text: `${' '.repeat(indent - 1)}${truncate(fix(detailText(detail)), inner, ascii)}`,
					kind: 'detail',
				});
			}

			if (insight.estimatedSavingUSD !== undefined) {
				const tokens = insight.estimatedSavingTokens ? ` (${formatTokens(insight.estimatedSavingTokens)} tokens)` : '';
				lines.push({
					text: `${' '.repeat(indent - 1)}${truncate(fix(`saves ≈ ${usdText(insight.estimatedSavingUSD)}${tokens}`), inner, ascii)}`,
					kind: 'saving',
				});
			}

			return {insight, lines};
		})
		.map((block, index, all) =>
			// A blank line between insights (part of the block above, so heights stay exact).
			index < all.length - 1 ? {...block, lines: [...block.lines, {text: '', kind: 'gap' as const}]} : block,
		);
}

/** The pane as the reducer moves over it: ids, heights, and where each insight's target is in `model`. */
export function insightsNav(blocks: readonly InsightBlock[], rows: number, model: TreeModel): InsightsNav {
	const ids = blocks.map(block => block.insight.id);
	return {
		count: blocks.length,
		rows: Math.max(1, rows),
		keyAt: index => ids[index],
		indexOf: key => (key === undefined ? -1 : ids.indexOf(key)),
		heightAt: index => blocks[index]?.lines.length ?? 0,
		placeAt(index) {
			const target = blocks[index]?.insight.target;
			return target ? placeOfTarget(model, target) : undefined;
		},
	};
}

export type InsightsPaneProps = {
	readonly blocks: readonly InsightBlock[];
	/** The selected block and the first one drawn (browser/insights-view.ts `insightsWindow`). */
	readonly cursor: number;
	readonly top: number;
	readonly width: number;
	readonly height: number;
	readonly ascii: boolean;
	readonly color: boolean;
};

type DrawnLine = BlockLine & {readonly key: string; readonly severity: Severity; readonly selected: boolean};

/** The lines drawn: the blocks from `top` on, as many lines as the height holds. */
export function visibleLines(
	blocks: readonly InsightBlock[],
	cursor: number,
	top: number,
	height: number,
): DrawnLine[] {
	const lines: DrawnLine[] = [];
	for (let index = Math.max(0, top); index < blocks.length && lines.length < height; index++) {
		const {insight} = blocks[index]!;
		for (const [lineIndex, line] of blocks[index]!.lines.entries()) {
			lines.push({
				...line,
				key: `${insight.id}:${lineIndex}`,
				severity: insight.severity,
				selected: index === cursor,
			});
		}
	}

	return lines.slice(0, Math.max(1, height));
}

export function InsightsPane(props: InsightsPaneProps) {
	const {blocks, width, ascii, color} = props;
	if (blocks.length === 0) {
		return <Text dimColor>{truncate('No insights for this scope: nothing unusual in its usage.', width, ascii)}</Text>;
	}

	const mark = ascii ? '>' : '›';
	const lines = visibleLines(blocks, props.cursor, props.top, props.height);
	return (
		<Box flexDirection="column" width={width} height={Math.min(props.height, lines.length)}>
			{lines.map(line =>
				line.kind === 'gap' ? (
					<Box key={line.key} height={1} />
				) : (
					<Text key={line.key} wrap="truncate">
						{line.selected ? mark : ' '}
						<Text
							inverse={line.selected && line.kind === 'headline'}
							bold={line.kind === 'headline' && line.severity === 'critical'}
							dimColor={line.kind === 'detail' && !line.selected}
							color={
								color && !(line.selected && line.kind === 'headline')
									? line.kind === 'headline'
										? severityMarkers[line.severity].color
										: line.kind === 'saving'
											? 'green'
											: undefined
									: undefined
							}
						>
							{line.text}
						</Text>
					</Text>
				),
			)}
		</Box>
	);
}
