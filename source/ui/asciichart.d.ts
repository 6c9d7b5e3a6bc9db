// Types for asciichart 1.5 (ships none): only the part this UI calls.
declare module 'asciichart' {
	export type PlotConfig = {
		height?: number;
		offset?: number;
		padding?: string;
		format?: (value: number, index: number) => string;
		symbols?: readonly string[];
		min?: number;
		max?: number;
	};
	export function plot(series: readonly number[] | ReadonlyArray<readonly number[]>, config?: PlotConfig): string;
	const asciichart: {plot: typeof plot};
	export default asciichart;
}
