/**
Rule 4, cache efficiency: what the prompt cache saved and what it lost.

- hit rate = cacheRead / prompt, compared with the user's own average (the whole tree);
- saved USD = Σ cacheRead × (input rate − cache-read rate) per call (rates.ts);
- idle rebuilds: two consecutive calls of one model in a session (caches are per model, and
  sub-agents on other models interleave) more than the TTL apart (1 h when the earlier call
  wrote 1-hour cache, else 5 min) where the later call writes ≥ 50% of a prompt of ≥ 10K
  tokens: the cache expired and was rebuilt.
  lost USD = min(cacheWrite, previous prompt) × (write rate − read rate);
- unread writes: a call's cache write that no later call of the same model in the session
  reads (cacheRead > 0) within the TTL. lost USD = write tokens × (write rate − input rate): the premium paid.
Triggers when the scope read or wrote cache. Warning when rebuilds + unread writes lost
≥ $0.50 and ≥ 10% of the savings, or when the hit rate is ≥ 20 points under the average.
A second insight per scope, `cache-idle-rebuild`, carries the rebuild loss as a saving.
*/
import {formatTokens, promptOf} from '../../core/tokens.js';
import {cents, count, minutes, percentText, tokens, usd, usdText} from '../format.js';
import type {Rates} from '../rates.js';
import {makeInsight, type Scope, targetOf} from '../scope.js';
import type {DetailLine, Insight} from '../types.js';

export const cacheThresholds = {
	ttl5m: 5 * 60_000,
	ttl1h: 60 * 60_000,
	rebuildShare: 0.5,
	rebuildMinPrompt: 10_000,
	warningLostUSD: 0.5,
	warningLostShare: 0.1,
	belowAverage: 0.2,
} as const;

export type CacheAccount = {
	promptTokens: number;
	cacheRead: number;
	cacheWrite: number;
	hitRate: number;
	savedUSD: number;
	rebuilds: number;
	rebuildTokens: number;
	rebuildLostUSD: number;
	unreadWrites: number;
	unreadWriteTokens: number;
	unreadLostUSD: number;
	/** The rebuild that cost the most (tokens when unpriced): its call, -1 when none; tokens; idle minutes before it. */
	worstRebuild: {call: number; tokens: number; lostUSD: number; idleMinutes: number};
};

const ttlOf = (scope: Scope, call: number): number =>
	scope.cacheWrite1h(call) > 0 ? cacheThresholds.ttl1h : cacheThresholds.ttl5m;

function writeRate(scope: Scope, call: number, rates: Rates): number {
	const cacheWrite5m = scope.cacheWrite5m(call);
	const cacheWrite1h = scope.cacheWrite1h(call);
	const all = cacheWrite5m + cacheWrite1h;
	return all === 0 ? rates.cacheWrite5m : (cacheWrite5m * rates.cacheWrite5m + cacheWrite1h * rates.cacheWrite1h) / all;
}

/**
For each call of a session (in time order), the time of the next later call of the same model
that reads cache (Infinity when none). A write is read within its TTL exactly when that time
is within the TTL: times never decrease, so no earlier later call can be past the TTL before
it. One backward pass instead of a forward scan per write.
*/
function nextReadTimes(scope: Scope, calls: Int32Array): Float64Array {
	const next = new Float64Array(calls.length);
	const upcoming = new Map<string, number>();
	for (let index = calls.length - 1; index >= 0; index--) {
		const call = calls[index]!;
		next[index] = upcoming.get(scope.modelName(call)) ?? Number.POSITIVE_INFINITY;
		if (scope.cacheRead(call) > 0) {
			upcoming.set(scope.modelName(call), scope.time(call));
		}
	}

	return next;
}

function emptyAccount(): CacheAccount {
	return {
		promptTokens: 0,
		cacheRead: 0,
		cacheWrite: 0,
		hitRate: 0,
		savedUSD: 0,
		rebuilds: 0,
		rebuildTokens: 0,
		rebuildLostUSD: 0,
		unreadWrites: 0,
		unreadWriteTokens: 0,
		unreadLostUSD: 0,
		worstRebuild: {call: -1, tokens: 0, lostUSD: 0, idleMinutes: 0},
	};
}

export function cacheAccount(scope: Scope): CacheAccount {
	const account = emptyAccount();
	for (const group of scope.sessions) {
		const {calls} = group;
		const lastByModel = new Map<string, number>();
		const nextRead = nextReadTimes(scope, calls);
		for (let index = 0; index < calls.length; index++) {
			const call = calls[index]!;
			const prompt = scope.prompt(call);
			const write = scope.cacheWrite(call);
			const time = scope.time(call);
			account.promptTokens += prompt;
			account.cacheRead += scope.cacheRead(call);
			account.cacheWrite += write;
			const rates = scope.rates(call);
			if (rates) {
				account.savedUSD += scope.cacheRead(call) * Math.max(0, rates.input - rates.cacheRead);
			}

			const previous = lastByModel.get(scope.modelName(call));
			lastByModel.set(scope.modelName(call), call);
			if (
				previous !== undefined &&
				time - scope.time(previous) > ttlOf(scope, previous) &&
				prompt >= cacheThresholds.rebuildMinPrompt &&
				write >= cacheThresholds.rebuildShare * prompt
			) {
				const rebuilt = Math.min(write, scope.prompt(previous));
				const lostUSD = rates ? rebuilt * Math.max(0, writeRate(scope, call, rates) - rates.cacheRead) : 0;
				account.rebuilds++;
				account.rebuildTokens += rebuilt;
				account.rebuildLostUSD += lostUSD;
				const worst = account.worstRebuild;
				if (worst.call < 0 || lostUSD > worst.lostUSD || (lostUSD === worst.lostUSD && rebuilt > worst.tokens)) {
					account.worstRebuild = {call, tokens: rebuilt, lostUSD, idleMinutes: (time - scope.time(previous)) / 60_000};
				}
			}

			if (write > 0 && !(nextRead[index]! - time <= ttlOf(scope, call))) {
				account.unreadWrites++;
				account.unreadWriteTokens += write;
				account.unreadLostUSD += rates ? write * Math.max(0, writeRate(scope, call, rates) - rates.input) : 0;
			}
		}
	}

	account.hitRate = account.promptTokens === 0 ? 0 : account.cacheRead / account.promptTokens;
	return account;
}

