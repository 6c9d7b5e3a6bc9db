/**
5-hour billing windows as ccusage defines them (facts read from ccusage's
`_session-blocks.ts`; the code here is our own):
- entries sorted by time; a block starts at its first entry floored to the UTC hour and
  ends 5 h later;
- an entry starts a new block when it is more than 5 h after the block start, or more than
  5 h after the previous entry; in the second case a gap block (no usage) spans from the
  previous entry + 5 h to the new entry;
- a block is active when now − its last entry < 5 h and now < its end;
- burn rate = block tokens (all kinds) / minutes between its first and last entry, cost
  per hour likewise; projection = current + rate × minutes left until the block end.
We add a rolling view (what leaves the trailing 5-hour window when) and a weekly view.
*/
import type {AgentId} from '../core/agents.js';
import {totalOf} from '../core/tokens.js';
import type {CallInfo} from '../model/types.js';

export const blockHours = 5;
export const blockMs = blockHours * 3_600_000;

export type Block = {
	/** Epoch ms: floored start and start + 5 h (gap blocks: the gap's bounds). */
	start: number;
	end: number;
	isGap: boolean;
	isActive: boolean;
	calls: number;
	firstTime: number;
	lastTime: number;
	/** All token kinds (ccusage's block total). */
	tokens: number;
	/** Input + output only (what community plan estimates count). */
	inputOutputTokens: number;
	costUSD: number;
	models: string[];
};

export type BurnRate = {tokensPerMinute: number; costPerHour: number};

const floorToHour = (time: number): number => time - (((time % 3_600_000) + 3_600_000) % 3_600_000);

function newBlock(start: number): Block {
	return {
		start,
		end: start + blockMs,
		isGap: false,
		isActive: false,
		calls: 0,
		firstTime: 0,
		lastTime: 0,
		tokens: 0,
		inputOutputTokens: 0,
		costUSD: 0,
		models: [],
	};
}

function addCall(block: Block, call: CallInfo): void {
	if (block.calls === 0) {
		block.firstTime = call.time;
	}

	block.calls++;
	block.lastTime = call.time;
	block.tokens += totalOf(call.tokens);
	block.inputOutputTokens += call.tokens.input + call.tokens.output;
	block.costUSD += call.costUSD ?? 0;
	if (!block.models.includes(call.model)) {
		block.models.push(call.model);
	}
}

function isTimeOrdered(calls: readonly CallInfo[]): boolean {
	for (let index = 1; index < calls.length; index++) {
		if (!(calls[index - 1]!.time <= calls[index]!.time)) {
			return false;
		}
	}

	return true;
}

/** Blocks (gap blocks included) of calls in any order; `now` decides which is active. */
export function identifyBlocks(calls: readonly CallInfo[], now: number): Block[] {
	// Callers mostly pass calls already in time order (scopes are): then skip the copy and sort.
	const sorted = isTimeOrdered(calls) ? calls : [...calls].sort((a, b) => a.time - b.time);
	const blocks: Block[] = [];
	let current: Block | undefined;
	for (const call of sorted) {
		if (current && (call.time - current.start > blockMs || call.time - current.lastTime > blockMs)) {
			blocks.push(current);
			if (call.time - current.lastTime > blockMs) {
				blocks.push({...newBlock(current.lastTime + blockMs), end: call.time, isGap: true});
			}

			current = undefined;
		}

		current ??= newBlock(floorToHour(call.time));
		addCall(current, call);
	}

	if (current) {
		blocks.push(current);
	}

	for (const block of blocks) {
		block.isActive = !block.isGap && now - block.lastTime < blockMs && now < block.end;
	}

	return blocks;
}

export function burnRateOf(block: Block): BurnRate | undefined {
	const minutes = (block.lastTime - block.firstTime) / 60_000;
	if (block.isGap || block.calls === 0 || minutes <= 0) {
		return undefined;
	}

	return {tokensPerMinute: block.tokens / minutes, costPerHour: (block.costUSD / minutes) * 60};
}

/** Whether a call counts in billing windows: the chosen agents; default: Claude when it has calls, else everyone. */
export function blockAgentFilter(calls: readonly CallInfo[], agents?: readonly AgentId[]): (call: CallInfo) => boolean {
	const chosen =
		agents && agents.length > 0 ? agents : calls.some(call => call.agent === 'claude') ? ['claude'] : undefined;
	return chosen ? call => chosen.includes(call.agent) : () => true;
}

export type RollingWindow = {
	/** Tokens of calls in (now − 5 h, now]. */
	windowTokens: number;
	/** Minutes until the oldest call in the window leaves it; undefined when empty. */
	minutesUntilFirstRelease?: number;
	/** Tokens that leave in the 10 minutes starting at the first release. */
	tokensFirstRelease: number;
	/** Tokens that leave within the next 60 minutes. */
	tokensFreedWithinHour: number;
};

export function rollingWindow(calls: readonly CallInfo[], now: number): RollingWindow {
	const inWindow = calls.filter(call => call.time > now - blockMs && call.time <= now).sort((a, b) => a.time - b.time);
	const result: RollingWindow = {windowTokens: 0, tokensFirstRelease: 0, tokensFreedWithinHour: 0};
	const oldest = inWindow[0];
	for (const call of inWindow) {
		const tokens = totalOf(call.tokens);
		result.windowTokens += tokens;
		if (oldest && call.time < oldest.time + 10 * 60_000) {
			result.tokensFirstRelease += tokens;
		}

		if (call.time + blockMs <= now + 3_600_000) {
			result.tokensFreedWithinHour += tokens;
		}
	}

	if (oldest) {
		result.minutesUntilFirstRelease = (oldest.time + blockMs - now) / 60_000;
	}

	return result;
}
