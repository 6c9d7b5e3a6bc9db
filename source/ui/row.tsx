/**
One list row. Memoized with primitive props only, so moving the cursor re-renders two rows,
not the whole window. Columns: tokens, cost, percent of parent, bar vs the largest sibling,
label; the graph mode (`g`) chooses percent, bar or both.
*/
import {Box, Text} from 'ink';
import {memo} from 'react';

export type RowProps = {
	readonly size: string;
	readonly cost: string;
	/** Empty when the graph mode hides it. */
	readonly percent: string;
	/** Empty when the graph mode hides it; includes its brackets. */
	readonly bar: string;
	readonly label: string;
	/** An insight hint drawn after the label (`ctx ×14`, `cache 12%`, `vague`), or ''. */
	readonly hint: string;
	readonly selected: boolean;
	/** The cursor mark (`›`, ASCII `>`), visible even where inverse video is not. */
	readonly marker: string;
	readonly barColor?: string;
	readonly mutedColor?: string;
	readonly hintColor?: string;
};

function RowView({size, cost, percent, bar, label, hint, selected, marker, barColor, mutedColor, hintColor}: RowProps) {
	return (
		<Box height={1} overflow="hidden">
			<Text inverse={selected} wrap="truncate">
				{selected ? marker : ' '}
				{size} <Text color={selected ? undefined : mutedColor}>{cost}</Text> {percent ? `${percent} ` : ''}
				{bar ? <Text color={selected ? undefined : barColor}>{bar}</Text> : ''}
				{bar ? ' ' : ''}
				{label}
				{hint ? <Text color={selected ? undefined : hintColor}>{` ${hint}`}</Text> : ''}
			</Text>
		</Box>
	);
}

export const Row = memo(RowView);