export function cacheEfficiency(scope: Scope): Insight[] {
	const account = cacheAccount(scope);
	if (account.cacheRead + account.cacheWrite === 0) {
		return [];
	}

	const average = scope.model.root.totals.cacheHitRate;
	const lost = account.rebuildLostUSD + account.unreadLostUSD;
	const below = scope.node !== scope.model.root && account.hitRate <= average - cacheThresholds.belowAverage;
	const lossy = lost >= cacheThresholds.warningLostUSD && lost >= cacheThresholds.warningLostShare * account.savedUSD;
	const models = [...scope.node.totals.byModel.entries()]
		.map(([model, breakdown]) => {
			const prompt = promptOf(breakdown.tokens);
			return {model, prompt, rate: prompt === 0 ? 0 : breakdown.tokens.cacheRead / prompt};
		})
		.filter(item => item.prompt > 0)
		.sort((a, b) => b.prompt - a.prompt);
	const figures: Insight['figures'] = {
		hitRate: Math.round(account.hitRate * 1000) / 1000,
		averageHitRate: Math.round(average * 1000) / 1000,
		savedUSD: cents(account.savedUSD),
		rebuilds: account.rebuilds,
		rebuildTokens: account.rebuildTokens,
		rebuildLostUSD: cents(account.rebuildLostUSD),
		unreadWrites: account.unreadWrites,
		unreadWriteTokens: account.unreadWriteTokens,
		unreadLostUSD: cents(account.unreadLostUSD),
	};
	for (const item of models.slice(0, 3)) {
		figures[`hitRate:${item.model}`] = Math.round(item.rate * 1000) / 1000;
	}

	const comparison = scope.node === scope.model.root ? '' : ` (your average ${percentText(average)})`;
	const losses =
		lost > 0
			? `; lost ${usdText(lost)} to ${account.rebuilds} rebuild${account.rebuilds === 1 ? '' : 's'} after idle gaps and ${account.unreadWrites} write${account.unreadWrites === 1 ? '' : 's'} never read`
			: '';
	const insights = [
		makeInsight(scope, {
			rule: 'cache-efficiency',
			severity: below || lossy ? 'warning' : 'info',
			message: `Cache hit rate ${percentText(account.hitRate)}${comparison}: cache saved ${usdText(account.savedUSD)} vs. uncached input${losses}.`,
			figures,
			details: cacheDetails(account, lost),
		}),
	];
	if (account.rebuilds > 0 && account.rebuildLostUSD > 0) {
		insights.push(
			makeInsight(scope, {
				rule: 'cache-idle-rebuild',
				severity: account.rebuildLostUSD >= cacheThresholds.warningLostUSD ? 'warning' : 'info',
				message: `${account.rebuilds} time${account.rebuilds === 1 ? '' : 's'} a session resumed after its cache expired (> 5 min idle, 1 h for 1-hour cache) and rebuilt ${formatTokens(account.rebuildTokens)} tokens of cache: ${usdText(account.rebuildLostUSD)} more than reading it warm.`,
				figures: {
					rebuilds: account.rebuilds,
					rebuildTokens: account.rebuildTokens,
					rebuildLostUSD: cents(account.rebuildLostUSD),
				},
				details: rebuildDetails(scope, account),
				// The call that rebuilt the most cache.
				target: targetOf(scope, account.worstRebuild.call, 'call'),
				estimatedSavingUSD: account.rebuildLostUSD,
				estimatedSavingTokens: account.rebuildTokens,
			}),
		);
	}

	return insights;
}

function cacheDetails(account: CacheAccount, lost: number): DetailLine[] {
	return [
		[
			tokens(account.cacheRead),
			' read from cache, ',
			tokens(account.cacheWrite),
			' written · saved ',
			usd(account.savedUSD),
		],
		lost > 0
			? [
					count(account.rebuilds, 'rebuild'),
					' lost ',
					usd(account.rebuildLostUSD),
					' · ',
					count(account.unreadWrites, 'unread write'),
					' lost ',
					usd(account.unreadLostUSD),
				]
			: ['nothing lost to expired or unread cache'],
	];
}

function rebuildDetails(scope: Scope, account: CacheAccount): DetailLine[] {
	const worst = account.worstRebuild;
	return [
		[
			count(account.rebuilds, 'rebuild'),
			' · ',
			tokens(account.rebuildTokens),
			' rebuilt · ',
			usd(account.rebuildLostUSD),
		],
		[
			'largest: ',
			tokens(worst.tokens),
			` in ${scope.project(worst.call)} on ${scope.day(worst.call)} after `,
			minutes(worst.idleMinutes),
			' idle',
		],
	];
}
