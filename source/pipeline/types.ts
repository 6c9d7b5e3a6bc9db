/**
What the loading pipeline tells its observers (the TUI's loading view, --verbose).
*/
export type LoadProgress = {
	readonly phase: 'discovering' | 'parsing' | 'done';
	readonly filesTotal: number;
	readonly filesDone: number;
	readonly bytesTotal: number;
	readonly bytesDone: number;
	readonly sessions: number;
	readonly calls: number;
	readonly elapsedMs: number;
};
