/**
Budgets (issue 17, item 5): tokens or dollars allowed per calendar day, ISO week or month in
the tree's time zone (`--budget 2M/week`, `--budget '$200/month'`, or `B` in the browser).

What was spent is read from the unfiltered tree, like the billing block (block-status.ts):
filters change what you see, not what you spent. The period is the one holding `now`; its
usage is the sum of its day nodes, so the figure equals the day and week rows of the browser.
*/
import {addDays, dayKey, weekKeyOfDay} from '../core/time.js';
import {formatTokens} from '../core/tokens.js';
import type {TreeModel, TreeNode} from '../model/types.js';
import {warningLevels} from './block-status.js';

export type BudgetPeriod = 'day' | 'week' | 'month';
export type BudgetUnit = 'tokens' | 'usd';
export type Budget = {readonly amount: number; readonly unit: BudgetUnit; readonly period: BudgetPeriod};

export const budgetPeriods: readonly BudgetPeriod[] = ['day', 'week', 'month'];

const periodNames = new Map<string, BudgetPeriod>([
	['d', 'day'],
	['day', 'day'],
	['daily', 'day'],
	['w', 'week'],
	['week', 'week'],
	['weekly', 'week'],
	['m', 'month'],
	['mo', 'month'],
	['month', 'month'],
	['monthly', 'month'],
]);

const multipliers = new Map<string, number>([
	['', 1],
	['k', 1e3],
	['m', 1e6],
	['b', 1e9],
]);

/** Below this a token budget is surely meant in dollars (`50/day`). */
const minimumTokens = 1000;

/** How the syntax is explained wherever a budget is typed (the flag's error, the `B` prompt). */
export const budgetSyntax = 'AMOUNT/PERIOD, tokens like 2M/week or dollars like $50/day; PERIOD is day, week or month';

/**
`AMOUNT/PERIOD`: a `$` before (or `usd` after) the amount means dollars, otherwise tokens
(`tokens` may be written out); `k`, `M`, `B` multiply, `_` and `,` group digits. PERIOD is
day, week or month (also `d`/`w`/`m`, `daily`/`weekly`/`monthly`, and `per day`). Tokens are
whole and both are positive. Returns the reason when the text is not a budget.
*/
export function parseBudget(text: string): Budget | {readonly error: string} {
	const match =
		/^\s*(\$)?\s*(\d[\d_,]*(?:\.\d+)?)\s*([kmb])?\s*(usd|tokens?|tok)?\s*(?:\/|\bper\b)\s*([a-z]+)\s*$/i.exec(text);
	if (!match) {
		return {error: `use ${budgetSyntax}`};
	}

	const [, dollar, digits, suffix = '', word = '', periodWord = ''] = match;
	const period = periodNames.get(periodWord.toLowerCase());
	if (!period) {
		return {error: `"${periodWord}" is not a period: use day, week or month`};
	}

	const isTokenWord = /^tok/i.test(word);
	if (dollar && isTokenWord) {
		return {error: 'a budget is either dollars ($50/day) or tokens (2M/week), not both'};
	}

	const unit: BudgetUnit = dollar || word.toLowerCase() === 'usd' ? 'usd' : 'tokens';
	const scaled = Number(digits!.replace(/[_,]/g, '')) * multipliers.get(suffix.toLowerCase())!;
	// 2.3 × 1e6 is 2299999.9999999995 in floating point: a token amount is rounded when it is that close.
	const amount = unit === 'tokens' && Math.abs(scaled - Math.round(scaled)) < 1e-6 ? Math.round(scaled) : scaled;
	if (!(amount > 0) || !Number.isFinite(amount)) {
		return {error: 'the amount must be more than zero'};
	}

	if (unit === 'tokens' && !Number.isInteger(amount)) {
		return {error: 'tokens are whole: write 1.5M, not 1.5 tokens (dollars start with $)'};
	}

	if (unit === 'tokens' && amount < minimumTokens) {
		return {error: `${amount} tokens is less than one request: for dollars write $${digits}${suffix}/${period}`};
	}

	return {amount, unit, period};
}

