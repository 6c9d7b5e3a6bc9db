/**
Issue 18: the `a` picker lists All, then each agent that has data, in the order of
`source/core/agents.ts` whatever order the data came in; an agent without data is not listed.
The data here holds one session of every agent but one, written newest-first.
*/
import {cleanup} from 'ink-testing-library';
import {afterEach, describe, expect, it} from 'vitest';
import {type AgentId, agentIds, agentLabels} from '../../source/core/agents.js';
import type {UsageEvent} from '../../source/core/events.js';
import {call, session} from '../support/events.js';
import {mount, pickerSelection, pickWith} from './helpers.js';

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
	it('`a` lists every agent present, in agents.ts order, and picks each of them and all', async () => {
		const mounted = await mount({size: {columns: 100, rows: 40}}, {events: everyAgent()});
		const {frame, press, waitForText} = mounted;
		await waitForText(`${present.length} sessions`);
		await press('a', 'Enter: pick');
		const entries = frame()
			.split('\n')
			.filter(line => /^[›> ] \S/.test(line))
			.map(line => line.slice(2).trim());
		expect(entries).toEqual(['all agents', ...present.map(agent => agentLabels[agent])]);
		expect(pickerSelection(frame())).toBe('all agents');
		await press('\u001B', frame => !frame.includes('Enter: pick'));
		for (const agent of present) {
			await pickWith(mounted, 'a', 'Agent', agentLabels[agent]);
			expect(frame()).toContain(`agent: ${agentLabels[agent]}`);
			expect(frame()).toMatch(/· 1 sessions?\b/);
		}

		await pickWith(mounted, 'a', 'Agent', 'all agents');
		expect(frame()).toContain('Filters: none');
	});
});
