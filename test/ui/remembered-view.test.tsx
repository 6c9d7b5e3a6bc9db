/**
The remembered view as the app reports it (AppOptions.onViewChange, which the CLI writes to the
config file on quit): it starts from the view remembered last time, follows sort, filter, graph
and path changes, and what it reports reads back unchanged (browser/remembered.ts).
*/
import {cleanup} from 'ink-testing-library';
import {afterEach, describe, expect, it} from 'vitest';
import {noFilters} from '../../source/browser/filters.js';
import {parseRememberedView, type RememberedView} from '../../source/browser/remembered.js';
import {keys, mount} from './helpers.js';

afterEach(() => {
	cleanup();
});

describe('remembered view', () => {
	it('reports the view the browser shows, and the report round-trips through JSON', async () => {
		const reported: RememberedView[] = [];
		const initialView: RememberedView = {
			sort: {key: 'cost', reverse: true},
			filters: {...noFilters, agent: 'claude', time: {kind: 'custom', since: '2026-02-01', until: '2026-02-28'}},
			graph: 'bar',
			groupBy: 'time',
			path: ['2026-W07', '2026-02-12'],
		};
		const {press, waitForText} = await mount({initialView, onViewChange: view => reported.push(view)});
		await waitForText('All › 2026-W07 › 2026-02-12');
		expect(reported.at(-1)).toEqual(initialView);

		await press('n', 'Sorted by time');
		await press(keys.left, frame => !frame.includes('All › 2026-W07 › 2026-02-12'));
		await press('g', () => reported.at(-1)?.graph === 'percent');
		const view = reported.at(-1)!;
		expect(view).toEqual({...initialView, sort: {key: 'name', reverse: false}, graph: 'percent', path: ['2026-W07']});
		expect(parseRememberedView(JSON.parse(JSON.stringify(view)))).toEqual(view);
	});
});
