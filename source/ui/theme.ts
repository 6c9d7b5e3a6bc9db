/**
Colors and glyphs in one place, so `--no-color`/`NO_COLOR` and `--ascii` are each a single
switch. With color off every color is undefined (Ink then emits no color codes); inverse and
bold stay, as NO_COLOR allows.
*/
export type Theme = {
	readonly ascii: boolean;
	readonly accent?: string;
	readonly bar?: string;
	readonly muted?: string;
	readonly warning?: string;
	/** Critical warnings (a billing block at 95 % of its limit). */
	readonly error?: string;
	readonly good?: string;
	/** Breadcrumb separator and other glyphs. */
	readonly separator: string;
	readonly dot: string;
	readonly fromEarlier: string;
	readonly toLater: string;
};

export function makeTheme(options: {ascii: boolean; color: boolean}): Theme {
	const glyphs = options.ascii
		? {separator: ' > ', dot: ' - ', fromEarlier: '<', toLater: '>'}
		: {separator: ' › ', dot: ' · ', fromEarlier: '↩', toLater: '↪'};
	if (!options.color) {
		return {ascii: options.ascii, ...glyphs};
	}

	return {
		ascii: options.ascii,
		accent: 'cyan',
		bar: 'green',
		muted: 'gray',
		warning: 'yellow',
		error: 'red',
		good: 'green',
		...glyphs,
	};
}
