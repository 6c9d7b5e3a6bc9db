/**
The insights of the opened node while the insights pane (`I`) is open, laid out at the pane's
width once per (insights, width, ascii): the pane draws these blocks and the keys move over the
same ones (`insightsNav`), so a key never acts on a layout other than the one on screen.
*/
import {useMemo} from 'react';
import type {InsightsNav} from '../../browser/insights-view.js';
import {insightsFor} from '../../insights/index.js';
import type {TreeModel, TreeNode} from '../../model/types.js';
import {type InsightBlock, insightBlocks, insightsNav} from '../insights-pane.js';
import type {DataSource} from '../types.js';

export type InsightsPaneData = {readonly blocks: readonly InsightBlock[]; readonly nav: InsightsNav};

export function useInsightsPane(options: {
	readonly open: boolean;
	readonly source: DataSource;
	readonly model: TreeModel | undefined;
	/** The opened node: the insights' scope. */
	readonly scope: TreeNode | undefined;
	readonly now: number;
	readonly width: number;
	/** Lines for insights (the pane less its title). */
	readonly rows: number;
	readonly ascii: boolean;
}): InsightsPaneData | undefined {
	const {open, source, model, scope, now, width, rows, ascii} = options;
	const insights = useMemo(
		() =>
			open && model && scope ? (source.insights?.(model, scope, now) ?? insightsFor(model, scope, {now})) : undefined,
		[open, source, model, scope, now],
	);
	const blocks = useMemo(
		() => (insights ? insightBlocks(insights, width, ascii) : undefined),
		[insights, width, ascii],
	);
	return useMemo(
		() => (blocks && model ? {blocks, nav: insightsNav(blocks, rows, model)} : undefined),
		[blocks, rows, model],
	);
}
