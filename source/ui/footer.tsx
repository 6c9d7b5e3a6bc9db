/**
Footer: the prompt or status line, then key hints and the diagnostics count. Always
`footerHeight` lines tall.
*/
import {Box, Text} from 'ink';
import {inertText} from '../core/inert-text.js';
import type {Prompt, PromptKind} from '../browser/state.js';
import {toAscii, truncate} from './format.js';
import type {Theme} from './theme.js';

export const footerHeight = 2;

export type FooterProps = {
	readonly prompt: Prompt | undefined;
	readonly status: string | undefined;
	readonly sortLabel: string;
	readonly diagnosticCount: number;
	readonly width: number;
	readonly theme: Theme;
	/** The active 5-hour billing block (`block 62% · 1.5K tok/min · …`), right-aligned. */
	readonly block?: {readonly text: string; readonly level: 0 | 60 | 80 | 95};
};

const promptLabels: Record<PromptKind, string> = {
	text: 'Filter text',
	time: 'Time range (YYYY-MM-DD..YYYY-MM-DD)',
	budget: 'Budget ($50/day, 2M/week; empty removes)',
};

const hints =
	'?:help  ↑↓:move  →:open  ←:up  v:view  s/c/n/C:sort  g:graph  i:info  /:filter  a:agent  t:time  e:export  q:quit';

export function Footer({prompt, status, sortLabel, diagnosticCount, width, theme, block}: FooterProps) {
	const diagnostics = diagnosticCount > 0 ? ` ${diagnosticCount} diagnostics (D) ` : '';
	const keyHints = theme.ascii ? hints.replace('↑↓', 'j/k').replace('→', 'l').replace('←', 'h') : hints;
	let first: string;
	if (prompt) {
		const error = prompt.error ? `  ${prompt.error}` : '';
		// The reason a value was refused takes the place of the examples.
		const label = prompt.error && prompt.kind === 'budget' ? 'Budget' : promptLabels[prompt.kind];
		first = `${label}: ${prompt.draft}_${error}  (Enter apply, Esc cancel)`;
	} else {
		first = status ?? `Sorted by ${sortLabel}`;
	}

	// The block status shares the first line while there is room; a prompt being typed wins.
	const marker = block && block.level > 0 ? `${theme.ascii ? '!' : '▲'} ${block.level}% ` : '';
	// The block line is written with `·` separators: ASCII in --ascii like every other line.
	const blockText = block && !prompt ? ` ${marker}${theme.ascii ? toAscii(block.text) : block.text}` : '';
	const blockWidth = blockText.length <= width - Math.min(first.length, 24) ? blockText.length : 0;
	return (
		<Box flexDirection="column" height={footerHeight}>
			<Text wrap="truncate">
				<Text color={prompt?.error ? theme.warning : theme.accent}>
					{truncate(inertText(first), Math.max(0, width - blockWidth), theme.ascii)}
				</Text>
				{blockWidth > 0 ? (
					<Text color={block!.level >= 95 ? theme.error : block!.level > 0 ? theme.warning : theme.muted}>
						{' '.repeat(Math.max(0, width - blockWidth - Math.min(first.length, width - blockWidth)))}
						{truncate(blockText, blockWidth, theme.ascii)}
					</Text>
				) : null}
			</Text>
			<Text wrap="truncate">
				<Text color={theme.muted}>{truncate(keyHints, Math.max(0, width - diagnostics.length), theme.ascii)}</Text>
				{diagnostics ? <Text color={theme.warning}>{diagnostics}</Text> : null}
			</Text>
		</Box>
	);
}
