/**
InsightsPane: the insights of the current scope as a height-bounded list (no scrolling:
the list is already ranked, so what does not fit is summarized as "+N more").
Each insight: a severity marker, the message (wrapped to the width), a line of its key
figures and the estimated saving. Works without color (markers carry the severity) and in
ASCII mode.
*/
import {Box, Text} from 'ink';
import {inertText} from '../core/inert-text.js';
import {figureText} from '../insights/format.js';
import {messageText} from '../insights/message.js';
import type {Insight, Severity} from '../insights/types.js';
import {toAscii, wrapText} from './format.js';

export type InsightsPaneProps = {insights: Insight[]; width: number; height: number; ascii: boolean; color: boolean};

const markers: Record<Severity, {unicode: string; ascii: string; color: string}> = {
	critical: {unicode: '✖', ascii: '!!', color: 'red'},
	warning: {unicode: '▲', ascii: '! ', color: 'yellow'},
	info: {unicode: '•', ascii: '- ', color: 'cyan'},
};

export function figuresLine(insight: Insight, width: number, ascii = false): string {
	const parts = Object.entries(insight.figures)
		.slice(0, 6)
		.map(([key, value]) => `${key}=${figureText(value)}`);
	// Figure names carry model names: inert before measuring, like the message.
	const joined = inertText(parts.join('  '));
	const text = ascii ? toAscii(joined) : joined;
	const ellipsis = ascii ? '...' : '…';
	return text.length <= width ? text : `${text.slice(0, Math.max(0, width - ellipsis.length))}${ellipsis}`;
}

type Line = {key: string; text: string; severity?: Severity; dim?: boolean; saving?: boolean};

export function paneLines(insights: readonly Insight[], width: number, height: number, ascii: boolean): Line[] {
	const inner = Math.max(10, width - 3);
	const lines: Line[] = [];
	if (insights.length === 0) {
		return [{key: 'empty', text: 'No insights for this scope: nothing unusual in its usage.', dim: true}];
	}

	for (const [index, insight] of insights.entries()) {
		const block: Line[] = [];
		const marker = ascii ? markers[insight.severity].ascii : markers[insight.severity].unicode;
		// Messages quote prompts, projects and files: inert before wrapping, so the wrap measures what is drawn.
		const message = inertText(messageText(insight.message));
		for (const [lineIndex, text] of wrapText(ascii ? toAscii(message) : message, inner).entries()) {
			block.push({
				key: `${insight.id}:m${lineIndex}`,
				text: lineIndex === 0 ? `${marker.padEnd(2)} ${text}` : `   ${text}`,
				severity: lineIndex === 0 ? insight.severity : undefined,
			});
		}

		block.push({key: `${insight.id}:f`, text: `   ${figuresLine(insight, inner, ascii)}`, dim: true});
		if (insight.estimatedSavingUSD !== undefined) {
			const tokens = insight.estimatedSavingTokens
				? ` (${insight.estimatedSavingTokens.toLocaleString('en-US')} tokens)`
				: '';
			block.push({
				key: `${insight.id}:s`,
				text: `   saving ${ascii ? '~' : '≈'} $${insight.estimatedSavingUSD.toFixed(2)}${tokens}`,
				saving: true,
			});
		}

		const remaining = insights.length - index - 1;
		const reserve = remaining > 0 ? 1 : 0;
		if (lines.length + block.length + reserve > height) {
			lines.push({
				key: 'more',
				text: `+${insights.length - index} more (narrow the scope or enlarge the window)`,
				dim: true,
			});
			break;
		}

		lines.push(...block);
	}

	return lines.slice(0, Math.max(1, height));
}

export function InsightsPane(props: InsightsPaneProps) {
	const lines = paneLines(props.insights, props.width, props.height, props.ascii);
	return (
		<Box flexDirection="column" width={props.width} height={Math.min(props.height, lines.length)}>
			{lines.map(line => (
				<Text
					key={line.key}
					wrap="truncate"
					dimColor={line.dim}
					bold={line.severity === 'critical'}
					color={
						props.color ? (line.severity ? markers[line.severity].color : line.saving ? 'green' : undefined) : undefined
					}
				>
					{line.text}
				</Text>
			))}
		</Box>
	);
}