/** `$50/day`, `2.0M/week`: how the header and the `B` prompt show a budget (it parses back). */
export function budgetText(budget: Budget): string {
	const amount =
		budget.unit === 'usd'
			? `$${Number.isInteger(budget.amount) ? budget.amount : budget.amount.toFixed(2)}`
			: tokenAmountText(budget.amount);
	return `${amount}/${budget.period}`;
}

/** Tokens with the largest suffix that says them exactly to one decimal (`2M`, `1.5M`, `500k`), else whole. */
function tokenAmountText(amount: number): string {
	for (const [suffix, value] of [
		['B', 1e9],
		['M', 1e6],
		['k', 1e3],
	] as const) {
		const tenths = (amount / value) * 10;
		if (amount >= value && Math.abs(tenths - Math.round(tenths)) < 1e-9) {
			return `${Math.round(tenths) / 10}${suffix}`;
		}
	}

	return String(amount);
}

/** The key of the period holding a calendar day: the day, its ISO week, its month. */
function periodKeyOfDay(day: string, period: BudgetPeriod): string {
	return period === 'day' ? day : period === 'week' ? weekKeyOfDay(day) : day.slice(0, 7);
}

export type BudgetStatus = {
	readonly budget: Budget;
	/** `2026-11-18`, `2026-W47`, `2026-11`. */
	readonly periodKey: string;
	/** Tokens, or USD (priced part) spent in the period so far. */
	readonly used: number;
	readonly ratio: number;
	/** 0 (below 60 %), 60, 80 or 95. */
	readonly level: 0 | 60 | 80 | 95;
	/** Until the period ends (local midnight of its last day). */
	readonly msLeft: number;
};

/** The days of the period holding `today`, in order. */
function daysOfPeriod(today: string, period: BudgetPeriod): string[] {
	if (period === 'day') {
		return [today];
	}

	const key = periodKeyOfDay(today, period);
	let first = today;
	while (periodKeyOfDay(addDays(first, -1), period) === key) {
		first = addDays(first, -1);
	}

	const days: string[] = [];
	for (let day = first; periodKeyOfDay(day, period) === key; day = addDays(day, 1)) {
		days.push(day);
	}

	return days;
}

/**
The first instant after `now` whose local day is not in `days`: a binary search over the
clock, since a zone's midnight moves with its offset (and a DST day is 23 or 25 hours long).
*/
function endOfDays(days: readonly string[], now: number, timeZone: string): number {
	const inside = new Set(days);
	let low = now;
	let high = now + (days.length + 1) * 86_400_000;
	while (high - low > 1) {
		const mid = Math.floor((low + high) / 2);
		if (inside.has(dayKey(mid, timeZone))) {
			low = mid;
		} else {
			high = mid;
		}
	}

	return high;
}

function spentOn(day: TreeNode, unit: BudgetUnit): number {
	return unit === 'tokens' ? day.totals.total : (day.totals.costUSD ?? day.totals.pricedCostUSD);
}

/** What the budget's current period (the one holding `now`) has used of it, and how long it has left. */
export function budgetStatus(model: TreeModel, budget: Budget, now: number): BudgetStatus {
	const today = dayKey(now, model.timezone);
	const days = daysOfPeriod(today, budget.period);
	const wanted = new Set(days);
	const weeks = new Set(days.map(day => weekKeyOfDay(day)));
	let used = 0;
	for (const week of model.root.children) {
		if (weeks.has(week.key)) {
			for (const day of week.children) {
				used += wanted.has(day.key) ? spentOn(day, budget.unit) : 0;
			}
		}
	}

	const ratio = used / budget.amount;
	return {
		budget,
		periodKey: periodKeyOfDay(today, budget.period),
		used,
		ratio,
		level: warningLevels.find(level => ratio * 100 >= level) ?? 0,
		msLeft: endOfDays(days, now, model.timezone) - now,
	};
}

/** A budget amount as the header shows it: `$41.20`, `1.2M`. */
export function budgetAmountText(value: number, unit: BudgetUnit): string {
	return unit === 'usd' ? `$${value.toFixed(2)}` : formatTokens(value);
}
