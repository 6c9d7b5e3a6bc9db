/**
ccusage 20.0.24's daily report and our export's `days[]` in one shape, for the parity tests on
fixtures/public and fixtures/real: ccusage's column names, our cost rounded to 1e-9 as the export
writes it.
*/
import {readFileSync} from 'node:fs';
import path from 'node:path';

export type CcusageDay = {
	date: string;
	inputTokens: number;
	outputTokens: number;
	cacheReadTokens: number;
	cacheCreationTokens: number;
	totalTokens: number;
	reasoningOutputTokens?: number;
	/** Every agent's report but Codex's. */
	totalCost?: number;
	/** Codex's report. */
	costUSD?: number;
};

export type OurDay = {
	date: string;
	costUSD: number | null;
	tokens: {input: number; output: number; cacheRead: number; cacheWrite: number; reasoning: number; total: number};
};

export type ParityDay = {
	date: string;
	inputTokens: number;
	outputTokens: number;
	cacheReadTokens: number;
	cacheCreationTokens: number;
	totalTokens: number;
	cost: number | null;
};

/** `<fixtures>/expected-ccusage-20.0.24/<name>-daily.json`'s days. */
export function ccusageDays(fixtures: string, name: string): CcusageDay[] {
	const file = path.join(fixtures, 'expected-ccusage-20.0.24', `${name}-daily.json`);
	return (JSON.parse(readFileSync(file, 'utf8')) as {daily: CcusageDay[]}).daily;
}

export function rounded(usd: number): number {
	return Math.round(usd * 1e9) / 1e9;
}

export function asCcusage(day: OurDay): ParityDay {
	return {
		date: day.date,
		inputTokens: day.tokens.input,
		outputTokens: day.tokens.output,
		cacheReadTokens: day.tokens.cacheRead,
		cacheCreationTokens: day.tokens.cacheWrite,
		totalTokens: day.tokens.total,
		cost: day.costUSD,
	};
}

export function theirs(day: CcusageDay): ParityDay {
	return {
		date: day.date,
		inputTokens: day.inputTokens,
		outputTokens: day.outputTokens,
		cacheReadTokens: day.cacheReadTokens,
		cacheCreationTokens: day.cacheCreationTokens,
		totalTokens: day.totalTokens,
		cost: rounded(day.totalCost ?? day.costUSD ?? 0),
	};
}
