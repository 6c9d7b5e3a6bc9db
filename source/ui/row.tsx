/**
One list row. Memoized with primitive props only, so moving the cursor re-renders two rows,
not the whole window. Columns: tokens, cost, the change against the period before (week and
day rows), percent of parent, bar vs the largest sibling, label; the graph mode (`g`) chooses
percent, bar or both.
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
	/** Week and day rows: the change against the period before (`+34%`, `new`), padded; else ''. */
	readonly change?: string;
	readonly changeColor?: string;
	readonly label: string;
	/** An insight hint drawn after the label (`ctx ×14`, `cache 12%`, `vague`), or ''. */
	readonly hint: string;
	readonly selected: boolean;
	/** The cursor mark (`›`, ASCII `>`), visible even where inverse video is not. */
	readonly marker: string;
	/** Grew in the last live update: `+` in the mark column, the size in `grownColor`. */
	readonly grown?: boolean;
	readonly grownColor?: string;
	readonly barColor?: string;
	readonly mutedColor?: string;
	readonly hintColor?: string;
};

function RowView(props: RowProps) {
	const {size, cost, percent, bar, change, label, hint, selected, marker, grown, barColor, mutedColor, hintColor} =
		props;
	return (
		<Box height={1} overflow="hidden">
			<Text inverse={selected} wrap="truncate">
				{selected ? marker : grown ? '+' : ' '}
				{grown ? <Text color={selected ? undefined : props.grownColor}>{size}</Text> : size}{' '}
				<Text color={selected ? undefined : mutedColor}>{cost}</Text>{' '}
				{change ? <Text color={selected ? undefined : props.changeColor}>{`${change} `}</Text> : ''}
				{percent ? `${percent} ` : ''}
				{bar ? <Text color={selected ? undefined : barColor}>{bar}</Text> : ''}
				{bar ? ' ' : ''}
				{label}
				{hint ? <Text color={selected ? undefined : hintColor}>{` ${hint}`}</Text> : ''}
			</Text>
		</Box>
	);
}

export const Row = memo(RowView);
