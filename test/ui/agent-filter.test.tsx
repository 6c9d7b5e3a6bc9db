/**
Issue 18: the `a` key cycles All → each agent that has data, in the order of
`source/core/agents.ts` whatever order the data came in, → All; an agent without data is
skipped. The data here holds one session of every agent but one, written newest-first.
*/
import {cleanup} from 'ink-testing-library';
import {afterEach, describe, expect, it} from 'vitest';
import {type AgentId, agentIds, agentLabels} from '../../source/core/agents.js';
import type {UsageEvent} from '../../source/core/events.js';
import {call, session} from '../support/events.js';
import {mount} from './helpers.js';

afterEach(() => {
	cleanup();
});

const absent: AgentId = 'kimi';
const present = agentIds.filter(agent => agent !== absent);

/** One session per present agent, the last agent's the earliest (the reverse of agents.ts). */
function everyAgent(): UsageEvent[] {
	return present.toReversed().flatMap((agent, index) => {
		const iso = `2026-02-${String(2 + Math.floor(index / 4)).padStart(2, '0')}T${String(8 + (index % 4)).padStart(2, '0')}:00:00Z`;
		return [session(agent, `${agent}-s1`, {project: `${agent}-project`}), call(agent, `${agent}-s1`, iso)];
	});
}

describe('agent filter', () => {
	it('`a` cycles through every agent present, in agents.ts order, and back to all', async () => {
		const {frame, press, waitForText} = await mount({}, {events: everyAgent()});
		await waitForText(`${present.length} sessions`);
		for (const agent of present) {
			const label = `agent: ${agentLabels[agent]}`;
			await press('a', text => text.includes(label) && /· 1 sessions?\b/.test(text));
		}

		expect(frame()).toContain(`agent: ${agentLabels[present.at(-1)!]}`);
		await press('a', 'Filters: none');
		expect(frame()).not.toContain(agentLabels[absent]);
	});
});
