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

Calls are rows of the tree's columns (model/rows.ts), given in time order.
*/
import {type AgentId, agentIds} from '../core/agents.js';
import type {CallRows} from '../model/rows.js';

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

function addCall(block: Block, rows: CallRows, row: number): void {
	const time = rows.time[row]!;
	if (block.calls === 0) {
		block.firstTime = time;
	}

	const cost = rows.cost[row]!;
	const model = rows.models[rows.model[row]!]!;
	block.calls++;
	block.lastTime = time;
	block.tokens += rows.total[row]!;
	block.inputOutputTokens += rows.input[row]! + rows.output[row]!;
	block.costUSD += Number.isNaN(cost) ? 0 : cost;
	if (!block.models.includes(model)) {
		block.models.push(model);
	}
}

/** Blocks (gap blocks included) of calls in time order; `now` decides which is active. */
export function identifyBlocks(rows: CallRows, calls: Int32Array, now: number): Block[] {
	const blocks: Block[] = [];
	let current: Block | undefined;
	for (let index = 0; index < calls.length; index++) {
		const row = calls[index]!;
		const time = rows.time[row]!;
		if (current && (time - current.start > blockMs || time - current.lastTime > blockMs)) {
			blocks.push(current);
			if (time - current.lastTime > blockMs) {
				blocks.push({...newBlock(current.lastTime + blockMs), end: time, isGap: true});
			}

			current = undefined;
		}

		current ??= newBlock(floorToHour(time));
		addCall(current, rows, row);
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

/**
Whether the call in a row counts in billing windows: the chosen agents; default: Claude when
it has calls, else everyone.
*/
export function blockAgentFilter(
	rows: CallRows,
	calls: Int32Array,
	agents?: readonly AgentId[],
): (row: number) => boolean {
	const claude = agentIds.indexOf('claude');
	const hasClaude = calls.some(row => rows.agent[row] === claude);
	const chosen: readonly AgentId[] | undefined =
		agents && agents.length > 0 ? agents : hasClaude ? ['claude'] : undefined;
	if (!chosen) {
		return () => true;
	}

	const counted = new Uint8Array(agentIds.length);
	for (const agent of chosen) {
		counted[agentIds.indexOf(agent)] = 1;
	}

	return row => counted[rows.agent[row]!] === 1;
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

/** What leaves the trailing 5-hour window when, from calls in time order. */
export function rollingWindow(rows: CallRows, calls: Int32Array, now: number): RollingWindow {
	const result: RollingWindow = {windowTokens: 0, tokensFirstRelease: 0, tokensFreedWithinHour: 0};
	let oldest: number | undefined;
	for (let index = 0; index < calls.length; index++) {
		const row = calls[index]!;
		const time = rows.time[row]!;
		if (!(time > now - blockMs && time <= now)) {
			continue;
		}

		oldest ??= time;
		const tokens = rows.total[row]!;
		result.windowTokens += tokens;
		if (time < oldest + 10 * 60_000) {
			result.tokensFirstRelease += tokens;
		}

		if (time + blockMs <= now + 3_600_000) {
			result.tokensFreedWithinHour += tokens;
		}
	}

	if (oldest !== undefined) {
		result.minutesUntilFirstRelease = (oldest + blockMs - now) / 60_000;
	}

	return result;
}
