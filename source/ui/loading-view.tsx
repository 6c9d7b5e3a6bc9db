/**
The loading view: a progress bar over bytes (files when sizes are unknown), counts of files,
bytes, sessions and calls found, elapsed time and an ETA. `q` quits (the app aborts the load).
*/
import {Box, Text} from 'ink';
import {inertText} from '../core/inert-text.js';
import type {LoadProgress} from '../pipeline/types.js';
import {formatBytes, formatDuration, formatInteger, formatPercent, truncate} from './format.js';
import {renderBar} from './sparkline.js';
import {loadingBarWidth} from './screen-codes.js';
import type {Theme} from './theme.js';

export type LoadingViewProps = {
	readonly progress: LoadProgress | undefined;
	readonly width: number;
	readonly height: number;
	readonly theme: Theme;
	readonly error?: string;
};

/** Fraction done: bytes when known (files differ wildly in size), else files. */
export function loadFraction(progress: LoadProgress): number {
	if (progress.phase === 'done') {
		return 1;
	}

	if (progress.bytesTotal > 0) {
		return Math.min(1, progress.bytesDone / progress.bytesTotal);
	}

	return progress.filesTotal > 0 ? Math.min(1, progress.filesDone / progress.filesTotal) : 0;
}

/** Remaining time by linear extrapolation; undefined until there is something to go by. */
export function etaMs(progress: LoadProgress): number | undefined {
	const fraction = loadFraction(progress);
	if (fraction <= 0.01 || fraction >= 1 || progress.phase !== 'parsing') {
		return undefined;
	}

	return (progress.elapsedMs * (1 - fraction)) / fraction;
}

const phaseLabels: Record<LoadProgress['phase'], string> = {
	discovering: 'Looking for agent data',
	parsing: 'Reading session files',
	done: 'Done',
};

export function LoadingView({progress, width, height, theme, error}: LoadingViewProps) {
	const barWidth = loadingBarWidth(width);
	const fraction = progress ? loadFraction(progress) : 0;
	const eta = progress ? etaMs(progress) : undefined;
	const lines = progress
		? [
				`Files     ${formatInteger(progress.filesDone)} / ${formatInteger(progress.filesTotal)}`,
				`Bytes     ${formatBytes(progress.bytesDone)} / ${formatBytes(progress.bytesTotal)}`,
				`Found     ${formatInteger(progress.sessions)} sessions, ${formatInteger(progress.calls)} API calls`,
				`Elapsed   ${formatDuration(progress.elapsedMs)}${eta === undefined ? '' : `   ETA ${formatDuration(eta)}`}`,
			]
		: [];
	return (
		<Box flexDirection="column" height={height} paddingTop={1}>
			<Text bold color={theme.accent}>
				agent-ncdu
			</Text>
			<Text>
				{truncate(error ? 'Loading failed' : progress ? phaseLabels[progress.phase] : 'Starting…', width, theme.ascii)}
			</Text>
			<Text color={theme.bar}>
				[{renderBar(fraction, 1, barWidth, theme.ascii)}] {formatPercent(fraction)}
			</Text>
			{lines.map(line => (
				<Text key={line.slice(0, 6)} wrap="truncate">
					{line}
				</Text>
			))}
			{error ? (
				<Text color={theme.warning} wrap="truncate">
					{truncate(inertText(error), width, theme.ascii)}
				</Text>
			) : null}
			<Text color={theme.muted}>{error ? 'r: retry  q: quit' : 'q: quit'}</Text>
		</Box>
	);
}
