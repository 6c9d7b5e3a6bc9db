/**
WatchAlerts (cli/watch-mode.ts) on the demo data: when the clock passes midnight in the run's
time zone, the day that ended is told once, with the totals its day node has in the tree.
*/
import path from 'node:path';
import {expect, it} from 'vitest';
import {WatchAlerts} from '../../source/cli/watch-mode.js';
import {formatTokens} from '../../source/core/tokens.js';
import {blockStatus} from '../../source/insights/block-status.js';
import {buildTree} from '../../source/model/build.js';
import {loadUsage} from '../../source/pipeline/load.js';
import {repoRoot} from '../support/cli.js';
import {pricer} from '../support/pricer.js';

it('tells each ended day once, in the run’s time zone, with its totals', async () => {
	const {store} = await loadUsage({dataDirs: [path.join(repoRoot, 'fixtures', 'demo')]});
	for (const timezone of ['UTC', 'America/Los_Angeles']) {
		const model = buildTree(store, {timezone, pricer});
		const day = model.root.children[0]!.children[0]!;
		// Noon and the next day's 00:30, local time (the demo days are long past: no active block).
		const noon = Date.parse(`${day.key}T12:00:00Z`) - offsetMs(timezone, Date.parse(`${day.key}T12:00:00Z`));
		const alerts = new WatchAlerts(timezone, noon);
		expect(alerts.linesFor(model, blockStatus(model, noon), noon)).toEqual([]);
		const afterMidnight = noon + 12.5 * 3_600_000;
		const lines = alerts.linesFor(model, blockStatus(model, afterMidnight), afterMidnight);
		expect(lines).toHaveLength(1);
		expect(lines[0]).toContain(`● ${day.key} ended: ${formatTokens(day.totals.total)} tokens`);
		expect(lines[0]).toContain(`${day.totals.calls} calls`);
		expect(alerts.linesFor(model, blockStatus(model, afterMidnight), afterMidnight + 60_000)).toEqual([]);
	}
});

/** The zone's offset from UTC at `time` (ms), as the zone's wall clock reads it. */
function offsetMs(timeZone: string, time: number): number {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
	}).formatToParts(time);
	const value = (type: string) => Number(parts.find(part => part.type === type)!.value);
	return Date.UTC(value('year'), value('month') - 1, value('day'), value('hour'), value('minute')) - time;
}
