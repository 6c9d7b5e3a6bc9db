/**
The one pick-one list of the app: `ink-select-input` drawn in the app's theme, with a title
line. Used for the browser's pickers (`t` time range, `a` agent, `d` device; browser/pickers.ts)
and inside the OTLP pane (protocol, project mode); any other list is one `<Picker>` away.

Keys: ↑/↓ or j/k move, Enter picks, 1–9 pick that entry at once (ink-select-input), Esc, q or ←
cancel. The list opens on `current`. The marker is `›` (ASCII `>`), so the choice shows
without colour; labels are made inert (they may come from the data, like device names) and cut
to the width. A list longer than `rows` scrolls.
*/
import {Box, Text, useInput} from 'ink';
import SelectInput from 'ink-select-input';
import {useMemo, useRef} from 'react';
import {inertText} from '../core/inert-text.js';
import {padEnd, toAscii, truncate} from './format.js';
import type {Theme} from './theme.js';

export type PickerProps<V> = {
	readonly title: string;
	readonly items: ReadonlyArray<{readonly label: string; readonly value: V}>;
	/** Index of the entry the list opens on (the choice in effect). */
	readonly current: number;
	/** Lines available, the title line included. */
	readonly rows: number;
	readonly width: number;
	readonly theme: Theme;
	onPick(value: V): void;
	onCancel(): void;
};

/** ink-select-input's indicator and item, replaced: theme colours, ASCII marker, inert cut labels. */
function themedParts(theme: Theme, width: number) {
	const shown = (label: string) =>
		truncate(theme.ascii ? toAscii(inertText(label)) : inertText(label), width, theme.ascii);
	const Indicator = ({isSelected = false}: {isSelected?: boolean}) => (
		<Text color={theme.accent}>{isSelected ? (theme.ascii ? '> ' : '› ') : '  '}</Text>
	);
	const Item = ({isSelected = false, label}: {isSelected?: boolean; label: string}) => (
		<Text color={isSelected ? theme.accent : undefined} bold={isSelected} wrap="truncate">
			{shown(label)}
		</Text>
	);
	return {Indicator, Item};
}

export function Picker<V>({title, items, current, rows, width, theme, onPick, onCancel}: PickerProps<V>) {
	// A key typed right after the pick can still reach the closed picker: Ink unsubscribes its
	// input handlers in an effect, a moment after the frame without the picker is drawn.
	const done = useRef(false);
	const once = (then: () => void) => {
		if (!done.current) {
			done.current = true;
			then();
		}
	};

	useInput((input, key) => {
		if (key.escape || key.leftArrow || input === 'q') {
			once(onCancel);
		}
	});
	const {Indicator, Item} = useMemo(() => themedParts(theme, Math.max(1, width - 2)), [theme, width]);
	// ink-select-input keys its rows by value and calls back with the item: values stay indices.
	const entries = useMemo(
		() => items.map((item, index) => ({key: String(index), label: item.label, value: index})),
		[items],
	);
	const listRows = Math.max(1, rows - 1);
	const hint = `${theme.ascii ? 'Up/Down' : '↑/↓'} Enter: pick  Esc: cancel`;
	return (
		<Box flexDirection="column" height={rows} overflow="hidden">
			<Text inverse wrap="truncate">
				{padEnd(truncate(`${title}  ${hint}`, width, theme.ascii), width)}
			</Text>
			<SelectInput
				items={entries}
				initialIndex={Math.max(0, Math.min(current, entries.length - 1))}
				limit={entries.length > listRows ? listRows : undefined}
				indicatorComponent={Indicator}
				itemComponent={Item}
				onSelect={entry => {
					const picked = items[entry.value];
					if (picked) {
						once(() => onPick(picked.value));
					}
				}}
			/>
		</Box>
	);
}
