/**
Compact number formatting for insight messages (token counts use core's `formatTokens`, as
the TUI does); messages stay short enough for an 80-column pane. Also the one formatter of an
insight's detail lines (`detailText`) and the typed amounts rules put in them.
*/
import {formatTokens} from '../core/tokens.js';
import type {Amount, DetailLine} from './types.js';

export function usdText(value: number): string {
	if (value > 0 && value < 0.01) {
		return '<$0.01';
	}

	return value >= 1000 ? `$${Math.round(value).toLocaleString('en-US')}` : `$${value.toFixed(2)}`;
}

export function percentText(ratio: number): string {
	return `${Math.round(ratio * 100)}%`;
}

export function minutesText(minutes: number): string {
	const rounded = Math.max(0, Math.round(minutes));
	if (rounded < 60) {
		return `${rounded} min`;
	}

	const hours = Math.floor(rounded / 60);
	const rest = rounded % 60;
	return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/**
An insight's figure as the insights pane and the monthly statement show it: names as they are,
whole numbers grouped from 10,000, fractions to three places.
*/
export function figureText(value: number | string): string {
	if (typeof value === 'string') {
		return value;
	}

	if (Number.isInteger(value)) {
		return Math.abs(value) >= 10_000 ? value.toLocaleString('en-US') : String(value);
	}

	return String(Math.round(value * 1000) / 1000);
}

/** Rounds money to cents and tokens to integers for the figures record. */
export const cents = (value: number): number => Math.round(value * 100) / 100;

/**
`text` on one line, cut to `width` characters with `…`. Characters are code points, so an
emoji or any other character outside the BMP is kept or dropped whole, never split into a
lone surrogate (which is not text, and would be written as `\ud83d` in the export).
*/
export function clip(text: string, width: number): string {
	const flat = text.replace(/\s+/g, ' ').trim();
	const characters = Array.from(flat);
	return characters.length <= width ? flat : `${characters.slice(0, Math.max(0, width - 1)).join('')}…`;
}

/** An amount with its unit, as a person reads it: `1.2M tokens`, `$3.40`, `42%`, `2 h 5 min`, `×18`, `88 calls`. */
export function amountText(item: Amount): string {
	const value = item.amount;
	switch (item.unit) {
		case 'tokens': {
			return `${formatTokens(value)} tokens`;
		}

		case 'tokensPerMinute': {
			return `${formatTokens(value)} tokens/min`;
		}

		case 'usd': {
			return usdText(value);
		}

		case 'ratio': {
			return percentText(value);
		}

		case 'minutes': {
			return minutesText(value);
		}

		case 'times': {
			return `×${value >= 10 ? Math.round(value) : Math.round(value * 10) / 10}`;
		}

		case 'count': {
			return `${Math.round(value).toLocaleString('en-US')} ${item.noun}${value === 1 ? '' : 's'}`;
		}

		default: {
			item satisfies never;
			return String(value);
		}
	}
}

/** A detail line as text: amounts formatted, quotes in double quotation marks (`"…"` without prompts). */
export function detailText(line: DetailLine, options: {readonly prompts?: boolean} = {}): string {
	const prompts = options.prompts ?? true;
	return line
		.map(part =>
			typeof part === 'string' ? part : 'unit' in part ? amountText(part) : `"${prompts ? part.quote : '…'}"`,
		)
		.join('');
}

/** Typed amounts for detail lines. */
export const tokens = (amount: number): Amount => ({amount, unit: 'tokens'});
export const usd = (amount: number): Amount => ({amount, unit: 'usd'});
export const ratio = (amount: number): Amount => ({amount, unit: 'ratio'});
export const minutes = (amount: number): Amount => ({amount, unit: 'minutes'});
export const times = (amount: number): Amount => ({amount, unit: 'times'});
export const count = (amount: number, noun: string): Amount => ({amount, unit: 'count', noun});
