/**
The JSON shapes of the export document (format "agent-ncdu", version [1, 2]). Field names
here are frozen once released: add fields, never rename or remove them (bump the major
version for that). Documented in readme.md, locked by a golden-file test.
*/
import {cacheWriteOf, type TokenCounts, totalOf} from '../core/tokens.js';
import {messageText, quotesOf} from '../insights/message.js';
import type {Insight} from '../insights/types.js';
import type {TreeNode, Totals} from '../model/types.js';

export type JsonTokens = {
	input: number;
	cacheRead: number;
	cacheWrite5m: number;
	cacheWrite1h: number;
	cacheWrite: number;
	output: number;
	reasoning: number;
	total: number;
};

export function jsonTokens(t: TokenCounts): JsonTokens {
	return {
		input: t.input,
		cacheRead: t.cacheRead,
		cacheWrite5m: t.cacheWrite5m,
		cacheWrite1h: t.cacheWrite1h,
		cacheWrite: cacheWriteOf(t),
		output: t.output,
		reasoning: t.reasoning,
		total: totalOf(t),
	};
}

/** USD rounded to 1e-9 so float noise never shows up in diffs or golden files. */
export function usd(value: number | null): number | null {
	return value === null ? null : Math.round(value * 1e9) / 1e9;
}

/** Midnight (UTC) of the last day formatted, and its `YYYY-MM-DDT` text. */
let cachedDay = Number.NaN;
let cachedDayPrefix = '';
const pad2 = (value: number) => (value < 10 ? '0' : '') + value;
const pad3 = (value: number) => (value < 10 ? '00' : value < 100 ? '0' : '') + value;

/** Date's own range: ±100,000,000 days around epoch 0. */
const dateLimit = 8.64e15;

/**
`new Date(ms).toISOString()` (null for NaN and outside Date's range; epoch 0 is a time like
any other), computed from a cached day prefix: the export formats one timestamp per call,
mostly in time order, and building a Date for each was a visible share of `--json`. Years
outside 1970–9999 take the Date path.
*/
export function isoTime(ms: number): string | null {
	if (!(Math.abs(ms) <= dateLimit)) {
		return null;
	}

	if (ms < 0 || ms >= 253_402_300_800_000) {
		return new Date(ms).toISOString();
	}

	// Date truncates fractional milliseconds; so do we.
	const whole = Math.floor(ms);
	const day = Math.floor(whole / 86_400_000);
	if (day !== cachedDay) {
		cachedDay = day;
		cachedDayPrefix = new Date(day * 86_400_000).toISOString().slice(0, 11);
	}

	let rest = whole - day * 86_400_000;
	const hours = Math.floor(rest / 3_600_000);
	rest -= hours * 3_600_000;
	const minutes = Math.floor(rest / 60_000);
	rest -= minutes * 60_000;
	const seconds = Math.floor(rest / 1000);
	return `${cachedDayPrefix}${pad2(hours)}:${pad2(minutes)}:${pad2(seconds)}.${pad3(rest - seconds * 1000)}Z`;
}

/** First and last call time; null when there was no call (0 is then a placeholder, not a time). */
export function timeSpan(totals: Pick<Totals, 'calls' | 'firstTime' | 'lastTime'>) {
	return totals.calls > 0
		? {firstTime: isoTime(totals.firstTime), lastTime: isoTime(totals.lastTime)}
		: {firstTime: null, lastTime: null};
}

export function jsonTotals(totals: Totals) {
	const activity: Record<string, {tokens: number; costUSD: number | null}> = {};
	for (const [name, share] of Object.entries(totals.activity)) {
		activity[name] = {tokens: Math.round(share.tokens), costUSD: usd(share.costUSD)};
	}

	return {
		tokens: jsonTokens(totals.tokens),
		costUSD: usd(totals.costUSD),
		costSource: totals.costSource,
		unpricedTokens: totals.unpricedTokens,
		calls: totals.calls,
		turns: totals.turns,
		sessions: totals.sessions,
		...timeSpan(totals),
		cacheHitRate: Math.round(totals.cacheHitRate * 1e6) / 1e6,
		models: totals.models,
		agents: totals.agents,
		activity,
	};
}

export type NodeJsonOptions = {readonly prompts: boolean};

/** A node without its children (the writer streams those). */
export function jsonNodeHead(node: TreeNode, options: NodeJsonOptions): Record<string, unknown> {
	const head: Record<string, unknown> = {
		kind: node.kind,
		key: node.key,
		label: node.kind === 'turn' && !options.prompts ? '' : node.label,
	};
	head['totals'] = jsonTotals(node.totals);
	if (node.kind === 'session' && node.session) {
		const {session} = node;
		head['session'] = {
			agent: session.agent,
			sessionId: session.sessionId,
			project: session.project,
			surface: session.surface ?? null,
			gitBranch: session.gitBranch ?? null,
			device: session.device ?? null,
			firstTime: isoTime(session.firstTime),
			lastTime: isoTime(session.lastTime),
			continuesFromEarlierDay: node.continues?.fromEarlierDay ?? false,
			continuesToLaterDay: node.continues?.toLaterDay ?? false,
		};
	}

	if (node.kind === 'turn' && node.turn) {
		head['turn'] = {
			turnId: node.turn.turnId,
			prompt: options.prompts ? node.turn.prompt : null,
			time: isoTime(node.turn.time),
		};
	}

	if (node.kind === 'call' && node.call) {
		const {call} = node;
		head['call'] = {
			agent: call.agent,
			time: isoTime(call.time),
			model: call.model,
			costUSD: usd(call.costUSD),
			costSource: call.costSource,
			pricingKey: call.pricingKey ?? null,
			longContext: call.longContext,
			tools: call.tools.map(tool => ({name: tool.name, activity: tool.activity})),
			files: call.files,
			callId: call.callId ?? null,
		};
	}

	return head;
}

/**
An insight as the document writes it: the message as one text and the user text it quotes
as `quotes`. Without prompts the quotes are left out of both (`"…"` marks where one was).
*/
export function jsonInsight(insight: Insight, options: NodeJsonOptions): Record<string, unknown> {
	return {
		id: insight.id,
		rule: insight.rule,
		severity: insight.severity,
		scope: insight.scope,
		message: messageText(insight.message, options),
		quotes: options.prompts ? quotesOf(insight.message) : [],
		figures: insight.figures,
		estimatedSavingUSD: insight.estimatedSavingUSD,
		estimatedSavingTokens: insight.estimatedSavingTokens,
	};
}
